"""The re-vote movement chart shown on Reveal and Re-vote: plain data in, a matplotlib Figure out.

The handout draws its charts as vectors (report/vcharts.py) with the same palette (ChartPalette)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # matplotlib is imported lazily: it costs more start-up time than Qt
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class ChartPalette:
    """Colours as "#rrggbb"; meaning is also carried by markers, hatches and labels."""

    primary: str = "#1f3a5f"
    accent: str = "#e07a1f"
    muted: str = "#9aa5b1"
    text: str = "#1d2731"
    grid: str = "#d9dee4"
    font_family: str = "DejaVu Sans"


_LABEL_WIDTH = 22  # characters per line of a pillar label
_NO_DATA = "No ratings to chart yet"


# --------------------------------------------------------------------------- helpers


def shorten_label(text: str, width: int = _LABEL_WIDTH, lines: int = 2) -> str:
    """Wrap a long name onto at most `lines` lines, ending in an ellipsis if it was cut."""
    wrapped = textwrap.wrap(" ".join(str(text).split()), width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = (last[: width - 1].rstrip() + "…") if len(last) >= width else last + "…"
    return "\n".join(wrapped)


def _new_figure(size: tuple[float, float], dpi: int) -> Figure:
    from matplotlib.figure import Figure

    width, height = size
    if width <= 0 or height <= 0 or dpi <= 0:
        raise ValueError(f"chart size and dpi must be positive, got size={size!r} dpi={dpi!r}")
    fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    fig.get_layout_engine().set(h_pad=0.04, w_pad=0.04)
    return fig


def _style_axes(ax: Axes, palette: ChartPalette, size: float) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(palette.grid)
    ax.tick_params(colors=palette.text, labelsize=size, length=0, labelfontfamily=palette.font_family)
    ax.set_axisbelow(True)


def _empty(fig: Figure, palette: ChartPalette, message: str = _NO_DATA) -> Figure:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color=palette.text, fontsize=11,
            fontfamily=palette.font_family, transform=ax.transAxes)
    return fig


def _check_lengths(what: str, expected: int, **seqs: Sequence[Any] | None) -> None:
    for name, seq in seqs.items():
        if seq is not None and len(seq) != expected:
            raise ValueError(f"{what}: {name} has {len(seq)} entries but there are {expected} pillars")


def _font_sizes(rows: int, height: float) -> tuple[float, float]:
    """Label and annotation sizes that still fit when many rows share a short chart."""
    per_row_pt = height * 72 / max(rows, 1)
    label = max(5.5, min(9.0, per_row_pt * 0.32))
    return label, max(5.0, label - 1)


def _stage_axis(ax: Axes, stage_names: Sequence[str], palette: ChartPalette, size: float) -> None:
    k = len(stage_names)
    width = 12 if k <= 5 else 8
    ax.set_xlim(0.5, k + 0.5)
    ax.set_xticks(range(1, k + 1), [shorten_label(n, width, 2) for n in stage_names])
    ax.tick_params(axis="x", labelsize=size if k <= 6 else max(5.0, size - 1.5))
    ax.grid(axis="x", color=palette.grid, linewidth=0.8)


def _legend(fig: Figure, handles: list[Any], palette: ChartPalette, size: float) -> None:
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
               prop={"family": palette.font_family, "size": size}, labelcolor=palette.text,
               handletextpad=0.4, columnspacing=1.4)


# --------------------------------------------------------------------------- count bubbles


def _bubble_area(count: int, biggest: int, max_area: float) -> float:
    return 40 + (max_area - 40) * count / max(biggest, 1)


def _bubbles(ax: Axes, rows: Sequence[tuple[float, Sequence[int]]], biggest: int, palette: ChartPalette,
             text_size: float, *, filled: bool = True, max_area: float = 260.0) -> None:
    """Bubbles whose area follows the count, with the count written in or beside them."""
    xs, ys, areas = [], [], []
    for y, counts in rows:
        for stage, count in enumerate(counts, start=1):
            if count <= 0:
                continue
            area = _bubble_area(count, biggest, max_area)
            xs.append(stage)
            ys.append(y)
            areas.append(area)
            inside = area >= 110
            colour = ("white" if filled else palette.text) if inside else palette.text
            ax.text(stage + (0 if inside else 0.09 + (area ** 0.5) / 160), y, str(count),
                    ha="center" if inside else "left", va="center", fontsize=text_size, color=colour,
                    fontweight="bold", zorder=5, fontfamily=palette.font_family)
    if xs:
        ax.scatter(xs, ys, s=areas, facecolor=palette.primary if filled else "white",
                   edgecolor=palette.primary if filled else palette.text, linewidths=1.0, zorder=4)


# --------------------------------------------------------------------------- movement


def movement_chart(
    stage_names: Sequence[str],
    pillar_names: Sequence[str],
    before: Sequence[Sequence[int]],
    after: Sequence[Sequence[int]],
    *,
    before_label: str = "Before",
    after_label: str = "After",
    palette: ChartPalette | None = None,
    size: tuple[float, float] = (7.0, 3.0),
    dpi: int = 100,
) -> Figure:
    """Paired rows per re-voted pillar: the spread before (hollow) and after (filled) the re-vote."""
    from matplotlib.lines import Line2D

    palette = palette or ChartPalette()
    k, n = len(stage_names), len(pillar_names)
    _check_lengths("movement_chart", n, before=before, after=after)
    for row in (*before, *after):
        if len(row) != k:
            raise ValueError(f"movement_chart: a counts row has {len(row)} entries but there are {k} stages")
        if any(c < 0 for c in row):
            raise ValueError("movement_chart: counts must not be negative")
    fig = _new_figure(size, dpi)
    if n == 0 or k == 0:
        return _empty(fig, palette, "No pillar was re-voted")
    label_size, note_size = _font_sizes(n * 2, size[1] * 1.3)
    ax = fig.add_subplot()
    _style_axes(ax, palette, label_size)
    _stage_axis(ax, stage_names, palette, label_size)
    ax.set_ylim(n * 2 - 0.4, -0.6)
    biggest = max((c for row in (*before, *after) for c in row), default=0)
    max_area = min(240.0, (size[1] * 72 / max(n * 2, 1) * 0.8) ** 2)
    ticks, labels = [], []
    for i in range(n):
        for offset, counts, filled in ((0, before[i], False), (0.85, after[i], True)):
            y = i * 2 + offset
            present = [s for s, c in enumerate(counts, start=1) if c > 0]
            if present:
                ax.plot([min(present), max(present)], [y, y], color=palette.primary if filled else palette.muted,
                        linewidth=2.0, linestyle="-" if filled else (0, (3, 2)), zorder=2)
            _bubbles(ax, [(y, counts)], biggest, palette, note_size, filled=filled, max_area=max_area)
        ticks.append(i * 2 + 0.425)
        labels.append(shorten_label(pillar_names[i]))
        if i:
            ax.axhline(i * 2 - 0.58, color=palette.grid, linewidth=0.8)
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", labelsize=label_size, pad=6)
    handles = [
        Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor=palette.text, color=palette.muted,
               linestyle=(0, (3, 2)), markersize=7, label=f"{before_label} (upper row, range dashed)"),
        Line2D([], [], marker="o", color=palette.primary, markersize=7,
               label=f"{after_label} (lower row, range solid)"),
    ]
    _legend(fig, handles, palette, note_size + 0.5)
    return fig
