"""One place that finds the shipped `rubrics/` and `resources/` folders."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller one-folder build
        found.append(Path(frozen_root) / name)
    found.append(_PACKAGE_DIR / name)  # installed wheel: data mapped into the package
    found.append(_PACKAGE_DIR.parent / name)  # source checkout or editable install
    return found


def data_dir(name: str) -> Path:
    """Return the shipped data folder `name` ("rubrics" or "resources").

    Raises FileNotFoundError naming every place looked at, so a broken install
    says what is missing instead of silently showing nothing.
    """
    candidates = _candidates(name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"the app's '{name}' folder is missing (looked in {looked})")


def rubrics_dir() -> Path:
    return data_dir("rubrics")


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource; raises if it does not exist (no blank icons)."""
    path = data_dir("resources").joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {'/'.join(parts)}")
    return path
