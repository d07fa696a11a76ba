"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from workshop_app.gui.dialogs import errors


class UnexpectedDialog(AssertionError):
    """A modal box nobody answers would block the test run for good; fail the test instead."""


def _refuse(*args: object, **kwargs: object) -> None:
    text = " | ".join(str(a) for a in args if isinstance(a, str))
    raise UnexpectedDialog(f"a modal dialog opened in a test: {text or args}")


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any message box or exec()'d dialog a test did not answer fails that test at once."""
    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(_refuse))
    monkeypatch.setattr(QDialog, "exec", _refuse)
    monkeypatch.setattr(errors, "choose", _refuse)
    monkeypatch.setattr(errors, "ask_carefully", _refuse)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No modal box may block: errors are collected, questions answered Yes."""
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(errors, "show_info", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(errors, "ask", lambda parent, title, text: True)
    monkeypatch.setattr(errors, "ask_carefully", lambda parent, title, text, yes: True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown
