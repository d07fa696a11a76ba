"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from workshop_app.gui.dialogs import errors


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No modal box may block: errors are collected, questions answered Yes."""
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(errors, "ask", lambda parent, title, text: True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown
