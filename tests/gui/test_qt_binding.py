"""The Qt binding in use does not leak references to None (PySide6 6.12.0 did, and aborted)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_setters_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100
