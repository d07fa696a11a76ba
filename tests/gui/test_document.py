"""The document: undoable edits, autosave, change announcements."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import load_workshop
from workshop_app.gui.document import WorkshopDocument


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "demo.workshop")


def test_edit_undo_redo_restores_exact_state(doc: WorkshopDocument, qtbot) -> None:
    ws = doc.workshop
    amara = ws.participants[0]
    before = ws.rating(amara.id, "reality-over-hype", 1).stage
    with qtbot.waitSignal(doc.changed) as blocker:
        doc.apply(ops.set_rating, amara.id, "reality-over-hype", 1, 4)
    assert blocker.args == [frozenset({"ratings"})]
    assert doc.workshop.rating(amara.id, "reality-over-hype", 1).stage == 4
    assert doc.undo_stack.undoText() == "Set rating"
    doc.undo_stack.undo()
    assert doc.workshop.rating(amara.id, "reality-over-hype", 1).stage == before
    doc.undo_stack.redo()
    assert doc.workshop.rating(amara.id, "reality-over-hype", 1).stage == 4
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert doc.workshop.rating(amara.id, "reality-over-hype", 1).stage == 4


def test_failed_operation_changes_nothing_and_records_nothing(doc: WorkshopDocument) -> None:
    snapshot = doc.workshop.to_dict()
    with pytest.raises(ops.OperationError, match="rationale"):
        doc.apply(ops.set_decision, "reality-over-hype", 4, 4, "")
    assert doc.workshop.to_dict() == snapshot
    assert doc.undo_stack.count() == 0


def test_autosave_writes_the_edit(doc: WorkshopDocument, qtbot) -> None:
    doc.apply(ops.set_details, client="Contoso <b>& Co</b>")
    with qtbot.waitSignal(doc.saved, timeout=3000):
        pass
    assert load_workshop(doc.path).details.client == "Contoso <b>& Co</b>"
    assert not doc.dirty


def test_summary_recomputed_after_change(doc: WorkshopDocument) -> None:
    first = doc.summary()
    assert doc.summary() is first
    person = doc.workshop.participants[0]
    doc.apply(ops.set_rating, person.id, "sustain-at-scale", 1, 4)
    assert doc.summary() is not first
    assert doc.summary().stats("sustain-at-scale").counts[3] == 1
