"""Pages and dialogs with qtbot: the grid's keys, participants, CSV import, new workshop, main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import load_workshop
from workshop_app.gui import settings as app_settings
from workshop_app.gui.app import open_window
from workshop_app.gui.dialogs import errors
from workshop_app.gui.dialogs.csv_import import CsvImportDialog
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.pages.participants import ParticipantsPage
from workshop_app.gui.pages.rate import RatePage
from workshop_app.gui.start import NewWorkshopDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "demo.workshop")


def test_grid_typed_like_a_paper_form(qtbot, doc: WorkshopDocument, messages: list[str]) -> None:
    doc.apply(ops.open_round, list(doc.workshop.rubric.pillar_ids))  # round 3, blind
    page = RatePage(doc)
    qtbot.addWidget(page)
    assert page.round_number == 3 and not page.show_values.isHidden()
    grid = page.grid
    grid.select_first_cell()
    for key in ("2", "w", "R", "?"):  # Amara's four pillars, then on to Jonas
        qtbot.keyClicks(grid, key)
    ws = doc.workshop
    amara, jonas = ws.participants[0].id, ws.participants[1].id
    stages = [ws.rating(amara, p, 3).stage for p in ws.rubric.pillar_ids]
    assert stages == [2, 2, 3, None]
    assert grid.currentIndex().row() == 1 and grid.currentIndex().column() == 0
    qtbot.keyClick(grid, Qt.Key.Key_Tab)  # skip a cell
    qtbot.keyClicks(grid, "f")
    assert ws.rating(jonas, "know-your-maturity", 3).stage == 4
    assert ws.rating(jonas, "reality-over-hype", 3) is None
    grid.setCurrentIndex(grid.cell(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert ws.rating(amara, "reality-over-hype", 3) is None
    qtbot.keyClicks(grid, "x")  # not a rating key: nothing happens
    assert ws.rating(amara, "reality-over-hype", 3) is None
    # blind: the grid shows marks, the status shows counts, never values
    assert page.model.data(grid.cell(0, 1)) == "✓"
    assert "0 of 8 have voted" in page.voted.text() and "part-way" in page.voted.text()
    page.show_values.click()  # confirmed (the fixture answers Yes)
    assert page.model.data(grid.cell(0, 1)) == "2 Walk"
    doc.undo_stack.undo()  # the Delete
    assert ws.rating(amara, "reality-over-hype", 3).stage == 2


def test_participants_add_rename_reorder_remove(qtbot, doc: WorkshopDocument, messages: list[str]) -> None:
    page = ParticipantsPage(doc)
    qtbot.addWidget(page)
    ws = doc.workshop
    qtbot.keyClicks(page.name_edit, "Nadia Haddad")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert ws.participants[-1].name == "Nadia Haddad"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # empty name
    assert page.error.isVisibleTo(page) and "must not be empty" in page.error.text()
    page.select_row(8)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert ws.participants[7].name == "Nadia Haddad" and page.selected_row() == 7
    amara = ws.participants[0].id
    page.select_row(0)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert all(r.participant != amara for r in ws.ratings)
    assert len(ws.participants) == 8
    dialog = page._on_paste()
    dialog.text.setPlainText("Ola Berg, Legal\n\nLi Na\tHR")
    dialog.accept()
    assert [(p.name, p.role) for p in ws.participants[-2:]] == [("Ola Berg", "Legal"), ("Li Na", "HR")]


def test_csv_import_refuses_bad_rows_and_imports_all_or_nothing(qtbot, doc: WorkshopDocument,
                                                                tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("participant,role,pillar,rating\nAmara Okafor,CX,reality-over-hype,7\n"
                   "Ann Lee,Ops,nonsense,2\n", encoding="utf-8")
    dialog = CsvImportDialog(doc)
    qtbot.addWidget(dialog)
    before = doc.workshop.to_dict()
    assert not dialog.load_file(bad)
    report = dialog.report.toPlainText()
    assert "line 2: stage number 7 is outside 1..4" in report and "line 3: unknown pillar 'nonsense'" in report
    assert not dialog.import_button.isEnabled()
    dialog.accept()
    assert doc.workshop.to_dict() == before
    good = tmp_path / "good.csv"
    good.write_text("participant,role,pillar,rating,round\nAnn Lee,Ops,Reality over hype,Run,1\n"
                    "Ann Lee,Ops,sustain-at-scale,?,1\n", encoding="utf-8")
    assert dialog.load_file(good)
    assert "New participants to add: Ann Lee" in dialog.report.toPlainText()
    dialog.accept()
    ann = doc.workshop.participants[-1]
    assert ann.name == "Ann Lee" and doc.workshop.rating(ann.id, "reality-over-hype", 1).stage == 3
    doc.undo_stack.undo()
    assert doc.workshop.to_dict() == before


def test_csv_import_into_a_blind_round_keeps_it_blind(qtbot, doc: WorkshopDocument, tmp_path: Path) -> None:
    doc.apply(ops.open_round, ["reality-over-hype"])  # round 3, private ballots under way
    forms = tmp_path / "forms.csv"
    forms.write_text("participant,role,pillar,rating,round\nAmara Okafor,CX,reality-over-hype,2,3\n", encoding="utf-8")
    dialog = CsvImportDialog(doc)
    qtbot.addWidget(dialog)
    assert dialog.load_file(forms)
    assert not dialog.reveal.isHidden() and not dialog.reveal.isChecked()
    assert dialog.reveal.text() == "Reveal round 3 after the import"
    assert "Round 3 is still being voted blind" in dialog.report.toPlainText()
    dialog.accept()
    assert not doc.workshop.round(3).revealed
    amara = doc.workshop.participants[0].id
    assert doc.workshop.rating(amara, "reality-over-hype", 3).stage == 2
    assert doc.workshop.round(1).revealed and doc.workshop.round(2).revealed  # untouched

    dialog = CsvImportDialog(doc)
    qtbot.addWidget(dialog)
    new_round = tmp_path / "round4.csv"
    new_round.write_text("participant,role,pillar,rating,round\nAmara Okafor,CX,reality-over-hype,3,4\n",
                         encoding="utf-8")
    assert dialog.load_file(new_round) and dialog.reveal.isChecked()  # a round of paper forms: in the open
    dialog.accept()
    assert doc.workshop.round(4).revealed and not doc.workshop.round(3).revealed


def test_new_workshop_dialog_refuses_a_broken_rubric(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nname = "X"\n[[stages]]\nid = "one"\nname = "One"\n', encoding="utf-8")
    dialog = NewWorkshopDialog()
    qtbot.addWidget(dialog)
    shipped = dialog.rubric_combo.count()
    assert shipped >= 2
    assert not dialog.load_rubric_file(broken)
    assert "broken.toml" in dialog.error.text() and "stages" in dialog.error.text()
    assert dialog.rubric_combo.count() == shipped
    dialog.rubric_combo.setCurrentIndex(1)
    assert dialog.rubric.name in dialog.preview.text()
    qtbot.keyClicks(dialog.client_edit, "Acme/Co")
    assert Path(dialog.path_edit.text()).name.startswith("AcmeCo ")
    existing = tmp_path / "taken.workshop"
    existing.write_text("x", encoding="utf-8")
    dialog.path_edit.setText(str(existing))
    dialog.accept()
    assert "already exists" in dialog.error.text() and existing.read_text() == "x"


def test_main_window_recent_demo_presentation_and_title(qtbot, tmp_path: Path, messages: list[str]) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.root.currentWidget() is window.start
    assert window.open_demo()
    demo_path = app_settings.app_home() / "Demo workshop.workshop"
    assert window.document.path == demo_path
    assert "Northwind" in window.windowTitle() and "Round 2 of 2" in window.round_label.text()
    assert app_settings.recent_files()[0] == str(demo_path.resolve())
    with qtbot.waitSignal(window.presentation_changed) as blocker:
        window.presentation_action.trigger()
    assert blocker.args == [True] and window.sidebar.isHidden()
    window.set_presentation(False)
    assert not window.sidebar.isHidden()
    window.step_actions[4].trigger()
    assert window.current_step() == 4
    missing = str(tmp_path / "gone.workshop")
    app_settings.add_recent_file(missing)
    assert not window.open_recent(str(Path(missing).resolve()))
    assert "moved or deleted" in messages[-1]
    assert str(Path(missing).resolve()) not in app_settings.recent_files()
    doc = window.document
    doc.apply(ops.set_details, client="Contoso")
    assert "Contoso" in window.windowTitle()
    assert window.close_document()
    assert load_workshop(demo_path).details.client == "Contoso"
    assert window.root.currentWidget() is window.start


def test_autosave_failure_shows_in_status_bar(qtbot, tmp_path: Path, messages: list[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("file", encoding="utf-8")
    window.set_document(WorkshopDocument(build_demo(), blocker / "demo.workshop"))
    window.document.apply(ops.set_details, site="Leeds")
    with qtbot.waitSignal(window.document.save_failed, timeout=3000):
        pass
    assert window.save_label.text().startswith("Not saved: retrying")
    assert "not-a-folder" in window.save_label.toolTip()
    assert window.document.dirty  # the edit is kept in memory
    asked: list[str] = []
    monkeypatch.setattr(errors, "choose", lambda parent, title, text, choices: asked.append(text) or None)
    assert not window.close()  # Cancel: the window and its unsaved edit stay
    assert "not-a-folder" in asked[0] and window.document is not None
    monkeypatch.setattr(errors, "choose", lambda parent, title, text, choices: "Discard my changes")
    assert window.close()


def test_decide_shows_every_pillar_row_and_keeps_room_for_the_chart(qtbot, messages: list[str]) -> None:
    window = open_window(demo=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.go_to_step(4)
    page = window.pages[4]
    qtbot.waitUntil(lambda: page.splitter.sizes()[0] > 0)
    table, chart = page.splitter.sizes()
    assert table == page.table_scroll.maximumHeight()  # all four rows, no scrolling
    qtbot.waitUntil(lambda: not page.table_scroll.verticalScrollBar().isVisible())
    window.resize(1280, 560)
    qtbot.waitUntil(lambda: page.splitter.sizes()[0] < table)
    table, chart = page.splitter.sizes()
    assert chart >= 0.4 * (table + chart) - 1  # a short window scrolls the rows, not the chart away
    page.splitter.moveSplitter(120, 1)
    window.resize(1280, 800)
    qtbot.wait(10)
    assert page.splitter.sizes()[0] == 120  # where the user put it


def test_role_groups_are_suggested_and_chosen_on_the_participants_page(qtbot, doc: WorkshopDocument) -> None:
    from workshop_app.gui.models.participants import GROUP_COLUMN

    page = ParticipantsPage(doc)
    qtbot.addWidget(page)
    model = page.model
    ws = doc.workshop
    row = next(i for i, p in enumerate(ws.participants) if "Chief" in p.role or "Head" in p.role)
    cell = model.index(row, GROUP_COLUMN)
    assert model.data(cell).endswith("(from the role)")
    choices = model.group_choices(row)
    assert choices[0][0] == "" and ("Front line", "Front line") in choices and choices[-1] == ("-", "No group")
    page.table.setCurrentIndex(cell)
    page.table.edit(cell)
    editor = page.table.indexWidget(cell) or page.table.findChild(QComboBox)
    assert isinstance(editor, QComboBox) and editor.count() == len(choices)
    assert model.setData(cell, "Front line")
    assert ws.participants[row].group == "Front line" and model.data(cell) == "Front line"
    doc.undo_stack.undo()
    assert ws.participants[row].group == ""
    assert model.setData(cell, "-") and model.data(cell) == "— (no group)"
