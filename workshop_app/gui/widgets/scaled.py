"""Labels whose type size stays a fixed multiple of the page font, so presentation mode scales them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from workshop_app.gui.style import ACCENT as ORANGE
from workshop_app.gui.style import MUTED
from workshop_app.gui.style import PRIMARY as NAVY

__all__ = ["MUTED", "NAVY", "ORANGE", "ScaledLabel", "is_font_change", "rescale_labels", "scaled_font"]


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """`base` enlarged by `factor` (point or pixel sized, whichever the base uses)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    if bold:
        font.setBold(True)
    return font


class ScaledLabel(QLabel):
    """A word-wrapped plain-text label `factor` times the size of the page font.

    An explicit font stops Qt from passing size changes down, so the page that
    owns these labels calls `rescale_labels` from its FontChange event.
    """

    def __init__(self, text: str = "", factor: float = 1.0, *, bold: bool = False, color: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._factor, self._bold = factor, bold
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if color:
            self.setStyleSheet(f"color: {color};")
        self.rescale(QApplication.font() if parent is None else _natural_font(parent))

    def rescale(self, base: QFont) -> None:
        wanted = scaled_font(base, self._factor, bold=self._bold)
        if self.font() != wanted:
            self.setFont(wanted)


def _natural_font(widget: QWidget) -> QFont:
    while isinstance(widget, ScaledLabel) and widget.parentWidget() is not None:
        widget = widget.parentWidget()
    return widget.font()


def rescale_labels(root: QWidget) -> None:
    """Resize every ScaledLabel under `root` to follow root's (possibly new) font."""
    base = root.font()
    for label in root.findChildren(ScaledLabel):
        label.rescale(base)


def is_font_change(event: QEvent) -> bool:
    return event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange)
