"""Start-up time: the app with the demo open vs a bare PySide6 QMainWindow, each a fresh process.

Run: python bench/bench_gui_startup.py [--runs N]
Both are timed by this parent process from spawn to exit, and both quit right
after their main window is shown, under QT_QPA_PLATFORM=offscreen. Target:
the app takes at most 1.3 times as long as the bare window.
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

TARGET_RATIO = 1.3
BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.resize(1280, 800)\n"
    "window.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as home:
        # Cached bytecode, as an installed app has it, kept out of the source tree.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSHOP_APP_HOME=home,
                   WORKSHOP_APP_EXIT_WHEN_SHOWN="1", PYTHONPATH=str(root),
                   PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-m", "workshop_app", "--demo"]
        _time(bare_cmd, env)  # warm the file cache for both
        _time(app_cmd, env)
        bare, app = [], []
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            bare.append(_time(bare_cmd, env))
            app.append(_time(app_cmd, env))
    bare_ms, app_ms = statistics.median(bare) * 1000, statistics.median(app) * 1000
    ratio = app_ms / bare_ms
    print(f"runs: {args.runs} each, offscreen")
    print(f"bare QMainWindow:        median {bare_ms:7.1f} ms  (min {min(bare) * 1000:.1f}, max {max(bare) * 1000:.1f})")
    print(f"app with demo open:      median {app_ms:7.1f} ms  (min {min(app) * 1000:.1f}, max {max(app) * 1000:.1f})")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x): {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
