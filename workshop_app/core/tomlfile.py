"""Reading files the user supplies (a rubric, a brand profile, its logo and fonts), bounded before they are read."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Largest TOML file read: the shipped rubrics are under 20 KB, a brand profile under 1 KB.
MAX_TOML_BYTES = 1024 * 1024
#: Deepest nesting of tables and arrays in a TOML file: rubrics need 3 levels, brand profiles 1.
MAX_TOML_DEPTH = 20


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"


def read_user_file(path: str | Path, kind: str, error: Callable[[str], Exception], max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or `error` saying what is wrong.

    A device (/dev/zero), a named pipe, a folder or a file over the limit is refused
    before anything is read, so a wrong pick cannot hang the app or fill its memory.
    `kind` names the file in the message ("rubric file", "logo").
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: no such {kind}") from None
    except OSError as exc:
        raise error(f"{path}: the {kind} cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{path}: the {kind} cannot be read (it is a folder)")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{path}: not a {kind} (a device, pipe or socket, not a regular file)")
    if st.st_size > max_bytes:
        raise error(f"{path}: too large for a {kind} ({_size(st.st_size)}; the limit is {_size(max_bytes)})")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # the file opened, not the one looked at
                raise error(f"{path}: not a {kind} (not a regular file)")
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise error(f"{path}: the {kind} cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise error(f"{path}: too large for a {kind} (the limit is {_size(max_bytes)})")
    return raw


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of parsed TOML data, without recursing past `limit`."""
    deepest, level = 0, [(value, 0)]
    while level:
        item, depth = level.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        if isinstance(item, dict):
            level.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            level.extend((v, depth + 1) for v in item)
    return deepest


def read_toml(path: str | Path, kind: str, error: type[Exception]) -> dict[str, Any]:
    """The file's table, or `error` saying what is wrong: missing, not a file, too large, not UTF-8, bad syntax.

    `kind` names the file in the message ("rubric", "brand"), so a consultant who
    picked the wrong file sees which one was expected. tomllib is imported here,
    not at module level: opening a workshop (which carries its rubric as JSON)
    needs no TOML.
    """
    import tomllib

    path = Path(path)
    raw = read_user_file(path, f"{kind} file", error, MAX_TOML_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(f"{path}: the {kind} file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: TOML syntax error: {exc}") from None
    except RecursionError:
        raise error(f"{path}: the {kind} file nests tables or arrays too deeply") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise error(f"{path}: the {kind} file holds a value that cannot be read ({str(exc).split(':')[0]})") from None
    if _depth(data, MAX_TOML_DEPTH) > MAX_TOML_DEPTH:
        raise error(f"{path}: the {kind} file nests tables or arrays more than {MAX_TOML_DEPTH} levels deep")
    return data
