"""The fast file text is exactly json.dumps of the TinyDB tables, however the ratings changed between saves."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core import filejson
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Rating, Workshop
from workshop_app.core.sample import large_workshop
from workshop_app.core.storage import workshop_to_tables

META = {"format": "maturity-workshop", "schema_version": 1, "app_version": "t", "saved_at": "2026-12-05T03:00:00"}


def _plain(ws: Workshop) -> str:
    tables = workshop_to_tables(ws)
    tables["meta"] = {"1": META}
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":"))


def test_same_text_as_json_dumps_for_the_demo_and_an_empty_workshop() -> None:
    ws = build_demo()
    ws.details.client = "Zoë “quoted” \\ back\nslash \u2028"
    assert filejson.workshop_json(ws, META) == _plain(ws)
    empty = Workshop(rubric=ws.rubric)
    assert filejson.workshop_json(empty, META) == _plain(empty)


_edits = st.lists(st.tuples(st.sampled_from(["stage", "comment", "delete", "insert", "append", "none"]),
                            st.integers(min_value=0, max_value=10**6),
                            st.one_of(st.none(), st.integers(1, 5)), st.text(max_size=6)),
                  min_size=1, max_size=6)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.lists(_edits, min_size=1, max_size=4))
def test_edits_between_saves_never_reuse_stale_text(saves: list[list[tuple[str, int, int | None, str]]]) -> None:
    ws = large_workshop(12, 4, 5, revote_all=True)  # 240 ratings: two chunks of the cache
    assert len(ws.ratings) > filejson.CHUNK
    assert filejson.workshop_json(ws, META) == _plain(ws)
    for edits in saves:
        for kind, where, stage, text in edits:
            i = where % len(ws.ratings)
            rating = ws.ratings[i]
            if kind == "stage":
                rating.stage = stage
            elif kind == "comment":
                rating.comment = text
            elif kind == "delete":
                del ws.ratings[i]
            elif kind == "insert":
                ws.ratings.insert(i, Rating(rating.participant, rating.pillar, rating.round, stage, text))
            elif kind == "append":
                ws.ratings.append(Rating(rating.participant, rating.pillar, rating.round, stage, text))
        assert filejson.workshop_json(ws, META) == _plain(ws)


def test_a_rating_replaced_by_an_equal_new_object_and_a_changed_one() -> None:
    ws = large_workshop(12, 4, 5, revote_all=True)
    filejson.workshop_json(ws, META)
    old = ws.ratings[3]
    ws.ratings[3] = Rating(old.participant, old.pillar, old.round, old.stage, old.comment)
    assert filejson.workshop_json(ws, META) == _plain(ws)
    ws.ratings[-1].comment += " and one more word"
    text = filejson.workshop_json(ws, META)
    assert "and one more word" in text and text == _plain(ws)
