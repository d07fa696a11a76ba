"""The handout's Paragraph: characters the brand font lacks are set in the fallback font."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph as _Paragraph

from workshop_app.report.fonts import font_set_of


class Paragraph(_Paragraph):
    """reportlab's Paragraph, with the brand font's missing glyphs borrowed from DejaVu Sans.

    Every paragraph of the handout is built through this class, so the handout's own
    separators and marks (· – … ▲ ●) never print as empty boxes in a brand font
    that lacks them. With the default DejaVu fonts it changes nothing. When a paragraph
    breaks across a page, reportlab builds the two halves from fragments (`text` is None,
    `frags` given): those were built from markup that already borrowed its glyphs.
    """

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        fonts = font_set_of(style.fontName) if style is not None else None
        if fonts is not None and isinstance(text, str):
            text = fonts.borrow_glyphs(text)
        super().__init__(text, style, *args, **kwargs)
