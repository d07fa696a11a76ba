"""What people wrote with their ratings, readable by the room during the discussion (not only in tooltips).

Anonymous by default, by the same rules as the handout (core/anonymity.py): names
are taken out of the text, and a quote carries its author's role only when at least
three people hold that role; named, each quote says who wrote it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QTextBrowser, QWidget

from workshop_app.core.anonymity import NameScrubber, quote_attribution, role_sizes
from workshop_app.core.consensus import Summary
from workshop_app.core.model import Rating, Workshop


@dataclass(frozen=True)
class Quote:
    stage: str  # "3 Run" or "Don't know"
    text: str
    by: str  # "a participant", "Operations manager", or a name when the page is named


@dataclass(frozen=True)
class PillarQuotes:
    pillar: str
    name: str
    round: int
    quotes: tuple[Quote, ...]


def pillar_quotes(ws: Workshop, summary: Summary, ratings: dict[tuple[str, int], dict[str, Rating]],
                  order: Sequence[str], *, anonymous: bool) -> list[PillarQuotes]:
    """Every comment given with the ratings the summary shows, per pillar in `order`, lowest stage first."""
    people = {p.id: p for p in ws.participants}
    scrub = NameScrubber(ws.participants) if anonymous else str
    sizes = role_sizes(ws.participants)
    by_id = {s.pillar: s for s in summary.pillars}
    out = []
    for pillar_id in order:
        stats = by_id.get(pillar_id)
        if stats is None:
            continue
        quotes = []
        for pid, rating in ratings.get((pillar_id, stats.round), {}).items():
            text = " ".join(rating.comment.split())
            person = people.get(pid)
            if not text or person is None:
                continue
            if anonymous:
                by = quote_attribution(person, sizes) or "a participant"
            else:
                by = person.name + (f" ({person.role})" if person.role else "")
            stage = ws.rubric.stage_label(rating.stage) if rating.stage is not None else "Don't know"
            quotes.append((rating.stage or 0, Quote(stage, scrub(text), by)))
        quotes.sort(key=lambda q: (q[0], q[1].text))
        out.append(PillarQuotes(pillar_id, ws.rubric.pillar(pillar_id).name, stats.round,
                                tuple(q for _, q in quotes)))
    return out


def quotes_html(groups: Sequence[PillarQuotes], shown_round: int) -> str:
    """The comments as simple HTML: a heading per pillar, one quote a line with its stage and author."""
    parts = []
    total = sum(len(g.quotes) for g in groups)
    if not total:
        return "<p>No comments were given with the ratings of this round.</p>"
    for group in groups:
        note = f" <small>(round {group.round})</small>" if group.round != shown_round else ""
        parts.append(f"<h3 style='color:#1f3a5f; margin-bottom:2px'>{html.escape(group.name)}{note}</h3>")
        if not group.quotes:
            parts.append("<p style='color:#5a6472'>No comments.</p>")
            continue
        parts.append("<ul style='margin-top:0'>")
        for q in group.quotes:
            parts.append(f"<li><b>{html.escape(q.stage)}</b>: “{html.escape(q.text)}” "
                         f"<span style='color:#5a6472'>— {html.escape(q.by)}</span></li>")
        parts.append("</ul>")
    return "".join(parts)


class CommentsView(QTextBrowser):
    """Read-only, scrolling list of the comments, in the order the pillars are sorted on the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self._html = ""

    def set_quotes(self, groups: Sequence[PillarQuotes], shown_round: int) -> None:
        text = quotes_html(groups, shown_round)
        if text != self._html:
            self._html = text
            self.setHtml(text)

    def visible_texts(self) -> list[str]:
        return [self.toPlainText()]
