"""Time the PDF export against a floor: a bare reportlab + matplotlib one-chart PDF.

Every run is a fresh subprocess, so imports count, as they do for a user who
exports from the command line. Run: python bench/bench_export.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5

FLOOR = """
import sys
from io import BytesIO
from matplotlib.figure import Figure
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate
from reportlab.lib.styles import getSampleStyleSheet
fig = Figure(figsize=(6.7, 3.0), layout="constrained")
ax = fig.add_subplot()
ax.barh(["Reality", "Maturity", "Precision", "Scale"], [2, 1, 2, 1])
buffer = BytesIO()
fig.savefig(buffer, format="png", dpi=150)
buffer.seek(0)
doc = SimpleDocTemplate(sys.argv[1], pagesize=A4)
doc.build([Paragraph("Floor", getSampleStyleSheet()["Title"]), Image(buffer, width=6.7 * 72, height=3.0 * 72)])
"""

EXPORT = """
import sys
from workshop_app.cli import main
sys.exit(main(["export", sys.argv[1], sys.argv[2], "--force"]))
"""

MAKE_LARGE = """
import sys
from workshop_app.core.storage import save_workshop
from workshop_app.core.sample import large_workshop
save_workshop(large_workshop(), sys.argv[1])
"""

MAKE_DEMO = """
import sys
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import save_workshop
save_workshop(build_demo(), sys.argv[1])
"""


ENV: dict[str, str] = {}


def run(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def median_of(runs: int, code: str, *args: str) -> tuple[float, list[float]]:
    times = [run(code, *args) for _ in range(runs)]
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median is reported)")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Compiled bytecode is allowed, as in an installed app, but kept out of the source tree.
        ENV.update({k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
        ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        demo, large = folder / "demo.workshop", folder / "large.workshop"
        run(MAKE_DEMO, str(demo))
        run(MAKE_LARGE, str(large))
        # one unmeasured run of each: fills the bytecode, OS file and matplotlib font caches
        run(FLOOR, str(folder / "warm.pdf"))
        run(EXPORT, str(demo), str(folder / "warm.pdf"))
        floor, floor_all = median_of(ns.runs, FLOOR, str(folder / "floor.pdf"))
        demo_t, demo_all = median_of(ns.runs, EXPORT, str(demo), str(folder / "demo.pdf"))
        large_t, large_all = median_of(ns.runs, EXPORT, str(large), str(folder / "large.pdf"))
        pages = {}
        from pypdf import PdfReader

        for name in ("demo", "large"):
            pages[name] = len(PdfReader(folder / f"{name}.pdf").pages)

    def line(label: str, value: float, every: list[float], extra: str = "") -> str:
        spread = ", ".join(f"{t:.2f}" for t in every)
        return f"{label:<34} {value:6.2f} s  x{value / floor:4.2f}  [{spread}]{extra}"

    print(f"median of {ns.runs} runs, each in a fresh subprocess (imports included)")
    print(line("floor: reportlab+matplotlib, 1 chart", floor, floor_all))
    print(line("demo export (8 people, 4 pillars)", demo_t, demo_all, f"  {pages['demo']} pages"))
    print(line("40 people x 10 pillars x 3 rounds", large_t, large_all, f"  {pages['large']} pages"))
    ratio = demo_t / floor
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"demo / floor = {ratio:.2f} ({verdict} the target of {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
