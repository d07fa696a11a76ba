"""Phone voting in the app: a ballot from the server's thread lands through document.apply (undoable),
the join screen never shows a value, closing voting stops the server."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from workshop_app.core import operations as ops
from workshop_app.core.anonymity import naming_refusal
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import load_workshop
from workshop_app.gui.dialogs.phone_voting import PhoneVotingDialog, qr_pixmap
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.rate import RatePage

#: The offscreen platform warns about features it lacks when a window is shown or raised.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

REVOTED = ["know-your-maturity", "act-with-precision", "sustain-at-scale"]


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    ws = build_demo()
    ops.open_round(ws, REVOTED, "Third look")
    return WorkshopDocument(ws, tmp_path / "phones.workshop")


@pytest.fixture
def dialog(doc: WorkshopDocument, qtbot) -> PhoneVotingDialog:
    dlg = PhoneVotingDialog(doc, 3, addresses=["127.0.0.1"], port=0)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.close_voting()


class Phone:
    """A phone on 127.0.0.1 that runs its requests on its own thread, as a real one would."""

    def __init__(self, port: int) -> None:
        self.port, self.cookie = port, ""
        self.answers: list[tuple[int, dict[str, Any]]] = []

    def send(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        conn.request("POST", path, body=json.dumps(body).encode(), headers=headers)
        resp = conn.getresponse()
        self.cookie = (resp.getheader("Set-Cookie") or self.cookie).split(";")[0]
        answer = (resp.status, json.loads(resp.read()))
        conn.close()
        return answer

    def in_background(self, path: str, body: dict[str, Any]) -> threading.Thread:
        thread = threading.Thread(target=lambda: self.answers.append(self.send(path, body)), daemon=True)
        thread.start()
        return thread


def test_a_phone_ballot_lands_through_document_apply_and_undo_removes_it(dialog: PhoneVotingDialog,
                                                                        doc: WorkshopDocument, qtbot) -> None:
    person = doc.workshop.participants[1]
    phone = Phone(dialog.server.port)
    assert phone.send("/api/join", {"code": dialog.room.code})[0] == 200  # no ballot yet: no main thread needed
    assert phone.send("/api/claim", {"participant": person.id})[0] == 200
    undo_before = doc.undo_stack.count()
    phone.in_background("/api/ballot", {"choices": {p: {"stage": 2, "comment": "seen it"} for p in REVOTED}})
    qtbot.waitUntil(lambda: bool(phone.answers), timeout=10000)
    assert phone.answers[0][0] == 200
    assert {(r.pillar, r.stage) for r in doc.workshop.ratings if r.round == 3 and r.participant == person.id} \
        == {(p, 2) for p in REVOTED}
    assert doc.undo_stack.count() == undo_before + 1
    assert doc.undo_stack.undoText() == f"Ballot of {person.name}"
    qtbot.waitUntil(lambda: not doc.dirty, timeout=10000)  # autosaved, like a ballot cast on the laptop
    assert {(r.pillar, r.stage) for r in load_workshop(doc.path).ratings
            if r.round == 3 and r.participant == person.id} == {(p, 2) for p in REVOTED}
    assert "1 of" in dialog.progress.text() and person.name in dialog.voted.text()
    doc.undo_stack.undo()
    assert not [r for r in doc.workshop.ratings if r.round == 3 and r.participant == person.id]
    assert "0 of" in dialog.progress.text()
    assert dialog.room.state_for(phone.cookie.split("=", 1)[1])["ballot"] is None  # the phone starts afresh


def test_the_join_screen_shows_who_never_what(dialog: PhoneVotingDialog, doc: WorkshopDocument, qtbot) -> None:
    phone = Phone(dialog.server.port)
    phone.send("/api/join", {"code": dialog.room.code})
    phone.send("/api/claim", {"participant": doc.workshop.participants[0].id})
    phone.in_background("/api/ballot", {"choices": {p: {"stage": 4, "comment": "Unique remark"} for p in REVOTED}})
    qtbot.waitUntil(lambda: bool(phone.answers), timeout=10000)
    stage_names = {s.name for s in doc.workshop.rubric.stages}
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Unique remark" not in shown
    assert not any(name in shown for name in stage_names)
    assert dialog.room.code in shown.replace(" ", "")


def test_close_voting_stops_the_server_and_refuses_later_ballots(dialog: PhoneVotingDialog,
                                                                  doc: WorkshopDocument) -> None:
    port = dialog.server.port
    dialog.close_voting()
    assert not dialog.serving and not dialog.close_button.isEnabled()
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_releasing_a_name_lets_another_device_claim_it(dialog: PhoneVotingDialog, doc: WorkshopDocument) -> None:
    pid = doc.workshop.participants[0].id
    first, second = Phone(dialog.server.port), Phone(dialog.server.port)
    for phone in (first, second):
        phone.send("/api/join", {"code": dialog.room.code})
    assert first.send("/api/claim", {"participant": pid})[0] == 200
    assert second.send("/api/claim", {"participant": pid})[0] == 409
    dialog._refresh()
    assert dialog.claimed_combo.currentData() == pid
    dialog.release_button.click()
    assert second.send("/api/claim", {"participant": pid})[0] == 200


def test_revealing_the_round_closes_voting(dialog: PhoneVotingDialog, doc: WorkshopDocument) -> None:
    phone = Phone(dialog.server.port)
    phone.send("/api/join", {"code": dialog.room.code})
    phone.send("/api/claim", {"participant": doc.workshop.participants[0].id})
    doc.apply(ops.set_rating, doc.workshop.participants[2].id, REVOTED[0], 3, 1, "")
    doc.apply(ops.set_revealed, 3, True)
    assert not dialog.serving and not dialog.room.is_open


def test_rate_page_button_opens_the_join_screen_only_for_a_blind_round(doc: WorkshopDocument, qtbot,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       messages: list[str]) -> None:
    import workshop_app.gui.dialogs.phone_voting as pv

    monkeypatch.setattr(pv, "available_addresses", lambda: ["127.0.0.1"])
    monkeypatch.setattr(pv, "DEFAULT_PORT", 0)
    page = RatePage(doc)
    qtbot.addWidget(page)
    assert page.phone_button.isEnabled()
    opened = page.start_phone_voting()
    try:
        assert isinstance(opened, PhoneVotingDialog) and opened.serving and opened.round_number == 3
        assert page.start_phone_voting() is opened  # one server at a time
    finally:
        opened.close()
    assert not opened.serving
    doc.workshop.round(3).revealed = True
    assert page.start_phone_voting(3) is None and "revealed" in messages[-1]


def test_qr_code_is_square_and_large(qapp) -> None:
    pix = qr_pixmap("http://127.0.0.1:8765/?code=123456", 420)
    assert pix.width() == pix.height() and 300 <= pix.width() <= 420


def test_names_hidden_only_until_someone_joins(dialog: PhoneVotingDialog, doc: WorkshopDocument) -> None:
    assert not dialog.names_hidden.isChecked() and dialog.promise.isHidden()
    dialog.names_hidden.setChecked(True)
    assert dialog.room.names_hidden and not dialog.promise.isHidden()  # the room sees the promise
    dialog.names_hidden.setChecked(False)
    phone = Phone(dialog.server.port)
    phone.send("/api/join", {"code": dialog.room.code})
    assert phone.send("/api/claim", {"participant": doc.workshop.participants[0].id})[0] == 200
    dialog.names_hidden.setChecked(True)
    assert not dialog.room.names_hidden and not dialog.names_hidden.isChecked()
    assert "release every name" in dialog.status.text()


def test_a_names_hidden_ballot_marks_the_round_in_the_same_undoable_edit(dialog: PhoneVotingDialog,
                                                                        doc: WorkshopDocument, qtbot) -> None:
    dialog.names_hidden.setChecked(True)
    person = doc.workshop.participants[2]
    phone = Phone(dialog.server.port)
    phone.send("/api/join", {"code": dialog.room.code})
    phone.send("/api/claim", {"participant": person.id})
    phone.in_background("/api/ballot", {"choices": {p: {"stage": 3, "comment": ""} for p in REVOTED}})
    qtbot.waitUntil(lambda: bool(phone.answers), timeout=10000)
    assert phone.answers[0][0] == 200
    assert doc.workshop.round(3).names_hidden
    assert {r.participant for r in doc.workshop.ratings if r.round == 3} == {person.id}  # filed under the voter
    assert naming_refusal(doc.workshop)
    doc.undo_stack.undo()  # the ballot and the mark go together
    assert not doc.workshop.round(3).names_hidden
    doc.undo_stack.redo()
    assert doc.workshop.round(3).names_hidden  # and come back together


def test_a_round_voted_with_names_hidden_keeps_the_promise_when_voting_reopens(doc: WorkshopDocument,
                                                                              qtbot) -> None:
    doc.workshop.round(3).names_hidden = True
    dlg = PhoneVotingDialog(doc, 3, addresses=["127.0.0.1"], port=0)
    qtbot.addWidget(dlg)
    try:
        assert dlg.names_hidden.isChecked() and not dlg.names_hidden.isEnabled()
        assert not dlg.room.set_names_hidden(False)
    finally:
        dlg.close_voting()


def test_people_added_or_removed_on_the_laptop_reach_the_phones(dialog: PhoneVotingDialog,
                                                                doc: WorkshopDocument) -> None:
    leaving = doc.workshop.participants[0]
    phone = Phone(dialog.server.port)
    phone.send("/api/join", {"code": dialog.room.code})
    phone.send("/api/claim", {"participant": leaving.id})
    doc.apply(ops.add_participant, "Late Arrival", "COO")
    doc.apply(ops.remove_participant, leaving.id)
    token = phone.cookie.split("=", 1)[1]
    state = dialog.room.state_for(token)
    assert "Late Arrival" in [n["name"] for n in state["names"]]
    assert leaving.id not in [n["id"] for n in state["names"]] and state["me"] is None
    assert "Late Arrival" in dialog.voted.text() and leaving.name not in dialog.voted.text()
