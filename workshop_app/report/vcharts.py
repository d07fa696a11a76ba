"""The handout's charts drawn as vectors with reportlab, in the handout's own fonts.

The app's screens draw these charts with matplotlib (workshop_app/charts.py); printing
those as pictures gave soft edges on paper and a type face that was never the brand's.
Here each chart is a reportlab drawing: lines and shapes stay sharp at any zoom, every
label is real text in the brand font (or DejaVu Sans), searchable and embedded with the
rest of the handout, and a label the brand font lacks borrows the fallback faces. It
also spares the export matplotlib's import time. The look (marks, colours, legends)
follows the screen charts, so the room recognises on paper what it saw on the wall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import sqrt

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib import colors

from workshop_app.charts import ChartPalette
from workshop_app.core.consensus import LEVEL_SYMBOLS
from workshop_app.report import textruns
from workshop_app.report.fonts import FontSet

LABEL, NOTE = 8.0, 7.0  # point sizes of pillar and stage labels, and of counts, notes and legends
LEGEND_H = 16.0
_NO_DATA = "No ratings to chart yet"


def _tint(colour: colors.Color, share: float) -> colors.Color:
    return colors.Color(*(1 - share + share * c for c in (colour.red, colour.green, colour.blue)))


@dataclass
class _Chart:
    """A drawing with pillar rows down, the rubric's stages across and a legend underneath."""

    fonts: FontSet
    palette: ChartPalette
    stage_names: Sequence[str]
    pillar_names: Sequence[str]
    width: float
    height: float
    right: float = 0.0  # room kept right of the stages (notes)
    top_pad: float = 4.0

    def __post_init__(self) -> None:
        p = self.palette
        self.primary, self.accent = colors.HexColor(p.primary), colors.HexColor(p.accent)
        self.muted, self.ink, self.grid = colors.HexColor(p.muted), colors.HexColor(p.text), colors.HexColor(p.grid)
        self.drawing = Drawing(self.width, self.height, initialFontName=self.fonts.regular)
        self.drawing.hAlign = "LEFT"
        labels = [self.wrap(name, LABEL, min(self.width * 0.3, 150)) for name in self.pillar_names]
        widest = max((textruns.width(self.fonts.runs(line, self.fonts.regular), LABEL)
                      for lines in labels for line in lines), default=0.0)
        self.labels = labels
        self.x0 = min(self.width * 0.3, widest + 10)
        self.x1 = self.width - self.right
        self.col = (self.x1 - self.x0) / max(len(self.stage_names), 1)
        stage_lines = [self.wrap(n, LABEL, self.col - 4) for n in self.stage_names]
        self.stage_labels = stage_lines
        self.bottom = LEGEND_H + 4 + LABEL * 1.15 * max((len(x) for x in stage_lines), default=1) + 2
        self.top = self.height - self.top_pad

    # ---------------------------------------------------------------- geometry
    def x(self, stage: float) -> float:
        return self.x0 + (stage - 0.5) * self.col

    def row_h(self, rows: int) -> float:
        return (self.top - self.bottom) / max(rows, 1)

    def y(self, row: float, rows: int) -> float:
        return self.top - (row + 0.5) * self.row_h(rows)

    # ---------------------------------------------------------------- text
    def wrap(self, text: str, size: float, room: float, lines: int = 2) -> list[str]:
        """At most `lines` lines of `text` fitting `room` points; the last cut with an ellipsis."""
        words = " ".join(str(text).split()).split(" ")
        out: list[str] = []
        current = ""
        for i, word in enumerate(words):
            trial = f"{current} {word}".strip()
            if not current or textruns.width(self.fonts.runs(trial, self.fonts.regular), size) <= room:
                current = trial
                continue
            out.append(current)
            if len(out) == lines - 1:
                current = " ".join(words[i:])
                break
            current = word
        out.append(current)
        return out[:lines]

    def text(self, x: float, y: float, text: str, size: float = LABEL, *, colour: colors.Color | None = None,
             anchor: str = "start", bold: bool = False, room: float | None = None) -> float:
        """Text with its baseline at y; returns its width."""
        runs = textruns.fit(self.fonts, text, self.fonts.bold if bold else self.fonts.regular, size, room)
        self.drawing.add(textruns.group(x, y, runs, size, colour or self.ink, anchor))
        return textruns.width(runs, size)

    def centred(self, x: float, y: float, lines: Sequence[str], size: float, anchor: str, room: float) -> None:
        """Lines of a label centred vertically on y."""
        lead = size * 1.15
        first = y + (len(lines) - 1) * lead / 2 - size * 0.35
        for i, line in enumerate(lines):
            self.text(x, first - i * lead, line, size, anchor=anchor, room=room)

    # ---------------------------------------------------------------- frame
    def axes(self, rows: int, *, row_lines: bool = False) -> None:
        d = self.drawing
        for stage in range(1, len(self.stage_names) + 1):
            d.add(Line(self.x(stage), self.bottom, self.x(stage), self.top, strokeColor=self.grid, strokeWidth=0.8))
        if row_lines:
            for r in range(rows):
                y = self.y(r, rows)
                d.add(Line(self.x0, y, self.x1, y, strokeColor=self.grid, strokeWidth=0.6))
        d.add(Line(self.x0, self.bottom, self.x1, self.bottom, strokeColor=self.grid, strokeWidth=0.8))
        for stage, lines in enumerate(self.stage_labels, start=1):
            for i, line in enumerate(lines):
                self.text(self.x(stage), self.bottom - LABEL - 2 - i * LABEL * 1.15, line, anchor="middle",
                          room=self.col - 2)

    def pillar_labels(self, ys: Sequence[float]) -> None:
        for y, lines in zip(ys, self.labels, strict=True):
            self.centred(self.x0 - 8, y, lines, LABEL, "end", self.x0 - 8)

    def legend(self, items: Sequence[tuple[str, str]]) -> None:
        """Marker kind and label per item, centred under the chart."""
        mark_w, gap, space = 12.0, 4.0, 14.0
        widths = [textruns.width(self.fonts.runs(label, self.fonts.regular), NOTE) for _, label in items]
        total = sum(widths) + len(items) * (mark_w + gap) + space * (len(items) - 1)
        x = max(0.0, (self.width - total) / 2)
        y = LEGEND_H / 2
        for (kind, label), w in zip(items, widths, strict=True):
            if kind:
                self.mark(kind, x + mark_w / 2, y, 3.5)
            self.text(x + (mark_w + gap if kind else 0), y - NOTE * 0.35, label, NOTE)
            x += (mark_w + gap if kind else 0) + w + space

    # ---------------------------------------------------------------- marks
    def mark(self, kind: str, x: float, y: float, r: float) -> None:
        d = self.drawing
        if kind == "bar":
            d.add(Rect(x - 5, y - 3.5, 10, 7, fillColor=_tint(self.primary, 0.22), strokeColor=self.primary,
                       strokeWidth=0.6))
        elif kind == "dot":
            d.add(Circle(x, y, r, fillColor=self.primary, strokeColor=None))
        elif kind == "diamond":
            d.add(Polygon([x - r, y, x, y + r, x + r, y, x, y - r], fillColor=colors.white, strokeColor=self.accent,
                          strokeWidth=1.8))
        elif kind == "median":
            d.add(Polygon([x - r * 0.9, y + r * 0.6, x + r * 0.9, y + r * 0.6, x, y - r * 0.8], fillColor=self.ink,
                          strokeColor=None))
        elif kind == "ring":
            d.add(Circle(x, y, r + 1, fillColor=None, strokeColor=self.accent, strokeWidth=2.0))
        elif kind == "hollow":
            d.add(Line(x - 6, y, x + 6, y, strokeColor=self.muted, strokeWidth=2.0, strokeDashArray=[3, 2]))
            d.add(Circle(x, y, r, fillColor=colors.white, strokeColor=self.ink, strokeWidth=1.0))
        elif kind == "filled":
            d.add(Line(x - 6, y, x + 6, y, strokeColor=self.primary, strokeWidth=2.0))
            d.add(Circle(x, y, r, fillColor=self.primary, strokeColor=None))

    def arrow(self, x_from: float, x_to: float, y: float) -> None:
        sign = 1 if x_to > x_from else -1
        start, tip = x_from + sign * 6, x_to - sign * 7
        self.drawing.add(Line(start, y, tip - sign * 5, y, strokeColor=self.accent, strokeWidth=1.6))
        self.drawing.add(Polygon([tip, y, tip - sign * 6, y + 3.2, tip - sign * 6, y - 3.2], fillColor=self.accent,
                                 strokeColor=None))

    def bubbles(self, y: float, counts: Sequence[int], biggest: int, max_area: float, *, filled: bool = True) -> None:
        """Circles whose area follows the count, with the count in them (or beside a small one)."""
        for stage, count in enumerate(counts, start=1):
            if count <= 0:
                continue
            area = bubble_area(count, biggest, max_area)
            r = sqrt(area) / 2
            self.drawing.add(Circle(self.x(stage), y, r, fillColor=self.primary if filled else colors.white,
                                    strokeColor=self.primary if filled else self.ink, strokeWidth=1.0))
            label = str(count)
            wide = textruns.width([(self.fonts.bold, label)], NOTE)
            inside = 2 * r >= max(wide, NOTE * 0.8) + 5  # the count fits in its circle with a margin
            colour = colors.white if inside and filled else self.ink
            x = self.x(stage) if inside else self.x(stage) + r + 2
            if not inside:  # on a white patch, so a range line behind it never strikes it through
                self.drawing.add(Rect(x - 1, y - NOTE * 0.5, wide + 2, NOTE, fillColor=colors.white, strokeColor=None))
            self.text(x, y - NOTE * 0.35, label, NOTE, colour=colour, anchor="middle" if inside else "start",
                      bold=True)

    def empty(self, message: str) -> Drawing:
        self.text(self.width / 2, self.height / 2, message, 10, colour=self.ink, anchor="middle")
        return self.drawing


def bubble_area(count: int, biggest: int, max_area: float) -> float:
    """A bubble's area in square points, as the screen chart sizes its markers."""
    return 40 + (max_area - 40) * count / max(biggest, 1)


def _check(what: str, n: int, k: int, stages: Sequence[int | None] = (), **seqs: Sequence[object] | None) -> None:
    for name, seq in seqs.items():
        if seq is not None and len(seq) != n:
            raise ValueError(f"{what}: {name} has {len(seq)} entries but there are {n} pillars")
    for value in stages:
        if value is not None and not 1 <= value <= k:
            raise ValueError(f"{what}: stage {value} is outside 1..{k}")


def _check_counts(what: str, k: int, rows: Sequence[Sequence[int]]) -> None:
    for row in rows:
        if len(row) != k:
            raise ValueError(f"{what}: a counts row has {len(row)} entries but there are {k} stages")
        if any(c < 0 for c in row):
            raise ValueError(f"{what}: counts must not be negative")


# ---------------------------------------------------------------------------- the three charts


def profile(fonts: FontSet, palette: ChartPalette, stage_names: Sequence[str], pillar_names: Sequence[str],
            agreed: Sequence[int | None], target: Sequence[int | None], medians: Sequence[int | None] | None,
            width: float, height: float) -> Drawing:
    """Agreed stage (bar and dot), target (hollow diamond, arrow) and the room's median per pillar."""
    k, n = len(stage_names), len(pillar_names)
    _check("profile chart", n, k, [*agreed, *target, *(medians or ())], agreed=agreed, target=target, medians=medians)
    chart = _Chart(fonts, palette, stage_names, pillar_names, width, height, top_pad=8)
    if n == 0 or k == 0:
        return chart.empty("No pillars to chart")
    chart.axes(n)
    ys = [chart.y(r, n) for r in range(n)]
    bar_h = min(chart.row_h(n) * (0.5 if n > 1 else 0.35), 13.0)
    d = chart.drawing
    for r, y in enumerate(ys):
        a, t = agreed[r], target[r]
        if a is None:
            chart.text(chart.x0 + 4, y - NOTE * 0.35, "not agreed yet", NOTE, colour=chart.muted)
            continue
        d.add(Rect(chart.x0, y - bar_h / 2, chart.x(a) - chart.x0, bar_h, fillColor=_tint(chart.primary, 0.22),
                   strokeColor=chart.primary, strokeWidth=0.6))
        if t is not None and t != a:
            chart.arrow(chart.x(a), chart.x(t), y)
        chart.mark("dot", chart.x(a), y, 4.5)
    for r, y in enumerate(ys):
        if target[r] is not None:
            chart.mark("diamond", chart.x(target[r]), y, 4.6)  # type: ignore[arg-type]
        if medians is not None and medians[r] is not None:
            chart.mark("median", chart.x(medians[r]), y + bar_h / 2 + 4.5, 3.6)  # type: ignore[arg-type]
    chart.pillar_labels(ys)
    items = [("bar", "Agreed stage"), ("diamond", "Target stage")]
    if medians is not None:
        items.append(("median", "Median stage"))
    chart.legend(items)
    return d


def spread(fonts: FontSet, palette: ChartPalette, stage_names: Sequence[str], pillar_names: Sequence[str],
           counts: Sequence[Sequence[int]], dont_know: Sequence[int], medians: Sequence[int | None],
           levels: Sequence[str], width: float, height: float) -> Drawing:
    """How many people chose each stage, the median (ring) and the level of agreement in words."""
    k, n = len(stage_names), len(pillar_names)
    _check("spread chart", n, k, medians, counts=counts, dont_know=dont_know, medians=medians, levels=levels)
    _check_counts("spread chart", k, counts)
    notes = []
    for r in range(n):
        note = f"{LEVEL_SYMBOLS.get(levels[r], '')} {levels[r]}".strip()
        notes.append(note + (f" (? {dont_know[r]})" if dont_know[r] else ""))
    right = max((textruns.width(fonts.runs(x, fonts.regular), NOTE) for x in notes), default=0.0) + 14
    chart = _Chart(fonts, palette, stage_names, pillar_names, width, height, right=right)
    if n == 0 or k == 0:
        return chart.empty("No pillars to chart")
    chart.axes(n, row_lines=True)
    ys = [chart.y(r, n) for r in range(n)]
    biggest = max((c for row in counts for c in row), default=0)
    max_area = min(320.0, (chart.row_h(n) * 0.75) ** 2)
    for r, y in enumerate(ys):
        m = medians[r]
        if m is not None and counts[r][m - 1] > 0:
            ring = (sqrt(bubble_area(counts[r][m - 1], biggest, max_area)) + 7) / 2
            chart.drawing.add(Circle(chart.x(m), y, ring, fillColor=None, strokeColor=chart.accent, strokeWidth=2.0))
        chart.bubbles(y, counts[r], biggest, max_area)
        chart.text(chart.x1 + 8, y - NOTE * 0.35, notes[r], NOTE)
    if biggest == 0:
        chart.text((chart.x0 + chart.x1) / 2, (chart.top + chart.bottom) / 2, _NO_DATA, LABEL, colour=chart.muted,
                   anchor="middle")
    chart.pillar_labels(ys)
    chart.legend([("dot", "People at this stage (number shown)"), ("ring", "Median (ring)"), ("", "? = don't know")])
    return chart.drawing


def movement(fonts: FontSet, palette: ChartPalette, stage_names: Sequence[str], pillar_names: Sequence[str],
             before: Sequence[Sequence[int]], after: Sequence[Sequence[int]], before_label: str, after_label: str,
             width: float, height: float) -> Drawing:
    """Per re-voted pillar the spread before (upper row, hollow) and after (lower row, filled)."""
    k, n = len(stage_names), len(pillar_names)
    _check("movement chart", n, k, before=before, after=after)
    _check_counts("movement chart", k, [*before, *after])
    chart = _Chart(fonts, palette, stage_names, pillar_names, width, height)
    if n == 0 or k == 0:
        return chart.empty("No pillar was re-voted")
    chart.axes(n)
    d = chart.drawing
    block = chart.row_h(n)
    biggest = max((c for row in (*before, *after) for c in row), default=0)
    max_area = min(240.0, (block / 2 * 0.8) ** 2)
    ys = [chart.y(i, n) for i in range(n)]
    for i, centre in enumerate(ys):
        if i:
            d.add(Line(0, centre + block / 2, chart.x1, centre + block / 2, strokeColor=chart.grid, strokeWidth=0.8))
        for y, counts, filled in ((centre + block * 0.21, before[i], False), (centre - block * 0.21, after[i], True)):
            present = [s for s, c in enumerate(counts, start=1) if c > 0]
            if present:
                line = Line(chart.x(min(present)), y, chart.x(max(present)), y, strokeWidth=2.0,
                            strokeColor=chart.primary if filled else chart.muted)
                if not filled:
                    line.strokeDashArray = [6, 4]
                d.add(line)
            chart.bubbles(y, counts, biggest, max_area, filled=filled)
    chart.pillar_labels(ys)
    chart.legend([("hollow", f"{before_label} (upper row, range dashed)"),
                  ("filled", f"{after_label} (lower row, range solid)")])
    return d
