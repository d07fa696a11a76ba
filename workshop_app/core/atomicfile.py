"""Atomic file replacement: the file on disk is always the old version or the new one.

The new bytes go to a hidden temporary file beside the target, are fsynced, and
replace the target in one rename. The new file gets the old file's mode, or the
user's umask for a new file (not mkstemp's private 0600), a symlink is followed so
the real file is updated and the link kept, a read-only file is never replaced,
and temporary files left by a killed save are removed once they are old.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: A temporary file older than this was left by a save that died.
STALE_TEMP_AGE_S = 5 * 60
TEMP_SUFFIX = ".tmp"
#: File names are at most 255 bytes; the temporary name must fit beside a long one.
_PREFIX_BYTES = 120
_NAME_BYTES = 255

_cleaned: dict[str, float] = {}


class AtomicWriteError(OSError):
    """A write that did not happen; the message names the folder and what to do."""


def default_mode() -> int:
    """What a new file gets from the user's umask (0o644 with the usual 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def temp_prefix(name: str) -> str:
    """`.<name>.`, cut so that prefix + random part + suffix stay within 255 bytes."""
    raw = name.encode("utf-8")[:_PREFIX_BYTES].decode("utf-8", "ignore")
    return f".{raw}."


def hidden_name(name: str, suffix: str) -> str:
    """`.<name><suffix>` for a file kept beside `name` (lock, versions folder), within 255 bytes.

    A name of up to 200 characters that fits is kept whole; a longer one (or one whose
    characters take several bytes each) is cut and given a short hash of the whole
    name, so two long names never share a lock or a versions folder.
    """
    whole = f".{name}{suffix}"
    if len(name) <= 200 and len(os.fsencode(whole)) <= _NAME_BYTES:
        return whole
    raw = os.fsencode(name)
    room = _NAME_BYTES - len(os.fsencode(suffix)) - 1 - 9
    cut = raw[:room].decode("utf-8", "ignore")
    return f".{cut}~{hashlib.sha256(raw).hexdigest()[:8]}{suffix}"


def real_target(path: str | Path) -> Path:
    """The file a save must replace: through any symlink, so the link stays a link."""
    return Path(os.path.realpath(path))


def is_read_only(st: os.stat_result, path: Path) -> bool:
    """A file nobody may write (0444), or one this user may not write."""
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def clean_stale_temps(directory: Path, prefix: str | None = None, *, force: bool = False) -> int:
    """Remove our hidden temporary files older than STALE_TEMP_AGE_S; checked at most once a minute."""
    key = str(directory)
    now = time.time()
    if not force and now - _cleaned.get(key, 0.0) < 60:
        return 0
    _cleaned[key] = now
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        if ".workshop" not in name and not (prefix and name.startswith(prefix)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_TEMP_AGE_S:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _write_all(fd: int, data: bytes) -> None:
    """One place for the write itself (tests simulate a full disk here)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def replace_atomically(path: str | Path, payload: bytes, *,
                       before_replace: Callable[[Path], None] | None = None) -> os.stat_result:
    """Write `payload` to `path` crash-safely; returns the new file's stat.

    `before_replace(real_path)` runs after the new bytes are safe on disk and before
    the old file is replaced (to keep a copy of the old version).
    Raises AtomicWriteError with a message for the user.
    """
    shown = Path(path)
    target = real_target(path)
    directory = target.parent
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise AtomicWriteError(describe(exc, shown, directory, existed=False)) from None
    if existing is not None:
        if not stat.S_ISREG(existing.st_mode):
            raise AtomicWriteError(f"{shown}: not saved: that name belongs to something that is not a file")
        if is_read_only(existing, target):
            raise AtomicWriteError(f"{shown}: not saved: the file is read-only; "
                                   "use Save As to keep your changes in another file")
    prefix = temp_prefix(target.name)
    clean_stale_temps(directory, prefix)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise AtomicWriteError(describe(exc, shown, directory, existed=existing is not None)) from None
    try:
        try:
            os.fchmod(fd, stat.S_IMODE(existing.st_mode) if existing else default_mode())
        except (OSError, AttributeError):
            pass  # Windows, or a file system without modes: the default is fine
        _write_all(fd, payload)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if before_replace is not None and existing is not None:
            before_replace(target)
        os.replace(tmp_name, target)
        fsync_dir(directory)
        return os.stat(target)
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        Path(tmp_name).unlink(missing_ok=True)
        raise AtomicWriteError(describe(exc, shown, directory, existed=existing is not None)) from None


def describe(exc: OSError, path: Path, directory: Path, *, existed: bool) -> str:
    """One line: what went wrong, where, and what to do; 'intact' only if there was a file."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        why = f"the disk holding {directory} is full; free some space there or use Save As to save elsewhere"
    elif code == errno.EROFS:
        why = f"the folder {directory} is on a read-only disk; use Save As to save elsewhere"
    elif code in (errno.EACCES, errno.EPERM):
        why = f"you may not write in {directory}; use Save As to save elsewhere"
    elif code == errno.ENAMETOOLONG:
        why = "the file name is too long; choose a shorter one"
    elif code == errno.ENOENT:
        why = f"the folder {directory} does not exist (a removed drive?); use Save As to save elsewhere"
    else:
        why = f"{exc.strerror or exc}"
    tail = "; the previous file is intact" if existed else ""
    return f"{path}: not saved: {why}{tail}"


def fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
