"""Reading a TOML file the user supplies (a rubric, a brand profile) with one clear message per failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def read_toml(path: str | Path, kind: str, error: type[Exception]) -> dict[str, Any]:
    """The file's table, or `error` saying what is wrong: missing, unreadable, not UTF-8, bad syntax.

    `kind` names the file in the message ("rubric", "brand"), so a consultant who
    picked the wrong file sees which one was expected. tomllib is imported here,
    not at module level: opening a workshop (which carries its rubric as JSON)
    needs no TOML.
    """
    import tomllib

    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such {kind} file") from None
    except OSError as exc:
        raise error(f"{path}: the {kind} file cannot be read ({exc.strerror or exc})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(f"{path}: the {kind} file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: TOML syntax error: {exc}") from None
