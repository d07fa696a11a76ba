"""The export dialog, the brand editor, drag and drop, presentation mode and the About box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent

from workshop_app import __version__
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import save_workshop
from workshop_app.gui import settings as app_settings
from workshop_app.gui import style
from workshop_app.gui.dialogs import errors
from workshop_app.gui.dialogs.brand import BrandEditor
from workshop_app.gui.dialogs.export import ExportDialog
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def messages(messages: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """As shared, but a question is recorded and answered No (the exported PDF is not opened)."""
    monkeypatch.setattr(errors, "ask", lambda parent, title, text: messages.append(text) or False)
    return messages


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "Northwind.workshop")


def _brand(qtbot, tmp_path: Path, name: str, primary: str = "#0b5394") -> tuple[BrandEditor, Path, bool]:
    editor = BrandEditor()
    qtbot.addWidget(editor)
    editor.name.setText(name)
    editor._paint(editor.primary, primary)
    editor.footer.setText("Confidential: prepared for the workshop participants")
    path = tmp_path / f"{name or 'unnamed'}.toml"
    return editor, path, editor.save_to(path)


def test_brand_editor_writes_a_profile_the_export_uses(qtbot, tmp_path: Path, doc: WorkshopDocument,
                                                         messages: list[str]) -> None:
    editor, path, ok = _brand(qtbot, tmp_path, "Harbour & Pike")
    assert ok and path.is_file() and 'name = "Harbour & Pike"' in path.read_text(encoding="utf-8")
    dialog = ExportDialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.set_brand(path)
    assert "Harbour &amp; Pike" in dialog.brand_preview.text.text() and not dialog.brand_preview.error
    assert app_settings.brand_path() == str(path)
    out = tmp_path / "handout.pdf"
    dialog.out_edit.setText(str(out))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    assert not dialog.named.isChecked()  # anonymous unless the room agreed to be named
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.pages >= 5
    assert out.read_bytes().startswith(b"%PDF") and messages and f"Wrote {dialog.pages} pages" in messages[-1]
    again = ExportDialog(doc)  # paper and brand are remembered
    qtbot.addWidget(again)
    assert again.paper.currentData() == "letter" and again.brand_path == path


def test_brand_editor_refuses_a_bad_colour_and_writes_nothing(qtbot, tmp_path: Path) -> None:
    editor, path, ok = _brand(qtbot, tmp_path, "Broken", primary="navy-ish")
    assert not ok and not path.exists()
    assert "primary" in editor.error.text() and not editor.error.isHidden()


def test_export_refuses_an_unusable_brand_and_an_unwritable_place(qtbot, tmp_path: Path, doc: WorkshopDocument,
                                                                    messages: list[str]) -> None:
    dialog = ExportDialog(doc)
    qtbot.addWidget(dialog)
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "X"\nprimary = "#12"\n', encoding="utf-8")
    before = dialog.brand_path
    assert not dialog.set_brand(bad)
    assert "cannot be used" in dialog.error.text() and "'#12' is not a colour" in dialog.error.text()
    assert dialog.brand_path == before and not dialog.brand_preview.error  # the current brand stays
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    dialog.out_edit.setText(str(blocked / "handout.pdf"))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "could not be written" in dialog.error.text() and not messages


def _drop(window: MainWindow, path: Path) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_workshop_file_opens_it(qtbot, tmp_path: Path, messages: list[str]) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    other = tmp_path / "notes.txt"
    other.write_text("not a workshop", encoding="utf-8")
    assert _drop(window, other) == (False, False) and window.document is None
    ws = build_demo()
    ws.details.client = "Dropped Ltd"
    path = tmp_path / "dropped.workshop"
    save_workshop(ws, path)
    assert _drop(window, path) == (True, True)
    assert window.document is not None and window.document.workshop.details.client == "Dropped Ltd"
    assert not messages


def test_presentation_mode_scales_text_and_escape_leaves_it(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_demo()
    window.show()
    window.set_presentation(True)
    assert style.current_scale() == style.PRESENTATION_SCALE and window.isFullScreen()
    assert window.sidebar.isHidden() and window.menuBar().isHidden()
    window.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    assert style.current_scale() == 1.0 and not window.isFullScreen()
    assert not window.presentation_action.isChecked() and not window.sidebar.isHidden()


def test_about_box_names_the_version(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_about()
    assert f"Maturity Workshop {__version__}" in window._dialog.text()
    window._dialog.close()
