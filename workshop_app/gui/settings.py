"""Settings, recent files and the remembered brand, stored as an INI file under the app's home folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 10
_RECENT_KEY = "files/recent"
_BRAND_KEY = "export/brand"


def app_home() -> Path:
    """WORKSHOP_APP_HOME when set (tests, portable use), else the platform's app data folder."""
    override = os.environ.get("WORKSHOP_APP_HOME")
    if override:
        home = Path(override)
    else:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        home = Path(location) if location else Path.home() / ".maturity-workshop"
    home.mkdir(parents=True, exist_ok=True)
    _move_up_doubled_folder(home)
    return home


def _move_up_doubled_folder(home: Path) -> None:
    """Earlier versions kept their data one level deeper, in '<home>/<home's name>': move it up once.

    Nothing is overwritten (an entry already in `home` stays where it is) and a failure
    leaves the old folder as it was, so nothing is lost either way.
    """
    doubled = home / home.name
    if not doubled.is_dir():
        return
    try:
        for entry in doubled.iterdir():
            target = home / entry.name
            if not target.exists():
                entry.rename(target)
        doubled.rmdir()
    except OSError:
        pass


def settings() -> QSettings:
    """An INI file, never the registry or a plist, so a consultant can copy or delete it."""
    return QSettings(str(app_home() / "settings.ini"), QSettings.Format.IniFormat)


def default_workshop_folder(*, create: bool = False) -> Path:
    """Documents/Maturity Workshops; `create` makes it (the Open and Save dialogs start there)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(docs or Path.home()) / "Maturity Workshops"
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Path(docs or Path.home())
    return folder


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]  # type: ignore[union-attr]


def recent_files() -> list[str]:
    """Most recent first; may include files that have since disappeared."""
    return _as_list(settings().value(_RECENT_KEY))


def add_recent_file(path: str | Path) -> list[str]:
    resolved = str(Path(path).resolve())
    files = [resolved] + [f for f in recent_files() if f != resolved]
    files = files[:MAX_RECENT]
    store = settings()
    store.setValue(_RECENT_KEY, files)
    store.sync()
    return files


def remove_recent_file(path: str | Path) -> list[str]:
    target = str(path)
    files = [f for f in recent_files() if f != target]
    store = settings()
    store.setValue(_RECENT_KEY, files)
    store.sync()
    return files


def clear_recent_files() -> None:
    store = settings()
    store.remove(_RECENT_KEY)
    store.sync()


def brand_path() -> str | None:
    """The brand profile chosen last time, if it still exists."""
    value = settings().value(_BRAND_KEY)
    if value and Path(str(value)).is_file():
        return str(value)
    return None


def set_brand_path(path: str | Path | None) -> None:
    store = settings()
    if path:
        store.setValue(_BRAND_KEY, str(path))
    else:
        store.remove(_BRAND_KEY)
    store.sync()
