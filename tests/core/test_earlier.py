"""A workshop linked to an earlier one: the snapshot, its privacy, the file, the comparison, link and unlink."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.compare import compare_with_earlier, compare_workshops, comparison_as_dict, follow_up
from workshop_app.core.demo import EARLIER_FILE, build_demo, build_earlier_demo
from workshop_app.core.earlier import EarlierWorkshop, base_name, snapshot
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import shipped_rubrics
from workshop_app.core.storage import (
    SCHEMA_EARLIER,
    SCHEMA_VERSION,
    WorkshopFileError,
    load_workshop,
    save_workshop,
    workshop_bytes,
    workshop_from_bytes,
)


def rate_all(ws: Workshop, stages: dict[str, int]) -> None:
    ws.ensure_first_round()
    for person in ws.participants:
        for pillar, stage in stages.items():
            ops.set_rating(ws, person.id, pillar, ws.latest_round, stage)
    ops.set_revealed(ws, ws.latest_round)


def test_snapshot_keeps_what_a_comparison_needs() -> None:
    old = build_demo()
    snap = snapshot(old, "/home/someone/clients/Northwind May.workshop", "2027-05-20T09:30")
    assert snap.file_name == "Northwind May.workshop"  # never a folder
    assert snap.linked_at == "2027-05-20T09:30"
    assert snap.details == old.details and snap.details is not old.details
    assert (snap.rubric_id, snap.rubric_name) == (old.rubric.id, old.rubric.name)
    assert snap.stage_names == ("Crawl", "Walk", "Run", "Fly") and snap.k == 4
    assert [p.id for p in snap.pillars] == list(old.rubric.pillar_ids)
    for p in snap.pillars:
        assert p.agreed == old.decisions[p.id].agreed
    medians = {p.id: p.median for p in snap.pillars}
    assert medians["act-with-precision"] == 1  # the re-vote (round 2) median, not round 1's 3
    assert snap.overall == 1
    assert [(a.id, a.title, a.status) for a in snap.actions] == [(a.id, a.title, a.status) for a in old.actions]


def test_snapshot_names_nobody() -> None:
    old = build_demo()
    text = json.dumps(snapshot(old, "a.workshop").to_dict(), ensure_ascii=False)
    for person in old.participants:
        assert person.name not in text
    for action in old.actions:
        assert not action.owner or action.owner not in text
    for rating in old.ratings:
        assert not rating.comment or rating.comment not in text
    for decision in old.decisions.values():
        assert not decision.rationale or decision.rationale not in text
    assert not {"participants", "ratings", "notes", "owner", "comment"} & set(_keys(snapshot(old).to_dict()))


def _keys(value: object) -> list[str]:
    """Every key at any depth of a JSON-like value."""
    if isinstance(value, dict):
        return [k for key, v in value.items() for k in (key, *_keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


def test_blind_round_stays_out_of_the_snapshot() -> None:
    old = Workshop(rubric=build_demo().rubric)
    ops.add_participant(old, "Ann")
    old.ensure_first_round()
    ops.set_rating(old, old.participants[0].id, old.rubric.pillar_ids[0], 1, 4)
    snap = snapshot(old)
    assert all(p.median is None and p.agreed is None for p in snap.pillars) and snap.overall is None


@pytest.mark.parametrize("path", ["C:\\Users\\x\\old.workshop", "/tmp/old.workshop", "old.workshop"])
def test_base_name_of_any_system(path: str) -> None:
    assert base_name(path) == "old.workshop"


def test_file_round_trip_and_schema(tmp_path: Path) -> None:
    ws = build_demo()
    path = tmp_path / "later.workshop"
    save_workshop(ws, path)
    again = load_workshop(path)
    assert again.earlier == ws.earlier
    assert isinstance(again.earlier, EarlierWorkshop)
    tables = json.loads(path.read_text(encoding="utf-8"))
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_EARLIER == SCHEMA_VERSION
    assert tables["earlier"]["1"]["file_name"] == EARLIER_FILE
    assert str(tmp_path) not in json.dumps(tables["earlier"])


def test_an_older_app_refuses_a_linked_file_rather_than_drop_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    import workshop_app.core.storage as storage

    raw = workshop_bytes(build_demo())
    monkeypatch.setattr(storage, "SCHEMA_VERSION", 2)
    with pytest.raises(WorkshopFileError, match="newer version of the app"):
        workshop_from_bytes(raw)


def _damaged(pattern: str, replacement: str) -> bytes:
    text = workshop_bytes(build_demo()).decode("utf-8")
    head, tail = text.split('"earlier":', 1)
    changed, n = re.subn(pattern, replacement, tail, count=1)
    assert n == 1, pattern
    return (head + '"earlier":' + changed).encode("utf-8")


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        (r'"agreed":1', '"agreed":7', "earlier.pillars[0].agreed: 7 is outside 1..4"),
        (r'"median":1', '"median":"low"', "earlier.pillars[0].median: unexpected value 'low'"),
        (r'"overall":1', '"overall":0', "earlier.overall: 0 is outside 1..4"),
        (r'"status":"done"', '"status":"finished"', "earlier.actions[0].status: unknown status 'finished'"),
        (r'"pillar":"reality-over-hype"', '"pillar":"elsewhere"', "earlier.actions[0].pillar: unknown pillar"),
        (r'"file_name":"[^"]*"', '"file_name":"/home/x/old.workshop"', "earlier.file_name: a folder path"),
        (r'"stage_names":\["Crawl",', '"stage_names":[', "earlier.stage_names: 3 names for 4 stages"),
        (r'"stage_ids":\[[^\]]*\]', '"stage_ids":"crawl"', "earlier.stage_ids: unexpected value"),
        (r'"overall_rule":"weakest-link"', '"overall_rule":"mean"', "earlier.overall_rule: unknown rule 'mean'"),
        (r'"pillars":\[', '"pillars":[{"id":"reality-over-hype","name":"Again"},', "two pillars share an id"),
        (r'"pillars":\[.*?\],"actions"', '"pillars":[],"actions"', "earlier.pillars: no pillars"),
        (r'"details":\{"title":"[^"]*"', '"details":{"title":5', "earlier.details.title: unexpected value 5"),
        (r'"rubric_id":"[^"]*"', '"rubric_id":""', "earlier.rubric_id: missing"),
        (r'"actions":\[\{"id":"[0-9a-f]+",', '"actions":[{', "earlier.actions[0]: missing 'id'"),
    ],
)
def test_a_damaged_link_is_refused_with_the_field_named(pattern: str, replacement: str, message: str) -> None:
    with pytest.raises(WorkshopFileError) as info:
        workshop_from_bytes(_damaged(pattern, replacement), source="later.workshop")
    assert message in str(info.value)
    assert str(info.value).startswith("later.workshop: damaged workshop file")


def test_two_earlier_records_are_refused() -> None:
    text = workshop_bytes(build_demo()).decode("utf-8")
    record = text.split('"earlier":{"1":', 1)[1][:-2]
    doubled = text[:-2] + ',"2":' + record + "}}"
    with pytest.raises(WorkshopFileError, match="table 'earlier' has 2 records"):
        workshop_from_bytes(doubled.encode("utf-8"))


def test_stored_snapshot_compares_like_the_earlier_file() -> None:
    old = build_earlier_demo()
    later = build_demo()
    ops.link_earlier(later, snapshot(old, "first.workshop"))
    from_file = compare_workshops(old, later)
    from_link = compare_with_earlier(later.earlier, later)
    assert comparison_as_dict(from_link) == comparison_as_dict(from_file)
    demo = build_demo()
    assert comparison_as_dict(compare_with_earlier(demo.earlier, demo))["pillars"] == comparison_as_dict(
        from_link)["pillars"]
    moves = {p.pillar: p.movement for p in from_link.pillars}
    assert moves == {"reality-over-hype": 1, "know-your-maturity": 0, "act-with-precision": 1, "sustain-at-scale": 0}
    assert (from_link.overall_then, from_link.overall_now) == (1, 1)
    assert len(from_link.done) == 3 and len(from_link.actions) == 5


def test_stored_snapshot_with_another_rubric_is_explained() -> None:
    later = build_demo()
    other = next(r for r in shipped_rubrics() if r.id != later.rubric.id)
    earlier = snapshot(Workshop(rubric=other), "other.workshop")
    c = compare_with_earlier(earlier, later)
    assert not c.comparable and c.pillars == ()
    assert any(other.name in p and later.rubric.name in p for p in c.problems)


def test_stored_snapshot_with_another_stage_count_is_explained() -> None:
    later = build_demo()
    three = replace(later.rubric, stages=later.rubric.stages[:3])
    c = compare_with_earlier(snapshot(Workshop(rubric=three)), later)
    assert not c.comparable
    assert any("3 stages then, 4 now" in p for p in c.problems)


def test_stored_snapshot_with_a_pillar_less_is_named() -> None:
    later = build_demo()
    slim = replace(later.rubric, id="slim", name="Slim", pillars=later.rubric.pillars[1:])
    earlier = snapshot(Workshop(rubric=slim))
    c = compare_with_earlier(earlier, later)
    assert c.comparable and [p.pillar for p in c.pillars] == list(slim.pillar_ids)
    assert c.only_now == (later.rubric.pillars[0].name,)
    assert any(later.rubric.pillars[0].name in p and "no earlier stage" in p for p in c.problems)


def test_link_and_unlink_are_operations() -> None:
    ws = build_demo()
    ws.earlier = None
    snap = snapshot(build_earlier_demo(), "first.workshop")
    change = ops.link_earlier(ws, snap)
    assert ws.earlier is snap and ops.EARLIER in change.areas and change.description == "Link an earlier workshop"
    assert ops.link_earlier(ws, snap).description == "Replace the earlier workshop"
    assert ops.unlink_earlier(ws).areas == frozenset({ops.EARLIER}) and ws.earlier is None
    with pytest.raises(ops.OperationError, match="not linked"):
        ops.unlink_earlier(ws)
    with pytest.raises(ops.OperationError, match="snapshot"):
        ops.link_earlier(ws, build_earlier_demo())  # type: ignore[arg-type]


def test_follow_up_is_linked_to_the_workshop_it_came_from(tmp_path: Path) -> None:
    old = build_demo()
    new = follow_up(old, today=dt.date(2027, 5, 20), earlier_file=str(tmp_path / "Northwind.workshop"))
    assert new.earlier is not None and new.earlier.file_name == "Northwind.workshop"
    assert new.earlier.details.title == old.details.title
    rate_all(new, {p: 3 for p in old.rubric.pillar_ids})
    c = compare_with_earlier(new.earlier, new)
    assert c.comparable and all(p.now == 3 for p in c.pillars)
    assert comparison_as_dict(c) == comparison_as_dict(compare_workshops(old, new))


def test_compare_command_with_one_file_uses_the_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workshop_app.cli import main

    linked = tmp_path / "linked.workshop"
    save_workshop(build_demo(), linked)
    assert main(["compare", str(linked)]) == 0
    text = capsys.readouterr().out
    assert "Earlier: AI in Customer Operations: First Assessment (2026-05-20)" in text
    assert "Reality over hype   1 Crawl  2 Walk   up 1 stage" in text and "3 of 5 actions done" in text
    assert main(["compare", str(linked), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["movement"] for p in data["pillars"]] == [1, 0, 1, 0]
    alone = build_demo()
    alone.earlier = None
    plain = tmp_path / "plain.workshop"
    save_workshop(alone, plain)
    assert main(["compare", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "plain.workshop is not linked to an earlier workshop" in err and "compare OLD NEW" in err
    assert main(["compare", str(plain), str(linked), str(plain)]) == 2
    assert "one or two workshop files, not 3" in capsys.readouterr().err


def test_restoring_an_earlier_version_brings_its_link_back_or_removes_it() -> None:
    from workshop_app.core.versions import replace_contents

    ws = build_demo()
    unlinked = build_demo()
    unlinked.earlier = None
    change = replace_contents(ws, unlinked)
    assert ws.earlier is None and ops.EARLIER in change.areas
    replace_contents(ws, build_demo())
    assert ws.earlier is not None and ws.earlier.file_name == EARLIER_FILE
