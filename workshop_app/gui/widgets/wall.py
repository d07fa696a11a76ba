"""The wall: every pillar of a round on one screen, one line each, so the room sees where to talk.

Painted natively and sized to the space it gets: the type shrinks (down to a
readable floor) before anything would need a scroll bar, so twelve pillars fit a
1366 x 768 projector in presentation mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.core.consensus import (
    ALIGNED,
    DISCUSS,
    LEVEL_SYMBOLS,
    POLARISED,
    SPLIT,
    PillarStats,
    Summary,
    agreement_text,
)
from workshop_app.core.rubric import Rubric
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ORANGE, scaled_font

#: (background, text) per level; the word and symbol carry the meaning, colour only repeats it.
BADGE = {
    ALIGNED: (QColor(NAVY), QColor("white")),
    DISCUSS: (QColor("#dfe7f1"), QColor(NAVY)),
    SPLIT: (QColor("#fbe3cc"), QColor("#7a3b00")),
    POLARISED: (QColor(ORANGE), QColor("white")),
}
NO_LEVEL = (QColor("#eceef1"), QColor("#5a6472"))
CELL_EMPTY, CELL_FULL = QColor("#f3f6fa"), QColor("#1f3a5f")
GRID, TEXT = QColor("#c9d0d9"), QColor("#1d2530")
#: Type size range, as multiples of the page font: large when few pillars, never below the floor.
MAX_SCALE, MIN_SCALE = 1.7, 0.8
LEGEND = ("n = people who chose the stage (darker = more)", "▲ median stage",
          "orange bar = middle half of the ratings (IQR)", "! outliers: 2+ stages from the rest",
          "⇆ two camps")


def closeness(stats: PillarStats) -> str:
    """Plain words for the spread: '6 of 8 within one stage of each other', 'All 8 chose 2 Walk'-style.

    Counts the most raters whose stages fit in two neighbouring stages.
    """
    if not stats.n:
        return "No stage ratings yet"
    counts = stats.counts
    if max(counts) == stats.n:
        return f"All {stats.n} chose the same stage"
    best = max(counts[i] + (counts[i + 1] if i + 1 < len(counts) else 0) for i in range(len(counts)))
    return f"{best} of {stats.n} within one stage of each other"


@dataclass(frozen=True)
class WallRow:
    """One pillar on the wall, as plain strings and figures."""

    pillar: str
    name: str
    level: str
    level_word: str
    median: str
    close: str
    detail: str
    counts: tuple[int, ...]
    dont_know: int
    median_stage: int | None
    q1: float | None
    q3: float | None
    outliers: int
    polarised: bool


@dataclass(frozen=True)
class WallData:
    stage_labels: tuple[str, ...] = ()
    rows: tuple[WallRow, ...] = ()


def wall_row(rubric: Rubric, stats: PillarStats, shown_round: int) -> WallRow:
    """Words and figures for one pillar: plain words first, the statistics after them."""
    word = stats.level.capitalize() if stats.median is not None else "No ratings"
    detail = []
    if stats.consensus is not None:
        detail.append(f"agreement {agreement_text(stats.consensus)}")
    if stats.iqr is not None:
        detail.append(f"IQR {stats.iqr:.1f}")
    if stats.outliers and not stats.polarised:
        detail.append(f"! {len(stats.outliers)} outlier" + ("s" if len(stats.outliers) > 1 else ""))
    if stats.dont_know:
        detail.append(f"{stats.dont_know} don't know")
    if stats.round != shown_round:
        detail.append(f"round {stats.round}")
    return WallRow(
        pillar=stats.pillar, name=rubric.pillar(stats.pillar).name, level=stats.level,
        level_word=f"{LEVEL_SYMBOLS[stats.level]} {word}",
        median=rubric.stage_label(stats.median) if stats.median is not None else "–",
        close=closeness(stats), detail=" · ".join(detail), counts=stats.counts, dont_know=stats.dont_know,
        median_stage=stats.median, q1=stats.q1, q3=stats.q3,
        outliers=0 if stats.polarised else len(stats.outliers), polarised=stats.polarised)


def wall_data(rubric: Rubric, summary: Summary, order: Sequence[str]) -> WallData:
    """The wall for a summary, pillars in `order` (ids; e.g. most disagreement first)."""
    by_id = {s.pillar: s for s in summary.pillars}
    return WallData(tuple(rubric.stage_label(i) for i in range(1, rubric.k + 1)),
                    tuple(wall_row(rubric, by_id[p], summary.round) for p in order if p in by_id))


class WallView(QWidget):
    """Rows of level badge, pillar, median, the ratings per stage and plain words; a legend below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = WallData()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: WallData) -> None:
        if data != self._data:
            self._data = data
            self.setToolTip("\n".join(f"{r.name}: {r.level_word}, median {r.median}; {r.close}"
                                      + (f" ({r.detail})" if r.detail else "") for r in data.rows))
            self.updateGeometry()
            self.update()

    def data(self) -> WallData:
        return self._data

    def visible_texts(self) -> list[str]:
        """Every string painted (tests check anonymity and wording with it)."""
        texts = [*self._data.stage_labels, *LEGEND]
        for r in self._data.rows:
            texts += [r.name, r.level_word, r.median, r.close, r.detail]
        return [t for t in texts if t]

    # ------------------------------------------------------------------ geometry
    def text_scale(self) -> float:
        """The type size used, as a multiple of the page font: as large as the rows allow in height, and
        small enough that level words, medians and counts fit their columns (never below the floor)."""
        line = QFontMetricsF(self.font()).height()
        rows = max(1, len(self._data.rows))
        # a row takes 2.2 lines, header 1.5 and legend 2.6 lines, at the chosen scale
        fit = self.height() / (line * (2.2 * rows + 1.5 + 2.6)) if line > 0 else 1.0
        if self._data.rows and self.width() > 0:
            bold = QFontMetricsF(scaled_font(self.font(), 1.0, bold=True))
            x_badge, x_name, x_median, x_strip, strip_w = self._columns()
            needs = ((max(bold.horizontalAdvance(r.level_word) for r in self._data.rows) + 20, x_name - x_badge),
                     (max(bold.horizontalAdvance(r.median) for r in self._data.rows) + 16, x_strip - x_median))
            fit = min([fit] + [room / need for need, room in needs if need > 0])
        return max(MIN_SCALE, min(MAX_SCALE, fit))

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        scale = self.text_scale()
        return (scaled_font(self.font(), scale), scaled_font(self.font(), scale, bold=True),
                scaled_font(self.font(), scale * 0.78))

    def row_rects(self) -> list[QRectF]:
        """Where each row is painted (tests check every row lies inside the widget)."""
        line = QFontMetricsF(self._fonts()[0]).height()
        top = line * 1.5
        bottom = self.height() - line * 2.6
        rows = max(1, len(self._data.rows))
        h = max(line * 1.2, (bottom - top) / rows)
        return [QRectF(0, top + i * h, self.width(), h) for i in range(len(self._data.rows))]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = QFontMetricsF(scaled_font(self.font(), MIN_SCALE)).height()
        rows = max(1, len(self._data.rows))
        return QSize(480, int(line * (1.6 * rows + 1.5 + 2.6)) + 2)  # at the floor, one line a row

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = QFontMetricsF(self.font()).height()
        return QSize(1000, int(line * (2.2 * max(1, len(self._data.rows)) + 4.1)))

    def _columns(self) -> tuple[float, float, float, float, float]:
        """x of: badge, name, median, ratings strip, words (and the strip's width)."""
        w = self.width()
        return 0.0, w * 0.13, w * 0.36, w * 0.47, w * 0.22

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        d = self._data
        if not d.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plain, bold, small = self._fonts()
        rects = self.row_rects()
        x_badge, x_name, x_median, x_strip, strip_w = self._columns()
        x_words = x_strip + strip_w + 12
        line = QFontMetricsF(plain).height()
        # header
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        head = QRectF(0, 0, self.width(), line * 1.4)
        for x, w, text in ((x_badge, x_name - x_badge, "Level"), (x_name, x_median - x_name, "Pillar"),
                           (x_median, x_strip - x_median, "Median"), (x_words, self.width() - x_words,
                                                                       "In plain words · figures")):
            painter.drawText(QRectF(x + 6, head.top(), w - 8, head.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        cols = len(d.stage_labels) + 1
        cell_w = strip_w / cols
        fits = all(painter.fontMetrics().horizontalAdvance(label) < cell_w - 2 for label in d.stage_labels)
        for i, label in enumerate([*d.stage_labels, "?"]):
            cell = QRectF(x_strip + i * cell_w, head.top(), cell_w, head.height())
            short = label if fits or label == "?" else str(i + 1)  # the stage number when names do not fit
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, short)
        for row, rect in zip(d.rows, rects, strict=True):
            self._paint_row(painter, row, rect, (plain, bold, small), cell_w)
        self._paint_legend(painter, (rects[-1].bottom() if rects else head.bottom()) + line * 0.3, small)
        painter.end()

    def _paint_row(self, painter: QPainter, row: WallRow, rect: QRectF, fonts: tuple[QFont, QFont, QFont],
                   cell_w: float) -> None:
        plain, bold, small = fonts
        x_badge, x_name, x_median, x_strip, strip_w = self._columns()
        x_words = x_strip + strip_w + 12
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        inner = rect.adjusted(0, 3, 0, -3)
        left_mid = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        # level badge
        fill, ink = BADGE.get(row.level, NO_LEVEL)
        badge = QRectF(x_badge + 2, inner.top(), x_name - x_badge - 8, inner.height())
        painter.setPen(QPen(QColor(ORANGE), 2) if row.level == SPLIT else Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, 6, 6)
        painter.setFont(bold)
        painter.setPen(ink)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter,
                         painter.fontMetrics().elidedText(row.level_word, Qt.TextElideMode.ElideRight,
                                                          int(badge.width() - 8)))
        # pillar name and median
        painter.setPen(QColor(NAVY))
        self._paint_fitted(painter, QRectF(x_name + 6, inner.top(), x_median - x_name - 10, inner.height()),
                           row.name, (bold, scaled_font(small, 1.0, bold=True)))
        painter.setFont(bold)
        painter.setPen(TEXT)
        painter.drawText(QRectF(x_median + 6, inner.top(), x_strip - x_median - 10, inner.height()), left_mid,
                         painter.fontMetrics().elidedText(row.median, Qt.TextElideMode.ElideRight,
                                                          int(x_strip - x_median - 10)))
        # ratings per stage: a cell per stage, darker with more people, the median marked, IQR under it
        biggest = max(max(row.counts, default=0), row.dont_know, 1)
        band_h = max(4.0, inner.height() * 0.12)
        cell_h = inner.height() - band_h - 2
        for i, count in enumerate([*row.counts, row.dont_know]):
            cell = QRectF(x_strip + i * cell_w + 2, inner.top(), cell_w - 4, cell_h)
            t = count / biggest
            colour = QColor.fromRgbF(CELL_EMPTY.redF() + (CELL_FULL.redF() - CELL_EMPTY.redF()) * t,
                                     CELL_EMPTY.greenF() + (CELL_FULL.greenF() - CELL_EMPTY.greenF()) * t,
                                     CELL_EMPTY.blueF() + (CELL_FULL.blueF() - CELL_EMPTY.blueF()) * t)
            painter.setPen(QPen(GRID, 1))
            painter.setBrush(colour)
            painter.drawRect(cell)
            painter.setPen(QColor("white") if t > 0.5 else TEXT)
            is_median = row.median_stage == i + 1
            text = ("▲ " if is_median else "") + str(count)
            font = bold if is_median else plain
            wide = QFontMetricsF(font).horizontalAdvance(text) + 6
            if wide > cell.width():  # a narrow cell gets a smaller count, not a clipped one
                font = scaled_font(font, max(0.5, cell.width() / wide))
            painter.setFont(font)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)
        if row.q1 is not None and row.q3 is not None:
            left = x_strip + (row.q1 - 0.5) * cell_w
            right = x_strip + (row.q3 - 0.5) * cell_w
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ORANGE))
            painter.drawRoundedRect(QRectF(left - 6, inner.top() + cell_h + 2, right - left + 12, band_h), 2, 2)
        # plain words first, figures second
        words_w = self.width() - x_words - 4
        half = inner.height() / 2
        first = plain
        if half < QFontMetricsF(plain).height() * 0.95 or QFontMetricsF(plain).horizontalAdvance(row.close) > words_w:
            first = small  # words and figures on two lines at the smaller size rather than one cut short
        painter.setFont(first)
        painter.setPen(TEXT)
        two_lines = half >= QFontMetricsF(first).height() * 0.95
        top_rect = QRectF(x_words, inner.top(), words_w, half if two_lines else inner.height())
        painter.drawText(top_rect, left_mid, painter.fontMetrics().elidedText(
            row.close if two_lines or not row.detail else f"{row.close} · {row.detail}",
            Qt.TextElideMode.ElideRight, int(words_w)))
        if two_lines and row.detail:
            painter.setFont(small)
            painter.setPen(QColor(ORANGE) if row.outliers else QColor(MUTED))
            painter.drawText(QRectF(x_words, inner.top() + half, words_w, half), left_mid,
                             painter.fontMetrics().elidedText(row.detail, Qt.TextElideMode.ElideRight, int(words_w)))

    @staticmethod
    def _paint_fitted(painter: QPainter, rect: QRectF, text: str, fonts: tuple[QFont, QFont]) -> None:
        """Wrapped text in the first font that fits the rectangle, else elided on one line."""
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        for font in fonts:
            painter.setFont(font)
            if painter.boundingRect(rect, flags, text).height() <= rect.height():
                painter.drawText(rect, flags, text)
                return
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())))

    def _paint_legend(self, painter: QPainter, y: float, font: QFont) -> None:
        painter.setFont(font)
        painter.setPen(QColor(MUTED))
        fm = painter.fontMetrics()
        text = "   ".join(LEGEND)
        rect = QRectF(6, y, self.width() - 12, self.height() - y)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         text if fm.horizontalAdvance(text) < rect.width() * 2 else "  ".join(LEGEND))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)
