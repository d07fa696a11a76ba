"""A second screen during private ballots: warn about mirroring, offer a neutral "Voting in progress" screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app import APP_NAME
from workshop_app.gui.dialogs import errors
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ScaledLabel


class ScreenLike(Protocol):
    """What we need of a QScreen (tests pass plain stand-ins)."""

    def geometry(self) -> QRect: ...
    def name(self) -> str: ...


def connected_screens() -> list[ScreenLike]:
    return list(QGuiApplication.screens())


def other_screens(screens: Sequence[ScreenLike], own: ScreenLike | None) -> list[ScreenLike]:
    """The screens that are not the laptop's (not `own`), one per area of the desktop."""
    seen: list[QRect] = [own.geometry()] if own is not None else []
    out = []
    for screen in screens:
        if screen is own or screen.geometry() in seen:
            continue
        seen.append(screen.geometry())
        out.append(screen)
    return out


def mirrored(screens: Sequence[ScreenLike]) -> bool:
    """Two outputs showing the same part of the desktop: a projector cloning the laptop."""
    areas = [s.geometry() for s in screens]
    return len(areas) != len({(r.x(), r.y(), r.width(), r.height()) for r in areas})


class NeutralScreen(QWidget):
    """A plain full-screen window for the projector while ballots run: the app's name, no data."""

    def __init__(self, round_number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("neutralScreen")
        self.setWindowTitle(f"{APP_NAME}: voting in progress")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet("#neutralScreen { background: #ffffff; }")
        box = QVBoxLayout(self)
        box.addStretch(1)
        for text, factor, colour in (("Voting in progress", 5.0, NAVY),
                                     (f"Round {round_number}: private ballots, one person at a time", 2.4, MUTED),
                                     (APP_NAME, 1.6, MUTED)):
            label = ScaledLabel(text, factor, bold=factor > 2, color=colour, parent=self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(label)
        box.addStretch(1)

    def show_on(self, screen: ScreenLike) -> None:
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        event.ignore()  # nobody types here; Esc must not leave a blank window without its ballots


def room_view_showing() -> bool:
    """Presenting on a second screen: the room's window follows to Rate, which shows no ratings."""
    from PySide6.QtWidgets import QApplication

    return any(w.objectName() == "roomWindow" and w.isVisible() for w in QApplication.topLevelWidgets())


def prepare_ballot_screens(parent: QWidget, round_number: int,
                           screens: Callable[[], Sequence[ScreenLike]] = connected_screens,
                           ) -> tuple[bool, NeutralScreen | None]:
    """Before private ballots: (go ahead?, the neutral screen shown on the other display, if any).

    One screen, or the room's view already on the other one: nothing to ask. A mirrored
    projector: say so and let the facilitator stop first. Extended displays: offer the
    neutral screen on every other display.
    """
    found = list(screens())
    if len(found) <= 1 or room_view_showing():
        return True, None  # one screen, or the room's view already shows a neutral screen for Rate
    if mirrored(found):
        go = errors.ask(parent, "Private ballots: the projector mirrors this screen",
                        "The projector shows what this laptop shows, so the room would see each person's "
                        "choices.\n\nStop mirroring (extend the display instead) or blank the projector now, "
                        "then choose Yes to start the ballots. Choose No to stop here.")
        return go, None
    own = parent.window().screen() if parent is not None else None
    others = other_screens(found, own) or found[1:]
    if not errors.ask(parent, "Private ballots: more than one screen",
                      f"This computer has {len(found)} screens. A projector must not show the ballots: blank "
                      "it, or let the app show only a neutral 'Voting in progress' screen there while the "
                      "ballots run.\n\nShow the neutral screen on the other display?"):
        return True, None
    neutral = NeutralScreen(round_number)
    neutral.show_on(others[0])
    return True, neutral
