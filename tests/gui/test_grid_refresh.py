"""The rating grid announces exactly the cells an edit changed, and answers header questions it has no text for."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.rating_grid import RatingGridModel


def _cells_changed(model: RatingGridModel) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, *_: seen.extend(
        (r, c) for r in range(top.row(), bottom.row() + 1) for c in range(top.column(), bottom.column() + 1)))
    return seen


def test_each_kind_of_rating_edit_announces_its_cell_only(qapp) -> None:
    document = WorkshopDocument(build_demo())
    model = RatingGridModel(document, 1)
    seen = _cells_changed(model)
    ws = document.workshop
    row, col = 2, 1
    person, pillar = ws.participants[row].id, model.pillars()[col]
    rating = ws.rating(person, pillar, 1)
    new_stage = 1 if rating is None or rating.stage != 1 else 2
    document.apply(ops.set_rating, person, pillar, 1, new_stage)  # a new stage
    assert seen == [(row, col)]
    document.apply(ops.set_rating, person, pillar, 1, new_stage, "Only the comment changes")  # a new comment
    assert seen == [(row, col)] * 2
    document.apply(ops.clear_rating, person, pillar, 1)  # gone
    assert seen == [(row, col)] * 3 and model.rating_at(model.index(row, col)) is None
    document.undo_stack.undo()  # back, as another object with the same values
    assert seen == [(row, col)] * 4 and model.rating_at(model.index(row, col)).comment == "Only the comment changes"
    other_round = next(r.number for r in ws.rounds if r.number != 1 and r.pillars)
    document.apply(ops.set_rating, person, ws.round(other_round).pillars[0], other_round, 1, "elsewhere")
    assert seen == [(row, col)] * 4  # another round's edit changes no cell of round 1


def test_headers_name_people_and_pillars_and_nothing_else(qapp) -> None:
    document = WorkshopDocument(build_demo())
    model = RatingGridModel(document, 1)
    ws = document.workshop
    assert model.headerData(0, Qt.Orientation.Vertical) == ws.participant_names()[ws.participants[0].id]
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == ws.participants[0].role
    assert model.headerData(0, Qt.Orientation.Horizontal) == ws.rubric.pillar(model.pillars()[0]).name
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.SizeHintRole, Qt.ItemDataRole.DecorationRole, 99):
        assert model.headerData(0, Qt.Orientation.Vertical, role) is None
        assert model.headerData(0, Qt.Orientation.Horizontal, role) is None
