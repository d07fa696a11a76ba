"""Nothing lost on disk: the lock, the changed-on-disk check, symlinks, modes, full disks, long names."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_app.core import atomicfile
from workshop_app.core.demo import build_demo
from workshop_app.core.filelock import FileLock, FileLockedError, held_elsewhere, lock_path, read_lock
from workshop_app.core.storage import (
    FileChangedError,
    FileInUseError,
    WorkshopFileError,
    load_workshop,
    open_workshop,
    save_workshop,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and symlinks are POSIX here")
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _write_lock(path: Path, pid: int, *, host: str | None = None, age_s: float = 0.0) -> None:
    body = {"pid": pid, "host": host or socket.gethostname(), "user": "ann", "time": time.time() - age_s,
            "token": "theirs"}
    lock_path(path).write_text(json.dumps(body), encoding="utf-8")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --------------------------------------------------------------------------- the lock


def test_two_holders_second_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    first = FileLock.acquire(path)
    try:
        with pytest.raises(FileLockedError) as info:
            FileLock.acquire(path)
        assert "in another window of this app" in str(info.value)
        assert held_elsewhere(path) is None  # the holder's own saves pass
        save_workshop(build_demo(), path)
    finally:
        first.release()
    assert not lock_path(path).exists()
    FileLock.acquire(path).release()


def test_a_live_lock_of_another_process_refuses_saves_and_names_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    before = path.read_bytes()
    _write_lock(path, os.getppid())  # a process that is certainly alive
    with pytest.raises(FileInUseError, match=r"open for editing by ann on .* \(process \d+\)"):
        save_workshop(build_demo(), path)
    with pytest.raises(FileLockedError, match="by ann on"):
        FileLock.acquire(path)
    assert path.read_bytes() == before


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    _write_lock(path, _dead_pid())
    assert held_elsewhere(path) is None
    lock = FileLock.acquire(path)
    info = read_lock(path)
    assert info is not None and info.pid == os.getpid() and info.token == lock.token
    lock.release()


def test_locks_from_another_machine_are_stale_only_when_very_old(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    _write_lock(path, 1, host="laptop-elsewhere")
    with pytest.raises(FileLockedError, match="laptop-elsewhere"):
        FileLock.acquire(path)
    _write_lock(path, 1, host="laptop-elsewhere", age_s=8 * 24 * 3600)
    FileLock.acquire(path).release()


def test_a_garbled_lock_file_does_not_block_anyone(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    lock_path(path).write_bytes(b"\x00not json")
    FileLock.acquire(path).release()
    assert not lock_path(path).exists()


def test_release_never_removes_a_lock_someone_else_took_over(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    lock = FileLock.acquire(path)
    _write_lock(path, os.getppid())  # another process took it (ours looked stale to it)
    lock.release()
    lock.release()  # idempotent
    assert read_lock(path) is not None and read_lock(path).user == "ann"


@posix_only
def test_lock_file_names_sit_beside_the_real_file(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "w.workshop"
    link = tmp_path / "link.workshop"
    link.symlink_to(real)
    assert lock_path(tmp_path / "w.workshop") == tmp_path / ".w.workshop.lock"
    assert lock_path(link) == real_dir / ".w.workshop.lock"
    long = tmp_path / ("n" * 240 + ".workshop")
    assert len(lock_path(long).name.encode()) <= 255
    with FileLockHeld(link):
        with pytest.raises(FileLockedError):
            FileLock.acquire(real)  # the link and the file are one file


class FileLockHeld:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> FileLock:
        self.lock = FileLock.acquire(self.path)
        return self.lock

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


# --------------------------------------------------------------------------- changed on disk


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    known = save_workshop(build_demo(), path)
    theirs = build_demo()
    theirs.details.client = "Written by the other window"
    save_workshop(theirs, path, check_lock=False)
    ours = build_demo()
    ours.details.client = "Ours"
    with pytest.raises(FileChangedError, match="changed by someone else"):
        save_workshop(ours, path, expect=known)
    assert load_workshop(path).details.client == "Written by the other window"


def test_a_touch_or_a_deletion_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    known = save_workshop(build_demo(), path)
    os.utime(path, (time.time() + 5, time.time() + 5))
    known = save_workshop(build_demo(), path, expect=known)
    _, on_disk = open_workshop(path)
    assert on_disk == known
    path.unlink()
    save_workshop(build_demo(), path, expect=known)
    assert load_workshop(path).details.client == build_demo().details.client


# --------------------------------------------------------------------------- links, modes, temporaries


@posix_only
def test_saving_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / "w.workshop"
    save_workshop(build_demo(), real)
    link = tmp_path / "w.workshop"
    link.symlink_to(real)
    ws = build_demo()
    ws.details.client = "Through the link"
    save_workshop(ws, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_workshop(real).details.client == "Through the link"
    assert _temps(tmp_path) == [] and _temps(real_dir) == []
    assert (real_dir / ".w.workshop.versions").is_dir()


@posix_only
def test_a_read_only_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    before = path.read_bytes()
    path.chmod(0o444)
    ws = build_demo()
    ws.details.client = "Changed"
    with pytest.raises(WorkshopFileError, match="the file is read-only; use Save As"):
        save_workshop(ws, path)
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert _temps(tmp_path) == []


@posix_only
def test_new_files_follow_the_umask_and_saves_keep_the_mode(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        save_workshop(build_demo(), tmp_path / "team.workshop")
        assert stat.S_IMODE((tmp_path / "team.workshop").stat().st_mode) == 0o664
    finally:
        os.umask(old)
    path = tmp_path / "private.workshop"
    save_workshop(build_demo(), path)
    path.chmod(0o640)
    save_workshop(build_demo(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_stale_temporaries_of_a_killed_save_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    old = time.time() - atomicfile.STALE_TEMP_AGE_S - 60
    stale = tmp_path / ".w.workshop.k3j4h.tmp"
    fresh = tmp_path / ".w.workshop.a8b7c.tmp"  # perhaps a save running right now
    other = tmp_path / ".someone-elses.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"half a file")
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    save_workshop(build_demo(), path)
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert load_workshop(path).details.client == build_demo().details.client


# --------------------------------------------------------------------------- full disks, read-only folders


def _disk_full(fd: int, data: bytes) -> None:
    os.write(fd, data[: len(data) // 3])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_names_the_folder_keeps_the_old_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    before = path.read_bytes()
    monkeypatch.setattr(atomicfile, "_write_all", _disk_full)
    ws = build_demo()
    ws.details.client = "Lost?"
    with pytest.raises(WorkshopFileError) as info:
        save_workshop(ws, path)
    message = str(info.value)
    assert f"the disk holding {tmp_path} is full" in message
    assert "Save As" in message and message.endswith("the previous file is intact")
    assert "\n" not in message
    assert path.read_bytes() == before
    assert _temps(tmp_path) == []
    with pytest.raises(WorkshopFileError) as info:
        save_workshop(ws, tmp_path / "new.workshop")
    assert "intact" not in str(info.value)  # there was no previous file to speak of
    assert not (tmp_path / "new.workshop").exists()


@pytest.mark.parametrize(("code", "words"), [(errno.EROFS, "the folder {} is on a read-only disk"),
                                             (errno.EACCES, "you may not write in {}")])
def test_a_folder_that_became_read_only_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 code: int, words: str) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomicfile.tempfile, "mkstemp", refuse)
    with pytest.raises(WorkshopFileError) as info:
        save_workshop(build_demo(), path)
    assert words.format(tmp_path) in str(info.value) and "use Save As" in str(info.value)
    assert path.read_bytes() == before


@posix_only
@pytest.mark.skipif(as_root, reason="root writes into read-only folders")
def test_a_real_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "w.workshop"
    save_workshop(build_demo(), path)
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        with pytest.raises(WorkshopFileError, match=f"you may not write in {folder}"):
            save_workshop(build_demo(), path)
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o755)


def test_a_249_character_file_name_saves_again_and_again(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 240 + ".workshop")
    assert len(path.name) == 249
    ws = build_demo()
    fingerprint = save_workshop(ws, path)
    for client in ("One", "Two"):
        ws.details.client = client
        fingerprint = save_workshop(ws, path, expect=fingerprint)
    assert load_workshop(path).details.client == "Two"
    lock = FileLock.acquire(path)
    lock.release()
    assert _temps(tmp_path) == []


@pytest.mark.parametrize("name", ["é" * 120 + ".workshop", "n" * 240 + ".workshop"])
def test_long_names_keep_their_versions_and_lock(tmp_path: Path, name: str) -> None:
    from workshop_app.core.versions import keep_opened_copy, list_versions, versions_dir

    path = tmp_path / name
    assert len(name.encode()) == 249
    save_workshop(build_demo(), path)
    assert keep_opened_copy(path) is not None
    assert [v.kind for v in list_versions(path)] == ["opened"]
    assert len(versions_dir(path).name.encode()) <= 255
    other = tmp_path / (name[:-10] + "x.workshop")  # same long start, another file
    assert versions_dir(other) != versions_dir(path) and lock_path(other) != lock_path(path)
    with FileLockHeld(path) as lock:
        assert lock.token and lock_path(path).exists()
        FileLock.acquire(other).release()


@pytest.mark.skipif(os.name == "nt", reason="checks the fallback where the Windows API is missing")
def test_the_windows_process_check_says_alive_when_it_cannot_tell() -> None:
    from workshop_app.core import filelock

    assert filelock._windows_pid_alive(os.getpid()) is True  # a lock is never taken over on a guess
