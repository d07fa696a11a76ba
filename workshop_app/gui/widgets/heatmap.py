"""Participants x pillars grid of ratings, painted natively: stage text in every cell, outliers outlined."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from workshop_app.core.anonymity import NameScrubber, label_order
from workshop_app.core.consensus import PillarStats, Summary
from workshop_app.core.model import Rating, Workshop
from workshop_app.gui.widgets.scaled import ORANGE, scaled_font

#: Ratings by (pillar, round), then participant id.
RatingIndex = dict[tuple[str, int], dict[str, Rating]]
NOT_RATED = 0  # cell value when the person gave no rating at all
RAMP = (QColor("#e8eff8"), QColor("#7fa3cc"), QColor("#1f3a5f"))  # light, middle, navy
DONT_KNOW = QColor("#eceef1")
EMPTY = QColor("#ffffff")
GRID = QColor("#c9d0d9")
TEXT_DARK, TEXT_LIGHT = QColor("#1d2530"), QColor("#ffffff")


@dataclass(frozen=True)
class HeatmapData:
    """Plain data: values[row][col] is a stage (1..k), None for don't know, NOT_RATED for no rating."""

    stage_labels: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    values: tuple[tuple[int | None, ...], ...]
    outliers: frozenset[tuple[int, int]] = frozenset()
    comments: tuple[tuple[str, ...], ...] = ()
    column_notes: tuple[str, ...] = ()  # e.g. "round 1" when a pillar was not re-voted
    footnote: str = field(default="")


def rating_index(ratings: Iterable[Rating], summary: Summary) -> RatingIndex:
    """{(pillar, round): {participant: rating}} for the (pillar, round) pairs `summary` shows.

    Cards and heatmap read only those; skipping the other rounds' ratings keeps a
    refresh in a room of 200 people and five rounds to a fifth of the ratings.
    """
    index: RatingIndex = {(s.pillar, s.round): {} for s in summary.pillars}
    get, rounds = index.get, {s.round for s in summary.pillars}
    for r in ratings:
        if r.round in rounds:
            cell = get((r.pillar, r.round))
            if cell is not None:
                cell[r.participant] = r
    return index


def heatmap_data(ws: Workshop, summary: Summary, index: RatingIndex, labels: dict[str, str], *,
             anonymous: bool) -> HeatmapData:
    """Plain heatmap data for a summary; anonymous rows are ordered by label, not by seating.

    Anonymous: rows carry only the labels (never a name or a role) and comments in the
    tooltips have participants' names taken out, as in the handout (core/anonymity.py).
    """
    people = list(ws.participants)
    scrub = NameScrubber(people) if anonymous else str
    if anonymous:
        people.sort(key=lambda p: label_order(labels[p.id]))
    rubric = ws.rubric
    values, comments, outliers = [], [], set()
    for row, person in enumerate(people):
        row_values, row_comments = [], []
        for col, stats in enumerate(summary.pillars):
            rating = index.get((stats.pillar, stats.round), {}).get(person.id)
            row_values.append(NOT_RATED if rating is None else rating.stage)
            row_comments.append(scrub(rating.comment) if rating is not None and rating.comment else "")
            if person.id in stats.outliers and not stats.polarised:
                outliers.add((row, col))
        values.append(tuple(row_values))
        comments.append(tuple(row_comments))
    return HeatmapData(
        stage_labels=tuple(rubric.stage_label(i) for i in range(1, rubric.k + 1)),
        columns=tuple(rubric.pillar(s.pillar).name for s in summary.pillars),
        rows=tuple(labels[p.id] for p in people),
        values=tuple(values),
        outliers=frozenset(outliers),
        comments=tuple(comments),
        column_notes=tuple(_column_note(s, summary.round) for s in summary.pillars),
    )


def _column_note(stats: PillarStats, shown_round: int) -> str:
    notes = []
    if stats.polarised:
        notes.append("⇆ two camps")
    if stats.round != shown_round:
        notes.append(f"round {stats.round}")
    return ", ".join(notes)


def stage_colour(stage: int, k: int) -> QColor:
    """Light (low stage) to navy (high stage)."""
    t = 0.0 if k <= 1 else (stage - 1) / (k - 1)
    low, high = (RAMP[0], RAMP[1]) if t <= 0.5 else (RAMP[1], RAMP[2])
    u = t * 2 if t <= 0.5 else t * 2 - 1
    return QColor.fromRgbF(
        low.redF() + (high.redF() - low.redF()) * u,
        low.greenF() + (high.greenF() - low.greenF()) * u,
        low.blueF() + (high.blueF() - low.blueF()) * u,
    )


class HeatmapView(QWidget):
    """Rows are participants (names or anonymous labels), columns pillars; grows to fit its rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = HeatmapData((), (), (), ())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMouseTracking(True)

    def set_data(self, data: HeatmapData) -> None:
        if data == self._data:
            return
        resized = (len(data.rows), len(data.columns)) != (len(self._data.rows), len(self._data.columns))
        self._data = data
        if resized:
            self.updateGeometry()
        self.update()

    def data(self) -> HeatmapData:
        return self._data

    # ------------------------------------------------------------------ text
    def cell_text(self, row: int, col: int) -> str:
        value = self._data.values[row][col]
        if value is None:
            return "?"
        if value == NOT_RATED:
            return "–"
        return self._data.stage_labels[value - 1]

    def tooltip_at(self, row: int, col: int) -> str:
        d = self._data
        text = f"{d.rows[row]} · {d.columns[col]}: {self.cell_text(row, col)}"
        if d.values[row][col] is None:
            text += " (don't know)"
        elif d.values[row][col] == NOT_RATED:
            text += " (not rated)"
        if (row, col) in d.outliers:
            text += "\nOutlier: two or more stages from the rest of the room"
        if d.comments and d.comments[row][col]:
            text += f"\n“{d.comments[row][col]}”"
        return text

    def visible_texts(self) -> list[str]:
        """Every string painted or shown as a tooltip (tests check anonymity with it)."""
        d = self._data
        texts = list(d.rows) + list(d.columns) + [n for n in d.column_notes if n] + self._legend()
        for r in range(len(d.rows)):
            for c in range(len(d.columns)):
                texts.append(self.cell_text(r, c))
                texts.append(self.tooltip_at(r, c))
        if d.footnote:
            texts.append(d.footnote)
        return texts

    def _legend(self) -> list[str]:
        return [*self._data.stage_labels, "? don't know", "– not rated", "outlined ! = outlier"]

    # ------------------------------------------------------------------ geometry
    def _metrics(self) -> tuple[float, float, float]:
        """Row height (taller when there is room, for the back of the room), header height, label width."""
        fm = self.fontMetrics()
        header_h = fm.height() * 3.6
        rows = max(1, len(self._data.rows))
        room = (self.height() - header_h - self._legend_height() - 8) / rows
        row_h = max(fm.height() * 2.1, min(room, fm.height() * 3.4))
        widest = max((fm.horizontalAdvance(r) for r in self._data.rows), default=40)
        return row_h, header_h, min(widest + 24.0, self.width() * 0.3 if self.width() > 0 else 240.0)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        fm = self.fontMetrics()
        rows = max(1, len(self._data.rows))
        return QSize(900, int(fm.height() * 3.6 + fm.height() * 2.1 * rows + self._legend_height() + 8))

    def _legend_height(self) -> float:
        return self.fontMetrics().height() * (4.2 if self._data.footnote else 2.4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(400, self.sizeHint().height())

    def _cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        row_h, header_h, label_w = self._metrics()
        cols = len(self._data.columns)
        if not cols or pos.x() < label_w or pos.y() < header_h:
            return None
        col = int((pos.x() - label_w) / ((self.width() - label_w) / cols))
        row = int((pos.y() - header_h) / row_h)
        if 0 <= row < len(self._data.rows) and 0 <= col < cols:
            return row, col
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            cell = self._cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_at(*cell), self)
            return True
        return super().event(event)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        d = self._data
        if not d.columns:
            return
        painter = QPainter(self)
        row_h, header_h, label_w = self._metrics()
        k = len(d.stage_labels)
        col_w = (self.width() - label_w) / len(d.columns)
        bold = scaled_font(self.font(), 1.0, bold=True)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.setPen(TEXT_DARK)
        headers = [f"{name}\n({d.column_notes[c]})" if c < len(d.column_notes) and d.column_notes[c] else name
                   for c, name in enumerate(d.columns)]
        painter.setFont(self._header_font(headers, QRectF(0, 2, col_w - 8, header_h - 6)))
        for c, header in enumerate(headers):
            rect = QRectF(label_w + c * col_w + 4, 2, col_w - 8, header_h - 6)
            painter.drawText(rect, flags, header)
        # narrow columns: every cell shows the stage number alone (the legend names the stages)
        numbers_only = max((QFontMetricsF(bold).horizontalAdvance(f"{label} !") for label in d.stage_labels),
                           default=0.0) > col_w - 10
        for r, label in enumerate(d.rows):
            y = header_h + r * row_h
            painter.setFont(self.font())
            painter.setPen(TEXT_DARK)
            painter.drawText(QRectF(6, y, label_w - 12, row_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 12)))
            for c in range(len(d.columns)):
                value = d.values[r][c]
                cell = QRectF(label_w + c * col_w, y, col_w, row_h)
                if value is None:
                    fill, ink = DONT_KNOW, TEXT_DARK
                elif value == NOT_RATED:
                    fill, ink = EMPTY, TEXT_DARK
                else:
                    fill = stage_colour(value, k)
                    ink = TEXT_LIGHT if fill.lightnessF() < 0.55 else TEXT_DARK
                painter.fillRect(cell, fill)
                painter.setPen(QPen(GRID, 1))
                painter.drawRect(cell)
                if (r, c) in d.outliers:
                    painter.setPen(QPen(QColor(ORANGE), 4))
                    painter.drawRect(cell.adjusted(3, 3, -3, -3))
                painter.setPen(ink)
                painter.setFont(bold if (r, c) in d.outliers else self.font())
                text = self.cell_text(r, c) + (" !" if (r, c) in d.outliers else "")
                if numbers_only:
                    text = text.split()[0] + (" !" if (r, c) in d.outliers else "")
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter,
                                 painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(col_w - 10)))
        self._paint_legend(painter, header_h + row_h * len(d.rows) + 8, k)
        painter.end()

    def _header_font(self, headers: list[str], rect: QRectF) -> QFont:
        """The largest of a few sizes at which every column header fits its cell without breaking a word."""
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        for factor in (1.0, 0.85, 0.72, 0.6):
            font = scaled_font(self.font(), factor, bold=True)
            fm = QFontMetricsF(font)
            widest = max((fm.horizontalAdvance(w) for h in headers for w in h.split()), default=0.0)
            tallest = max((fm.boundingRect(rect, flags, h).height() for h in headers), default=0.0)
            if widest <= rect.width() and tallest <= rect.height():
                return font
        return font

    def _paint_legend(self, painter: QPainter, y: float, k: int) -> None:
        painter.setFont(self.font())
        fm = painter.fontMetrics()
        x, h = 6.0, fm.height() * 1.4
        swatches: list[tuple[QColor, str, bool]] = [
            (stage_colour(i + 1, k), label, False) for i, label in enumerate(self._data.stage_labels)
        ]
        swatches += [(DONT_KNOW, "? don't know", False), (EMPTY, "– not rated", False),
                     (EMPTY, "outlined ! = outlier", True)]
        for fill, label, outlined in swatches:
            box = QRectF(x, y, h, h)
            painter.fillRect(box, fill)
            painter.setPen(QPen(QColor(ORANGE), 3) if outlined else QPen(GRID, 1))
            painter.drawRect(box.adjusted(1, 1, -1, -1) if outlined else box)
            painter.setPen(TEXT_DARK)
            painter.drawText(QRectF(x + h + 6, y, fm.horizontalAdvance(label) + 4, h),
                             Qt.AlignmentFlag.AlignVCenter, label)
            x += h + 6 + fm.horizontalAdvance(label) + 20
        if self._data.footnote:
            painter.drawText(QRectF(6, y + h + 4, self.width() - 12, h), Qt.AlignmentFlag.AlignVCenter,
                             self._data.footnote)
