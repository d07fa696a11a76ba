"""Brand profiles: the consultancy's name, colours, logo and footer, read from a TOML file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_app.core.tomlfile import read_toml, read_user_file
from workshop_app.report.errors import ReportError

LOGO_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_TEXT_KEYS = ("name", "footer", "contact", "tagline")
_COLOUR_KEYS = ("primary", "accent")
_FILE_KEYS = ("logo", "font", "font_bold")
KNOWN_KEYS = (*_TEXT_KEYS, *_COLOUR_KEYS, *_FILE_KEYS)
_TTF_MAGIC = (b"\x00\x01\x00\x00", b"true")
#: Longest brand text (name, tagline, footer, contact line): each is printed on one line.
BRAND_TEXT_MAX = 300
#: Largest logo file and picture: a sharp print logo is well under 1 MB and 4000 px wide.
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
#: Largest font file: a TrueType face covering Chinese, Japanese and Korean is about 20 MB.
MAX_FONT_BYTES = 40 * 1024 * 1024


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


#: WCAG 2 minimum contrast for body-size text on white.
TEXT_CONTRAST = 4.5


def _luminance(hex_colour: str) -> float:
    """Relative luminance of '#rrggbb' as WCAG 2 defines it."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str = "#ffffff") -> float:
    """WCAG contrast between two '#rrggbb' colours (1 to 21); white by default."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable_as_text(hex_colour: str) -> bool:
    """Whether a brand colour may set text on white; a lighter one is kept for bars, rules and marks."""
    return contrast_ratio(hex_colour) >= TEXT_CONTRAST


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
        if key in _TEXT_KEYS and len(values[key]) > BRAND_TEXT_MAX:
            raise fail(key, f"too long ({len(values[key])} characters; at most {BRAND_TEXT_MAX})")
        if key in _FILE_KEYS and len(values[key]) > 4096:
            raise fail(key, "the file path is too long")
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


def checked_file(path: Path, key: str, source: str = "") -> Path:
    """`path` if it is a usable logo ("logo") or TrueType font ("font"), else a ReportError naming it."""
    where = f"{source}: " if source else ""
    return _checked_file(str(path), key, path.parent, lambda k, problem: ReportError(f"{where}{k}: {problem}"))


def _checked_file(name: str, key: str, base: Path, fail: Any) -> Path:
    """The file's path, once it is known to be a usable logo or TrueType font (read in full, bounded)."""
    path = Path(name).expanduser()
    if not path.is_absolute():
        path = base / path
    if not path.exists():
        raise fail(key, f"file '{name}' not found (looked for {path})")

    def refuse(message: str) -> ReportError:
        return fail(key, message.replace(f"{path}: ", f"'{name}': ", 1))

    if key == "logo":
        kind = LOGO_TYPES.get(path.suffix.lower())
        if kind is None:
            raise fail(key, f"'{name}' is not a supported logo type (use PNG, JPEG or SVG)")
        raw = read_user_file(path, "logo", refuse, MAX_LOGO_BYTES)
        if kind == "PNG" and not raw.startswith(b"\x89PNG"):
            raise fail(key, f"'{name}' is not a valid PNG file")
        if kind == "JPEG" and not raw.startswith(b"\xff\xd8"):
            raise fail(key, f"'{name}' is not a valid JPEG file")
        if kind == "SVG" and b"<svg" not in raw[:4096]:
            raise fail(key, f"'{name}' is not an SVG file")
        if kind != "SVG":
            _check_picture(raw, name, key, fail)
    else:
        if path.suffix.lower() not in (".ttf",):
            raise fail(key, f"'{name}' is not a TrueType (.ttf) font")
        raw = read_user_file(path, "font", refuse, MAX_FONT_BYTES)
        if not raw.startswith(_TTF_MAGIC):
            raise fail(key, f"'{name}' is not a TrueType (.ttf) font")
        from workshop_app.report.fonts import check_font

        check_font(raw, name, key, fail)
    return path


def _check_picture(raw: bytes, name: str, key: str, fail: Any) -> None:
    """Decode the whole picture now, so a damaged or oversized logo is refused before the export starts."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise fail(key, f"'{name}' is too large a picture ({width} x {height} pixels; "
                                    f"at most {MAX_LOGO_PIXELS // 1_000_000} million)")
                image.load()
    except ReportError:
        raise
    except Image.UnidentifiedImageError:
        raise fail(key, f"'{name}' is damaged or not a picture (its format is not recognised)") from None
    except Exception as exc:  # PIL raises many kinds for a damaged picture; all mean the same to the user
        raise fail(key, f"'{name}' is damaged or not a picture ({type(exc).__name__}: {exc})") from None
    if not width or not height:
        raise fail(key, f"'{name}' is an empty picture")
