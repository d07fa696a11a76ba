"""A workshop with a round voted with names hidden offers no way to name anyone on screen or in an export."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core.demo import build_demo
from workshop_app.gui.dialogs.export_data import ExportDataDialog
from workshop_app.gui.document import WorkshopDocument

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def hidden_doc(qapp, tmp_path: Path) -> WorkshopDocument:
    ws = build_demo()
    ws.rounds[0].names_hidden = True
    return WorkshopDocument(ws, tmp_path / "hidden.workshop")


def test_the_data_export_cannot_name_anyone(qtbot, hidden_doc: WorkshopDocument) -> None:
    dialog = ExportDataDialog(hidden_doc)
    qtbot.addWidget(dialog)
    assert not dialog.named.isEnabled() and not dialog.named.isChecked()
    assert "voted with names hidden" in dialog.named_note.text()


def test_the_rate_grid_never_shows_a_value_by_name(qtbot, hidden_doc: WorkshopDocument) -> None:
    from workshop_app.gui.models.rating_grid import HIDDEN_MARK, RatingGridModel

    model = RatingGridModel(hidden_doc, 1)  # revealed round 1 of the demo
    assert model.revealed and not model.values_visible
    cell = model.index(0, 0)
    assert model.data(cell) == HIDDEN_MARK
    assert "names hidden" in model.data(cell, 3)  # Qt.ToolTipRole
    model.set_show_values(True)
    assert not model.values_visible


def test_the_rate_grid_shows_revealed_values_in_an_ordinary_workshop(qtbot, qapp, tmp_path: Path) -> None:
    from workshop_app.gui.models.rating_grid import HIDDEN_MARK, RatingGridModel

    model = RatingGridModel(WorkshopDocument(build_demo(), tmp_path / "plain.workshop"), 1)
    assert model.values_visible and model.data(model.index(0, 0)) != HIDDEN_MARK


def test_the_handout_dialog_cannot_name_anyone(qtbot, hidden_doc: WorkshopDocument) -> None:
    from workshop_app.gui.dialogs.export import ExportDialog

    dialog = ExportDialog(hidden_doc)
    qtbot.addWidget(dialog)
    assert not dialog.named.isEnabled() and not dialog.named.isChecked()
    assert "voted with names hidden" in dialog.named_note.text()


def test_reveal_cannot_switch_to_names(qtbot, hidden_doc: WorkshopDocument, messages: list[str]) -> None:
    from workshop_app.gui.pages.reveal import RevealPage

    page = RevealPage(hidden_doc)
    qtbot.addWidget(page)
    page.refresh()
    assert page.anonymous and not page.anonymous_box.isEnabled()
    assert "voted with names hidden" in page.anonymous_box.toolTip()
    page.anonymous_box.setChecked(False)  # however it is asked for
    assert page.anonymous and page.anonymous_box.isChecked() and "voted with names hidden" in messages[-1]
    page.set_anonymous(False, confirmed=True)  # nor from the facilitator's other screens
    assert page.anonymous


def test_names_on_reveal_go_when_a_names_hidden_ballot_arrives(qtbot, qapp, tmp_path: Path,
                                                              messages: list[str]) -> None:
    from workshop_app.core import operations as ops
    from workshop_app.core.ballots import cast_ballot
    from workshop_app.gui.pages.reveal import RevealPage

    doc = WorkshopDocument(build_demo(), tmp_path / "named.workshop")
    page = RevealPage(doc)
    qtbot.addWidget(page)
    page.anonymous_box.setChecked(False)  # the room agreed to names (the question is answered Yes)
    assert not page.anonymous
    ws = doc.workshop
    doc.apply(ops.open_round, [ws.rubric.pillar_ids[0]], "Third look")
    choices = {ws.rubric.pillar_ids[0]: (2, "")}
    doc.apply(cast_ballot, ws.participants[0].id, 3, choices, names_hidden=True)
    assert page.anonymous and not page.anonymous_box.isEnabled()


def test_rate_offers_no_show_values(qtbot, hidden_doc: WorkshopDocument) -> None:
    from workshop_app.core import operations as ops
    from workshop_app.gui.pages.rate import RatePage

    ws = hidden_doc.workshop
    hidden_doc.apply(ops.open_round, [ws.rubric.pillar_ids[0]], "Third look")
    page = RatePage(hidden_doc)
    qtbot.addWidget(page)
    page._show_values_state()
    assert not page.show_values.isEnabled() and "voted with names hidden" in page.show_values.toolTip()


def test_the_rate_grid_hides_values_as_soon_as_a_names_hidden_ballot_arrives(qtbot, qapp, tmp_path: Path) -> None:
    from workshop_app.core import operations as ops
    from workshop_app.core.ballots import cast_ballot
    from workshop_app.gui.models.rating_grid import HIDDEN_MARK, RatingGridModel

    doc = WorkshopDocument(build_demo(), tmp_path / "plain.workshop")
    model = RatingGridModel(doc, 1)
    assert model.values_visible
    ws = doc.workshop
    doc.apply(ops.open_round, [ws.rubric.pillar_ids[0]], "Third look")
    doc.apply(cast_ballot, ws.participants[0].id, 3, {ws.rubric.pillar_ids[0]: (2, "")}, names_hidden=True)
    model.set_round(1)  # opening round 3 moved the grid there
    assert not model.values_visible and model.data(model.index(0, 0)) == HIDDEN_MARK
    doc.undo_stack.undo()  # the ballot and its promise go together
    assert model.values_visible
