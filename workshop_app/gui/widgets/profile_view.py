"""Decide's profile chart painted with Qt: agreed stage (bar and dot), target (hollow diamond and arrow) and
the median stage (small triangle) per pillar, on the rubric's stages.

Painted, not drawn with matplotlib: it shows the instant the page opens (no half-second
import), repaints in well under a frame after a decision in a room of 200, and its text
follows the window's font, so it grows with presentation mode like everything else.
The handout draws the same marks as vectors (report/vcharts.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.gui.style import ACCENT, BORDER, MUTED, PRIMARY, TEXT

NOT_AGREED = "not agreed yet"
LEGEND = (("bar", "Agreed stage"), ("diamond", "Target stage"), ("triangle", "Median stage"))


@dataclass(frozen=True)
class ProfileData:
    stage_names: tuple[str, ...]
    pillar_names: tuple[str, ...]
    agreed: tuple[int | None, ...]
    target: tuple[int | None, ...]
    medians: tuple[int | None, ...]


class ProfileView(QWidget):
    """Holds plain data; `set_data` repaints only when it differs from what is on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: ProfileData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self.setAccessibleName("Profile chart: agreed and target stage per pillar")

    def data(self) -> ProfileData | None:
        return self._data

    def set_data(self, stage_names: Sequence[str], pillar_names: Sequence[str], agreed: Sequence[int | None],
                 target: Sequence[int | None], medians: Sequence[int | None]) -> bool:
        """Show new figures; True when they differ from the ones on screen (and a repaint was asked)."""
        new = ProfileData(tuple(stage_names), tuple(pillar_names), tuple(agreed), tuple(target), tuple(medians))
        if new == self._data:
            return False
        self._data = new
        self.setToolTip(self._describe(new))
        self._fit_minimum()
        self.update()
        return True

    def _fit_minimum(self) -> None:
        """Room for every row's marks and the legend at the current font (larger while presenting)."""
        rows = len(self._data.pillar_names) if self._data else 4
        line = QFontMetrics(self.font()).height()
        self.setMinimumHeight(int(line * (1.5 * rows + 4.2)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self._fit_minimum()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = len(self._data.pillar_names) if self._data else 4
        line = QFontMetrics(self.font()).height()
        return QSize(600, int(line * (2.2 * rows + 4)))

    def visible_texts(self) -> list[str]:
        """Every string the chart paints (for tests and screen readers)."""
        d = self._data
        if d is None:
            return []
        notes = [NOT_AGREED for a in d.agreed if a is None]
        return [*d.pillar_names, *d.stage_names, *notes, *(label for _, label in LEGEND)]

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        d = self._data
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if d is None or not d.pillar_names or not d.stage_names:
            painter.setPen(QColor(MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No pillars to chart")
            return
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        line = metrics.height()
        pad = line * 0.6
        label_w = max(metrics.horizontalAdvance(name) for name in d.pillar_names) + 2 * pad
        legend_h = line * 1.8
        axis_h = line * 1.6
        plot = QRectF(label_w, pad, max(self.width() - label_w - 2 * pad, 50),
                      max(self.height() - pad - axis_h - legend_h, 40))
        k, n = len(d.stage_names), len(d.pillar_names)
        step = plot.width() / k

        def x_of(stage: float) -> float:  # stage 1..k at the middle of its column
            return plot.left() + (stage - 0.5) * step

        row_h = plot.height() / n
        # stage columns and their names
        painter.setPen(QPen(QColor(BORDER), 1))
        for s in range(1, k + 1):
            painter.drawLine(QPointF(x_of(s), plot.top()), QPointF(x_of(s), plot.bottom()))
        painter.setPen(QColor(TEXT))
        for s, name in enumerate(d.stage_names, start=1):
            box = QRectF(x_of(s) - step / 2, plot.bottom() + pad / 2, step, line)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
        bar_h = min(row_h * 0.45, line * 1.3)
        mark = max(line * 0.45, 5.0)
        for row in range(n):
            mid = plot.top() + row_h * (row + 0.5)
            painter.setPen(QColor(TEXT))
            painter.drawText(QRectF(0, mid - line / 2, label_w - pad, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, d.pillar_names[row])
            agreed, target, median = d.agreed[row], d.target[row], d.medians[row]
            if agreed is None:
                italic = QFont(font)
                italic.setItalic(True)
                painter.setFont(italic)
                painter.setPen(QColor(MUTED))
                painter.drawText(QRectF(plot.left() + pad / 2, mid - line / 2, plot.width(), line),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, NOT_AGREED)
                painter.setFont(font)
            else:
                fill = QColor(PRIMARY)
                fill.setAlphaF(0.22)
                painter.setPen(QPen(QColor(PRIMARY), 1))
                painter.setBrush(QBrush(fill))
                painter.drawRect(QRectF(plot.left(), mid - bar_h / 2, x_of(agreed) - plot.left(), bar_h))
                if target is not None and target != agreed:
                    self._arrow(painter, x_of(agreed), x_of(target), mid, mark)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(QColor(PRIMARY)))
                painter.drawEllipse(QPointF(x_of(agreed), mid), mark * 0.8, mark * 0.8)
            if target is not None:
                self._diamond(painter, x_of(target), mid, mark)
            if median is not None:
                self._triangle(painter, x_of(median), mid - bar_h / 2 - mark * 0.2, mark * 0.75)
        self._legend(painter, metrics, QRectF(0, self.height() - legend_h, self.width(), legend_h), mark)

    @staticmethod
    def _arrow(painter: QPainter, x0: float, x1: float, y: float, mark: float) -> None:
        direction = 1 if x1 > x0 else -1
        tip = x1 - direction * mark * 1.2
        painter.setPen(QPen(QColor(ACCENT), max(mark * 0.3, 1.5)))
        painter.drawLine(QPointF(x0 + direction * mark, y), QPointF(tip, y))
        head = QPolygonF([QPointF(tip + direction * mark * 0.2, y), QPointF(tip - direction * mark * 0.7, y - mark * 0.5),
                          QPointF(tip - direction * mark * 0.7, y + mark * 0.5)])
        painter.setBrush(QBrush(QColor(ACCENT)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(head)

    @staticmethod
    def _diamond(painter: QPainter, x: float, y: float, size: float) -> None:
        painter.setPen(QPen(QColor(ACCENT), max(size * 0.3, 1.8)))
        painter.setBrush(QBrush(QColor("#ffffff")))
        painter.drawPolygon(QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size),
                                       QPointF(x - size, y)]))

    @staticmethod
    def _triangle(painter: QPainter, x: float, y: float, size: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(TEXT)))
        painter.drawPolygon(QPolygonF([QPointF(x - size, y - size * 1.4), QPointF(x + size, y - size * 1.4),
                                       QPointF(x, y)]))

    def _legend(self, painter: QPainter, metrics: QFontMetrics, area: QRectF, mark: float) -> None:
        gap = metrics.height()
        widths = [mark * 3 + metrics.horizontalAdvance(label) for _, label in LEGEND]
        x = area.center().x() - (sum(widths) + gap * (len(LEGEND) - 1)) / 2
        y = area.center().y()
        for (kind, label), width in zip(LEGEND, widths, strict=True):
            cx = x + mark
            if kind == "bar":
                fill = QColor(PRIMARY)
                fill.setAlphaF(0.45)
                painter.setPen(QPen(QColor(PRIMARY), 1))
                painter.setBrush(QBrush(fill))
                painter.drawRect(QRectF(x, y - mark * 0.6, mark * 2, mark * 1.2))
            elif kind == "diamond":
                self._diamond(painter, cx, y, mark * 0.8)
            else:
                self._triangle(painter, cx, y + mark * 0.5, mark * 0.7)
            painter.setPen(QColor(TEXT))
            painter.drawText(QRectF(x + mark * 2.6, y - metrics.height() / 2, width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += width + gap

    @staticmethod
    def _describe(d: ProfileData) -> str:
        """The chart in words (tooltip and screen readers)."""
        def stage(n: int | None) -> str:
            return "—" if n is None else d.stage_names[n - 1]

        return "\n".join(f"{name}: agreed {stage(a)}, target {stage(t)}, median {stage(m)}"
                         for name, a, t, m in zip(d.pillar_names, d.agreed, d.target, d.medians, strict=True))
