"""Start-up time: the app with the demo open vs a bare PySide6 QMainWindow, each a fresh process.

Run: python bench/bench_gui_startup.py [--runs N]
Each runs under QT_QPA_PLATFORM=offscreen, prints "shown" from the first
event-loop turn after its main window is shown, then quits. This parent times
each from spawn to that line (the target figure) and to process exit (which
adds teardown). Target: the app is shown within 1.3 times the bare window's time.

A third process, startup_widgets.py, shows the app's first screen as bare widgets
(same menus, sidebar, form, text, style and icon; no file, no app code). Its ratio
is what Qt and the binding charge for those widgets alone; the app's ratio to it
is the share of the app's own code.
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
    "def shown():\n"
    "    print('shown', flush=True)\n"
    "    app.quit()\n"
    "QTimer.singleShot(0, shown)\n"
    "app.exec()\n"
)


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the "shown" line, and to exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    shown = time.perf_counter() - start
    proc.stdout.read()
    if proc.wait() != 0 or line.strip() != "shown":
        raise SystemExit(f"{' '.join(cmd)} failed (exit {proc.returncode}, said {line!r})")
    return shown, time.perf_counter() - start


def _line(label: str, runs: list[float]) -> str:
    ms = [r * 1000 for r in runs]
    return f"{label:<38} median {statistics.median(ms):7.1f} ms  (min {min(ms):.1f}, max {max(ms):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    commands = {
        "bare QMainWindow": [sys.executable, "-c", BARE],
        "first screen's widgets only": [sys.executable, str(root / "bench" / "startup_widgets.py")],
        "app with demo open": [sys.executable, "-m", "workshop_app", "--demo"],
    }
    with tempfile.TemporaryDirectory() as home:
        # Cached bytecode, as an installed app has it, kept out of the source tree.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSHOP_APP_HOME=home,
                   WORKSHOP_APP_EXIT_WHEN_SHOWN="1", PYTHONPATH=str(root),
                   PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for cmd in commands.values():  # warm the file cache and the bytecode
            _time(cmd, env)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift hits all alike
            for name, cmd in commands.items():
                runs[name].append(_time(cmd, env))
    shown = {name: statistics.median(r[0] for r in rs) for name, rs in runs.items()}
    to_exit = {name: statistics.median(r[1] for r in rs) for name, rs in runs.items()}
    bare, widgets, app = shown.values()
    print(f"runs: {args.runs} each, offscreen")
    for name, rs in runs.items():
        print(_line(f"{name} shown:", [r[0] for r in rs]))
    for name, rs in runs.items():
        print(_line(f"{name} to exit:", [r[1] for r in rs]))
    exit_ratio = to_exit["app with demo open"] / to_exit["bare QMainWindow"]
    ratio = app / bare
    print(f"ratio to exit (with teardown): {exit_ratio:.2f}x")
    print(f"widgets only / bare, shown: {widgets / bare:.2f}x (what the first screen's widgets cost in Qt)")
    print(f"app / widgets only, shown: {app / widgets:.2f}x (the app's own code)")
    print(f"ratio shown: {ratio:.2f}x (target <= {TARGET_RATIO}x): {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
