"""The slim step bar shown while presenting: every page one click away, the sidebar and menus out of sight."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QWidget

BAR_STYLE = """
QFrame#stepBar { background: #1f3a5f; }
QFrame#stepBar QPushButton { color: #d6e0ee; background: transparent; border: none; padding: 4px 12px; }
QFrame#stepBar QPushButton:checked { color: #ffffff; border-bottom: 3px solid #e07b1a; }
QFrame#stepBar QPushButton:hover { color: #ffffff; }
"""


class StepBar(QFrame):
    """One flat button per step and an exit button; keyboard users have Ctrl+1..7, Ctrl+PgUp/PgDn and Esc.

    Signals:
        step_chosen(int): the facilitator clicked a step.
        exit_requested(): the "Exit presentation" button.
    """

    step_chosen = Signal(int)
    exit_requested = Signal()

    def __init__(self, steps: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepBar")
        self.setStyleSheet(BAR_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 2, 12, 2)
        row.setSpacing(4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        for i, label in enumerate(steps):
            button = QPushButton(f"{i + 1} {label}")
            button.setCheckable(True)
            button.setToolTip(f"Ctrl+{i + 1}")
            button.clicked.connect(lambda _=False, i=i: self.step_chosen.emit(i))
            self.group.addButton(button, i)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        leave = QPushButton("Exit presentation (Esc)")
        leave.clicked.connect(self.exit_requested)
        row.addWidget(leave)
        self.exit_button = leave

    def set_current(self, step: int) -> None:
        if 0 <= step < len(self.buttons):
            self.buttons[step].setChecked(True)
