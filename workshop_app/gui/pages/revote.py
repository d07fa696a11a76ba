"""Re-vote: open a new blind round for the pillars that need it, and describe how pillars moved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import operations as ops
from workshop_app.core.consensus import (
    DISCUSS,
    LEVEL_SYMBOLS,
    POLARISED,
    SPLIT,
    Summary,
    agreement_text,
    pillar_stats,
)
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import Rubric
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import SPACING
from workshop_app.gui.widgets.common import ErrorLabel
from workshop_app.gui.widgets.pillar_card import MOVE_ARROWS

#: Levels whose pillars are ticked for a re-vote by default.
REVOTE_LEVELS = frozenset({DISCUSS, SPLIT, POLARISED})
DEFAULT_LABEL = "Re-vote after discussion"


def movement_lines(rubric: Rubric, summary: Summary) -> list[str]:
    """One sentence per pillar re-voted in the summary's round, e.g. '▲ Act with precision: converged …'."""
    lines = []
    for stats in summary.pillars:
        m = stats.movement
        if m is None or stats.round != summary.round or stats.consensus is None or stats.median is None:
            continue
        line = (f"{MOVE_ARROWS[m.verdict]} {rubric.pillar(stats.pillar).name}: {m.verdict} since round "
                f"{m.from_round}, agreement {agreement_text(stats.consensus - m.consensus_delta)} → "
                f"{agreement_text(stats.consensus)}")
        if m.median_delta:
            line += (f", median {rubric.stage_label(stats.median - m.median_delta)} → "
                     f"{rubric.stage_label(stats.median)}")
        else:
            line += f", median stays {rubric.stage_label(stats.median)}"
        lines.append(line)
    return lines


def movement_chart_args(workshop: Workshop, summary: Summary) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    """The plain arguments of charts.movement_chart for the pillars re-voted in the summary's round
    (None when there are none), so a chart canvas can tell when it need not draw again."""
    rubric = workshop.rubric
    names, before, after = [], [], []
    for stats in summary.pillars:
        if stats.movement is None or stats.round != summary.round:
            continue
        names.append(rubric.pillar(stats.pillar).name)
        before.append(list(pillar_stats(workshop, stats.pillar, stats.movement.from_round).counts))
        after.append(list(stats.counts))
    if not names:
        return None
    previous = sorted({s.movement.from_round for s in summary.pillars if s.movement and s.round == summary.round})
    args = ([rubric.stage_label(i) for i in range(1, rubric.k + 1)], names, before, after)
    return args, {"before_label": f"Round {', '.join(map(str, previous))}", "after_label": f"Round {summary.round}",
                  "size": (9.0, max(3.0, 1.3 * len(names) + 1.0))}


class RevoteDialog(QDialog):
    """Pick the pillars for a new round (split, polarised and 'discuss' ones come ticked) and open it.

    Accepts after the round is open, so callers can start ballots on it.

    Signals:
        round_opened(int): the new round's number.
    """

    round_opened = Signal(int)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Open a re-vote")
        self.setMinimumWidth(560)
        ws = document.workshop
        summary = document.summary()
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        intro = QLabel(
            f"Round {ws.latest_round + 1} is a new blind round: each person rates the ticked pillars again "
            "after the discussion. Earlier rounds are kept, and the Reveal page shows how each pillar moved.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.pillars = QListWidget(self)
        for stats in summary.pillars:
            name = ws.rubric.pillar(stats.pillar).name
            agreement = f"agreement {agreement_text(stats.consensus)}" if stats.consensus is not None else "no ratings"
            item = QListWidgetItem(f"{name}   {LEVEL_SYMBOLS[stats.level]} {stats.level} · {agreement}")
            item.setData(Qt.ItemDataRole.UserRole, stats.pillar)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if stats.level in REVOTE_LEVELS else Qt.CheckState.Unchecked)
            self.pillars.addItem(item)
        layout.addWidget(self.pillars, 1)
        layout.addWidget(QLabel("Label for the round (optional):"))
        self.label = QLineEdit(DEFAULT_LABEL, self)
        self.label.setMaxLength(120)
        layout.addWidget(self.label)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = self.buttons.addButton("Open round", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setProperty("primary", True)
        self.buttons.accepted.connect(self._on_open)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def chosen(self) -> list[str]:
        return [self.pillars.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.pillars.count())
                if self.pillars.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, pillar_ids: list[str]) -> None:
        for i in range(self.pillars.count()):
            item = self.pillars.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in pillar_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _on_open(self) -> None:
        try:
            rnd, _ = self.document.apply(ops.open_round, self.chosen(), self.label.text())
        except (ops.OperationError, KeyError) as exc:
            self.error.show_message(str(exc).strip("'\""))
            return
        self.round_opened.emit(rnd.number)
        self.accept()
