"""The movement chart renders to a non-blank PNG, including the awkward edge cases."""

from __future__ import annotations

import random
from io import BytesIO

import pytest
from PIL import Image, ImageStat

from workshop_app.charts import ChartPalette, movement_chart, shorten_label

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


@pytest.mark.parametrize("k", [2, 3, 5, 10])
@pytest.mark.parametrize("n", [1, 4, 10])
def test_charts_for_many_shapes(k: int, n: int) -> None:
    rng = random.Random(k * 100 + n)
    stages = [f"Stage name {i}" for i in range(1, k + 1)]
    pillars = [LONG if i % 3 == 0 else f"Pillar {i}" for i in range(n)]
    counts = [[rng.randint(0, 12) for _ in stages] for _ in pillars]
    image = render(movement_chart(stages, pillars, counts, counts[::-1], dpi=60))
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
    fig = movement_chart(STAGES, PILLARS[:1], [[1, 0, 2, 0]], [[0, 3, 0, 0]], palette=palette)
    buffer = BytesIO()
    fig.savefig(buffer, format="png")
    buffer.seek(0)
    colours = Image.open(buffer).convert("RGB").getcolors(1_000_000)
    assert any(rgb == (0xAA, 0, 0) for _, rgb in colours)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: movement_chart(STAGES, PILLARS, [[1, 0, 0, 0]], [[1, 0, 0, 0]] * 4), "before has 1 entries"),
        (lambda: movement_chart(STAGES, PILLARS[:1], [[1, 2]], [[1, 0, 0, 0]]), "2 entries but there are 4 stages"),
        (lambda: movement_chart(STAGES, PILLARS[:1], [[1, 0, 0, -1]], [[1, 0, 0, 0]]), "must not be negative"),
        (lambda: movement_chart(STAGES, PILLARS[:1], [[1, 0, 0, 0]], [[1, 0, 0, 0]], size=(0, 3)), "must be positive"),
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
