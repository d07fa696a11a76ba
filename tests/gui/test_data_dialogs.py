"""The export-data, compare and follow-up dialogs: anonymous by default, explained mismatches, files opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workshop_app.core import operations as ops
from workshop_app.core.compare import FOLLOW_UP_PREFIX, follow_up
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import find_rubric
from workshop_app.core.storage import load_workshop, save_workshop
from workshop_app.gui.dialogs import errors
from workshop_app.gui.dialogs.compare import CompareDialog, open_compare_dialog
from workshop_app.gui.dialogs.export_data import NAMED_OFF, NAMED_ON, ExportDataDialog, open_export_data_dialog
from workshop_app.gui.dialogs.follow_up import FollowUpDialog, open_follow_up_dialog
from workshop_app.gui.document import WorkshopDocument

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
    new = follow_up(load_workshop(earlier))
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
    assert isinstance(dialog, CompareDialog) and dialog.table.isHidden()
    assert dialog.load_earlier(earlier_file)
    assert not dialog.table.isHidden() and dialog.table.rowCount() == 4
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(4)]
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
    dialog = CompareDialog(doc)
    qtbot.addWidget(dialog)
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
    assert dialog.comparison is None


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
