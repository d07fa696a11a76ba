"""Presentation mode for the main window: full screen for the projector, a slim step bar, and the
window given back as it was. Mixed into MainWindow (kept apart so main_window.py stays about layout)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from workshop_app.gui.style import set_presentation_scale

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from workshop_app.gui.dialogs.screens import ScreenLike
    from workshop_app.gui.room_window import RoomWindow
    from workshop_app.gui.widgets.step_bar import StepBar

#: After leaving full screen, the window's old geometry is applied again this much later.
RESTORE_AGAIN_MS = 150


class PresentationMode:
    """Needs from the window: presentation_action, sidebar, path_label, round_label, document, page(),
    current_step(), go_to_step(), presentation_changed, document_opened, _workspace_column, and the
    QMainWindow API. `screens` lists the connected screens (tests replace it)."""

    _presenting = False
    _step_bar: StepBar | None = None
    _room: RoomWindow | None = None
    _room_screen: ScreenLike | None = None
    _normal_geometry: QByteArray | None = None
    _normal_state: object = None  # a Qt.WindowState once presenting started (Qt loads lazily)

    def screens(self) -> list[ScreenLike]:
        """The connected screens (loaded on first use: the screens module pulls in Qt's namespace)."""
        from workshop_app.gui.dialogs.screens import connected_screens

        return connected_screens()

    def set_presentation(self, on: bool) -> None:
        """For the projector. With a second screen (View > Present on), the room's window goes full screen
        there and this window stays as it is, with its controls. Otherwise this window goes full screen:
        every font 1.5x, a slim step bar instead of sidebar and menus, no file path. Leaving restores the
        window as it was, never wider than its screen."""
        from PySide6.QtCore import Qt

        if self.presentation_action.isChecked() != on:
            self.presentation_action.setChecked(on)
        if on and not self._presenting and self.document is not None:
            target = self.room_screen()
            if target is not None:
                self._present_on(target)
                return
        if self._room is not None:
            if not on:
                self._stop_room()
            return
        was_on = self._presenting
        self._presenting = on
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        set_presentation_scale(app, on)
        self.sidebar.setVisible(not on)
        self.menuBar().setVisible(not on)
        self.path_label.setVisible(not on)
        for page in self.pages.values():
            self._show_page_help(page)
        if on:
            self.step_bar.setVisible(self.document is not None)
            self.step_bar.set_current(self.current_step())
            if not was_on:
                self._normal_geometry = self.saveGeometry()
                self._normal_state = self.windowState()
            self.showFullScreen()
        else:
            if self._step_bar is not None:
                self._step_bar.hide()
            self.showNormal()
            for _ in range(3):  # nested layouts settle on the normal font sizes before the old geometry returns
                app.sendPostedEvents()
            layout = self.layout()
            if layout is not None:
                layout.activate()
            if was_on and self._normal_geometry is not None:
                self.restoreGeometry(self._normal_geometry)
            if self._normal_state is not None and self._normal_state & Qt.WindowState.WindowMaximized:
                self.showMaximized()
            self._fit_to_screen()
            if was_on:  # a window system applies the end of full screen later: restore once more after it
                from PySide6.QtCore import QTimer

                QTimer.singleShot(RESTORE_AGAIN_MS, self._restore_normal_geometry)
        self.presentation_changed.emit(on)

    # ------------------------------------------------------------------ two screens
    @property
    def room(self) -> RoomWindow | None:
        """The room's window on the other screen while presenting there (else None)."""
        return self._room

    def room_screen(self) -> ScreenLike | None:
        """Where the room's window would go now (None: this window goes full screen instead)."""
        from workshop_app.gui.room_window import choose_screen, saved_screen

        return choose_screen(self.screens(), self.screen(), saved_screen())

    def _present_on(self, screen: ScreenLike) -> None:
        from workshop_app.gui.room_window import RoomWindow

        assert self.document is not None
        self._presenting = True
        room = RoomWindow(self.document, self.page)
        room.exit_requested.connect(lambda: self.set_presentation(False))
        self.sidebar.currentRowChanged.connect(room.show_step)
        self.document_opened.connect(self._on_document_while_room)
        room.show_step(self.current_step())
        room.show_on(screen)
        self._room = room
        self._room_screen = screen
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.screenRemoved.connect(self._on_screen_removed)
        self.statusBar().showMessage(f"Presenting on {screen.name() or 'the other screen'}: the room sees this "
                                     "step, read-only. F11 or Esc stops.")
        self.presentation_changed.emit(True)

    def _stop_room(self) -> None:
        room, self._room = self._room, None
        self._presenting = False
        if room is not None:
            self.sidebar.currentRowChanged.disconnect(room.show_step)
            self.document_opened.disconnect(self._on_document_while_room)
            QApplication.instance().screenRemoved.disconnect(self._on_screen_removed)
            room.close()
        self._room_screen = None
        self.statusBar().clearMessage()
        self.presentation_changed.emit(False)

    def _on_screen_removed(self, screen: object) -> None:
        """The projector was unplugged: the room's window would land on the laptop's screen, so it closes."""
        if screen is self._room_screen or len(self.screens()) < 2:
            self.set_presentation(False)

    def _on_document_while_room(self, _document: object) -> None:
        """Another workshop (or none) in this window: the room's copy of the old one goes away."""
        self.set_presentation(False)

    def fill_present_on_menu(self, menu: QMenu) -> None:
        """View > Present on: Automatic, or one of the connected screens; remembered between sessions."""
        from PySide6.QtGui import QActionGroup

        from workshop_app.gui.room_window import AUTOMATIC, saved_screen, screen_id, screen_label

        menu.clear()
        group = QActionGroup(menu)
        chosen = saved_screen()
        found: Sequence[ScreenLike] = self.screens()
        names = [screen_id(s) for s in found]
        options = [(AUTOMATIC, "Automatic: the other screen when there is one")]
        options += [(screen_id(s), screen_label(s, self.screen())) for s in found]
        for name, text in options:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == chosen or (name == AUTOMATIC and chosen not in names))
            action.triggered.connect(lambda _=False, n=name: self.choose_presentation_screen(n))
            group.addAction(action)

    def choose_presentation_screen(self, name: str) -> None:
        """Remember where to present; while presenting, move there now."""
        from workshop_app.gui.room_window import save_screen

        save_screen(name)
        if self._presenting:
            self.set_presentation(False)
            self.set_presentation(True)

    def _show_page_help(self, page: QWidget) -> None:
        """A page's line of help is for the facilitator: hidden while presenting, for the room's space."""
        from workshop_app.gui.widgets.common import PAGE_INTRO

        for label in page.findChildren(QLabel, PAGE_INTRO):
            label.setVisible(not self._presenting or self._room is not None)

    @property
    def presenting(self) -> bool:
        return self._presenting

    @property
    def step_bar(self) -> StepBar:
        """Built the first time presentation mode starts (it is not on the first screen)."""
        if self._step_bar is None:
            from workshop_app.gui.main_window import STEPS
            from workshop_app.gui.widgets.step_bar import StepBar

            bar = StepBar([label for label, _, _ in STEPS])
            bar.step_chosen.connect(self.go_to_step)
            bar.exit_requested.connect(lambda: self.set_presentation(False))
            self.sidebar.currentRowChanged.connect(bar.set_current)
            self._workspace_column.insertWidget(0, bar)
            self._step_bar = bar
        return self._step_bar

    def _restore_normal_geometry(self) -> None:
        if self._presenting or self._normal_geometry is None or self.isMaximized():
            return
        self.restoreGeometry(self._normal_geometry)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Never leave the window larger than the screen it is on (a projector's resolution may be smaller)."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        width, height = min(self.width(), area.width()), min(self.height(), area.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if not area.contains(frame):
            x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
            y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
            self.move(max(x, area.x()), max(y, area.y()))
