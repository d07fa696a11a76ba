"""The first export offers to set up the consultancy's brand, once; a brand font must cover Latin letters."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest
from PySide6.QtCore import Qt

from workshop_app.core.demo import build_demo
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs.brand import BrandEditor
from workshop_app.gui.dialogs.export import ExportDialog
from workshop_app.gui.document import WorkshopDocument

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, when a dialog is shown


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "Northwind.workshop")


def _dialog(qtbot, doc: WorkshopDocument) -> ExportDialog:
    dialog = ExportDialog(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_first_export_offers_a_brand_and_never_again(qtbot, doc: WorkshopDocument) -> None:
    first = _dialog(qtbot, doc)
    assert first.brand_offer is not None and first.brand_offer.isVisible()
    assert "Meridian Advisory" in first.brand_offer.text.text()  # says whose brand the handout would carry
    qtbot.mouseClick(first.brand_offer.no, Qt.MouseButton.LeftButton)
    assert not first.brand_offer.isVisible()
    second = _dialog(qtbot, doc)
    assert second.brand_offer is None


def test_skipping_the_offer_still_exports_with_the_sample_brand(qtbot, tmp_path: Path, doc: WorkshopDocument,
                                                                messages: list[str]) -> None:
    dialog = _dialog(qtbot, doc)
    qtbot.mouseClick(dialog.brand_offer.no, Qt.MouseButton.LeftButton)
    dialog.ask_to_open = False
    dialog.out_edit.setText(str(tmp_path / "handout.pdf"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and (tmp_path / "handout.pdf").is_file()


def test_setting_up_the_brand_from_the_offer_uses_and_remembers_it(qtbot, tmp_path: Path,
                                                                   doc: WorkshopDocument) -> None:
    dialog = _dialog(qtbot, doc)
    qtbot.mouseClick(dialog.brand_offer.yes, Qt.MouseButton.LeftButton)
    editor = dialog._editor
    assert isinstance(editor, BrandEditor) and editor.isVisible()
    editor.name.setText("Harbour & Pike")
    editor.contact.setText("hello@harbour-pike.example")
    path = tmp_path / "harbour.toml"
    assert editor.save_to(path)
    assert dialog.brand_path == path and app_settings.brand_path() == str(path)
    assert not dialog.brand_offer.isVisible()
    assert "Harbour &amp; Pike" in dialog.brand_preview.text.text()
    assert _dialog(qtbot, doc).brand_offer is None


def test_no_offer_when_a_brand_was_already_chosen(qtbot, tmp_path: Path, doc: WorkshopDocument) -> None:
    path = tmp_path / "own.toml"
    path.write_text('name = "Own Advisory"\n', encoding="utf-8")
    app_settings.set_brand_path(path)
    assert _dialog(qtbot, doc).brand_offer is None


def test_the_brand_editor_refuses_a_font_without_latin_letters(qtbot, tmp_path: Path) -> None:
    shutil.copy(FONTS / "STIXSizOneSymReg.ttf", tmp_path / "Symbols.ttf")
    editor = BrandEditor()
    qtbot.addWidget(editor)
    editor.name.setText("Symbolic")
    editor.font.setText(str(tmp_path / "Symbols.ttf"))
    path = tmp_path / "symbolic.toml"
    assert not editor.save_to(path) and not path.exists()
    message = editor.error.text()
    assert "Symbols.ttf" in message and "basic Latin letters" in message and not editor.error.isHidden()
    shutil.copy(FONTS / "DejaVuSerif.ttf", tmp_path / "Serif.ttf")
    editor.font.setText(str(tmp_path / "Serif.ttf"))
    assert editor.save_to(path) and 'font = "' in path.read_text(encoding="utf-8")


def test_the_export_dialog_names_a_brand_font_without_latin_letters(qtbot, tmp_path: Path,
                                                                    doc: WorkshopDocument) -> None:
    shutil.copy(FONTS / "STIXSizOneSymReg.ttf", tmp_path / "Symbols.ttf")
    path = tmp_path / "symbolic.toml"
    path.write_text('name = "Symbolic"\nfont = "Symbols.ttf"\n', encoding="utf-8")
    dialog = _dialog(qtbot, doc)
    before = dialog.brand_path
    assert not dialog.set_brand(path)
    assert "Symbols.ttf" in dialog.error.text() and "basic Latin letters" in dialog.error.text()
    assert dialog.brand_path == before  # the handout keeps the brand it had
