"""Presenting on a 3840 x 2160 screen at 200%: the wall still fits, the type and the charts grow with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json
from PySide6.QtGui import QFont, QFontMetricsF
from workshop_app.core.sample import large_workshop
from workshop_app.gui.app import create_application
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.widgets.wall import MIN_SCALE

app = create_application()
base_line = QFontMetricsF(app.font()).height()
window = MainWindow(start_screen=False)
window.set_document(WorkshopDocument(large_workshop(participants=40, pillars=12, rounds=2), None))
window.show()
window.go_to_step(3)
window.set_presentation(True)
screen = window.screen()
window.setGeometry(screen.geometry())
for _ in range(10):
    app.processEvents()
page = window.page(3)
wall = page.wall
rects = wall.row_rects()
image = window.grab()
page.tabs.setCurrentIndex(2)  # Movement: the matplotlib chart
for _ in range(5):
    app.processEvents()
canvas = page.movement_canvas
window.go_to_step(5)
for _ in range(5):
    app.processEvents()
roadmap = window.page(5)
bold = QFont(roadmap.table.font())
bold.setBold(True)
priority = 8  # FIELDS index of the priority column
print(json.dumps({
    "dpr": screen.devicePixelRatio(), "window": [window.width(), window.height()],
    "image": [image.width(), image.height()], "image_dpr": image.devicePixelRatio(), "win_dpr": window.devicePixelRatioF(),
    "rows": len(rects), "last_bottom": rects[-1].bottom(), "wall_height": wall.height(),
    "wall_top": wall.mapTo(window, wall.rect().topLeft()).y(), "window_height": window.height(),
    "wall_bottom": wall.mapTo(window, wall.rect().bottomLeft()).y(),
    "scale": wall.text_scale(), "min_scale": MIN_SCALE,
    "row_line": QFontMetricsF(wall.font()).height() * wall.text_scale(), "base_line": base_line,
    "chart_dpi": canvas.chart_dpi(), "figure_dpi": canvas.figure.dpi,
    "priority_width": roadmap.table.columnWidth(priority),
    "priority_needs": QFontMetricsF(bold).horizontalAdvance("Priority"),
}))
"""


def test_presenting_at_a_device_pixel_ratio_of_two(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [
        {"name": "4K", "x": 0, "y": 0, "width": 3840, "height": 2160, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT),
           "QT_SCALE_FACTOR": "2",  # a 3840 x 2160 panel at 200%
           "WORKSHOP_APP_HOME": str(tmp_path / "home"), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=180,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["dpr"] == 2 and got["window"] == [1920, 1080]
    assert got["image"] == [3840, 2160], got  # drawn at the panel's full resolution
    # every one of the twelve pillars on the wall, inside the window, no scrolling
    assert got["rows"] == 12 and got["last_bottom"] <= got["wall_height"]
    assert got["wall_bottom"] <= got["window_height"] and got["scale"] >= got["min_scale"]
    # the wall's type is larger than the normal text, not shrunk by the higher resolution
    assert got["row_line"] >= got["base_line"] * 1.2
    # the chart follows presentation mode (1.5x) and is rendered at the screen's pixel ratio
    assert got["chart_dpi"] == 150 and got["figure_dpi"] == 300
    assert got["priority_width"] >= got["priority_needs"]
