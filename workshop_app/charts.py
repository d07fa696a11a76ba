"""Chart functions shared by the app and the PDF: plain data in, a matplotlib Figure out."""

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


def _check_stage(what: str, value: int | None, k: int) -> None:
    if value is not None and not 1 <= value <= k:
        raise ValueError(f"{what}: stage {value} is outside 1..{k}")


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


def _pillar_axis(ax: Axes, pillar_names: Sequence[str], palette: ChartPalette, size: float) -> None:
    n = len(pillar_names)
    ax.set_ylim(n - 0.5, -0.62)  # first pillar at the top, room for the median mark
    ax.set_yticks(range(n), [shorten_label(p) for p in pillar_names])
    ax.tick_params(axis="y", labelsize=size, pad=6)


def _legend(fig: Figure, handles: list[Any], palette: ChartPalette, size: float) -> None:
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
               prop={"family": palette.font_family, "size": size}, labelcolor=palette.text,
               handletextpad=0.4, columnspacing=1.4)


# --------------------------------------------------------------------------- profile


def profile_chart(
    stage_names: Sequence[str],
    pillar_names: Sequence[str],
    agreed: Sequence[int | None],
    target: Sequence[int | None],
    *,
    medians: Sequence[int | None] | None = None,
    palette: ChartPalette | None = None,
    size: tuple[float, float] = (7.0, 3.6),
    dpi: int = 100,
) -> Figure:
    """Agreed stage (filled bar and dot) and target (hollow diamond, arrow) per pillar."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    palette = palette or ChartPalette()
    k, n = len(stage_names), len(pillar_names)
    _check_lengths("profile_chart", n, agreed=agreed, target=target, medians=medians)
    for values in (agreed, target, medians or ()):
        for v in values:
            _check_stage("profile_chart", v, k)
    fig = _new_figure(size, dpi)
    if n == 0 or k == 0:
        return _empty(fig, palette, "No pillars to chart")
    label_size, note_size = _font_sizes(n, size[1])
    ax = fig.add_subplot()
    _style_axes(ax, palette, label_size)
    _stage_axis(ax, stage_names, palette, label_size)
    _pillar_axis(ax, pillar_names, palette, label_size)
    bar_h = 0.5 if n > 1 else 0.35
    # one artist per kind of mark, not per row: matplotlib's cost is per artist
    rows_a = [r for r in range(n) if agreed[r] is not None]
    rows_t = [r for r in range(n) if target[r] is not None]
    if rows_a:
        ax.barh(rows_a, [agreed[r] - 0.5 for r in rows_a], left=0.5, height=bar_h, color=palette.primary,
                alpha=0.22, edgecolor=palette.primary, linewidth=0.6, zorder=1)
        ax.plot([agreed[r] for r in rows_a], rows_a, marker="o", markersize=9, color=palette.primary, zorder=4,
                linestyle="none")
    for row in range(n):
        a, t = agreed[row], target[row]
        if a is None:
            ax.text(0.6, row, "not agreed yet", va="center", ha="left", fontsize=note_size,
                    color=palette.muted, fontstyle="italic", fontfamily=palette.font_family)
        elif t is not None and t != a:
            ax.annotate("", xy=(t, row), xytext=(a, row), zorder=3,
                        arrowprops={"arrowstyle": "-|>", "color": palette.accent, "lw": 1.6,
                                    "shrinkA": 6, "shrinkB": 7, "mutation_scale": 11})
    if rows_t:
        ax.plot([target[r] for r in rows_t], rows_t, marker="D", markersize=8, markerfacecolor="white",
                markeredgecolor=palette.accent, markeredgewidth=1.8, zorder=5, linestyle="none")
    if medians is not None:
        rows_m = [r for r in range(n) if medians[r] is not None]
        ax.plot([medians[r] for r in rows_m], [r - bar_h * 0.85 for r in rows_m], marker="v", markersize=5.5,
                color=palette.text, zorder=6, linestyle="none")
    handles = [
        Patch(facecolor=palette.primary, alpha=0.5, edgecolor=palette.primary, label="Agreed stage"),
        Line2D([], [], marker="D", linestyle="none", markerfacecolor="white", markeredgecolor=palette.accent,
               markeredgewidth=1.8, markersize=7, label="Target stage"),
    ]
    if medians is not None:
        handles.append(Line2D([], [], marker="v", linestyle="none", color=palette.text, markersize=5.5,
                              label="Consensus (median)"))
    _legend(fig, handles, palette, note_size + 0.5)
    return fig


# --------------------------------------------------------------------------- spread


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


def spread_chart(
    stage_names: Sequence[str],
    pillar_names: Sequence[str],
    counts: Sequence[Sequence[int]],
    dont_know: Sequence[int],
    medians: Sequence[int | None],
    levels: Sequence[str],
    *,
    palette: ChartPalette | None = None,
    size: tuple[float, float] = (7.0, 3.6),
    dpi: int = 100,
) -> Figure:
    """How many people chose each stage, the median, and the level of agreement in words."""
    from matplotlib.lines import Line2D

    from workshop_app.core.consensus import LEVEL_SYMBOLS

    palette = palette or ChartPalette()
    k, n = len(stage_names), len(pillar_names)
    _check_lengths("spread_chart", n, counts=counts, dont_know=dont_know, medians=medians, levels=levels)
    for row in counts:
        if len(row) != k:
            raise ValueError(f"spread_chart: a counts row has {len(row)} entries but there are {k} stages")
        if any(c < 0 for c in row):
            raise ValueError("spread_chart: counts must not be negative")
    for m in medians:
        _check_stage("spread_chart", m, k)
    fig = _new_figure(size, dpi)
    if n == 0 or k == 0:
        return _empty(fig, palette, "No pillars to chart")
    label_size, note_size = _font_sizes(n, size[1])
    ax = fig.add_subplot()
    _style_axes(ax, palette, label_size)
    _stage_axis(ax, stage_names, palette, label_size)
    _pillar_axis(ax, pillar_names, palette, label_size)
    biggest = max((c for row in counts for c in row), default=0)
    max_area = min(320.0, (size[1] * 72 / max(n, 1) * 0.75) ** 2)
    ax.grid(axis="y", color=palette.grid, linewidth=0.6)
    _bubbles(ax, list(enumerate(counts)), biggest, palette, note_size, max_area=max_area)
    rings = [(medians[r], r, _bubble_area(counts[r][medians[r] - 1], biggest, max_area))  # type: ignore[index]
             for r in range(n) if medians[r] is not None]
    if rings:
        ax.scatter([m for m, _, _ in rings], [r for _, r, _ in rings], s=[(a ** 0.5 + 7) ** 2 for _, _, a in rings],
                   facecolor="none", edgecolor=palette.accent, linewidths=2.0, zorder=3)
    for row in range(n):
        level = levels[row]
        symbol = LEVEL_SYMBOLS.get(level, "")
        note = f"{symbol} {level}".strip()
        if dont_know[row]:
            note += f"   ? {dont_know[row]}"
        ax.annotate(note, xy=(1.0, row), xycoords=("axes fraction", "data"), xytext=(8, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=note_size,
                    color=palette.text, fontfamily=palette.font_family, annotation_clip=False)
    if biggest == 0:
        ax.text((k + 1) / 2, (n - 1) / 2, _NO_DATA, ha="center", va="center", color=palette.muted,
                fontsize=label_size, fontfamily=palette.font_family)
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=palette.primary, markersize=7,
               label="People at this stage (number shown)"),
        Line2D([], [], marker="o", linestyle="none", markerfacecolor="none", markeredgecolor=palette.accent,
               markersize=10, markeredgewidth=2.0, label="Median (ring)"),
        Line2D([], [], linestyle="none", label="? = don't know"),
    ]
    _legend(fig, handles, palette, note_size + 0.5)
    return fig


# --------------------------------------------------------------------------- heatmap


def heatmap_chart(
    stage_names: Sequence[str],
    pillar_names: Sequence[str],
    row_labels: Sequence[str],
    stages: Sequence[Sequence[int | None]],
    *,
    palette: ChartPalette | None = None,
    size: tuple[float, float] = (7.0, 4.0),
    dpi: int = 100,
) -> Figure:
    """Each person's stage per pillar as a number on a light-to-dark cell; '?' is hatched grey."""
    from matplotlib.colors import LinearSegmentedColormap, to_rgb
    from matplotlib.patches import Rectangle

    palette = palette or ChartPalette()
    k, cols, rows = len(stage_names), len(pillar_names), len(row_labels)
    if len(stages) != rows:
        raise ValueError(f"heatmap_chart: stages has {len(stages)} rows but there are {rows} row labels")
    for r, line in enumerate(stages):
        if len(line) != cols:
            raise ValueError(f"heatmap_chart: row {r + 1} has {len(line)} cells but there are {cols} pillars")
        for v in line:
            _check_stage("heatmap_chart", v, k)
    fig = _new_figure(size, dpi)
    if rows == 0 or cols == 0 or k == 0:
        return _empty(fig, palette)
    cmap = LinearSegmentedColormap.from_list("stages", ["#f4f6f9", palette.primary])
    label_size, _ = _font_sizes(rows, size[1])
    cell_size = max(4.5, min(9.0, size[1] * 72 / rows * 0.5))
    ax = fig.add_subplot()
    _style_axes(ax, palette, label_size)
    ax.spines["bottom"].set_visible(False)
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    for r, line in enumerate(stages):
        for c, value in enumerate(line):
            if value is None:
                ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor="#eceff2", edgecolor=palette.muted,
                                       hatch="///", linewidth=0.0, zorder=1))
                ax.text(c, r, "?", ha="center", va="center", fontsize=cell_size, color=palette.text,
                        fontweight="bold", zorder=3, fontfamily=palette.font_family)
                continue
            share = (value - 1) / (k - 1) if k > 1 else 1.0
            colour = cmap(share)
            ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=colour, edgecolor="white",
                                   linewidth=1.0, zorder=1))
            red, green, blue = to_rgb(colour)
            light = 0.2126 * red + 0.7152 * green + 0.0722 * blue
            ax.text(c, r, str(value), ha="center", va="center", fontsize=cell_size, zorder=3,
                    color="white" if light < 0.5 else palette.text, fontfamily=palette.font_family)
    ax.set_yticks(range(rows), [shorten_label(x, 18, 1) for x in row_labels])
    ax.tick_params(axis="y", labelsize=label_size)
    ax.xaxis.tick_top()
    if cols > 6:
        ax.set_xticks(range(cols), [shorten_label(p, 16, 1) for p in pillar_names], rotation=35,
                      ha="left", rotation_mode="anchor")
    else:
        ax.set_xticks(range(cols), [shorten_label(p, 14, 3) for p in pillar_names])
    ax.tick_params(axis="x", labelsize=max(5.5, min(8.5, label_size)))
    key_size = max(5.5, min(8.0, label_size))
    parts = [f"{i} {shorten_label(name, 14, 1)}" for i, name in enumerate(stage_names, start=1)]
    parts.append("? don't know (hatched)")
    per_line = max(20, int(size[0] * 72 / (key_size * 0.6)))
    key = textwrap.fill("Stages: " + "  ·  ".join(p.replace(" ", "\u00a0") for p in parts), per_line)
    fig.supxlabel(key.replace("\u00a0", " "), fontsize=key_size, color=palette.text,
                  fontfamily=palette.font_family)
    return fig


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
