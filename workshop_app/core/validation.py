"""One set of rules for text coming into a workshop, whatever the way in (grid, paste, CSV, command line)."""

from __future__ import annotations

import unicodedata

# Line and paragraph separators other than "\n"; a single-line field turns them into spaces.
_LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Invisible characters that only ever get in the way at the start of a field.
_DROPPED = frozenset("\ufeff\ufffe\uffff")


class InvalidText(ValueError):
    """Text a field refuses; the message names the field and is shown to the user as is."""


def clean_text(value: object, what: str, *, limit: int, required: bool = False,
               multiline: bool = False) -> str:
    """The text as stored: NFC, trimmed, without control characters or lone surrogates.

    Tabs become spaces; line breaks are kept (as "\\n") only in a `multiline`
    field. Lone UTF-16 surrogates are dropped, since they could never be saved
    as UTF-8. Raises InvalidText when the result is empty but `required`, or
    longer than `limit` characters.
    """
    text = "" if value is None else str(value)
    if len(text) > 4 * limit + 1000:  # refuse a huge value before walking it
        raise InvalidText(f"{what} is too long ({len(text):,} characters, at most {limit:,})")
    if text.isprintable():  # the usual case, checked in C: nothing to drop or turn into spaces
        return _finish(text, what, limit, required)
    if multiline:
        text = text.replace("\r\n", "\n")
    out = []
    for ch in text:
        if ch in _LINE_BREAKS:
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append(" ")
        elif ch in _DROPPED or unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            out.append(ch)
    cleaned = "".join(out)
    if multiline:
        cleaned = "\n".join(line.rstrip() for line in cleaned.split("\n"))
    return _finish(cleaned, what, limit, required)


def _finish(cleaned: str, what: str, limit: int, required: bool) -> str:
    if not unicodedata.is_normalized("NFC", cleaned):
        cleaned = unicodedata.normalize("NFC", cleaned)
    cleaned = cleaned.strip()
    if required and not cleaned:
        raise InvalidText(f"{what} must not be empty")
    if len(cleaned) > limit:
        raise InvalidText(f"{what} is too long ({len(cleaned):,} characters, at most {limit:,})")
    return cleaned


def name_key(name: str) -> str:
    """What makes two names the same person's: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


def shown(value: str, width: int = 40) -> str:
    """A user's value quoted in a message, cut short so a huge one cannot flood it."""
    value = "".join(ch if ch.isprintable() else " " for ch in value[: width + 1])
    return value if len(value) <= width else value[: width - 1] + "…"
