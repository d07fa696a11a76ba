"""TrueType fonts for the handout, and text made safe for Paragraph markup in those fonts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from workshop_app.report.errors import ReportError
from workshop_app.report.rtl import visual

#: Printed instead of a character the font has no glyph for (kept visible, never dropped).
MISSING_GLYPH = "\ufffd"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Paragraph markup split into tags and entities (kept as they are) and the text between them.
_MARKUP_RE = re.compile(r"(<[^>]*>|&#?\w+;)")
# The same entities as xml.sax.saxutils.escape(text, {'"': "&quot;"}), without importing it:
# saxutils pulls in urllib.request, http.client and ssl, a noticeable share of export time.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text that Paragraph markup shows literally: & < > and " become entities."""
    return text.translate(_ENTITIES)


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names plus the characters the regular face can draw.

    With a brand font, DejaVu Sans is the fallback: a character the brand font lacks
    (the level symbols ● ◐ ○ ⇆, an accented name) is set in DejaVu inside Paragraph
    markup; only what neither font has prints as �.
    """

    regular: str
    bold: str
    italic: str
    bold_italic: str
    covered: frozenset[int]
    fallback: str = ""
    fallback_covered: frozenset[int] = frozenset()
    extra: str = ""  # a system font for scripts neither face has (Chinese, Japanese, Korean…)
    extra_covered: frozenset[int] = frozenset()

    def face_for(self, ch: str) -> str | None:
        """'' when the regular face draws `ch`, else the borrowing face's name; None when no font has it."""
        code = ord(ch)
        if code in self.covered:
            return ""
        if self.fallback and code in self.fallback_covered:
            return self.fallback
        if self.extra and code in self.extra_covered:
            return self.extra
        return None

    def clean(self, text: str) -> str:
        """Plain text the font can print: control characters dropped, missing glyphs shown as �."""
        return self._printable(visual(_CONTROL_RE.sub("", str(text)), breaks=False))

    def _printable(self, text: str) -> str:
        return "".join(ch if ord(ch) in self.covered or ch in "\n\t" else MISSING_GLYPH for ch in text)

    def runs(self, text: str, face: str) -> list[tuple[str, str]]:
        """One line of plain text as (font, text) runs: `face` where it draws, a borrowed face elsewhere.

        For text drawn straight on the canvas (header, footer, chart labels), which has no
        Paragraph markup to switch fonts; right-to-left runs are shaped and reordered first.
        """
        text = visual(_CONTROL_RE.sub("", " ".join(str(text).split())), breaks=False)
        out: list[tuple[str, str]] = []
        for ch in text:
            found = self.face_for(ch)
            if found is None:
                found, ch = self.fallback or "", MISSING_GLYPH
            font = face if found == "" else found
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def has(self, ch: str) -> bool:
        """Whether the regular face can draw `ch` (for the handout's own separators and marks)."""
        return ord(ch) in self.covered

    def borrow_glyphs(self, markup: str) -> str:
        """Paragraph markup with every character the brand font lacks set in the fallback font.

        For the handout's own text (separators · – …, priority marks ▲, bullets), which is
        written as markup; user text goes through `markup`, which also escapes it.
        """
        if not self.fallback:
            return markup
        out: list[str] = []
        for i, piece in enumerate(_MARKUP_RE.split(markup)):
            if i % 2 or all(ord(ch) in self.covered for ch in piece):
                out.append(piece)  # a tag or entity, or text the font can draw
                continue
            run: list[str] = []
            for ch in piece:
                if ord(ch) in self.covered or ord(ch) not in self.fallback_covered:
                    if run:
                        out.append(f'<font name="{self.fallback}">{"".join(run)}</font>')
                        run.clear()
                    out.append(ch)
                else:
                    run.append(ch)
            if run:
                out.append(f'<font name="{self.fallback}">{"".join(run)}</font>')
        return "".join(out)

    def markup(self, text: str) -> str:
        """User text for a Paragraph: escaped, line breaks kept, missing glyphs from a fallback font."""
        text = visual(_CONTROL_RE.sub("", str(text)))
        if not self.fallback and not self.extra:
            return escape(self._printable(text)).replace("\n", "<br/>")
        parts: list[str] = []
        run: list[str] = []  # characters set in a borrowed face
        run_face = ""

        def close_run() -> None:
            if run:
                parts.append(f'<font name="{run_face}">{escape("".join(run))}</font>')
                run.clear()

        for ch in text:
            face = "" if ch in "\n\t" else self.face_for(ch)
            if face == "":
                close_run()
                parts.append("<br/>" if ch == "\n" else escape(ch))
                continue
            if face is None:  # no font has it: a visible mark in the face that would have drawn it
                face, ch = self.fallback or self.regular, MISSING_GLYPH
            if face != run_face:
                close_run()
                run_face = face
            run.append(ch)
        close_run()
        return "".join(parts)


def _dejavu_dir() -> Path:
    """matplotlib's bundled DejaVu fonts, found without importing matplotlib."""
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ReportError("the DejaVu fonts that come with matplotlib are missing (is matplotlib installed?)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    if not folder.is_dir():  # a build that moved the data folder
        import matplotlib

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder


_SUBSET = 255  # code points per trial subset, as reportlab embeds them
#: What a brand font must draw itself: the handout's own words are English.
LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def missing_latin(codes: frozenset[int] | set[int] | dict[int, int]) -> str:
    """The basic Latin letters a font's character map lacks ('' when it has them all).

    A brand font without them would set every heading and sentence of the handout in the
    fallback face, so the brand would not show at all; it is refused instead.
    """
    return "".join(ch for ch in LATIN_LETTERS if ord(ch) not in codes)


def latin_problem(name: str, missing: str) -> str:
    """The message for a brand font that lacks Latin letters, naming the font and what it lacks."""
    shown = " ".join(missing[:12]) + (" …" if len(missing) > 12 else "")
    return (f"'{name}' lacks {len(missing)} of the 52 basic Latin letters ({shown}), which the handout's "
            f"text is written in; choose a font that covers Latin text")


def check_font(raw: bytes, name: str, key: str, fail: Callable[[str, str], Exception]) -> None:
    """Refuse a damaged TrueType font now, not halfway through an export.

    The font is parsed and every glyph it maps is cut into a subset, as embedding it
    in a PDF would: a truncated or corrupted file fails here with one message.
    """
    import io

    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        face = TTFontFile(io.BytesIO(raw), validate=0)
        codes = sorted(face.charToGlyph)
        if not codes:
            raise ValueError("it maps no characters")
        missing = missing_latin(face.charToGlyph)
        for start in range(0, len(codes), _SUBSET):
            face.makeSubset(codes[start:start + _SUBSET])
    except Exception as exc:  # reportlab raises struct, index, key and TTF errors for a damaged file
        raise fail(key, f"'{name}' is damaged or not a usable TrueType font ({type(exc).__name__}: {exc})") from None
    if missing:
        raise fail(key, latin_problem(name, missing))


def _register(name: str, path: Path, key: str, source: str = "") -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        font = TTFont(name, str(path))
    except Exception as exc:  # reportlab raises struct, index, key and TTF errors for a damaged file
        where = f"{source}: " if source else ""
        raise ReportError(f"{where}{key}: '{path.name}' cannot be used as a TrueType font ({exc!r})") from None
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


#: The font set of each registered brand face, so a Paragraph can find its fallback from its style.
_SETS_BY_FACE: dict[str, FontSet] = {}


def font_set_of(face: str) -> FontSet | None:
    """The brand FontSet a face name belongs to; None for DejaVu, which needs no fallback."""
    return _SETS_BY_FACE.get(face)


@lru_cache(maxsize=8)
def register_fonts(regular: Path | None = None, bold: Path | None = None, source: str = "") -> FontSet:
    """Register DejaVu Sans (shipped with matplotlib) or the brand's TTF, once per process."""
    from reportlab.lib.fonts import addMapping

    base = _dejavu_dir()
    if regular is None:
        # Regular and bold only: the handout sets no italic text (user text is escaped, never markup),
        # and parsing each extra face costs export time.
        covered = _register("DejaVuSans", base / "DejaVuSans.ttf", "font")
        _register("DejaVuSans-Bold", base / "DejaVuSans-Bold.ttf", "font")
        family = regular_name = italic_name = "DejaVuSans"
        bold_name = bold_italic_name = "DejaVuSans-Bold"
    else:
        from workshop_app.report.brand import checked_file  # bounded, regular, every glyph readable

        for path, key in ((regular, "font"), (bold, "font_bold")):
            if path is not None:
                checked_file(path, key, source)
        family = "Brand-" + regular.stem
        regular_name = italic_name = family
        covered = _register(regular_name, regular, "font", source)
        fallback_covered = _register("DejaVuSans", base / "DejaVuSans.ttf", "font")
        if bold is not None:
            bold_name = bold_italic_name = family + "-Bold"
            _register(bold_name, bold, "font_bold", source)
        else:
            bold_name = bold_italic_name = regular_name
    addMapping(family, 0, 0, regular_name)
    addMapping(family, 1, 0, bold_name)
    addMapping(family, 0, 1, italic_name)
    addMapping(family, 1, 1, bold_italic_name)
    if regular is None:
        return FontSet(regular_name, bold_name, italic_name, bold_italic_name, covered)
    fonts = FontSet(regular_name, bold_name, italic_name, bold_italic_name, covered, "DejaVuSans", fallback_covered)
    for face in (family, regular_name, bold_name, italic_name, bold_italic_name):
        _SETS_BY_FACE[face] = fonts
    return fonts


# --------------------------------------------------------------------------- system fallback

#: Fonts that draw a placeholder box for every character: using one would print boxes, silently.
_NOT_FALLBACKS = ("lastresort",)


def _system_fonts() -> list[Path]:
    """TrueType files matplotlib's font manager knows on this machine (it searches the usual folders)."""
    from matplotlib import font_manager

    paths = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    return sorted(p for p in paths if p.suffix.lower() in (".ttf", ".ttc")
                  and not any(bad in p.name.lower() for bad in _NOT_FALLBACKS))


def _coverage(path: Path) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(str(path)).get_charmap())
    except Exception:  # an unreadable file is simply not a candidate
        return frozenset()


def printable_codes(fonts: FontSet) -> frozenset[int]:
    return fonts.covered | fonts.fallback_covered | fonts.extra_covered


def missing_characters(fonts: FontSet, texts: list[str]) -> set[str]:
    """Characters of `texts` that none of the handout's fonts can draw (controls and line breaks aside)."""
    have = printable_codes(fonts)
    return {ch for text in texts for ch in visual(_CONTROL_RE.sub("", text))
            if ord(ch) not in have and ch not in "\n\t\r"}


@lru_cache(maxsize=16)
def _register_extra(missing: frozenset[int]) -> tuple[str, frozenset[int]]:
    """The system font that draws most of `missing`, registered with reportlab; ('', ∅) when none does."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ranked = sorted(((len(missing & cov), path, cov) for path in _system_fonts()
                     if (cov := _coverage(path)) & missing), key=lambda item: (-item[0], str(item[1])))
    for _, path, cov in ranked:
        name = "Fallback-" + path.stem
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
        except Exception:  # PostScript outlines (many .otf/.ttc CJK fonts) cannot be embedded by reportlab
            continue
        return name, cov
    return "", frozenset()


def with_system_fallback(fonts: FontSet, texts: list[str]) -> tuple[FontSet, list[str]]:
    """The font set extended by a system font for characters it lacks, and the texts still unprintable.

    Costs nothing when every character is covered (the usual case); otherwise matplotlib's
    font manager is asked once for a font that covers them, such as a Chinese, Japanese or
    Korean face. What no font on the machine covers is reported, not printed silently as boxes.
    """
    missing = missing_characters(fonts, texts)
    if not missing:
        return fonts, []
    name, covered = _register_extra(frozenset(ord(ch) for ch in missing))
    if name:
        from dataclasses import replace

        fonts = replace(fonts, extra=name, extra_covered=covered)
    still = missing_characters(fonts, texts)
    return fonts, [t for t in texts if any(ch in still for ch in visual(t))]
