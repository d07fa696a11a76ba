"""Perspectives by role group on Reveal: per pillar each group's median and spread, and the widest gaps in words.

Uses core/perspectives.py, so the screen, the handout and `summary --by-group` agree. In
anonymous mode a group of fewer than three raters is never shown on its own (it is merged
into "Other groups", or left out when even that stays too small).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QWidget

from workshop_app.core.model import Workshop
from workshop_app.core.perspectives import (
    GroupStats,
    PillarPerspective,
    gap_sentences,
    pillar_perspectives,
    workshop_groups,
)
from workshop_app.core.rubric import Rubric


def group_cell(rubric: Rubric, stats: GroupStats) -> str:
    """'3 Run (middle half 2–3, 5)': the median first, then where the middle half of the ratings lie
    (stage numbers) and how many rated."""
    spread = f"middle half at {stats.q1:g}" if stats.q1 == stats.q3 else f"middle half {stats.q1:g}–{stats.q3:g}"
    return f"{rubric.stage_label(stats.median)} ({spread}, {stats.n})"


def by_group_html(ws: Workshop, perspectives: Sequence[PillarPerspective], order: Sequence[str],
                  *, anonymous: bool) -> str:
    """Gap sentences, then a table: a row per pillar (in `order`), a column per group shown anywhere."""
    by_id = {p.pillar: p for p in perspectives}
    rows = [by_id[p] for p in order if p in by_id]
    groups: list[str] = []
    for p in rows:
        for s in p.groups:
            if s.group not in groups:
                groups.append(s.group)
    if not groups:
        why = ("no two role groups of three or more raters" if anonymous
               else "the participants are not in two or more role groups")
        return (f"<p>No breakdown by group: {why}. Set groups on the Participants page "
                "(suggested from each role).</p>")
    sentences = gap_sentences(ws, rows)
    parts = ["<h3 style='color:#1f3a5f'>Largest gaps between groups</h3>"]
    parts.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in sentences) + "</ul>" if sentences
                 else "<p>No group rates a pillar a whole stage apart from another.</p>")
    head = "".join(f"<th align='left'>{html.escape(g)}</th>" for g in groups)
    parts.append("<table cellpadding='6' cellspacing='0' border='0' width='100%'>"
                 f"<tr style='background:#dfe7f1'><th align='left'>Pillar</th>{head}<th align='left'>Gap</th></tr>")
    for i, p in enumerate(rows):
        cells = {s.group: group_cell(ws.rubric, s) for s in p.groups}
        tds = "".join(f"<td>{html.escape(cells.get(g, '–'))}</td>" for g in groups)
        gap = "–" if not p.groups else ("none" if p.gap == 0 else f"{p.gap} stage" + ("s" if p.gap > 1 else ""))
        shade = " style='background:#f3f6fa'" if i % 2 else ""
        name = html.escape(ws.rubric.pillar(p.pillar).name)
        parts.append(f"<tr{shade}><td><b>{name}</b></td>{tds}<td>{gap}</td></tr>")
    parts.append("</table>")
    hidden = max((p.hidden for p in rows), default=0)
    notes = ["Each cell: the group's median stage (middle half of its ratings, people who rated)."]
    if anonymous and hidden:
        notes.append(f"Up to {hidden} raters are left out where their group is smaller than three "
                     "(anonymous results never show a group that small).")
    parts.append("".join(f"<p style='color:#5a6472'>{html.escape(n)}</p>" for n in notes))
    return "".join(parts)


class ByGroupView(QTextBrowser):
    """Read-only view of the perspectives by role group for the round shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the table wraps instead
        self._html = ""
        self.perspectives: list[PillarPerspective] = []

    def show_round(self, ws: Workshop, round_number: int, order: Sequence[str], *, anonymous: bool) -> None:
        self.perspectives = pillar_perspectives(ws, workshop_groups(ws), round_number, anonymous=anonymous)
        text = by_group_html(ws, self.perspectives, order, anonymous=anonymous)
        if text != self._html:
            self._html = text
            self.setHtml(text)

    def visible_texts(self) -> list[str]:
        return [self.toPlainText()]
