"""A large clickable card for one stage (or 'don't know') on a private ballot."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from workshop_app.gui.widgets.scaled import MUTED, NAVY, ScaledLabel

_STYLE = f"""
#stageCard {{ background: white; border: 2px solid #c9d0d9; border-radius: 10px; }}
#stageCard:hover {{ border-color: {NAVY}; }}
#stageCard[checked="true"] {{ background: #e8eef5; border: 4px solid {NAVY}; }}
"""


class StageCard(QFrame):
    """Shows a stage's number, name, role and what it looks like for the pillar; click or Space picks it.

    Signals:
        picked(object): the card's stage (int), or None for the 'don't know' card.
    """

    picked = Signal(object)

    def __init__(self, stage: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._checked = False
        self.setObjectName("stageCard")
        self.setStyleSheet(_STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)  # never clip text
        self.heading = ScaledLabel("", 1.7, bold=True, color=NAVY, parent=self)
        self.role = ScaledLabel("", 1.15, color=MUTED, parent=self)
        self.body = ScaledLabel("", 1.3, parent=self)
        self.mark = ScaledLabel("", 1.2, bold=True, color=NAVY, parent=self)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 14, 16, 14)
        box.setSpacing(8)
        for label in (self.heading, self.role, self.body):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(label)
        box.addStretch(1)
        box.addWidget(self.mark)

    def set_content(self, heading: str, role: str, points: list[str]) -> None:
        self.heading.setText(heading)
        self.role.setText(role)
        self.role.setVisible(bool(role))
        self.body.setText("\n".join(f"• {p}" for p in points))
        self.body.setVisible(bool(points))
        self.setAccessibleName(heading)

    def is_checked(self) -> bool:
        return self._checked

    def set_checked(self, on: bool) -> None:
        if on == self._checked:
            return
        self._checked = on
        self.mark.setText("✓ Your choice" if on else "")
        self.setProperty("checked", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.picked.emit(self.stage)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Space:
            self.picked.emit(self.stage)
            return
        super().keyPressEvent(event)
