"""One pillar's revealed result: level in words and symbol, median, agreement, spread, outliers, movement."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core.anonymity import anonymous_labels as core_anonymous_labels
from workshop_app.core.anonymity import group_medians, label_order
from workshop_app.core.consensus import (
    ALIGNED,
    DISCUSS,
    LEVEL_SYMBOLS,
    LEVEL_TEXT,
    POLARISED,
    SPLIT,
    PillarStats,
    agreement_text,
)
from workshop_app.core.model import Participant, Rating
from workshop_app.core.rubric import Rubric
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ORANGE, ScaledLabel, is_font_change, rescale_labels
from workshop_app.gui.widgets.spread import SpreadBars, SpreadData
from workshop_app.gui.widgets.wall import closeness

#: Badge colours per level; the word and symbol carry the meaning, colour only repeats it.
LEVEL_STYLE = {
    ALIGNED: f"background: {NAVY}; color: white;",
    DISCUSS: f"background: #dfe7f1; color: {NAVY};",
    SPLIT: f"background: #fbe3cc; color: #7a3b00; border: 2px solid {ORANGE};",
    POLARISED: f"background: {ORANGE}; color: white;",
}
MOVE_ARROWS = {"converged": "▲", "diverged": "▼", "unchanged": "="}


def level_sentence(stats: PillarStats) -> str:
    """The level in a sentence that never contradicts the lines under it: a 'discuss' pillar without
    outliers does not ask to hear them, an aligned one with outliers says so."""
    outliers = bool(stats.outliers) and not stats.polarised
    if stats.level == DISCUSS and not outliers:
        return "Mostly agreed; hear the views at either end"
    if stats.level == ALIGNED and outliers:
        return "The room agrees, apart from the outliers below"
    return LEVEL_TEXT[stats.level]


def anonymous_labels(participants: Iterable[Participant]) -> dict[str, str]:
    """'P1'.. labels in an order derived from the ids, so they do not follow the seating list."""
    return core_anonymous_labels(participants)


@dataclass(frozen=True)
class PillarText:
    """Everything a card shows, as plain strings (testable without widgets)."""

    title: str
    level: str
    level_word: str
    level_text: str
    median: str
    agreement: str
    spread: str
    plain: str  # the spread in plain words, shown before the figures
    people: str
    movement: str
    carried: str
    roles: str
    bars: SpreadData

    def lines(self) -> list[str]:
        return [self.title, self.level_word, self.level_text, self.median, self.plain, self.agreement,
                self.spread, self.people, self.movement, self.carried, self.roles]


def _names(ids: Iterable[str], labels: dict[str, str], ratings: dict[str, Rating], rubric: Rubric) -> str:
    """'3 Run: P2, P7; 4 Fly: P5': people grouped under the stage they chose."""
    by_stage: dict[int | None, list[str]] = {}
    for pid in ids:
        rating = ratings.get(pid)
        by_stage.setdefault(rating.stage if rating is not None else None, []).append(labels.get(pid, "?"))
    parts = []
    for stage in sorted(by_stage, key=lambda s: s or 0):
        names = ", ".join(sorted(by_stage[stage], key=label_order))
        parts.append(f"{rubric.stage_label(stage)}: {names}" if stage else names)
    return "; ".join(parts)


def describe_pillar(rubric: Rubric, stats: PillarStats, shown_round: int, ratings: dict[str, Rating],
                    labels: dict[str, str], roles_shown: int = 1, *,
                    groups: Mapping[str, str] | None = None) -> PillarText:
    """Words for one pillar. `ratings` maps participant id to their rating in `stats.round`;
    `labels` maps ids to names or anonymous labels.

    `roles_shown` above 1 means the screen is anonymous: the median by role then follows the
    core rule (core/anonymity.py): only role groups of three or more raters, from `groups`
    (participant id -> role group, from `role_groups`), and nothing without `groups`.
    """
    pillar = rubric.pillar(stats.pillar)
    word = stats.level.capitalize() if stats.level != "no ratings" else "No ratings"
    level_word = f"{LEVEL_SYMBOLS[stats.level]} {word}"
    dk = f" · {stats.dont_know} don't know" if stats.dont_know else ""
    if stats.median is None:
        median = f"No stage ratings yet{dk}"
        agreement = spread = ""
    else:
        median = f"Median {rubric.stage_label(stats.median)}"
        if stats.median_split:
            median += " (even split: the lower stage is taken)"
        agreement = f"Agreement {agreement_text(stats.consensus)} · {stats.n} ratings{dk}"
        spread = (f"IQR {stats.iqr:.1f} (orange band: the middle half) · range {rubric.stage_label(stats.low)} – {rubric.stage_label(stats.high)}"
                  if stats.low != stats.high else f"Everyone chose {rubric.stage_label(stats.low)}")
    if stats.polarised:
        low, high = stats.camps
        people = (f"Two camps.  Lower: {_names(low, labels, ratings, rubric)}  ⇆  "
                  f"Upper: {_names(high, labels, ratings, rubric)}")
    elif stats.outliers:
        people = f"Outliers (2+ stages from the rest): {_names(stats.outliers, labels, ratings, rubric)}"
    else:
        people = "No outliers" if stats.n else ""
    movement = ""
    if stats.movement is not None:
        m = stats.movement
        assert stats.consensus is not None and stats.median is not None
        before_median = stats.median - m.median_delta
        # "unchanged" is about the spread: said plainly, it never contradicts a median that moved
        verdict = "spread unchanged" if m.verdict == "unchanged" else m.verdict
        movement = (f"{MOVE_ARROWS[m.verdict]} {verdict} since round {m.from_round}: agreement "
                    f"{agreement_text(stats.consensus - m.consensus_delta)} → {agreement_text(stats.consensus)}")
        if m.median_delta:
            movement += f" · median {rubric.stage_label(before_median)} → {rubric.stage_label(stats.median)}"
    carried = f"Not re-voted in round {shown_round}: figures from round {stats.round}" \
        if stats.round != shown_round else ""
    if roles_shown > 1:
        stages = {pid: r.stage for pid, r in ratings.items()}
        by_role = group_medians(stages, groups) if groups is not None else {}
    else:
        by_role = stats.by_role
    medians = [f"{role}: {rubric.stage_label(med)} ({n})" for role, (med, n) in by_role.items()]
    roles = ("Median by role: " + "; ".join(medians)) if medians else ""
    bars = SpreadData(tuple(rubric.stage_label(i) for i in range(1, rubric.k + 1)), stats.counts,
                      stats.dont_know, stats.median, stats.q1, stats.q3)
    plain = closeness(stats) if stats.n else ""
    return PillarText(pillar.name, stats.level, level_word, level_sentence(stats), median, agreement, spread,
                      plain, people, movement, carried, roles, bars)


class PillarCard(QFrame):
    """A card per pillar on the Reveal page; updated in place, never rebuilt."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pillarCard")
        self.setStyleSheet("#pillarCard { background: white; border: 1px solid #d5dae1; border-radius: 8px; }")
        self._text: PillarText | None = None
        self.title = ScaledLabel("", 1.6, bold=True, color=NAVY, parent=self)
        self.badge = ScaledLabel("", 1.35, bold=True, parent=self)
        self.badge.setWordWrap(False)
        self.level_text = ScaledLabel("", 1.1, color=MUTED, parent=self)
        self.median = ScaledLabel("", 1.35, bold=True, parent=self)
        self.plain = ScaledLabel("", 1.25, parent=self)
        self.agreement = ScaledLabel("", 1.1, parent=self)
        self.spread_text = ScaledLabel("", 1.1, parent=self)
        self.people = ScaledLabel("", 1.1, parent=self)
        self.movement = ScaledLabel("", 1.15, bold=True, color=NAVY, parent=self)
        self.carried = ScaledLabel("", 1.0, color=MUTED, parent=self)
        self.bars = SpreadBars(self)

        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.title, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        figures = QVBoxLayout()
        figures.setSpacing(4)
        for label in (self.level_text, self.median, self.plain, self.agreement, self.spread_text):
            figures.addWidget(label)
        figures.addStretch(1)
        middle = QHBoxLayout()
        middle.setSpacing(24)
        middle.addLayout(figures, 4)
        middle.addWidget(self.bars, 6)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(6)
        box.addLayout(head)
        box.addLayout(middle)
        for label in (self.people, self.movement, self.carried):
            box.addWidget(label)

    def show_text(self, text: PillarText) -> None:
        if text == self._text:
            return
        self._text = text
        self.title.setText(text.title)
        self.badge.setText(f" {text.level_word} ")
        self.badge.setStyleSheet(LEVEL_STYLE.get(text.level, "color: #5a6472;") + " border-radius: 6px; padding: 4px 10px;")
        for label, value in ((self.level_text, text.level_text), (self.median, text.median),
                             (self.plain, text.plain), (self.agreement, text.agreement), (self.spread_text, text.spread),
                             (self.people, text.people), (self.movement, text.movement),
                             (self.carried, text.carried)):
            label.setText(value)
            label.setVisible(bool(value))
        self.setToolTip(text.roles)
        self.bars.set_data(text.bars)

    def shown(self) -> PillarText | None:
        return self._text

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_font_change(event):
            rescale_labels(self)
        super().changeEvent(event)
