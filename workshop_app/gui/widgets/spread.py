"""The spread of one pillar's ratings over the stages: bars with counts, the median and the middle half."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.gui.widgets.scaled import NAVY, ORANGE, scaled_font

BAR = QColor("#7f9cc0")
BAR_MEDIAN = QColor(NAVY)
DONT_KNOW = QColor("#b9bec6")
GRID = QColor("#d5dae1")
TEXT = QColor("#1d2530")


@dataclass(frozen=True)
class SpreadData:
    """Plain figures for one pillar; stage_labels like '2 Walk'."""

    stage_labels: tuple[str, ...]
    counts: tuple[int, ...]
    dont_know: int
    median: int | None = None  # 1-based stage
    q1: float | None = None
    q3: float | None = None


class SpreadBars(QWidget):
    """One column per stage plus '?', each with a bar and its count; the median column is dark
    and underlined with the word 'median', the interquartile range is a band under the bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = SpreadData((), (), 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, data: SpreadData) -> None:
        if data != self._data:
            self._data = data
            self.setToolTip(self._describe())
            self.update()

    def data(self) -> SpreadData:
        return self._data

    def visible_texts(self) -> list[str]:
        """Every string this widget paints (for tests and screen readers)."""
        d = self._data
        texts = [f"{label}: {count}" for label, count in zip(d.stage_labels, d.counts, strict=True)]
        texts.append(f"? {d.dont_know}")
        if d.median is not None:
            texts.append("median")
        return texts

    def _describe(self) -> str:
        d = self._data
        parts = [f"{label}: {count}" for label, count in zip(d.stage_labels, d.counts, strict=True)]
        parts.append(f"don't know: {d.dont_know}")
        return "; ".join(parts)

    def _fonts(self) -> tuple[QFont, QFont]:
        return scaled_font(self.font(), 1.05), scaled_font(self.font(), 1.35, bold=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(110 * (len(self._data.counts) + 1), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = self.fontMetrics().height()
        return QSize(60 * (len(self._data.counts) + 1), int(line * 8))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        d = self._data
        columns = len(d.counts) + 1
        if columns <= 1:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_font, count_font = self._fonts()
        painter.setFont(label_font)
        label_h = painter.fontMetrics().height()
        painter.setFont(count_font)
        count_h = painter.fontMetrics().height()
        w, h = self.width(), self.height()
        col_w = w / columns
        band_h = 8
        base_y = h - 2 * label_h - band_h - 10  # bar bottom
        top_y = count_h + 4
        bar_span = max(10.0, base_y - top_y)
        biggest = max(max(d.counts, default=0), d.dont_know, 1)
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(0, int(base_y), w, int(base_y))
        for i in range(columns):
            is_dk = i == columns - 1
            count = d.dont_know if is_dk else d.counts[i]
            is_median = not is_dk and d.median == i + 1
            x = i * col_w
            bar_w = min(col_w * 0.55, 90.0)
            bar_h = bar_span * count / biggest
            rect = QRectF(x + (col_w - bar_w) / 2, base_y - bar_h, bar_w, bar_h)
            colour = DONT_KNOW if is_dk else (BAR_MEDIAN if is_median else BAR)
            painter.fillRect(rect, colour)
            painter.setPen(TEXT)
            painter.setFont(count_font)
            painter.drawText(QRectF(x, rect.top() - count_h - 2, col_w, count_h),
                             Qt.AlignmentFlag.AlignCenter, str(count))
            label = "? Don't know" if is_dk else d.stage_labels[i]
            painter.setFont(scaled_font(label_font, 1.0, bold=is_median))
            label_rect = QRectF(x + 2, base_y + band_h + 8, col_w - 4, label_h)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter,
                             painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(col_w - 4)))
            if is_median:
                painter.setPen(QColor(NAVY))
                painter.drawText(QRectF(x, label_rect.bottom(), col_w, label_h), Qt.AlignmentFlag.AlignCenter,
                                 "▲ median")
        if d.q1 is not None and d.q3 is not None:
            # stage s sits at the centre of column s-1
            left = (d.q1 - 0.5) * col_w
            right = (d.q3 - 0.5) * col_w
            band = QRectF(left - 4, base_y + 3, max(8.0, right - left + 8), band_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ORANGE))
            painter.drawRoundedRect(band, 3, 3)
        painter.end()
