"""One text rule for every way in, and the count limits the operations enforce."""

from __future__ import annotations

import pytest

from workshop_app.core import limits
from workshop_app.core import operations as ops
from workshop_app.core.model import Note, Workshop
from workshop_app.core.rubric import find_rubric
from workshop_app.core.storage import load_workshop, save_workshop
from workshop_app.core.validation import InvalidText, clean_text, name_key

CWRF = find_rubric("crawl-walk-run-fly")


def test_clean_text_trims_and_drops_control_characters_and_lone_surrogates() -> None:
    assert clean_text("  Ann\x00\x07 \ud800Lee\udfff ", "Name", limit=50) == "Ann Lee"
    assert clean_text("a\tb\nc\r\nd\u2028e", "Name", limit=50) == "a b c  d e"
    assert clean_text("e\u0301", "Name", limit=50) == "\u00e9"  # one form (NFC) for one name
    assert clean_text("\ufeffZoë 👩‍💻", "Name", limit=50) == "Zoë 👩‍💻"  # the joiner of an emoji stays


def test_clean_text_keeps_line_breaks_only_where_multiline() -> None:
    assert clean_text("one\r\ntwo\rthree  \nfour\x0b", "Comment", limit=50, multiline=True) == \
        "one\ntwo\nthree\nfour"


def test_clean_text_names_the_field_when_it_refuses() -> None:
    with pytest.raises(InvalidText, match="^Participant name must not be empty$"):
        clean_text(" \x00\ud800 ", "Participant name", limit=10, required=True)
    with pytest.raises(InvalidText, match=r"^Comment is too long \(1,001 characters, at most 1,000\)$"):
        clean_text("x" * 1001, "Comment", limit=1000)
    with pytest.raises(InvalidText, match="Note is too long"):
        clean_text("x" * 10_000_000, "Note", limit=limits.NOTE_MAX)  # refused before it is walked


def test_name_key_ignores_case_and_runs_of_spaces() -> None:
    assert name_key("  Ann   LEE ") == name_key("ann lee") == "ann lee"


def test_operations_refuse_text_over_the_shared_limits() -> None:
    ws = Workshop(rubric=CWRF)
    with pytest.raises(ops.OperationError, match="Participant name is too long"):
        ops.add_participant(ws, "x" * (limits.NAME_MAX + 1))
    person, _ = ops.add_participant(ws, "Ann")
    ws.ensure_first_round()
    with pytest.raises(ops.OperationError, match="Comment is too long"):
        ops.set_rating(ws, person.id, CWRF.pillar_ids[0], 1, 2, "c" * (limits.COMMENT_MAX + 1))
    with pytest.raises(ops.OperationError, match="Title is too long"):
        ops.set_details(ws, title="t" * (limits.DETAIL_MAX + 1))
    assert ws.ratings == [] and ws.details.title == ""


def test_a_lone_surrogate_never_reaches_a_saved_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = Workshop(rubric=CWRF)
    ops.add_participant(ws, "Ann\ud83d", "Risk\udc00")
    ops.set_details(ws, title="Review \ud800")
    ops.add_note(ws, "note \udfff\nsecond line")
    save_workshop(ws, tmp_path / "w.workshop")
    back = load_workshop(tmp_path / "w.workshop")
    assert (back.participants[0].name, back.participants[0].role) == ("Ann", "Risk")
    assert back.details.title == "Review" and back.notes[0].text == "note\nsecond line"


def test_a_duplicate_participant_name_is_refused_everywhere() -> None:
    ws = Workshop(rubric=CWRF)
    ops.add_participant(ws, "Ann Lee")
    bob, _ = ops.add_participant(ws, "Bob")
    with pytest.raises(ops.OperationError, match="^there is already a participant called Ann Lee$"):
        ops.add_participant(ws, "  ann   LEE ")
    with pytest.raises(ops.OperationError, match="already a participant called Ann Lee"):
        ops.update_participant(ws, bob.id, name="ANN LEE")
    with pytest.raises(ops.OperationError, match="^line 2: there is already a participant called Ann Lee$"):
        ops.add_participants_from_text(ws, "Cy, IT\nann lee, CX")
    with pytest.raises(ops.OperationError, match="^line 3: there is already a participant called Dee$"):
        ops.add_participants_from_text(ws, "Dee\n\ndee")
    assert [p.name for p in ws.participants] == ["Ann Lee", "Bob"]  # a refused paste adds nobody
    ops.update_participant(ws, bob.id, name="bob")  # a person may change the case of their own name
    assert ws.participants[1].name == "bob"


def test_a_refused_paste_names_the_line_and_adds_nobody() -> None:
    ws = Workshop(rubric=CWRF)
    with pytest.raises(ops.OperationError, match="^line 2: Participant name is too long"):
        ops.add_participants_from_text(ws, "Ann\n" + "x" * 300)
    assert ws.participants == []


def test_count_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workshop(rubric=CWRF)
    monkeypatch.setattr(limits, "MAX_PARTICIPANTS", 2)
    ops.add_participant(ws, "Ann")
    with pytest.raises(ops.OperationError, match="at most 2 participants"):
        ops.add_participants_from_text(ws, "Bob\nCy")
    ops.add_participant(ws, "Bob")
    with pytest.raises(ops.OperationError, match="at most 2 participants"):
        ops.add_participant(ws, "Cy")

    monkeypatch.setattr(limits, "MAX_ACTIONS", 1)
    ops.add_action(ws, title="One")
    with pytest.raises(ops.OperationError, match="at most 1 actions"):
        ops.add_action(ws, title="Two")

    ws.notes = [Note(text="n")] * limits.MAX_NOTES
    with pytest.raises(ops.OperationError, match="notes"):
        ops.add_note(ws, "one more")


def test_no_round_beyond_max_rounds() -> None:
    from workshop_app.core.model import Round

    ws = Workshop(rubric=CWRF)
    ws.rounds = [Round(number=n, pillars=[CWRF.pillar_ids[0]], revealed=True)
                 for n in range(1, limits.MAX_ROUNDS + 1)]
    with pytest.raises(ops.OperationError, match=f"at most {limits.MAX_ROUNDS} rounds"):
        ops.open_round(ws, [CWRF.pillar_ids[0]])
