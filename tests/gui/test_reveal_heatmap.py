"""Heatmap headers on a projector: long pillar names shrink to fit their column instead of being cut mid-word."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from workshop_app.gui.widgets.heatmap import HeatmapView


def test_header_font_shrinks_until_every_word_fits(qtbot) -> None:
    view = HeatmapView()
    qtbot.addWidget(view)
    headers = ["Data readiness and quality", "Vendor and partner management\n(round 1)", "Reality"]
    wide = view._header_font(headers, QRectF(0, 0, 400, 200))
    assert QFontMetricsF(wide).horizontalAdvance("management") > 70  # too wide for the narrow column
    rect = QRectF(0, 0, 70, 80)
    narrow = view._header_font(headers, rect)
    fm = QFontMetricsF(narrow)
    assert QFontMetricsF(wide).height() > fm.height()
    assert max(fm.horizontalAdvance(w) for h in headers for w in h.split()) <= rect.width()
