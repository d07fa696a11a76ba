"""The About box: name, version, what the app is for, where it keeps its files."""

from __future__ import annotations

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from workshop_app import APP_NAME, __version__
from workshop_app.gui.settings import app_home


def about_text() -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Run an AI maturity workshop offline: blind ratings, a reveal of where the room disagrees, "
        "consensus per pillar, agreed stages, a roadmap and a branded PDF handout.</p>"
        f"<p>Settings and the demo workshop are kept in:<br><code>{app_home()}</code></p>"
        f"<p style='color:#5b6675'>Python {sys.version.split()[0]} · Qt for Python {pyside_version}</p>"
    )


def show_about(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setText(about_text())
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64) if parent is not None else box.iconPixmap())
    box.open()
    return box


def rubric_help_text() -> str:
    return (
        "<h3>Rubric files</h3>"
        "<p>A rubric is a TOML file with an <code>id</code>, a <code>name</code>, an optional "
        "<code>overall_rule</code> (<code>weakest-link</code> or <code>median</code>), two to ten "
        "<code>[[stages]]</code> (id, name, summary) and one or more <code>[[pillars]]</code> "
        "(id, name, description, question, <code>levels</code> and <code>actions</code> keyed by stage id).</p>"
        "<p>Choose <i>Load rubric file…</i> in the new-workshop dialog to use your own. A broken file is "
        "refused with a message naming the key that is wrong. The full format is described in "
        "<code>docs/rubric-format.md</code>; <code>workshop-app check-rubric FILE</code> checks a file.</p>"
    )


def show_rubric_help(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("Rubric format")
    box.setText(rubric_help_text())
    box.open()
    return box
