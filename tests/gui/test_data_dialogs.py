"""The export-data, compare and follow-up dialogs: anonymous by default, explained mismatches, files opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QAction

from workshop_app.core import operations as ops
from workshop_app.core.compare import FOLLOW_UP_PREFIX, follow_up
from workshop_app.core.demo import build_demo
from workshop_app.core.earlier import snapshot
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import find_rubric
from workshop_app.core.storage import load_workshop, save_workshop
from workshop_app.gui.dialogs import errors
from workshop_app.gui.dialogs.compare import CompareDialog, open_compare_dialog
from workshop_app.gui.dialogs.export_data import NAMED_OFF, NAMED_ON, ExportDataDialog, open_export_data_dialog
from workshop_app.gui.dialogs.follow_up import FollowUpDialog, open_follow_up_dialog
from workshop_app.gui.dialogs.link_earlier import LinkEarlierDialog, open_link_dialog
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.pages.overview import OverviewPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "Northwind.workshop")


@pytest.fixture
def earlier_file(tmp_path: Path) -> Path:
    path = tmp_path / "earlier" / "May.workshop"
    path.parent.mkdir()
    save_workshop(build_demo(), path)
    return path


# --------------------------------------------------------------------------- export data


def test_export_dialog_is_anonymous_unless_ticked(qtbot, doc: WorkshopDocument, tmp_path: Path) -> None:
    dialog = ExportDataDialog(doc)
    qtbot.addWidget(dialog)
    assert not dialog.named.isChecked() and dialog.named_note.text() == NAMED_OFF
    assert dialog.current_format() == "xlsx" and not dialog.table.isEnabled()
    assert dialog.out_edit.text().endswith("Northwind data.xlsx")
    out = tmp_path / "anon.xlsx"
    dialog.out_edit.setText(str(out))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "anonymous codes" in dialog.summary
    text = "\n".join(str(c.value) for sheet in load_workbook(out) for row in sheet.iter_rows() for c in row)
    for person in doc.workshop.participants:
        assert person.name not in text
    dialog.named.setChecked(True)
    assert dialog.named_note.text() == NAMED_ON


def test_export_dialog_csv_table_and_named(qtbot, doc: WorkshopDocument, tmp_path: Path) -> None:
    dialog = ExportDataDialog(doc)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.table.isEnabled() and dialog.out_edit.text().endswith(".csv")
    dialog.table.setCurrentIndex(dialog.table.findData("ratings"))
    dialog.named.setChecked(True)
    out = tmp_path / "named.csv"
    dialog.out_edit.setText(str(out))
    assert dialog.export()
    text = out.read_text("utf-8-sig")
    assert text.startswith("participant,role,pillar") and doc.workshop.participants[0].name in text
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    assert dialog.out_edit.text().endswith("named.json") and not dialog.table.isEnabled()


def test_export_dialog_refuses_a_wrong_ending_and_asks_before_replacing(
        qtbot, doc: WorkshopDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ExportDataDialog(doc)
    qtbot.addWidget(dialog)
    dialog.out_edit.setText(str(tmp_path / "data.pdf"))
    assert not dialog.export() and ".xlsx" in dialog.error.text()
    existing = tmp_path / "data.xlsx"
    existing.write_text("keep", "utf-8")
    asked: list[str] = []
    monkeypatch.setattr(errors, "ask", lambda parent, title, text: asked.append(text) or False)
    dialog.out_edit.setText(str(existing))
    assert not dialog.export()
    assert asked and existing.read_text("utf-8") == "keep"


def test_export_dialog_names_the_blind_round_left_out(qtbot, doc: WorkshopDocument) -> None:
    ws = doc.workshop
    ops.open_round(ws, [ws.rubric.pillar_ids[0]])
    dialog = ExportDataDialog(doc)
    qtbot.addWidget(dialog)
    assert not dialog.blind_note.isHidden() and "Round 3 is not revealed yet" in dialog.blind_note.text()


def test_open_export_data_dialog_reports_what_was_written(qtbot, doc: WorkshopDocument, tmp_path: Path,
                                                          messages: list[str]) -> None:
    dialog = open_export_data_dialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    dialog.out_edit.setText(str(tmp_path / "all.json"))
    dialog.accept()
    assert messages and "48 ratings rows" in messages[-1]
    assert json.loads((tmp_path / "all.json").read_text("utf-8"))["anonymous"] is True


# --------------------------------------------------------------------------- compare


def _later_document(earlier: Path, tmp_path: Path) -> WorkshopDocument:
    new = follow_up(load_workshop(earlier), earlier_file=str(earlier))
    for person in new.participants:
        for pillar in new.rubric.pillar_ids:
            ops.set_rating(new, person.id, pillar, 1, 3)
    ops.set_revealed(new, 1)
    ops.update_action(new, new.actions[0].id, status="done")
    return WorkshopDocument(new, tmp_path / "November.workshop")


def test_compare_dialog_shows_then_now_and_actions(qtbot, earlier_file: Path, tmp_path: Path) -> None:
    doc = _later_document(earlier_file, tmp_path)
    dialog = open_compare_dialog(doc)
    qtbot.addWidget(dialog)
    # A follow-up is linked to the workshop it came from: the dialog opens on that link.
    assert isinstance(dialog, CompareDialog) and not dialog.table.isHidden() and not dialog.linked.isHidden()
    assert dialog.path_edit.text() == "Linked: May.workshop (kept in this workshop)"
    linked_rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(4)]
    assert dialog.load_earlier(earlier_file)
    assert not dialog.table.isHidden() and dialog.table.rowCount() == 4
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(4)]
    assert rows == linked_rows and dialog.path_edit.text() == str(earlier_file)
    assert rows[0] == ["Reality over hype", "2 Walk", "3 Run (median)", "▲ up 1 stage"]
    assert rows[1][3] == "▲ up 2 stages"
    assert "then 1 Crawl, now 3 Run" in dialog.overall.text()
    assert dialog.actions_heading.text() == "Earlier roadmap: 1 of 10 actions done"
    assert dialog.actions.item(0).text().startswith("✔ Done")
    assert dialog.table.font().pointSizeF() >= 14  # read on a projector


def test_compare_dialog_explains_another_rubric(qtbot, tmp_path: Path) -> None:
    other = tmp_path / "other.workshop"
    save_workshop(Workshop(rubric=find_rubric("foundation-to-optimizing")), other)
    doc = WorkshopDocument(build_demo(), tmp_path / "demo.workshop")
    doc.workshop.earlier = None
    dialog = CompareDialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.table.isHidden() and dialog.linked.isHidden() and not dialog.show_linked()
    assert dialog.load_earlier(other)
    assert dialog.table.isHidden() and not dialog.problems.isHidden()
    assert "foundation-to-optimizing" in dialog.problems.text()
    assert "cannot be compared" in dialog.title.text()


def test_compare_dialog_refuses_itself_and_a_broken_file(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "demo.workshop"
    save_workshop(build_demo(), path)
    doc = WorkshopDocument(load_workshop(path), path)
    dialog = CompareDialog(doc)
    qtbot.addWidget(dialog)
    assert not dialog.load_earlier(path) and "open now" in dialog.error.text()
    broken = tmp_path / "broken.workshop"
    broken.write_text("not a workshop", "utf-8")
    assert not dialog.load_earlier(broken) and "broken.workshop" in dialog.error.text()
    # What was shown stays: here the demo's linked first assessment.
    assert dialog.comparison is not None and dialog.comparison.old_title.endswith("First Assessment")


# --------------------------------------------------------------------------- follow-up


def test_follow_up_dialog_creates_and_opens(qtbot, earlier_file: Path, tmp_path: Path) -> None:
    opened: list[Path] = []
    dialog = open_follow_up_dialog(None, opened.append)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FollowUpDialog) and not dialog.ok.isEnabled()
    assert dialog.set_earlier(earlier_file)
    assert "8 participants and 10 open roadmap actions" in dialog.preview.text()
    suggested = Path(dialog.out_edit.text())
    assert suggested.parent == earlier_file.parent and suggested.name.startswith("May follow-up ")
    dialog.accept()
    assert opened == [suggested] and dialog.created_path == suggested
    new = load_workshop(suggested)
    assert new.details.title.startswith(FOLLOW_UP_PREFIX) and new.ratings == []
    assert len(new.participants) == 8 and len(new.actions) == 10
    assert new.earlier is not None and new.earlier.file_name == "May.workshop"  # linked, without the folder
    assert new.earlier.details.title == load_workshop(earlier_file).details.title


def test_follow_up_dialog_never_overwrites_the_earlier_file(qtbot, earlier_file: Path) -> None:
    before = earlier_file.read_bytes()
    dialog = FollowUpDialog()
    qtbot.addWidget(dialog)
    assert dialog.set_earlier(earlier_file)
    dialog.out_edit.setText(str(earlier_file))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "another name" in dialog.error.text() and earlier_file.read_bytes() == before


def test_follow_up_dialog_refuses_a_broken_earlier_file(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.workshop"
    broken.write_bytes(b"\x00\x01")
    dialog = FollowUpDialog()
    qtbot.addWidget(dialog)
    assert not dialog.set_earlier(broken)
    assert "broken.workshop" in dialog.error.text() and not dialog.ok.isEnabled()
    assert dialog.create() is None


# --------------------------------------------------------------------------- linking an earlier workshop


def _menu_action(win: MainWindow, text: str) -> QAction:
    file_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&File")
    return next(a for a in file_menu.actions() if a.text() == text)


@pytest.fixture
def plain_window(qtbot, tmp_path: Path) -> MainWindow:
    """A window on a workshop that is not linked to an earlier one."""
    ws = build_demo()
    ws.earlier = None
    path = tmp_path / "Northwind.workshop"
    save_workshop(ws, path)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_file(path)
    return win


def test_link_from_the_file_menu_is_saved_undoable_and_shown(qtbot, plain_window: MainWindow, earlier_file: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    win, doc = plain_window, plain_window.document
    overview = win.findChild(OverviewPage)
    assert "Not linked to an earlier workshop" in overview.progress.text()
    monkeypatch.setattr(LinkEarlierDialog, "pick_file", lambda self: str(earlier_file))
    _menu_action(win, "&Link an earlier workshop…").trigger()
    dialog = win._dialog
    assert isinstance(dialog, LinkEarlierDialog) and not dialog.ok.isEnabled() and not dialog.unlink.isEnabled()
    assert dialog.current.text() == "This workshop is not linked to an earlier one."
    dialog.choose.click()
    assert dialog.ok.isEnabled() and "May.workshop" in dialog.preview.text()
    assert "4 pillars compared, 10 earlier roadmap actions (0 done)" in dialog.preview.text()
    dialog.ok.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    earlier = doc.workshop.earlier
    assert earlier is not None and earlier.file_name == "May.workshop"
    assert doc.flush() and load_workshop(doc.path).earlier == earlier  # in the file
    text = overview.progress.text()
    assert "Since AI in Customer Operations: Maturity Workshop (2026-11-18)" in text
    assert "Act with precision" in text and "no change" in text and "0 of 10 actions done" in text
    assert overview.progress_button.isVisibleTo(overview) and not overview.link_button.isVisibleTo(overview)
    doc.undo_stack.undo()
    assert doc.workshop.earlier is None and "Not linked" in overview.progress.text()
    doc.undo_stack.redo()
    assert doc.workshop.earlier == earlier


def test_link_dialog_replaces_and_removes_a_link(qtbot, earlier_file: Path, tmp_path: Path) -> None:
    doc = WorkshopDocument(build_demo(), tmp_path / "Northwind.workshop")
    first = doc.workshop.earlier
    dialog = open_link_dialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.current.text().startswith("Linked to AI in Customer Operations: First Assessment (2026-05-20), "
                                            "from Northwind first assessment.workshop")
    assert dialog.ok.text() == "Replace the link" and dialog.unlink.isEnabled()
    assert dialog.set_earlier_file(earlier_file)
    dialog.accept()
    assert doc.workshop.earlier is not first and doc.workshop.earlier.file_name == "May.workshop"
    assert doc.undo_stack.undoText() == "Replace the earlier workshop"
    again = LinkEarlierDialog(doc)
    qtbot.addWidget(again)
    assert again.remove_link() and doc.workshop.earlier is None
    assert not again.unlink.isEnabled() and "Edit > Undo" in again.preview.text()
    doc.undo_stack.undo()
    assert doc.workshop.earlier.file_name == "May.workshop"


def test_link_dialog_explains_what_cannot_be_linked(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "now.workshop"
    save_workshop(build_demo(), path)
    doc = WorkshopDocument(load_workshop(path), path)
    dialog = LinkEarlierDialog(doc)
    qtbot.addWidget(dialog)
    assert not dialog.set_earlier_file(path) and "open now" in dialog.error.text()
    other = tmp_path / "other.workshop"
    save_workshop(Workshop(rubric=find_rubric("foundation-to-optimizing")), other)
    assert not dialog.set_earlier_file(other)
    assert "other.workshop cannot be linked" in dialog.error.text() and "foundation-to-optimizing" in dialog.error.text()
    broken = tmp_path / "broken.workshop"
    broken.write_text("{", "utf-8")
    assert not dialog.set_earlier_file(broken) and "broken.workshop" in dialog.error.text()
    assert not dialog.ok.isEnabled() and not dialog.link()
    assert "Choose the earlier workshop first" in dialog.error.text()
    doc.close()


def test_overview_block_names_a_mismatch_and_shows_movement(qtbot, tmp_path: Path) -> None:
    ws = build_demo()
    doc = WorkshopDocument(ws, tmp_path / "Northwind.workshop")
    page = OverviewPage(doc)
    qtbot.addWidget(page)
    text = page.progress.text()
    assert "Since AI in Customer Operations: First Assessment (2026-05-20)" in text
    assert text.count("▲ up 1 stage") == 2 and "3 of 5 actions done" in text
    doc.apply(ops.set_decision, "know-your-maturity", 2, 3, "The IVR review moved it on.")
    assert page.progress.text().count("▲ up 1 stage") == 3
    other = find_rubric("foundation-to-optimizing")
    doc.apply(ops.link_earlier, snapshot(Workshop(rubric=other), "other.workshop"))
    assert "stages cannot be compared" in page.progress.text() or "nothing can be compared" in page.progress.text()


def test_reloading_from_disk_keeps_the_link_of_the_file(qtbot, tmp_path: Path) -> None:
    """After a conflict the file on disk wins: its link too, so the next save cannot drop it."""
    path = tmp_path / "linked.workshop"
    save_workshop(build_demo(), path)
    doc = WorkshopDocument.open(path)
    doc.workshop.earlier = None
    assert doc.reload_from_disk()
    assert doc.workshop.earlier is not None and doc.workshop.earlier.file_name == "Northwind first assessment.workshop"
    assert doc.save() and load_workshop(path).earlier == doc.workshop.earlier
    doc.close()
