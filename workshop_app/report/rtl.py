"""Arabic and Hebrew text put into the shape and order a PDF draws it in.

A PDF draws characters left to right exactly as given. Arabic letters take a different
form at the start, middle and end of a word, and right-to-left words read from the
right; reportlab does neither. Each run of right-to-left words is therefore shaped
(arabic-reshaper) and reordered (python-bidi) before it is set, and the rest of the line
is left alone, so an Arabic name inside an English sentence stays where it was typed.

A paragraph is wrapped only after this, so a run that wrapped onto two lines would read
in the wrong line order. Short runs are held together with no-break spaces; a long run
is cut at word boundaries into lines of at most RUN_LINE characters, each in display
order and set on its own line, top to bottom, as a reader of the script expects.
"""

from __future__ import annotations

import re

#: Hebrew, Arabic, Syriac, Thaana, N'Ko… and the Hebrew and Arabic presentation forms.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_HAS_RTL = re.compile(f"[{_RTL}]")
#: A run: right-to-left words, with spaces, digits and light punctuation between them.
_RUN = re.compile(f"[{_RTL}](?:[{_RTL}0-9\u0660-\u0669\u06f0-\u06f9 \u00a0.,:;'\"()\\-\u060c\u061b\u061f!?]*[{_RTL}])?")
NBSP = "\u00a0"
#: Longest run kept on one line; a longer one is set as lines of at most this many characters.
RUN_LINE = 32


def has_rtl(text: str) -> bool:
    return bool(_HAS_RTL.search(text))


def _display(run: str) -> str:
    """One right-to-left run, shaped and in the order it is drawn."""
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(run), base_dir="R")


def _lines(run: str) -> list[str]:
    """A long run cut at spaces into pieces of at most RUN_LINE characters (a longer word stays whole)."""
    pieces: list[str] = []
    current = ""
    for word in run.split(" "):
        if current and len(current) + 1 + len(word) > RUN_LINE:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        pieces.append(current)
    return pieces


def visual(text: str, *, breaks: bool = True) -> str:
    """`text` with each right-to-left run shaped and in display order; other text unchanged.

    `breaks`: a long run may become several lines (paragraphs); False keeps one line
    (a header, a chart label), where only the run's order matters.
    """
    if not text or not _HAS_RTL.search(text):
        return text

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        if not breaks or len(run) <= RUN_LINE:
            return _display(run).replace(" ", NBSP) if breaks else _display(run)
        return "\n".join(_display(piece).replace(" ", NBSP) for piece in _lines(run))

    return "\n".join(_RUN.sub(fix, line) for line in text.split("\n"))
