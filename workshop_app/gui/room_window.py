"""The room's window on a second screen while presenting, as in a presenter view.

The projector shows, full screen and at projector size, a read-only copy of the step
the facilitator is on; the laptop keeps the normal window with every control
(timer, reveal, notes). The copies are built against the same document, so they
refresh from the same change signals. Reveal follows the facilitator's round,
sort, view and anonymity; a round not yet revealed shows only who has voted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLayout,
    QScrollBar,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from workshop_app import APP_NAME
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs.screens import ScreenLike, mirrored, other_screens
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import PRESENTATION_SCALE, fit_font, size_factor
from workshop_app.gui.widgets import room_views as views
from workshop_app.gui.widgets.scaled import ScaledLabel, rescale_labels, scaled_font

if TYPE_CHECKING:
    from workshop_app.gui.pages.reveal import RevealPage

#: Settings key of the screen chosen under View > Present on ("" = automatic).
SCREEN_KEY = "presentation/screen"
AUTOMATIC = ""


def saved_screen() -> str:
    value = app_settings.settings().value(SCREEN_KEY, AUTOMATIC)
    return value if isinstance(value, str) else AUTOMATIC


def save_screen(name: str) -> None:
    store = app_settings.settings()
    store.setValue(SCREEN_KEY, name)
    store.sync()


def screen_id(screen: ScreenLike) -> str:
    """What the settings remember of a screen: its name and where it is (separate X screens share a name)."""
    area = screen.geometry()
    return f"{screen.name()} {area.width()}x{area.height()}+{area.x()}+{area.y()}".strip()


def screen_label(screen: ScreenLike, own: ScreenLike | None) -> str:
    """'HDMI-1 (1920 x 1080)', and which one the window is on, for the Present on menu."""
    area = screen.geometry()
    text = f"{screen.name() or 'Screen'} ({area.width()} x {area.height()})"
    if own is not None and screen.geometry() == own.geometry():
        text += ": this window's screen"
    return text


def choose_screen(screens: Sequence[ScreenLike], own: ScreenLike | None, wanted: str) -> ScreenLike | None:
    """The screen for the room's window, or None to present full screen on the window's own screen.

    `wanted` names the screen chosen in the menu; when it is not connected, or empty,
    the first screen other than the window's is used. A projector that mirrors the
    laptop is the same screen: presenting then stays on the laptop.
    """
    if len(screens) < 2 or mirrored(screens):
        return None
    others = other_screens(screens, own)
    if wanted:
        named = [s for s in screens if screen_id(s) == wanted]
        if named:
            return named[0] if named[0] in others else None
    return others[0] if others else None


def follow_scrolling(source: QWidget, copy: QWidget) -> None:
    """Scroll each scroll area of `copy` as its twin in `source` scrolls (same share of the way down), so
    the room reads what the facilitator has scrolled to. The copy is built like the source, so the scroll
    areas pair up in order."""
    pairs = zip(source.findChildren(QAbstractScrollArea), copy.findChildren(QAbstractScrollArea), strict=False)
    for theirs, mine in pairs:
        for bar, twin in ((theirs.verticalScrollBar(), mine.verticalScrollBar()),
                          (theirs.horizontalScrollBar(), mine.horizontalScrollBar())):
            bar.valueChanged.connect(_ScrollFollower(bar, twin).follow)


class _ScrollFollower(QObject):
    """Owned by the copy's scroll bar, so the link goes when the room's window does."""

    def __init__(self, bar: QScrollBar, twin: QScrollBar) -> None:
        super().__init__(twin)
        self._bar, self._twin = bar, twin

    def follow(self, value: int) -> None:
        bar, twin = self._bar, self._twin
        if bar.maximum() > bar.minimum():
            share = (value - bar.minimum()) / (bar.maximum() - bar.minimum())
            twin.setValue(twin.minimum() + round(share * (twin.maximum() - twin.minimum())))


class RoomWindow(QWidget):
    """Full screen on the projector: the current step for the room, read-only, at projector size.

    `page_source(step)` returns the facilitator's page of a step: the room's copy of
    Reveal follows its round, sort, view and anonymity, and every copy follows how
    far the facilitator has scrolled. The window takes no mouse input: it is a display.

    Signals:
        exit_requested(): Esc or F11 was pressed on the room's screen.
    """

    exit_requested = Signal()

    def __init__(self, document: WorkshopDocument, page_source: Callable[[int], QWidget],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.document = document
        self._page_source = page_source
        self._source: RevealPage | None = None
        self.setObjectName("roomWindow")
        self.setWindowTitle(f"{APP_NAME}: room view")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # nobody clicks on the projector
        # The laptop's window keeps its normal size; only the room's window is at projector size.
        self.setFont(scaled_font(QApplication.font(), PRESENTATION_SCALE))
        # No style sheet of its own: one on the window re-styles every widget built inside it (slower by half).
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # never larger than its screen
        self.stack = QStackedWidget(self)
        box.addWidget(self.stack)
        self.views: dict[int, QWidget] = {}
        self._step = -1
        document.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ steps
    @property
    def step(self) -> int:
        return self._step

    def show_step(self, step: int) -> None:
        """Follow the facilitator to `step` (built on first visit, like the pages)."""
        if not 0 <= step <= views.NOTES:
            return
        self._step = step
        built = step in self.views
        view = self.view(step)  # a new view is sized as it is built
        self.stack.setCurrentWidget(view)
        if step == views.REVEAL:
            self._sync_reveal(fit=False)
        if built or step == views.REVEAL:  # widgets added since (a refresh, the synced tab)
            self.fit_fonts(view)

    def view(self, step: int) -> QWidget:
        if step not in self.views:
            if step == views.OVERVIEW:
                view = views.read_only_overview(self.document, self.stack)
            elif step == views.REVEAL:
                view = self._build_reveal()
            elif step == views.DECIDE:
                view = views.RoomDecide(self.document, self.stack)
            elif step == views.ROADMAP:
                view = views.read_only_roadmap(self.document, self.stack)
            else:
                view = views.RoomTitle(self.document, step, self.stack)
            self.stack.addWidget(view)
            self.views[step] = view
            if step in (views.OVERVIEW, views.REVEAL, views.ROADMAP):
                follow_scrolling(self._page_source(step), view)
            self.fit_fonts(view)
            if isinstance(view, views.RoomDecide):  # the chart has the whole screen: its words grow with it
                view.fit_chart(self.font())
        return self.views[step]

    def fit_fonts(self, root: QWidget | None = None) -> None:
        """Give every widget under `root` the room's font, and ScaledLabels their multiple of it.

        With the app's style sheet active, children of frames (stacks, tabs, scroll areas)
        take the application's font rather than their window's, so the room's size is set
        on each widget that has no font of its own. Views that add widgets as they refresh
        are walked again after each change.
        """
        root = root or self.stack
        font = self.font()
        for widget in [root, *root.findChildren(QWidget)]:
            if size_factor(widget) is not None:  # headings: their multiple of the room's font
                fit_font(widget)
                continue
            own_font = widget.testAttribute(Qt.WidgetAttribute.WA_SetFont) and not isinstance(widget, QTabBar)
            if isinstance(widget, ScaledLabel) or own_font:  # a tab bar's font is set by Qt, not by a page
                continue
            widget.setFont(font)
        rescale_labels(root)

    def _on_changed(self, _areas: frozenset[str]) -> None:
        """Once the views have refreshed (they may have added widgets), size what is new."""
        QTimer.singleShot(0, self, lambda: self.fit_fonts(self.stack.currentWidget()))

    def current_view(self) -> QWidget | None:
        return self.stack.currentWidget()

    # ------------------------------------------------------------------ reveal
    def _build_reveal(self) -> QWidget:
        from workshop_app.gui.pages.reveal import RevealPage

        page = RevealPage(self.document, self.stack)
        toolbar = page.toolbar
        for i in range(toolbar.count()):
            widget = toolbar.itemAt(i).widget()
            if widget is not None:
                widget.hide()
        page.reveal_button.hide()
        page.hidden_waiting.hide()  # who has not voted yet is the facilitator's business
        page.hidden_title.setText("Ratings are hidden until the facilitator reveals them")
        source = self._page_source(views.REVEAL)
        page.timer.mirror(source.timer)
        for signal in (source.round_combo.currentIndexChanged, source.sort_combo.currentIndexChanged,
                       source.anonymous_box.toggled, source.tabs.currentChanged, source.stack.currentChanged):
            signal.connect(self._sync_reveal)
        self._source = source
        return page

    def _sync_reveal(self, *_args: object, fit: bool = True) -> None:
        """Show what the facilitator's Reveal shows: the same round, sort, view, and names only if chosen."""
        room, source = self.views.get(views.REVEAL), self._source
        if room is None or source is None:
            return
        room.set_anonymous(source.anonymous, confirmed=True)  # type: ignore[attr-defined]
        if room.sort_combo.currentData() != source.sort_combo.currentData():  # type: ignore[attr-defined]
            room.set_sort(source.sort_combo.currentData())  # type: ignore[attr-defined]
        if room.shown_round() != source.shown_round():  # type: ignore[attr-defined]
            room.show_round(source.shown_round())  # type: ignore[attr-defined]
        room.tabs.setCurrentIndex(source.tabs.currentIndex())  # type: ignore[attr-defined]
        if fit:
            self.fit_fonts(room)

    # ------------------------------------------------------------------ window
    def show_on(self, screen: ScreenLike) -> None:
        """Full screen on `screen` (a QScreen; tests pass stand-ins with a geometry)."""
        if isinstance(screen, QScreen):
            self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):  # as on the laptop's window
            self.exit_requested.emit()
            return
        event.ignore()
