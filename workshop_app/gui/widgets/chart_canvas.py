"""A matplotlib Figure inside a Qt widget; matplotlib is imported on first use only.

The figure's text, marks and lines follow the widget's font: the chart is drawn at a
resolution scaled by the font size, so presentation mode (and the room's window)
enlarge the chart's words with everything else. Device pixel ratios (a 4K screen at
200%) are matplotlib's own business: it draws at the screen's full resolution.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from workshop_app.gui.style import BASE_POINT_SIZE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_warm_up_started = False
#: The chart functions' resolution at the normal font (points per inch of the figure on screen).
CHART_DPI = 100


def _import_chart_modules() -> None:
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    import workshop_app.charts  # noqa: F401


def warm_up_in_background() -> None:
    """Import matplotlib once per process, on the main thread, when the event loop is next idle.

    Importing it costs about half a second, which the first chart page would otherwise
    charge to the room at the moment it is opened; callers ask for this once the first
    screen is painted, while the room reads it. It runs on the main thread: importing
    numpy and matplotlib on a second thread while the main thread imports or draws
    crashed the process in testing, and a crash in front of a client is worse than
    half a second of waiting at a quiet moment.
    """
    global _warm_up_started
    if _warm_up_started:
        return
    _warm_up_started = True
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, _import_chart_modules)


class ChartCanvas(QWidget):
    """Holds one figure at a time; `set_figure` swaps it (charts are rebuilt from plain data)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: Any = None
        self._key: object = None
        self._last: tuple[Callable[..., Figure], tuple[Any, ...], dict[str, Any]] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def figure(self) -> Figure | None:
        return None if self._canvas is None else self._canvas.figure

    def show_chart(self, build: Callable[..., Figure], *args: Any, **kwargs: Any) -> bool:
        """Show `build(*args, **kwargs)`, unless the chart on show was built from equal arguments.

        Building and drawing a chart costs tens of milliseconds; most edits in a big
        room (one rating of two hundred) leave the charted figures as they were.
        Arguments must be plain data (lists of numbers and text). True when redrawn.
        """
        self._last = (build, args, kwargs)
        if "dpi" in inspect.signature(build).parameters:  # the chart functions of workshop_app.charts
            kwargs = {**kwargs, "dpi": self.chart_dpi()}
        key = (build, _frozen(args), _frozen(kwargs))
        if self._canvas is not None and key == self._key:
            return False
        self.set_figure(build(*args, **kwargs))
        self._key = key
        return True

    def chart_dpi(self) -> int:
        """The figure's resolution: larger with a larger font, so the chart's words grow in step."""
        size = self.font().pointSizeF()
        return round(CHART_DPI * (size / BASE_POINT_SIZE if size > 0 else 1.0))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._last is not None and self._canvas is not None:
            build, args, kwargs = self._last
            self.show_chart(build, *args, **kwargs)  # redrawn only when the resolution changed

    def set_figure(self, figure: Figure) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self._key = None
        old = self._canvas
        self._canvas = FigureCanvasQTAgg(figure)
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._canvas.setMinimumHeight(160)
        self._layout.addWidget(self._canvas)
        if old is not None:
            self._layout.removeWidget(old)
            old.figure.clear()
            old.deleteLater()
        self._canvas.draw_idle()


def _frozen(value: Any) -> Any:
    """A comparable copy of plain chart data (lists become tuples, dicts sorted item tuples)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value
