"""The whole workshop through the UI: create, rate in private, reveal, re-vote, decide, plan, reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workshop_app.core.storage import load_workshop
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.models.rating_grid import HIDDEN_MARK
from workshop_app.gui.models.roadmap import FIELDS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PILLARS = ("reality-over-hype", "know-your-maturity", "act-with-precision", "sustain-at-scale")
ROUND_1 = {  # person -> stage per pillar; act-with-precision splits the room
    "Amara Okafor": (2, 1, 1, 1),
    "Jonas Weber": (2, 2, 1, 1),
    "Priya Raman": (3, 1, 4, 2),
    "Tomasz Nowak": (2, 1, 4, None),
}
ROUND_2 = {"Amara Okafor": 2, "Jonas Weber": 2, "Priya Raman": 3, "Tomasz Nowak": 2}


def _cast_all(flow, ws, votes: dict[str, tuple[int | None, ...]]) -> None:  # type: ignore[no-untyped-def]
    for name, stages in votes.items():
        person = next(p for p in ws.participants if p.name == name)
        flow.start_ballot(person.id)
        for stage in stages:
            flow.choose(stage)
            flow.next()
        assert flow.confirm()
    assert flow.voted() == {p.id for p in ws.participants}


def test_whole_workshop_through_the_ui(qtbot, tmp_path: Path, messages: list[str]) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    path = tmp_path / "Contoso.workshop"

    # --- create via the new-workshop dialog
    dialog = window.new_workshop()
    qtbot.keyClicks(dialog.client_edit, "Contoso")
    qtbot.keyClicks(dialog.facilitator_edit, "Morgan Hale")
    dialog.people_edit.setPlainText("Amara Okafor, CX Director\nJonas Weber; Operations")
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(path))
    assert "Crawl" in dialog.preview.text()
    with qtbot.waitSignal(window.document_opened):
        dialog.accept()
    assert path.is_file()
    doc = window.document
    ws = doc.workshop
    assert ws.details.client == "Contoso" and [r.number for r in ws.rounds] == [1]

    # --- participants: two more typed in
    window.go_to_step(1)
    people = window.page(1)
    for name, role in (("Priya Raman", "Data"), ("Tomasz Nowak", "IT")):
        qtbot.keyClicks(people.name_edit, name)
        qtbot.keyClicks(people.role_edit, role)
        qtbot.keyClick(people.role_edit, Qt.Key.Key_Return)
    assert [p.name for p in ws.participants] == list(ROUND_1)
    assert ws.participants[1].role == "Operations"

    # --- private ballots, blind
    window.go_to_step(2)
    rate = window.page(2)
    flow = rate.start_ballots()
    _cast_all(flow, ws, {n: s for n, s in ROUND_1.items()})
    flow.reject()  # leaves (the question is answered Yes)
    assert "4 of 4 have voted" in rate.voted.text()
    assert rate.model.data(rate.model.index(0, 0)) == HIDDEN_MARK
    assert not ws.round(1).revealed

    # --- reveal
    qtbot.mouseClick(rate.reveal_button, Qt.MouseButton.LeftButton)
    assert ws.round(1).revealed
    assert rate.model.data(rate.model.index(0, 0)) == "2 Walk"
    assert "round 1" in window.round_label.text().lower() or "Round 1 of 1" in window.round_label.text()
    window.go_to_step(3)  # the Reveal page opens on the revealed round
    assert window.stack.currentWidget() is window.page(3)
    assert doc.summary().stats("act-with-precision").level in ("split", "polarised")

    # --- re-vote the split pillar, in private again
    window.go_to_step(2)
    revote = rate.open_revote()
    revote.set_chosen(["act-with-precision"])
    revote.open_button.click()
    assert ws.latest_round == 2 and ws.round(2).pillars == ["act-with-precision"]
    assert "Round 2 of 2" in window.round_label.text()
    flow2 = rate._dialog
    assert flow2 is not flow and flow2.round_number == 2
    _cast_all(flow2, ws, {n: (s,) for n, s in ROUND_2.items()})
    flow2.reject()
    qtbot.mouseClick(rate.reveal_button, Qt.MouseButton.LeftButton)
    moved = doc.summary().stats("act-with-precision")
    assert moved.median == 2 and moved.movement is not None and moved.movement.verdict == "converged"

    # --- decide, with an override that needs a rationale
    window.go_to_step(4)
    decide = window.page(4)
    row = decide.rows["act-with-precision"]
    row.agreed.setCurrentIndex(row.agreed.findData(3))
    assert "act-with-precision" not in ws.decisions
    assert "write a rationale" in row.status.text()
    assert row.rationale.property("invalid") is True
    qtbot.keyClicks(row.rationale, "Billing runs at Run level today")
    qtbot.keyClick(row.rationale, Qt.Key.Key_Return)
    assert ws.decisions["act-with-precision"].override and ws.decisions["act-with-precision"].agreed == 3
    row.target.setCurrentIndex(row.target.findData(4))
    qtbot.mouseClick(decide.agree_all, Qt.MouseButton.LeftButton)
    assert {p: ws.decisions[p].agreed for p in PILLARS} == {
        "reality-over-hype": 2, "know-your-maturity": 1, "act-with-precision": 3, "sustain-at-scale": 1}
    assert decide.overall.text() == "Overall stage: 1 Crawl"
    assert decide.chart_data()["agreed"] == [2, 1, 3, 1]
    assert decide.chart_data()["target"][2] == 4
    assert list(decide.chart.data().agreed) == [2, 1, 3, 1] and decide.chart.data().target[2] == 4

    # --- roadmap: build, edit, add, reorder, delete
    window.go_to_step(5)
    roadmap = window.page(5)
    assert roadmap.build()
    built = len(ws.actions)
    assert built > 0
    model = roadmap.model
    assert model.setData(model.index(0, FIELDS.index("owner")), "Priya Raman", Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(0, FIELDS.index("status")), "planned", Qt.ItemDataRole.EditRole)
    roadmap.table.selectRow(0)
    qtbot.mouseClick(roadmap.add_button, Qt.MouseButton.LeftButton)
    assert len(ws.actions) == built + 1 and ws.actions[1].title == "New action"
    roadmap.table.selectRow(1)
    qtbot.mouseClick(roadmap.delete_button, Qt.MouseButton.LeftButton)
    assert len(ws.actions) == built
    assert ws.actions[0].owner == "Priya Raman" and ws.actions[0].status == "planned"

    # --- a note, then undo and redo it from the Edit menu
    window.go_to_step(6)
    notes = window.page(6)
    qtbot.keyClicks(notes.editor, "Ask Legal about the billing bot")
    qtbot.mouseClick(notes.add_button, Qt.MouseButton.LeftButton)
    assert [n.text for n in ws.notes] == ["Ask Legal about the billing bot"]
    window.undo_action.trigger()
    assert ws.notes == []
    window.redo_action.trigger()
    assert [n.text for n in ws.notes] == ["Ask Legal about the billing bot"]
    assert notes.model.rowCount() == 1

    # --- close and reopen: everything as it was
    expected = ws.to_dict()
    window.close()
    assert load_workshop(path).to_dict() == expected
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_file(path)
    assert again.document.workshop.to_dict() == expected
    assert messages == []


def test_damaged_file_shows_a_message_and_is_not_touched(qtbot, tmp_path: Path, messages: list[str]) -> None:
    damaged = tmp_path / "broken.workshop"
    damaged.write_bytes(b'{"meta": {"1": {"format": "maturity-workshop", "schema_ver')
    before = damaged.read_bytes()
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_file(damaged)
    assert len(messages) == 1 and "damaged or truncated" in messages[0] and "broken.workshop" in messages[0]
    assert damaged.read_bytes() == before
    assert window.document is None and window.root.currentWidget() is window.start
