"""Earlier versions of a workshop file, kept in a hidden folder beside it, and their restore.

`.<name>.versions/` holds the file as it was when a session opened it
(`opened-<time>.workshop`, the last MAX_OPENED sessions) and copies of earlier
saves (`saved-<time>.workshop`), taken before a save replaces the file when the
newest is older than VERSION_EVERY_S, the last MAX_SAVED of them. Restoring is
itself a save, so the version it replaces is kept too.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from workshop_app.core.atomicfile import clean_stale_temps, hidden_name, real_target, temp_prefix
from workshop_app.core.filelock import FileLock, FileLockedError
from workshop_app.core.model import Workshop
from workshop_app.core.operations import Change, OperationError
from workshop_app.core.storage import SUFFIX, FileInUseError, WorkshopFileError, load_workshop, save_workshop

MAX_SAVED = 8
MAX_OPENED = 3
#: A save copies the replaced version aside at most this often (autosave runs every few seconds).
VERSION_EVERY_S = 10 * 60
_KINDS = ("opened", "saved")


@dataclass(frozen=True)
class Version:
    """One kept version: when it was written, its size, and what it holds (None if unreadable)."""

    path: Path
    kind: str  # "opened" (as a session found it) or "saved" (an earlier save)
    mtime: float
    size: int

    def label(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.mtime))
        what = "as opened" if self.kind == "opened" else "earlier save"
        return f"{when}  ({what}, {_size_text(self.size)})"


@dataclass(frozen=True)
class VersionSummary:
    participants: int
    rounds: int
    ratings: int
    decisions: int
    problem: str = ""

    def text(self) -> str:
        if self.problem:
            return f"cannot be read: {self.problem}"
        return (f"{self.participants} participants, {self.rounds} rounds, "
                f"{self.ratings} ratings, {self.decisions} decisions")


def versions_dir(path: str | Path) -> Path:
    real = real_target(path)
    return real.with_name(hidden_name(real.name, ".versions"))


def keep_opened_copy(path: str | Path) -> Path | None:
    """Keep the file as this session found it; None (and no error) if it cannot be kept.

    A file opened again unchanged is not copied again: three reopenings must not push
    the older, different versions out of the list.
    """
    return _keep(real_target(path), "opened", MAX_OPENED)


def rotate_before_replace(real: Path) -> None:
    """Called by a save just before it replaces `real`: keep it if the newest copy is old enough."""
    saved = [v for v in list_versions(real) if v.kind == "saved"]
    newest = max((_stamp_time(v.path) for v in saved), default=0.0)
    if time.time() - newest >= VERSION_EVERY_S:
        _keep(real, "saved", MAX_SAVED)


def list_versions(path: str | Path) -> list[Version]:
    """The kept versions, newest first."""
    folder = versions_dir(path)
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        kind = entry.name.split("-", 1)[0]
        if kind not in _KINDS or not entry.name.endswith(SUFFIX):
            continue
        try:
            st = entry.stat()
        except OSError:
            continue
        found.append(Version(Path(entry.path), kind, st.st_mtime, st.st_size))
    found.sort(key=lambda v: (v.mtime, v.path.name), reverse=True)
    return found


def summarise_version(version: Version) -> VersionSummary:
    """Counts for the restore list, so the user can tell versions apart."""
    try:
        ws = load_workshop(version.path)
    except WorkshopFileError as exc:
        return VersionSummary(0, 0, 0, 0, str(exc).split(": ", 1)[-1])
    decided = sum(1 for d in ws.decisions.values() if d.agreed is not None)
    return VersionSummary(len(ws.participants), len(ws.rounds), len(ws.ratings), decided)


def restore_version(path: str | Path, version: Version, out: str | Path | None = None) -> Path:
    """Write `version` back over `path` (keeping the current file as a version) or into `out`.

    Restoring over `path` takes the file's lock for the while, so it is refused
    (FileInUseError, naming the holder) while the file is open for editing elsewhere,
    and no app can open it half way. The current file is kept first, whatever its
    age, so the restore itself can be undone from the same list.
    """
    workshop = load_workshop(version.path)  # before any copy: trimming may remove this version
    if out is not None:
        save_workshop(workshop, out)
        return Path(out)
    target = Path(path)
    try:
        lock = FileLock.acquire(target)
    except FileLockedError as exc:
        raise FileInUseError(f"{target}: not restored: the file is open for editing {exc.holder.describe()}; "
                             "close it there first, or restore into a new file") from None
    try:
        if target.exists():
            if _keep(real_target(target), "saved", MAX_SAVED) is None:
                raise WorkshopFileError(f"{target}: not restored: the current file could not be kept "
                                        f"as a version in {versions_dir(target)}")
        save_workshop(workshop, target, keep_versions=False)
    finally:
        lock.release()
    return target


def replace_contents(workshop: Workshop, other: Workshop) -> Change:
    """Core operation: the open workshop takes the content of an earlier version (undoable)."""
    if other.rubric.to_dict() != workshop.rubric.to_dict():
        raise OperationError("That version uses another rubric; restore it into a new file instead.")
    workshop.details = other.details
    workshop.participants = other.participants
    workshop.rounds = other.rounds
    workshop.ratings = other.ratings
    workshop.decisions = other.decisions
    workshop.actions = other.actions
    workshop.notes = other.notes
    workshop.earlier = other.earlier
    return Change(frozenset({"details", "participants", "ratings", "rounds", "decisions", "roadmap", "notes",
                             "earlier"}), "Restore an earlier version")


def _keep(real: Path, kind: str, limit: int, *, dedupe: bool = True) -> Path | None:
    """Copy `real` into the versions folder (atomically, keeping its time), then trim to `limit`.

    With `dedupe`, a file identical to the newest kept version of the same kind is not
    copied again (that version's path is returned).
    """
    folder = versions_dir(real)
    if dedupe:
        same = _same_as_newest(real, kind)
        if same is not None:
            return same
    try:
        folder.mkdir(exist_ok=True)
        clean_stale_temps(folder, temp_prefix(kind))
        stamp = time.strftime("%Y%m%d-%H%M%S")
        dest = folder / f"{kind}-{stamp}{SUFFIX}"
        n = 2
        while dest.exists():
            dest = folder / f"{kind}-{stamp}-{n}{SUFFIX}"
            n += 1
        tmp = folder / f"{temp_prefix(dest.name)}{os.getpid()}.tmp"
        shutil.copy2(real, tmp)
        os.replace(tmp, dest)
    except OSError:
        return None  # a version is a bonus; it never blocks the save itself
    for old in [v for v in list_versions(real) if v.kind == kind][limit:]:
        try:
            old.path.unlink()
        except OSError:
            pass
    return dest


def _same_as_newest(real: Path, kind: str) -> Path | None:
    """The newest kept version of `kind` if it holds exactly the bytes of `real`."""
    newest = next((v for v in list_versions(real) if v.kind == kind), None)
    if newest is None:
        return None
    try:
        if os.stat(real).st_size != newest.size or real.read_bytes() != newest.path.read_bytes():
            return None
    except OSError:
        return None
    return newest.path


def _stamp_time(path: Path) -> float:
    """When a copy was taken, from its name (its mtime is the version's own time)."""
    try:
        stamp = path.stem.split("-", 1)[1][:15]
        return time.mktime(time.strptime(stamp, "%Y%m%d-%H%M%S"))
    except (IndexError, ValueError):
        return 0.0


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
