"""Brand profiles: the consultancy's name, colours, logo and footer, read from a TOML file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_app.core.tomlfile import read_toml
from workshop_app.report.errors import ReportError

LOGO_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_TEXT_KEYS = ("name", "footer", "contact", "tagline")
_COLOUR_KEYS = ("primary", "accent")
_FILE_KEYS = ("logo", "font", "font_bold")
KNOWN_KEYS = (*_TEXT_KEYS, *_COLOUR_KEYS, *_FILE_KEYS)
_TTF_MAGIC = (b"\x00\x01\x00\x00", b"true")


@dataclass(frozen=True)
class Brand:
    """What the handout carries of the consultancy; colours are "#rrggbb"."""

    name: str
    primary: str = "#1f3a5f"
    accent: str = "#e07a1f"
    footer: str = ""
    contact: str = ""
    tagline: str = ""
    logo: Path | None = None
    font: Path | None = None
    font_bold: Path | None = None
    source: str = ""  # the file it was read from, for messages

    @property
    def logo_type(self) -> str | None:
        return None if self.logo is None else LOGO_TYPES.get(self.logo.suffix.lower())


def default_brand_path() -> Path:
    """The brand profile shipped with the app."""
    from workshop_app.paths import resource_path

    return resource_path("brand", "default.toml")


def load_brand(path: str | Path) -> Brand:
    """Read and check a brand TOML file; every problem names the file and the key."""
    path = Path(path)
    return brand_from_dict(read_toml(path, "brand", ReportError), base=path.parent, source=str(path))


def brand_from_dict(data: dict[str, Any], *, base: Path, source: str = "") -> Brand:
    """Check raw brand data; file paths are taken relative to `base`."""
    where = f"{source}: " if source else ""

    def fail(key: str, problem: str) -> ReportError:
        return ReportError(f"{where}{key}: {problem}")

    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise fail(unknown[0], f"unknown key (known keys: {', '.join(KNOWN_KEYS)})")
    values: dict[str, Any] = {}
    for key in (*_TEXT_KEYS, *_COLOUR_KEYS, *_FILE_KEYS):
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str):
            raise fail(key, f"must be text in quotes, found {type(value).__name__}")
        values[key] = value.strip()
    if not values.get("name"):
        raise fail("name", "missing or empty (the consultancy's name is required)")
    for key in _COLOUR_KEYS:
        if key in values and not _COLOUR_RE.match(values[key]):
            raise fail(key, f"'{values[key]}' is not a colour; write it as #rrggbb, e.g. #1f3a5f")
    files: dict[str, Path | None] = {}
    for key in _FILE_KEYS:
        name = values.pop(key, "")
        files[key] = _checked_file(name, key, base, fail) if name else None
    return Brand(**values, **files, source=source)


def _checked_file(name: str, key: str, base: Path, fail: Any) -> Path:
    path = Path(name).expanduser()
    if not path.is_absolute():
        path = base / path
    if not path.is_file():
        raise fail(key, f"file '{name}' not found (looked for {path})")
    head = path.read_bytes()[:8]
    if key == "logo":
        kind = LOGO_TYPES.get(path.suffix.lower())
        if kind is None:
            raise fail(key, f"'{name}' is not a supported logo type (use PNG, JPEG or SVG)")
        if kind == "PNG" and not head.startswith(b"\x89PNG"):
            raise fail(key, f"'{name}' is not a valid PNG file")
        if kind == "JPEG" and not head.startswith(b"\xff\xd8"):
            raise fail(key, f"'{name}' is not a valid JPEG file")
        if kind == "SVG" and b"<svg" not in path.read_bytes()[:4096]:
            raise fail(key, f"'{name}' is not an SVG file")
    else:
        if path.suffix.lower() not in (".ttf",) or not head.startswith(_TTF_MAGIC):
            raise fail(key, f"'{name}' is not a TrueType (.ttf) font")
    return path
