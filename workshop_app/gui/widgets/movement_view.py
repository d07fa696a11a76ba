"""Reveal's Movement view: how each re-voted pillar moved since the round before, in words and a chart."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.core.consensus import Summary
from workshop_app.core.model import Workshop
from workshop_app.gui.style import SPACING
from workshop_app.gui.widgets.scaled import ScaledLabel


class MovementView(QWidget):
    """A line per re-voted pillar above the movement chart; matplotlib loads on the first chart only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, SPACING, 0, 0)
        self.text = ScaledLabel("", 1.2, parent=self)
        box.addWidget(self.text)
        self._holder = QVBoxLayout()
        box.addLayout(self._holder, 1)
        self.canvas: QWidget | None = None

    def show_round(self, ws: Workshop, summary: Summary, number: int) -> None:
        """Movement into round `number` (a revealed round; `summary` is its summary)."""
        from workshop_app.gui.pages.revote import movement_chart_args, movement_lines

        lines = movement_lines(ws.rubric, summary)
        self.text.setText("\n".join(lines) if lines else
                          f"Round {number} has no earlier round to compare with. Movement shows "
                          "here after a re-vote (Open re-vote…).")
        chart = movement_chart_args(ws, summary)
        if chart is None:
            if self.canvas is not None:
                self.canvas.hide()
            return
        if self.canvas is None:
            from workshop_app.gui.widgets.chart_canvas import ChartCanvas

            self.canvas = ChartCanvas(self)
            self._holder.addWidget(self.canvas)
        self.canvas.show()
        from workshop_app.charts import movement_chart

        args, kwargs = chart  # the same figures as on screen: no rebuild (an edit elsewhere, a tab switch)
        self.canvas.show_chart(movement_chart, *args, **kwargs)  # type: ignore[attr-defined]
