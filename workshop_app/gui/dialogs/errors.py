"""One place that shows messages, so tests can replace it and no user error ever shows a traceback.

QMessageBox is imported when a message is shown: the app starts without it.
"""

from __future__ import annotations

import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A clear, modal warning naming what is wrong."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, message)


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def ask_carefully(parent: QWidget | None, title: str, question: str, yes: str) -> bool:
    """For what the whole room would see: the act is named on its button and Enter or Esc answers No."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.NoButton, parent)
    act = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is act


def choose(parent: QWidget | None, title: str, text: str, choices: list[str], *, cancel: str = "Cancel") -> str | None:
    """A question with named answers (the first is the default); None when the user cancels or closes it."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
    cancel_button = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(buttons[0] if buttons else cancel_button)
    box.setEscapeButton(cancel_button)
    box.exec()
    clicked = box.clickedButton()
    return choices[buttons.index(clicked)] if clicked in buttons else None


_showing = False


def unexpected_error_hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: a bug shows a dialog (with details to copy) and the app keeps running."""
    global _showing
    text = "".join(traceback.format_exception(kind, value, tb))
    print(text, flush=True)
    if _showing or QApplication.instance() is None or issubclass(kind, KeyboardInterrupt):
        return
    _showing = True
    try:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error",
                          "Something went wrong inside the app. Your workshop is saved after every change, "
                          "so nothing should be lost; you can keep working.\n\n"
                          f"{kind.__name__}: {value}")
        box.setDetailedText(text)
        box.exec()
    finally:
        _showing = False
