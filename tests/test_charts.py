"""Chart functions: every chart renders to a non-blank PNG, including the awkward edge cases."""

from __future__ import annotations

import random
from io import BytesIO

import pytest
from PIL import Image, ImageStat

from workshop_app.charts import (
    ChartPalette,
    heatmap_chart,
    movement_chart,
    profile_chart,
    shorten_label,
    spread_chart,
)

STAGES = ["Crawl", "Walk", "Run", "Fly"]
PILLARS = ["Reality over hype", "Know your maturity", "Act with precision", "Sustain at scale"]
LONG = "Governance, risk, ethics and the very long tail of everything else that matters to a regulator"


def render(fig) -> Image.Image:
    buffer = BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.tell() > 2000
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def assert_not_blank(image: Image.Image, *, min_dark: int = 200) -> None:
    assert ImageStat.Stat(image).stddev[0] > 2, "chart looks blank"
    dark = sum(image.histogram()[:128])  # real ink, not just a faint frame
    assert dark > min_dark


def ink_columns(image: Image.Image) -> tuple[int, int]:
    """First and last column holding dark pixels (to see whether text touches the edge)."""
    width, height = image.size
    pixels = image.load()
    cols = [x for x in range(width) if any(pixels[x, y] < 140 for y in range(0, height, 2))]
    return cols[0], cols[-1]


def test_profile_chart_size_and_ink() -> None:
    fig = profile_chart(STAGES, PILLARS, [2, 1, 2, 1], [3, 2, 3, 2], medians=[2, 1, 1, 1], dpi=80)
    image = render(fig)
    assert image.size == (560, 288)
    assert_not_blank(image)


def test_profile_chart_differs_when_data_differs() -> None:
    a = render(profile_chart(STAGES, PILLARS, [1, 1, 1, 1], [2, 2, 2, 2]))
    b = render(profile_chart(STAGES, PILLARS, [4, 4, 4, 4], [4, 4, 4, 4]))
    assert a.tobytes() != b.tobytes()


def test_profile_chart_all_none_and_empty() -> None:
    assert_not_blank(render(profile_chart(STAGES, PILLARS, [None] * 4, [None] * 4, medians=[None] * 4)))
    assert_not_blank(render(profile_chart([], [], [], [])), min_dark=50)  # a message, not a crash


def test_spread_chart_writes_level_and_dont_know() -> None:
    fig = spread_chart(STAGES, PILLARS, [[0, 6, 2, 0], [5, 3, 0, 0], [4, 0, 4, 0], [5, 2, 0, 0]],
                       [0, 0, 0, 1], [2, 1, 1, 1], ["aligned", "discuss", "polarised", "aligned"])
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "⇆ polarised" in texts
    assert any("? 1" in t for t in texts)
    assert "6" in texts  # counts are written, not only sized
    assert_not_blank(render(fig))


def test_spread_chart_no_ratings() -> None:
    fig = spread_chart(["Low", "High"], ["Only pillar"], [[0, 0]], [3], [None], ["no ratings"])
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("no ratings" in t for t in texts)
    assert_not_blank(render(fig))


def test_heatmap_marks_dont_know_with_text_and_hatch() -> None:
    fig = heatmap_chart(STAGES, PILLARS, ["P1", "P2"], [[1, None, 3, 4], [None, None, None, None]])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts].count("?") == 5
    assert sum(1 for p in ax.patches if p.get_hatch()) == 5
    assert_not_blank(render(fig))


def test_heatmap_forty_participants_ten_pillars_ten_stages() -> None:
    rng = random.Random(7)
    stages = [f"Stage {i}" for i in range(1, 11)]
    pillars = [f"{LONG} {i}" for i in range(10)]
    rows = [f"P{i}" for i in range(1, 41)]
    data = [[rng.choice([*range(1, 11), None]) for _ in pillars] for _ in rows]
    image = render(heatmap_chart(stages, pillars, rows, data, size=(7.0, 8.0)))
    assert_not_blank(image)
    left, right = ink_columns(image)
    assert left > 0 and right < image.size[0] - 1, "text runs off the edge"


@pytest.mark.parametrize("k", [2, 3, 5, 10])
@pytest.mark.parametrize("n", [1, 4, 10])
def test_charts_for_many_shapes(k: int, n: int) -> None:
    rng = random.Random(k * 100 + n)
    stages = [f"Stage name {i}" for i in range(1, k + 1)]
    pillars = [LONG if i % 3 == 0 else f"Pillar {i}" for i in range(n)]
    counts = [[rng.randint(0, 12) for _ in stages] for _ in pillars]
    medians = [rng.randint(1, k) for _ in pillars]
    for fig in (
        profile_chart(stages, pillars, [rng.randint(1, k) for _ in pillars], [k] * n, medians=medians, dpi=60),
        spread_chart(stages, pillars, counts, [rng.randint(0, 2) for _ in pillars], medians, ["split"] * n,
                     dpi=60),
        movement_chart(stages, pillars, counts, counts[::-1], dpi=60),
    ):
        image = render(fig)
        assert_not_blank(image, min_dark=100)
        left, right = ink_columns(image)
        assert left > 0 and right < image.size[0] - 1, "text runs off the edge"


def test_movement_chart_empty_and_labels() -> None:
    assert_not_blank(render(movement_chart(STAGES, [], [], [])), min_dark=50)
    fig = movement_chart(STAGES, ["Act with precision"], [[4, 0, 4, 0]], [[5, 0, 3, 0]],
                         before_label="Round 1", after_label="Round 2")
    legend_texts = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert any("Round 1" in t for t in legend_texts) and any("Round 2" in t for t in legend_texts)


def test_palette_colours_are_used() -> None:
    palette = ChartPalette(primary="#aa0000", accent="#00aa00")
    fig = profile_chart(STAGES, PILLARS[:1], [2], [3], palette=palette)
    buffer = BytesIO()
    fig.savefig(buffer, format="png")
    buffer.seek(0)
    colours = Image.open(buffer).convert("RGB").getcolors(1_000_000)
    assert any(rgb == (0xAA, 0, 0) for _, rgb in colours)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: profile_chart(STAGES, PILLARS, [1], [1, 1, 1, 1]), "agreed has 1 entries"),
        (lambda: profile_chart(STAGES, PILLARS[:1], [5], [1]), "stage 5 is outside 1..4"),
        (lambda: spread_chart(STAGES, PILLARS[:1], [[1, 2]], [0], [1], ["split"]), "2 entries but there are 4 stages"),
        (lambda: heatmap_chart(STAGES, PILLARS, ["P1"], [[1, 2]]), "row 1 has 2 cells"),
        (lambda: movement_chart(STAGES, PILLARS[:1], [[1, 0, 0, -1]], [[1, 0, 0, 0]]), "must not be negative"),
        (lambda: profile_chart(STAGES, PILLARS[:1], [1], [1], size=(0, 3)), "must be positive"),
    ],
)
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_shorten_label() -> None:
    assert shorten_label("Short") == "Short"
    label = shorten_label(LONG, 20, 2)
    lines = label.split("\n")
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)
    assert label.endswith("…")


def test_charts_module_keeps_matplotlib_lazy() -> None:
    import subprocess
    import sys

    code = "import sys, workshop_app.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
