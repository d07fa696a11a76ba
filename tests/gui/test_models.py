"""Item models against the demo workshop, with no widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.rubric import find_rubric, rubric_from_dict
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.notes import NotesModel, format_created
from workshop_app.gui.models.participants import ParticipantsModel
from workshop_app.gui.models.rating_grid import HIDDEN_MARK, RatingGridModel, key_to_stage, stage_keys
from workshop_app.gui.models.roadmap import FIELDS, KeyRole, RoadmapModel

Display, Edit = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "demo.workshop")


def test_stage_keys_digits_initials_and_dont_know() -> None:
    rubric = find_rubric("crawl-walk-run-fly")
    assert key_to_stage(rubric, "2") == (True, 2)
    assert key_to_stage(rubric, "w") == (True, 2)
    assert key_to_stage(rubric, "F") == (True, 4)
    assert key_to_stage(rubric, "?") == (True, None)
    assert key_to_stage(rubric, "5") == (False, None)
    assert key_to_stage(rubric, "x") == (False, None)


def test_shared_initials_only_by_number() -> None:
    data = find_rubric("crawl-walk-run-fly").to_dict()
    data["stages"][3]["name"] = "Wings"  # Walk and Wings share W
    rubric = rubric_from_dict(data)
    keys = stage_keys(rubric)
    assert "w" not in keys and keys["c"] == 1 and keys["r"] == 3 and keys["4"] == 4


def test_participants_model_renames_through_the_document(doc: WorkshopDocument) -> None:
    model = ParticipantsModel(doc)
    assert model.rowCount() == 8
    assert model.data(model.index(0, 0)) == "Amara Okafor"
    assert model.setData(model.index(0, 1), "Chief CX Officer", Edit)
    assert doc.workshop.participants[0].role == "Chief CX Officer"
    assert doc.undo_stack.undoText() == "Edit participant"
    assert not model.setData(model.index(0, 0), "   ", Edit)
    assert "must not be empty" in model.last_error
    assert doc.workshop.participants[0].name == "Amara Okafor"


def test_participants_model_resets_on_add_and_undo(doc: WorkshopDocument) -> None:
    model = ParticipantsModel(doc)
    doc.apply(ops.add_participant, "Nadia Haddad", "Finance")
    assert model.rowCount() == 9 and model.data(model.index(8, 1)) == "Finance"
    doc.undo_stack.undo()
    assert model.rowCount() == 8


def test_grid_hides_values_until_reveal_or_toggle(doc: WorkshopDocument) -> None:
    ws = doc.workshop
    doc.apply(ops.open_round, ["sustain-at-scale"])
    model = RatingGridModel(doc, 3)
    assert model.columnCount() == 1 and model.rowCount() == 8
    cell = model.index(0, 0)
    assert model.data(cell) == ""
    assert model.setData(cell, "r", Edit)
    assert ws.rating(ws.participants[0].id, "sustain-at-scale", 3).stage == 3
    assert model.data(cell) == HIDDEN_MARK
    model.set_show_values(True)
    assert model.data(cell) == "3 Run"
    model.set_show_values(False)
    doc.apply(ops.set_revealed, 3, True)
    assert model.data(cell) == "3 Run"
    assert model.setData(cell, "?", Edit) and model.data(cell) == "?"
    assert not model.setData(cell, "9", Edit) and "not a rating" in model.last_error
    assert model.clear(cell) and model.data(cell) == ""


def test_grid_headers_and_round_switch(doc: WorkshopDocument) -> None:
    model = RatingGridModel(doc)
    assert model.round_number == 2 and model.columnCount() == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Know your maturity"
    assert model.headerData(7, Qt.Orientation.Vertical) == "Grace O'Neill"
    model.set_round(1)
    assert model.columnCount() == 4
    assert model.data(model.index(5, 3)) == "?"  # Sven did not know


def test_roadmap_model_labels_keys_and_edits(doc: WorkshopDocument) -> None:
    model = RoadmapModel(doc)
    assert model.rowCount() == 10
    horizon = model.index(0, FIELDS.index("horizon"))
    assert model.data(horizon) == "Next 90 days" and model.data(horizon, KeyRole) == "90d"
    assert model.setData(horizon, "6-12m", Edit)
    assert doc.workshop.actions[0].horizon == "6-12m"
    assert not model.setData(horizon, "someday", Edit) and "horizon must be one of" in model.last_error
    pillar = model.index(0, FIELDS.index("pillar"))
    assert model.choices(FIELDS.index("pillar"))[0] == ("", "General")
    assert model.setData(pillar, "", Edit) and model.data(pillar) == "General"
    assert not model.setData(model.index(0, FIELDS.index("title")), "", Edit)


def test_notes_model(doc: WorkshopDocument) -> None:
    model = NotesModel(doc)
    assert model.rowCount() == 3
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, 1), "Check the IVR contract", Edit)
    assert doc.workshop.notes[0].text == "Check the IVR contract"
    assert format_created("2026-11-23T10:42:05") == "2026-11-23 10:42"
