"""One writer per workshop file: a lock file beside it says who has it open for editing.

The lock is `.<name>.lock` next to the real file (symlinks resolved), holding the
pid, host, user and time of its owner as JSON. It is created with O_EXCL, so two
openers cannot both win. A lock left by a crash is stale, and taken over, when its
process is gone (same host) or when it is older than STALE_AFTER_S.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from workshop_app.core.atomicfile import hidden_name

#: A lock from another machine (a shared folder) counts as abandoned after this long.
STALE_AFTER_S = 7 * 24 * 3600

#: Tokens of the locks this process holds, by lock file: a second window in the same
#: process is refused like another process, while our own saves pass.
_HELD: dict[str, str] = {}


class FileLockedError(Exception):
    """The file is open for editing elsewhere; `holder` says where."""

    def __init__(self, path: Path, holder: LockInfo) -> None:
        super().__init__(f"{path} is open for editing {holder.describe()}")
        self.path = path
        self.holder = holder


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    time: float
    token: str = ""

    def describe(self) -> str:
        """'by ann on laptop-3 since 09:14 (process 4242)': for messages."""
        since = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.time))
        where = "in another window of this app" if self.is_this_process() else f"by {self.user} on {self.host}"
        return f"{where} since {since} (process {self.pid})"

    def is_this_process(self) -> bool:
        return self.host == _host() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """True when the owner is certainly gone: its process ended, or the lock is very old."""
        if time.time() - self.time > STALE_AFTER_S:
            return True
        if self.host != _host():
            return False
        if self.pid == os.getpid():
            return False
        return not _pid_alive(self.pid)


def lock_path(path: str | Path) -> Path:
    """Where the lock of a workshop file lives (beside the real file, not a symlink)."""
    real = Path(os.path.realpath(path))
    return real.with_name(hidden_name(real.name, ".lock"))


def read_lock(path: str | Path) -> LockInfo | None:
    """The lock on a workshop file, or None (no lock, or an unreadable one treated as stale)."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), str(data["user"]), float(data["time"]),
                        str(data.get("token", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo(0, "?", "?", 0.0)  # garbage: stale by age


def held_elsewhere(path: str | Path) -> LockInfo | None:
    """The live lock of another writer (process or window), or None if saving is ours to do."""
    info = read_lock(path)
    if info is None or info.is_stale():
        return None
    if info.is_this_process() and _HELD.get(str(lock_path(path))) == info.token:
        return None
    return info


class FileLock:
    """An acquired lock; `release` (idempotent) removes the lock file if it is still ours."""

    def __init__(self, path: Path, token: str) -> None:
        self.path = path
        self.token = token

    @classmethod
    def acquire(cls, path: str | Path) -> FileLock:
        """Take the lock or raise FileLockedError; a stale lock is taken over.

        A folder where no lock file can be made (read-only media) gives no lock and
        no error: saving there fails anyway, with its own message.
        """
        target = lock_path(path)
        token = uuid.uuid4().hex
        body = json.dumps({"pid": os.getpid(), "host": _host(), "user": _user(), "time": time.time(),
                           "token": token}).encode("utf-8")
        for _ in range(3):
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(path)
                if holder is not None and not holder.is_stale():
                    raise FileLockedError(Path(path), holder) from None
                _unlink(target)  # stale: the crashed owner cannot release it
                continue
            except OSError:
                return cls(target, "")
            try:
                os.write(fd, body)
            finally:
                os.close(fd)
            _HELD[str(target)] = token
            return cls(target, token)
        raise FileLockedError(Path(path), read_lock(path) or LockInfo(0, "?", "?", time.time()))

    def __del__(self) -> None:  # a document dropped without close() still lets go
        self.release()

    def release(self) -> None:
        if not self.token:
            return
        if _HELD.get(str(self.path)) == self.token:
            del _HELD[str(self.path)]
            if _read_token(self.path) == self.token:  # never remove a lock someone took over
                _unlink(self.path)
        self.token = ""


def _read_token(lock_file: Path) -> str:
    try:
        return str(json.loads(lock_file.read_text(encoding="utf-8")).get("token", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _host() -> str:
    return socket.gethostname()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine; when unsure, yes (the lock then waits for its age)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    """OpenProcess + GetExitCodeProcess: a crashed app's lock is stale at once, not after a week."""
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists, owned by someone else
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except (AttributeError, OSError, ValueError):
        return True
