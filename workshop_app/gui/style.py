"""Look and feel: Fusion with a light palette, one navy, one orange, 8 px spacing, presentation scaling."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

PRIMARY = "#1f3a5f"
PRIMARY_LIGHT = "#e8eef5"
ACCENT = "#e07a1f"
ACCENT_LIGHT = "#fbeadb"
TEXT = "#1c2430"
MUTED = "#5b6675"
BORDER = "#d3d9e1"
WINDOW = "#f6f7f9"
BASE = "#ffffff"
ERROR = "#b3261e"
ERROR_LIGHT = "#fdecea"
OK = "#2e6b3a"
#: Level colours back up the word and symbol; they never carry the meaning alone.
LEVEL_COLOURS = {
    "aligned": "#2e6b3a",
    "discuss": "#8a6d00",
    "split": "#b35c00",
    "polarised": "#b3261e",
    "no ratings": MUTED,
}
DISABLED_TEXT = "#9aa3af"
DISABLED_BACKGROUND = "#eceff3"
#: After the coloured button rules and as specific, so a disabled primary or accent button is grey.
DISABLED_BUTTONS = ", ".join(f"QPushButton{kind}:disabled" for kind in
                             ("", '[primary="true"]', '[accent="true"]', '[warning="true"]'))
STYLE_NAME = "Fusion"
SPACING = 8
BASE_POINT_SIZE = 10.0
PRESENTATION_SCALE = 1.5

_scale = 1.0


def current_scale() -> float:
    return _scale


def palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BASE,
        QPalette.ColorRole.AlternateBase: "#f1f4f8",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#eef1f5",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: PRIMARY,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#8a94a3",
        QPalette.ColorRole.Link: PRIMARY,
        QPalette.ColorRole.Mid: BORDER,
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa3af"))
    return pal


#: Type size of tagged labels (role) and named widgets, as multiples of the window's font. The style sheet
#: sets only colour and weight: switching presentation mode then changes fonts and never the style sheet,
#: whose change re-styles every widget (a quarter of a second with a big room's pages built).
ROLE_SIZES = {"h1": 2.0, "h2": 1.4, "big": 1.6, "warning": 1.4}
NAME_SIZES = {"sidebar": 1.2}


def stylesheet() -> str:
    """Colours, borders and weights; type sizes come from the fonts (see ROLE_SIZES and fit_font)."""
    return f"""
QLabel[role="h1"] {{ font-weight: 600; color: {PRIMARY}; }}
QLabel[role="h2"] {{ font-weight: 600; color: {PRIMARY}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="big"] {{ font-weight: 600; color: {TEXT}; }}
QLabel[role="error"] {{ color: {ERROR}; background: {ERROR_LIGHT}; border-radius: 4px; padding: 4px 8px; }}
QLabel[role="warning"] {{ font-weight: 600; color: #ffffff; background: {ERROR};
    border-radius: 4px; padding: 4px 10px; }}
QLabel[role="banner"] {{ color: {PRIMARY}; background: {PRIMARY_LIGHT}; border-radius: 4px; padding: 8px; }}
QListWidget#sidebar {{ background: {PRIMARY}; color: #ffffff; border: none; outline: none;
    padding-top: 8px; }}
QListWidget#sidebar::item {{ padding: 10px 16px; border-left: 4px solid transparent; }}
QListWidget#sidebar::item:selected {{ background: #2c4f7c; border-left: 4px solid {ACCENT}; color: #ffffff; }}
QListWidget#sidebar::item:hover:!selected {{ background: #284870; }}
QPushButton {{ padding: 6px 14px; border: 1px solid {BORDER}; border-radius: 4px; background: #ffffff; }}
QPushButton:hover {{ border-color: {PRIMARY}; }}
QPushButton[primary="true"] {{ background: {PRIMARY}; color: #ffffff; border-color: {PRIMARY}; font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: #2c4f7c; }}
QPushButton[accent="true"] {{ background: {ACCENT}; color: #ffffff; border-color: {ACCENT}; font-weight: 600; }}
QPushButton[accent="true"]:hover {{ background: #c96a14; }}
QPushButton[warning="true"] {{ background: {ERROR}; color: #ffffff; border: 2px solid {ERROR}; font-weight: 600; }}
QPushButton[warning="true"]:hover {{ background: #8f1e18; }}
{DISABLED_BUTTONS} {{ color: {DISABLED_TEXT}; background: {DISABLED_BACKGROUND};
    border-color: {BORDER}; }}
QFrame[card="true"] {{ background: {BASE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QTableView, QListView, QListWidget, QTreeView {{ gridline-color: {BORDER}; selection-background-color: {PRIMARY};
    border: 1px solid {BORDER}; border-radius: 4px; }}
QHeaderView::section {{ background: {PRIMARY_LIGHT}; color: {PRIMARY}; padding: 6px; border: none;
    border-right: 1px solid {BORDER}; border-bottom: 1px solid {BORDER}; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QSpinBox {{ padding: 4px 6px; border: 1px solid {BORDER};
    border-radius: 4px; background: #ffffff; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QDateEdit:focus {{ border-color: {PRIMARY}; }}
QTextBrowser#rubricText {{ border: none; background: transparent; padding: 0; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 2px solid {ERROR}; background: {ERROR_LIGHT}; }}
QStatusBar {{ background: {PRIMARY_LIGHT}; color: {PRIMARY}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QGroupBox {{ font-weight: 600; color: {PRIMARY}; border: 1px solid {BORDER}; border-radius: 6px;
    margin-top: 14px; padding: 8px; background: {BASE}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
"""


def apply_style(app: QApplication, scale: float = 1.0) -> None:
    """The light palette, the stylesheet and the base font at `scale` (on top of Fusion, see app.py).

    Only the fonts change with the scale: the palette and the style sheet are set when they differ.
    """
    global _scale
    _scale = scale
    pal = palette()
    if app.palette() != pal:
        app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    changed = font != app.font()
    app.setFont(font)
    sheet = stylesheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if changed and app.topLevelWidgets():  # none at start-up
        _pass_font_down(app)


def _pass_font_down(app: QApplication) -> None:
    """Hand the application's new font down every window, parents before children, and size the tagged
    widgets. Qt tells widgets of the change in no particular order, and under a style sheet a child that
    hears first keeps its parent's old font; this pass costs far less than setting the style sheet again."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt

    event = QEvent(QEvent.Type.ApplicationFontChange)
    for top in app.topLevelWidgets():
        for widget in (top, *top.findChildren(QWidget)):
            if size_factor(widget) is not None:
                fit_font(widget)
            elif not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                QCoreApplication.sendEvent(widget, event)


def set_presentation_scale(app: QApplication, on: bool) -> None:
    """Scale every font up for the projector (or back down)."""
    apply_style(app, PRESENTATION_SCALE if on else 1.0)


def size_factor(widget: QWidget) -> float | None:
    """The multiple of its window's font a tagged widget is drawn at (None: the inherited font)."""
    return ROLE_SIZES.get(widget.property("role")) or NAME_SIZES.get(widget.objectName())


def fit_font(widget: QWidget, base: QFont | None = None) -> None:
    """Give a tagged widget its size: a multiple of `base`, by default of its window's font (the room's
    window has its own, larger one) or the application's while the widget has no window yet."""
    factor = size_factor(widget)
    if factor is None:
        return
    if base is None:  # the window's own font when it has one; the application's may not have reached it yet
        window = widget.window()
        base = QApplication.font()
        if window is not widget:
            from PySide6.QtCore import Qt  # here: the namespace costs start-up time (see main_window.py)

            if window.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                base = window.font()
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setWeight(widget.font().weight())  # the style sheet's weight (bold headings) stays
    if widget.font() != font:
        widget.setFont(font)


def level_colour(level: str) -> str:
    return LEVEL_COLOURS.get(level, MUTED)


def set_role(widget: QWidget, role: str) -> None:
    """Tag a label for the stylesheet (h1, h2, muted, big, error, warning, banner) and size it."""
    sized_before = size_factor(widget) is not None
    widget.setProperty("role", role)
    if size_factor(widget) is not None:
        fit_font(widget)
    elif sized_before:
        widget.setFont(QFont())  # back to the font it inherits


def refresh_style(widget: object) -> None:
    """Re-polish after a dynamic property changed, so the stylesheet notices."""
    style = widget.style()  # type: ignore[attr-defined]
    style.unpolish(widget)
    style.polish(widget)
