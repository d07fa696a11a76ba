"""Run a frozen one-folder build headless: --version, rubrics, demo, summary, export, and the window opening."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI_ALIVE_SECONDS = 30.0


class SmokeError(Exception):
    """A step of the frozen app failed; the message says which and shows its output."""


def executables(app_dir: Path) -> tuple[Path, Path]:
    """(command-line executable, window executable) of a one-folder build for this platform."""
    suffix = ".exe" if sys.platform == "win32" else ""
    gui = app_dir / f"workshop-app{suffix}"
    cli = app_dir / f"workshop-app-cli{suffix}"
    if not cli.is_file():  # Linux: one console executable does both
        cli = gui
    for exe in {gui, cli}:
        if not exe.is_file():
            raise SmokeError(f"{exe} is missing: is {app_dir} a finished build?")
    return cli, gui


def clean_env(home: Path) -> dict[str, str]:
    """No Python paths leaking in from a venv, no display, settings in a throwaway folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    env.pop("MPLBACKEND", None)  # the app must pick its own matplotlib backend
    env.update(QT_QPA_PLATFORM="offscreen", WORKSHOP_APP_HOME=str(home))
    return env


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    took = time.perf_counter() - started
    shown = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(args))
    if proc.returncode != 0:
        raise SmokeError(f"'{shown}' exited with {proc.returncode}\n{proc.stdout}{proc.stderr}")
    print(f"  ok  {shown}  ({took:.1f} s)")
    return proc.stdout


def expected_rubric_ids() -> list[str]:
    return sorted(p.stem for p in (ROOT / "rubrics").glob("*.toml"))


def check_gui(gui: Path, cwd: Path, env: dict[str, str]) -> None:
    """Open the demo in a window (offscreen): proves the GUI's imports, Qt plugins and icon all load.

    With WORKSHOP_APP_EXIT_WHEN_SHOWN=1 the app quits once the window is shown; should that switch
    ever go, a window still open after GUI_ALIVE_SECONDS counts as started too.
    """
    started = time.perf_counter()
    proc = subprocess.Popen([str(gui), "--demo"], cwd=cwd, env={**env, "WORKSHOP_APP_EXIT_WHEN_SHOWN": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=GUI_ALIVE_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        if "Traceback" in err:
            raise SmokeError(f"'{gui.name} --demo' printed an error:\n{err}") from None
        print(f"  ok  {gui.name} --demo  (window still open after {GUI_ALIVE_SECONDS:.0f} s)")
        return
    took = time.perf_counter() - started
    if proc.returncode != 0 or "Traceback" in err:
        raise SmokeError(f"'{gui.name} --demo' exited with {proc.returncode}\n{out}{err}")
    print(f"  ok  {gui.name} --demo  (window shown and closed in {took:.1f} s)")


def smoke_test(app_dir: Path, work: Path, version: str, gui: bool = True) -> Path:
    """Every step a consultant relies on, run from a folder outside the checkout; returns the PDF."""
    cli, window = executables(app_dir)
    env = clean_env(work / "home")
    out = run([str(cli), "--version"], work, env)
    if version not in out:
        raise SmokeError(f"--version printed {out.strip()!r}, expected version {version}")
    out = run([str(cli), "rubrics"], work, env)
    missing = [rid for rid in expected_rubric_ids() if rid not in out]
    if missing:
        raise SmokeError(f"'rubrics' does not list {', '.join(missing)}:\n{out}")
    run([str(cli), "demo", "demo.workshop", "--force"], work, env)
    out = run([str(cli), "summary", "demo.workshop"], work, env)
    if "Overall stage" not in out:
        raise SmokeError(f"'summary' printed no overall stage:\n{out}")
    pdf = work / "demo.pdf"
    run([str(cli), "export", "demo.workshop", str(pdf), "--force"], work, env)
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF-"):
        raise SmokeError(f"'export' did not write a PDF to {pdf}")
    if gui:
        check_gui(window, work, env)
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("app_dir", type=Path, help="the one-folder build, e.g. packaging/dist/workshop-app")
    parser.add_argument("--no-gui", action="store_true", help="skip opening the window")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from workshop_app import __version__

    with tempfile.TemporaryDirectory(prefix="workshop-smoke-") as tmp:
        try:
            pdf = smoke_test(args.app_dir.resolve(), Path(tmp), __version__, gui=not args.no_gui)
            print(f"smoke test passed: the handout has {pdf.stat().st_size // 1024} KiB")
        except (SmokeError, subprocess.TimeoutExpired) as exc:
            print(f"smoke test FAILED: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
