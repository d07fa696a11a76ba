"""Undo and redo restore the exact workshop, edit by edit, in every area (snapshots are tuples, not copies)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.gui.document import WorkshopDocument

Edit = Callable[[Workshop], tuple]


def _edits(ws: Workshop) -> list[Edit]:
    """One edit of every kind the GUI makes; each reads ids from the workshop as it then is."""
    pillar = ws.rubric.pillar_ids[0]
    other = ws.rubric.pillar_ids[1]

    def first(w: Workshop) -> str:
        return w.participants[0].id

    return [
        lambda w: (ops.set_details, {"client": "Contoso & Co", "site": "Room 4"}),
        lambda w: (ops.add_participant, "Dana Okafor", "Operations"),
        lambda w: (ops.update_participant, first(w), {"name": "Amara Renamed", "role": "CX lead"}),
        lambda w: (ops.set_rating, first(w), pillar, 1, 2, "Changed after the demo"),
        lambda w: (ops.set_rating, w.participants[-1].id, other, 1, None),
        lambda w: (ops.clear_rating, w.participants[1].id, pillar, 1),
        lambda w: (ops.move_participant, w.participants[-1].id, 0),
        lambda w: (ops.set_decision, other, None, 3, ""),
        lambda w: (ops.clear_decision, other),
        lambda w: (ops.add_action, {"pillar": pillar, "title": "Name an owner", "owner": "Dana"}),
        lambda w: (ops.update_action, w.actions[0].id, {"status": "done", "priority": "high"}),
        lambda w: (ops.move_action, w.actions[0].id, len(w.actions) - 1),
        lambda w: (ops.remove_action, w.actions[1].id),
        lambda w: (ops.add_note, "Split on data readiness", "10:42"),
        lambda w: (ops.update_note, w.notes[-1].id, "Split on data readiness; ask IT"),
        lambda w: (ops.remove_participant, w.participants[2].id),
        lambda w: (ops.set_revealed, w.latest_round, False),
    ]


def _apply(document: WorkshopDocument, made: tuple) -> Any:
    operation, *args = made
    if args and isinstance(args[-1], dict):
        return document.apply(operation, *args[:-1], **args[-1])
    return document.apply(operation, *args)


def test_every_undo_and_redo_gives_back_the_exact_state(qapp) -> None:
    document = WorkshopDocument(build_demo())
    states = [document.workshop.to_dict()]
    for edit in _edits(document.workshop):
        _apply(document, edit(document.workshop))
        states.append(document.workshop.to_dict())
    assert len({repr(s) for s in states}) == len(states)  # every edit really changed something
    for expected in reversed(states[:-1]):
        document.undo_stack.undo()
        assert document.workshop.to_dict() == expected
    for expected in states[1:]:
        document.undo_stack.redo()
        assert document.workshop.to_dict() == expected


def test_undo_redo_back_and_forth_and_a_new_edit_after_undo(qapp) -> None:
    document = WorkshopDocument(build_demo())
    edits = _edits(document.workshop)
    states = [document.workshop.to_dict()]
    for edit in edits[:6]:
        _apply(document, edit(document.workshop))
        states.append(document.workshop.to_dict())
    for _ in range(3):  # the same command undone and redone again and again stays exact
        document.undo_stack.undo()
        document.undo_stack.undo()
        assert document.workshop.to_dict() == states[-3]
        document.undo_stack.redo()
        assert document.workshop.to_dict() == states[-2]
        document.undo_stack.redo()
        assert document.workshop.to_dict() == states[-1]
    document.undo_stack.undo()
    _apply(document, edits[9](document.workshop))  # a new edit drops the redo branch
    branched = document.workshop.to_dict()
    assert not document.undo_stack.canRedo()
    document.undo_stack.undo()
    assert document.workshop.to_dict() == states[-2]
    document.undo_stack.redo()
    assert document.workshop.to_dict() == branched


def test_restored_records_are_fresh_so_later_edits_never_reach_the_history(qapp) -> None:
    document = WorkshopDocument(build_demo())
    ws = document.workshop
    person, pillar = ws.participants[0].id, ws.rubric.pillar_ids[0]
    original = ws.to_dict()
    document.apply(ops.set_rating, person, pillar, 1, 1, "first")
    document.apply(ops.open_round, [pillar], "Re-vote")
    edited = ws.to_dict()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert ws.to_dict() == original
    ws.rounds[0].pillars.append("tampered")  # changing restored objects in place...
    ws.ratings[0].comment = "tampered"
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert ws.to_dict() == edited  # ...never changes what redo gives back
    ws.ratings[0].comment = "tampered again"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert ws.to_dict() == original  # the history before an edit is never touched by later changes


def test_failed_edit_leaves_every_record_as_it_was(qapp) -> None:
    document = WorkshopDocument(build_demo())
    before = document.workshop.to_dict()
    ws = document.workshop
    try:
        document.apply(ops.set_decision, ws.rubric.pillar_ids[0], 4, 4, "")
    except ops.OperationError:
        pass
    else:  # the demo's consensus on that pillar is not stage 4: the override needs a rationale
        raise AssertionError("an override without a rationale was accepted")
    assert document.workshop.to_dict() == before and document.undo_stack.count() == 0
