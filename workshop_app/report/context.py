"""What every section needs: the workshop, its statistics, styles, and safe text helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.platypus import ListFlowable, ListItem, Spacer, Table
from reportlab.platypus.flowables import Flowable

from workshop_app.charts import ChartPalette
from workshop_app.core.anonymity import (
    NameScrubber,
    anonymous_labels,
    group_medians,
    quote_attribution,
    role_groups,
    role_sizes,
)
from workshop_app.core.consensus import LEVEL_SYMBOLS, PillarStats, Summary
from workshop_app.core.model import Workshop
from workshop_app.report.brand import Brand
from workshop_app.report.fonts import FontSet
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.styles import Styles, box_style

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.styles import ParagraphStyle

@dataclass
class ReportContext:
    workshop: Workshop
    summary: Summary
    brand: Brand
    fonts: FontSet
    styles: Styles
    width: float  # frame width in points
    height: float = 0.0  # frame height in points (0: unknown, nothing is fitted to a page)
    anonymous: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # participant id -> name or "P1"
    groups: dict[str, str] = field(default_factory=dict)  # participant id -> role group (anonymous)
    long_texts: list[tuple[str, str]] = field(default_factory=list)  # (where, full text) cut short in place
    _sizes: dict[str, int] = field(default_factory=dict)
    _scrubber: NameScrubber | None = None

    def __post_init__(self) -> None:
        people = self.workshop.participants
        if self.anonymous:
            self.labels = anonymous_labels(people)
            self.groups = role_groups(people)
            self._sizes = role_sizes(people)
            self._scrubber = NameScrubber(people)
        else:
            self.labels = {pid: name or "–" for pid, name in self.workshop.participant_names().items()}

    # ------------------------------------------------------------------ anonymity
    def scrub(self, text: str) -> str:
        """Free text with every participant name replaced, when the handout is anonymous."""
        text = str(text or "")
        if self._scrubber is None:
            return text
        return self._scrubber(text)

    def person(self, participant_id: str, *, with_role: bool = True) -> str:
        """How a participant is named next to what they said (plain text).

        Anonymous: their role only when at least three people hold it, else "a participant".
        """
        try:
            p = self.workshop.participant(participant_id)
        except KeyError:
            return "a former participant"
        if self.anonymous:
            return quote_attribution(p, self._sizes) or "a participant"
        label = self.labels.get(p.id, p.name)
        return f"{label} ({p.role})" if with_role and p.role else label

    def owner(self, owner: str) -> str:
        """Roadmap owner; in an anonymous handout a participant owner becomes their role.

        Owning an action is not a rating, so the role may be shown however few hold it.
        """
        if not self.anonymous:
            return owner
        for p in self.workshop.participants:
            if owner.strip().casefold() == p.name.strip().casefold() and p.name.strip():
                return p.role or "a participant"
        return self.scrub(owner)

    def medians_by_role(self, stats: PillarStats) -> dict[str, tuple[int, int]]:
        """Role -> (median, raters) for a pillar; anonymous: only groups of three or more, or nothing."""
        if not self.anonymous:
            return dict(stats.by_role)
        stages = {r.participant: r.stage for r in self.workshop.ratings_for(stats.pillar, stats.round)}
        return group_medians(stages, self.groups)

    # ------------------------------------------------------------------ text
    def esc(self, text: str) -> str:
        """User text ready for Paragraph markup: scrubbed, escaped, printable in the font."""
        return self.fonts.markup(self.scrub(text))

    def para(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph from markup built by the report itself (user parts already escaped)."""
        return Paragraph(markup, style or self.styles.body)

    def text(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of user text, printed exactly as typed."""
        return Paragraph(self.esc(text), style or self.styles.body)

    def bullets(self, items: Sequence[str], *, user: bool = True) -> ListFlowable:
        style = self.styles.bullet
        paras = [ListItem(Paragraph(self.esc(i) if user else i, style), value="•") for i in items]
        bullet_font = self.fonts.regular if self.fonts.has("•") or not self.fonts.fallback else self.fonts.fallback
        return ListFlowable(paras, bulletType="bullet", start="•", leftIndent=12, bulletFontName=bullet_font,
                            bulletColor=self.styles.primary, spaceAfter=6)

    def box(self, flowables: list[Flowable]) -> Table:
        table = Table([[flowables]], colWidths=[self.width])
        table.setStyle(box_style(self.styles))
        return table

    # ------------------------------------------------------------------ rubric helpers
    def stage_name(self, number: int | None) -> str:
        """Escaped '2 Walk' label, '–' when there is none."""
        if number is None:
            return "–"
        return self.fonts.markup(self.workshop.rubric.stage_label(number))

    def pillar_name(self, pillar_id: str) -> str:
        return self.fonts.markup(self.workshop.rubric.pillar(pillar_id).name)

    def level(self, level: str) -> str:
        return self.fonts.markup(f"{LEVEL_SYMBOLS.get(level, '')} {level}".strip())

    # ------------------------------------------------------------------ charts
    def palette(self) -> ChartPalette:
        return ChartPalette(primary=self.brand.primary, accent=self.brand.accent)

    def chart(self, drawing: Drawing) -> list[Flowable]:
        """A chart drawn as vectors (report/vcharts.py), with a little room under it."""
        return [drawing, Spacer(1, 4)]

