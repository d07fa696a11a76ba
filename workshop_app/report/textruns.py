"""One line of text drawn outside a Paragraph (header, footer, chart labels) in as many fonts as it needs.

A Paragraph switches fonts with markup; text drawn straight on a canvas or in a
drawing has one font per string. A name in Chinese or a level symbol the brand font
lacks would print as an empty box, so such a line is split into runs, each set in the
first font that draws it, and placed one after the other.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from workshop_app.report.fonts import FontSet

Runs = list[tuple[str, str]]  # (font name, text)


def width(runs: Runs, size: float) -> float:
    return sum(stringWidth(text, font, size) for font, text in runs)


def fit(fonts: FontSet, text: str, face: str, size: float, room: float | None = None) -> Runs:
    """`text` as runs in `face` and borrowed faces, cut with an ellipsis to fit `room` points."""
    runs = fonts.runs(text, face)
    if room is None or width(runs, size) <= room:
        return runs
    ellipsis = "…" if fonts.has("…") else "..."
    room -= stringWidth(ellipsis, face, size)
    kept: Runs = []
    used = 0.0
    for font, piece in runs:
        for ch in piece:
            w = stringWidth(ch, font, size)
            if used + w > room:
                break
            used += w
            if kept and kept[-1][0] == font:
                kept[-1] = (font, kept[-1][1] + ch)
            else:
                kept.append((font, ch))
        else:
            continue
        break
    if kept:
        kept[-1] = (kept[-1][0], kept[-1][1].rstrip())
    return [*kept, (face, ellipsis)]


def _start(x: float, runs: Runs, size: float, anchor: str) -> float:
    if anchor == "middle":
        return x - width(runs, size) / 2
    if anchor == "end":
        return x - width(runs, size)
    return x


def draw(canvas: Canvas, x: float, y: float, runs: Runs, size: float, anchor: str = "start") -> None:
    """Runs on a page canvas, starting at (or centred on, or ending at) x; the fill colour is the canvas's."""
    x = _start(x, runs, size, anchor)
    for font, text in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        x += stringWidth(text, font, size)


def group(x: float, y: float, runs: Runs, size: float, colour: object, anchor: str = "start") -> Group:
    """Runs as strings of a reportlab drawing (a chart), positioned like one String with that anchor."""
    x = _start(x, runs, size, anchor)
    out = Group()
    for font, text in runs:
        out.add(String(x, y, text, fontName=font, fontSize=size, fillColor=colour))
        x += stringWidth(text, font, size)
    return out
