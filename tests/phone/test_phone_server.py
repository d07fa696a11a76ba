"""Phone voting over real HTTP on 127.0.0.1: join, claim, vote, change, close, and every refusal."""

from __future__ import annotations

import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

from phone_client import REVOTED, Phone, Served, serve_workshop

from workshop_app.core import operations as ops
from workshop_app.core.anonymity import naming_refusal
from workshop_app.core.ballots import round_progress
from workshop_app.core.demo import build_demo
from workshop_app.core.limits import COMMENT_MAX
from workshop_app.phone.room import WRONG_CODE_LIMIT, BallotPaper


def joined(served: Served, index: int = 0) -> tuple[Phone, str]:
    phone = served.phone()
    assert phone.join(served.room.code)[0] == 200
    pid = served.workshop.participants[index].id
    status, body = phone.claim(pid)
    assert status == 200, body
    return phone, pid


def ratings_of(served: Served, pid: str) -> dict[str, tuple[int | None, str]]:
    return {r.pillar: (r.stage, r.comment) for r in served.workshop.ratings
            if r.participant == pid and r.round == served.round}


def test_without_the_room_code_a_device_gets_only_the_code_form(served: Served) -> None:
    stranger = served.phone()
    for path in ("/", "/index.html"):
        status, html, headers = stranger.page(path)
        assert status == 200 and 'name="code"' in html and "app.js" not in html
        assert "default-src 'self'" in headers["Content-Security-Policy"]  # nothing from elsewhere runs
        assert headers["Cache-Control"] == "no-store"
    assert stranger.page("/app.js")[0] == 401
    assert stranger.page("/style.css")[0] == 200  # the form's look: holds nothing of the workshop
    assert stranger.cookie == ""
    status, html, _ = stranger.page("/?code=000000" if served.room.code != "000000" else "/?code=111111")
    assert status == 403 and "Wrong room code" in html and stranger.cookie == ""
    status, html, _ = stranger.page("/?code=%3Cscript%3E")
    assert status == 403 and "<script>" not in html  # what was typed is never echoed as markup


def test_the_qr_address_joins_and_leads_to_a_page_with_no_workshop_data(served: Served) -> None:
    phone = served.phone()
    status, body, headers = phone.page(served.server.url.removeprefix(served.server.address))
    assert status == 303 and headers["Location"] == "/" and phone.cookie  # the code leaves the address bar
    status, html, _ = phone.page("/")
    assert status == 200 and "<script src=\"app.js\"></script>" in html
    assert "http" not in html.replace("http-equiv", "")  # nothing loaded from elsewhere
    assert served.workshop.participants[0].name not in html
    assert phone.page("/app.js")[0] == 200
    assert phone.request("GET", "/api/state")[0] == 200


def test_wrong_codes_in_the_address_count_against_the_limit_too(served: Served) -> None:
    phone = served.phone()
    wrong = "000000" if served.room.code != "000000" else "111111"
    statuses = [phone.page(f"/?code={wrong}")[0] for _ in range(6)]
    assert statuses[:5] == [403] * 5 and statuses[5] == 429
    assert phone.page(f"/?code={served.room.code}")[0] == 429  # even the right code waits


def test_nothing_of_the_workshop_without_the_room_code(served: Served) -> None:
    phone = served.phone()
    status, body = phone.request("GET", "/api/state")
    assert status == 401 and "room code" in body["error"]
    assert phone.claim(served.workshop.participants[0].id)[0] == 401
    assert phone.vote(served.ballot())[0] == 401
    assert served.casts == 0


def test_join_with_the_code_shows_names_and_pillars_but_no_rating(served: Served) -> None:
    status, state = served.phone().join(f" {served.room.code[:3]} {served.room.code[3:]} ")
    assert status == 200
    assert [n["name"] for n in state["names"]] == list(served.workshop.participant_names().values())
    assert [p["id"] for p in state["pillars"]] == REVOTED
    assert len(state["stages"]) == served.workshop.rubric.k
    assert state["me"] is None and state["ballot"] is None and state["open"] is True


def test_wrong_codes_are_limited_per_address(served: Served) -> None:
    phone = served.phone()
    wrong = "000000" if served.room.code != "000000" else "111111"
    for _ in range(WRONG_CODE_LIMIT):
        status, body = phone.join(wrong)
        assert status == 403 and "Wrong room code" in body["error"]
    status, body = phone.join(wrong)
    assert status == 429 and "wait" in body["error"]
    assert phone.join(served.room.code)[0] == 429  # even the right code waits now


def test_a_name_claimed_on_one_device_is_refused_on_another_until_released(served: Served) -> None:
    first, pid = joined(served)
    other = served.phone()
    other.join(served.room.code)
    status, body = other.claim(pid)
    assert status == 409 and "already taken" in body["error"]
    state = other.request("GET", "/api/state")[1]
    assert [n["taken"] for n in state["names"] if n["id"] == pid] == [True]
    assert served.room.release(pid)
    assert other.claim(pid)[0] == 200
    status, body = first.vote(served.ballot())
    assert status == 409 and "released" in body["error"]
    assert ratings_of(served, pid) == {}


def test_a_full_ballot_is_cast_and_can_be_changed_until_voting_closes(served: Served) -> None:
    phone, pid = joined(served, 2)
    choices = {"know-your-maturity": {"stage": 2, "comment": " dashboards exist "},
               "act-with-precision": {"stage": None, "comment": ""},
               "sustain-at-scale": {"stage": 4}}
    status, body = phone.vote(choices)
    assert status == 200 and body["saved"] is True
    assert ratings_of(served, pid) == {"know-your-maturity": (2, "dashboards exist"),
                                       "act-with-precision": (None, ""), "sustain-at-scale": (4, "")}
    assert body["ballot"]["know-your-maturity"] == {"stage": 2, "comment": "dashboards exist"}
    assert pid in served.room.voted
    assert phone.vote(served.ballot(3))[0] == 200
    assert set(ratings_of(served, pid).values()) == {(3, "")}
    served.room.close()
    status, body = phone.vote(served.ballot(1))
    assert status == 409 and "closed" in body["error"]
    assert set(ratings_of(served, pid).values()) == {(3, "")}
    assert phone.request("GET", "/api/state")[1]["open"] is False


def _bad_ballots(served: Served) -> list[tuple[dict, str]]:
    full = served.ballot()
    return [
        ({}, "no choices"),
        ({"choices": []}, "no choices"),
        ({"choices": {**full, "no-such-pillar": {"stage": 1}}}, "Unknown pillar"),
        ({"choices": {k: v for k, v in list(full.items())[1:]}}, "no choice for"),
        ({"choices": {**full, REVOTED[0]: {"stage": 9}}}, "stage must be 1 to 4"),
        ({"choices": {**full, REVOTED[0]: {"stage": 0}}}, "stage must be 1 to 4"),
        ({"choices": {**full, REVOTED[0]: {"stage": "2"}}}, "whole number"),
        ({"choices": {**full, REVOTED[0]: {"stage": True}}}, "whole number"),
        ({"choices": {**full, REVOTED[0]: {"stage": 2.5}}}, "whole number"),
        ({"choices": {**full, REVOTED[0]: 2}}, "must be an object"),
        ({"choices": {**full, REVOTED[0]: {"stage": 2, "comment": 5}}}, "must be text"),
        ({"choices": {**full, REVOTED[0]: {"stage": 2, "comment": "x" * (COMMENT_MAX + 1)}}}, "too long"),
    ]


def test_every_malformed_ballot_gets_a_4xx_and_nothing_is_stored(served: Served) -> None:
    phone, pid = joined(served)
    for body, words in _bad_ballots(served):
        status, answer = phone.request("POST", "/api/ballot", body)
        assert 400 <= status < 500 and words in answer["error"], (body, answer)
    raw_cases = [
        (b"{not json", "application/json", 400, "not valid JSON"),
        (b"\xff\xfe", "application/json", 400, "not valid JSON"),
        (b"[1, 2]", "application/json", 400, "JSON object"),
        (b'{"choices": {}}', "text/plain", 415, "application/json"),
        (b"[" * 100000, "application/json", 413, ""),
    ]
    for raw, kind, want, words in raw_cases:
        status, answer = phone.request("POST", "/api/ballot", raw=raw, headers={"Content-Type": kind})
        assert status == want and words in answer.get("error", answer.get("body", "")), (raw[:20], answer)
    assert ratings_of(served, pid) == {} and served.casts == 0
    assert phone.vote(served.ballot())[0] == 200  # and the server still serves


def test_wrong_methods_paths_and_oversized_headers_are_refused(served: Served) -> None:
    phone = served.phone()
    assert phone.request("GET", "/api/ballot")[0] == 405
    assert phone.request("POST", "/", raw=b"{}")[0] == 405
    assert phone.request("GET", "/api/nothing")[0] == 404
    assert phone.request("GET", "/../../etc/passwd")[0] == 404
    status, _ = phone.request("GET", "/", headers={"X-Big": "a" * 40000})
    assert status == 431 or 400 <= status < 500
    assert phone.request("GET", "/api/state", headers={"Cookie": "mw_device=forged"})[0] == 401


def test_a_participant_never_receives_another_persons_rating(served: Served) -> None:
    mine, me = joined(served, 0)
    other, them = joined(served, 1)
    assert other.vote(served.ballot(4, "secret remark about the COO"))[0] == 200
    assert mine.vote(served.ballot(1))[0] == 200
    served.workshop.round(3).revealed = True  # not even after the reveal
    for path in ("/api/state",):
        status, body = mine.request("GET", path)
        text = json.dumps(body)
        assert status == 200 and "secret remark" not in text
        assert body["ballot"] == served.ballot(1)
        assert {n["id"] for n in body["names"]} >= {them} and all(set(n) == {"id", "name", "taken"}
                                                                  for n in body["names"])


def test_names_hidden_files_each_ballot_under_its_voter_and_marks_the_round(hidden_served: Served) -> None:
    s = hidden_served
    phone = s.phone()
    status, state = phone.join(s.room.code)
    assert status == 200 and state["names_hidden"] is True
    me = s.workshop.participants[4]
    status, state = phone.claim(me.id)
    assert status == 200 and state["me"]["label"] == me.name
    assert not s.workshop.round(3).names_hidden
    assert phone.vote(s.ballot(2, "from the floor"))[0] == 200
    assert ratings_of(s, me.id) == {p: (2, "from the floor") for p in REVOTED}  # the voter's own place
    assert s.workshop.round(3).names_hidden and not s.workshop.round(1).names_hidden
    assert naming_refusal(s.workshop)


def test_a_claim_is_always_by_name(served: Served) -> None:
    phone = served.phone()
    phone.join(served.room.code)
    status, body = phone.claim(None)
    assert status == 400 and "pick your name" in body["error"]


def test_names_hidden_can_be_promised_only_before_anyone_joins(served: Served) -> None:
    assert served.room.set_names_hidden(True) and served.room.set_names_hidden(False)
    phone, _ = joined(served)
    assert not served.room.set_names_hidden(True) and not served.room.names_hidden


def test_people_and_pillars_changed_while_voting_is_open_reach_the_phones(served: Served) -> None:
    ws = served.workshop
    phone, pid = joined(served, 2)
    other, other_pid = joined(served, 3)
    assert other.vote(served.ballot(3))[0] == 200
    ops.add_participant(ws, "Late Arrival", "COO")
    ops.remove_participant(ws, pid)
    ws.round(3).pillars = REVOTED[:2]
    served.room.update_paper(BallotPaper.of(ws, 3))
    state = other.request("GET", "/api/state")[1]
    assert "Late Arrival" in [n["name"] for n in state["names"]] and pid not in [n["id"] for n in state["names"]]
    assert [p["id"] for p in state["pillars"]] == REVOTED[:2]
    assert state["ballot"] is None  # asked again for the round as it is now, not shown half of the old one
    status, body = phone.vote(served.ballot(2))
    assert status == 409 and "released" in body["error"]  # removed from the room: pick a name again
    stale = {p: {"stage": 2, "comment": ""} for p in REVOTED}
    assert other.vote(stale)[0] == 400  # a pillar no longer voted on
    assert other.vote(served.ballot(4))[0] == 200


def test_forty_phones_voting_at_the_same_moment_lose_and_duplicate_nothing() -> None:
    ws = build_demo()
    while len(ws.participants) < 40:
        ops.add_participant(ws, f"Extra person {len(ws.participants)}")
    ops.open_round(ws, REVOTED, "Third look")
    s = serve_workshop(ws, 3)
    try:
        phones = []
        for i, p in enumerate(ws.participants):
            phone = s.phone()
            assert phone.join(s.room.code)[0] == 200
            assert phone.claim(p.id)[0] == 200
            phones.append((phone, i % 4 + 1))
        start = threading.Barrier(len(phones))

        def go(item: tuple[Phone, int]) -> int:
            start.wait()
            return item[0].vote(s.ballot(item[1]))[0]

        with ThreadPoolExecutor(len(phones)) as pool:
            statuses = list(pool.map(go, phones))
        assert statuses == [200] * 40
        mine = [r for r in ws.ratings if r.round == 3]
        assert len(mine) == 40 * len(REVOTED)
        assert len({(r.participant, r.pillar) for r in mine}) == len(mine)
        assert round_progress(ws, 3).everyone and s.casts == 40
        assert s.room.voted == {p.id for p in ws.participants}
    finally:
        s.server.stop()


def test_stop_closes_the_port(served: Served) -> None:
    port = served.server.port
    served.server.stop()
    assert not served.server.running
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_a_stalled_client_does_not_hold_up_the_room(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.server.port), timeout=5) as stalled:
        stalled.sendall(b"POST /api/ballot HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 5000\r\n\r\n{\"cho")  # and then nothing more
        phone, pid = joined(served)
        assert phone.vote(served.ballot(2))[0] == 200
        assert set(ratings_of(served, pid).values()) == {(2, "")}
