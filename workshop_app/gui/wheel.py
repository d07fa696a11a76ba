"""The scroll wheel scrolls pages, never a value: a stray turn over a stage or a date must not decide anything."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

#: Widgets whose value a wheel turn would change.
GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def _guarded(widget: QWidget | None) -> QWidget | None:
    """The value widget under the wheel (the widget itself or, for a spin box's line edit, its owner)."""
    while widget is not None:
        if isinstance(widget, QScrollBar):  # a scroll bar is how pages scroll: leave it alone
            return None
        if isinstance(widget, GUARDED):
            return widget
        if widget.isWindow() or isinstance(widget, QAbstractScrollArea):
            return None
        widget = widget.parentWidget()
    return None


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """App-wide event filter: a wheel turn over a combo box, spin box, date edit or slider scrolls the page.

    A combo box's open list is a separate popup and keeps scrolling as usual; a
    spin box or slider the user has clicked into (it has keyboard focus) still
    steps with the wheel, as the user is plainly working with it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        widget = _guarded(watched)
        if widget is None:
            return False
        if not isinstance(widget, QComboBox) and widget.hasFocus():
            return False
        area = _scroll_area(widget)
        if area is not None and isinstance(event, QWheelEvent):
            delta = event.angleDelta()
            vertical = abs(delta.y()) >= abs(delta.x())
            bar = area.verticalScrollBar() if vertical else area.horizontalScrollBar()
            steps = (delta.y() if vertical else delta.x()) / 120
            bar.setValue(bar.value() - round(steps * bar.singleStep() * QApplication.wheelScrollLines()))
        event.accept()
        return True  # never reaches the value widget


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once on `app` (a second call returns the first guard)."""
    global _installed
    if _installed is not None and _installed[0] is app:
        return _installed[1]
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    _installed = (app, guard)
    return guard


#: (application, its guard); not app.findChild, which builds binding classes the first screen never needs.
_installed: tuple[QApplication, WheelGuard] | None = None
