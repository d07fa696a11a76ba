"""Start the desktop app: QApplication, style, icon, the first window, and a safety net for bugs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from workshop_app import APP_NAME, __version__
from workshop_app.gui.dialogs import errors
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.style import STYLE_NAME, apply_style
from workshop_app.gui.wheel import install_wheel_guard

#: Hidden switch for the start-up benchmark: quit as soon as the window is on screen.
EXIT_WHEN_SHOWN = "WORKSHOP_APP_EXIT_WHEN_SHOWN"
#: Long before anyone can reach for the wheel, after the first paint.
WHEEL_GUARD_AFTER_MS = 250


def app_icon() -> QIcon | None:
    from workshop_app.paths import resource_path

    try:
        return QIcon(str(resource_path("icons", "workshop-app.svg")))
    except FileNotFoundError:
        return None


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, version, style and icon (reused if one exists).

    High DPI needs nothing here: Qt 6 scales by the screen's exact (fractional) factor.
    Fusion is asked for on Qt's own command line rather than with `setStyle`, whose
    returned QStyle would make the binding build that class's many enums at start-up.
    """
    existing = QApplication.instance()
    if existing is None:
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", STYLE_NAME])
    else:
        assert isinstance(existing, QApplication)
        app = existing
        app.setStyle(STYLE_NAME)
    # No organisation name: the app's data folder is ".../Maturity Workshop", not ".../Maturity Workshop/Maturity
    # Workshop" (settings.app_home moves an older doubled folder's files up one level).
    app.setOrganizationName("")
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_style(app)
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def open_window(file: str | None = None, demo: bool = False) -> MainWindow:
    """The first window with FILE, the demo or the start screen; a bad file leaves the start screen."""
    window = MainWindow(start_screen=False)
    opened = False
    if demo:
        opened = window.open_demo()
    elif file:
        if not Path(file).exists():
            errors.show_error(window, "Cannot open workshop", f"{file}: no such file")
        else:
            opened = window.open_file(file)
    if not opened:
        window.show_start_screen()
    return window


def _report_shown_and_quit(app: QApplication) -> None:
    if sys.stdout is not None:  # a windowed build on Windows has no stdout
        print("shown", flush=True)
    app.quit()


def run_app(file: str | None, demo: bool = False) -> int:
    app = create_application()
    sys.excepthook = errors.unexpected_error_hook
    window = open_window(file, demo)
    window.show()
    # The wheel guard sees every event, which makes the binding build classes the first
    # screen never needs (~40 ms): install it once that screen is painted.
    QTimer.singleShot(WHEEL_GUARD_AFTER_MS, lambda: install_wheel_guard(app))
    if os.environ.get(EXIT_WHEN_SHOWN) == "1":
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app))
    return app.exec()
