"""What Reveal shows before a round is revealed: who has voted, never a figure, and the Reveal button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.core.ballots import reveal_refusal, round_progress
from workshop_app.core.model import Workshop
from workshop_app.gui.style import SPACING
from workshop_app.gui.widgets.common import button
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ScaledLabel


class HiddenRoundView(QWidget):
    """Counts of who voted; names of those still to vote only when the page is not anonymous."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setSpacing(2 * SPACING)
        box.addStretch(1)
        self.title = ScaledLabel("Ratings are hidden until you reveal them", 2.4, bold=True, color=NAVY,
                                 parent=self)
        self.counts = ScaledLabel("", 1.6, parent=self)
        self.waiting = ScaledLabel("", 1.2, color=MUTED, parent=self)
        self.reveal_button = button("Reveal ratings", accent=True, tip="Show the room every rating of this round")
        self.reveal_button.setMinimumHeight(64)
        self.reveal_button.setMinimumWidth(320)
        for label in (self.title, self.counts, self.waiting):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(label)
        box.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignCenter)
        box.addStretch(2)

    def show_round(self, ws: Workshop, number: int, *, anonymous: bool) -> None:
        """Round `number`'s progress (0: no round open yet)."""
        if number == 0:
            self.counts.setText("No round is open yet: add participants and start rating.")
            self.waiting.setText("")
            self.reveal_button.setEnabled(False)
            return
        progress = round_progress(ws, number)
        text = f"Round {number}: {len(progress.voted)} of {progress.total} participants have voted"
        if progress.partly:
            text += f", {len(progress.partly)} partly"
        self.counts.setText(text + ".")
        names = ws.participant_names()
        waiting = [names[pid] for pid in progress.missing]
        if waiting and not anonymous:
            self.waiting.setText("Still to vote: " + ", ".join(waiting))
        elif waiting:
            self.waiting.setText(f"{len(waiting)} still to vote.")
        else:
            self.waiting.setText("Everyone has voted.")
        why_not = reveal_refusal(ws, number)
        self.reveal_button.setEnabled(not why_not)
        self.reveal_button.setToolTip(why_not or "Show the room every rating of this round (asks first)")
