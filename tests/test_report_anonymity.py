"""The handout exposes nobody unless the room agreed: no rating tied to a name or to a role fewer than three share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.cli import main
from workshop_app.core import operations as ops
from workshop_app.core.anonymity import (
    OTHER_ROLES,
    NameScrubber,
    anonymous_labels,
    group_medians,
    quote_attribution,
    role_groups,
    role_sizes,
)
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Participant, Workshop
from workshop_app.core.storage import save_workshop
from workshop_app.report.pdf import export_pdf

ATTENDANCE = "Who took part"


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in PdfReader(path).pages))


def rating_part(path: Path) -> tuple[str, str]:
    """The handout's text before the attendance list, and the attendance list itself."""
    before, heading, after = pdf_text(path).rpartition(ATTENDANCE)  # the last: the cover lists it too
    assert heading, "the handout has an attendance list"
    return before, after


def name_parts(person: Participant) -> list[str]:
    return [part for part in re.split(r"[\s,]+", person.name) if len(part) >= 3]


def unique_roles_workshop() -> Workshop:
    """The demo (every role held by one person), with a comment naming someone and no participant owners."""
    ws = build_demo()
    assert len({p.role for p in ws.participants}) == len(ws.participants)
    ops.set_rating(ws, ws.participants[7].id, "act-with-precision", 2, 1,
                   f"I side with {ws.participants[2].name}: the data is not there yet.")
    for action in ws.actions:
        action.owner = ""
    return ws


# --------------------------------------------------------------------------- the rule, in the core


def people(*roles: str) -> list[Participant]:
    return [Participant(name=f"Person {i}", role=role, id=f"id{i}") for i, role in enumerate(roles)]


def test_roles_of_three_are_groups_and_the_rest_is_other_roles() -> None:
    room = people("IT", " it ", "It", "Legal", "CX", "Finance", "Ops", "Ops")
    groups = role_groups(room)
    assert [groups[p.id] for p in room] == ["IT"] * 3 + [OTHER_ROLES] * 5


def test_a_small_other_roles_group_takes_in_the_smallest_role() -> None:
    room = people("IT", "IT", "IT", "Ops", "Ops", "Ops", "Ops", "COO")
    groups = role_groups(room)
    assert [groups[p.id] for p in room] == [OTHER_ROLES] * 3 + ["Ops"] * 4 + [OTHER_ROLES]
    assert set(role_groups(people("IT", "IT")).values()) == {OTHER_ROLES}  # a room of two: one group


def test_group_medians_never_show_a_group_of_fewer_than_three_raters() -> None:
    room = people("IT", "IT", "IT", "Ops", "Ops", "Ops")
    groups = role_groups(room)
    stages: dict[str, int | None] = {p.id: s for p, s in zip(room, (1, 2, 2, 3, 4, 4), strict=True)}
    assert group_medians(stages, groups) == {"IT": (2, 3), "Ops": (4, 3)}
    stages["id0"] = None  # one IT person says "don't know": IT would be two raters
    assert group_medians(stages, groups) == {}
    assert group_medians({p.id: 2 for p in room[:3]}, groups) == {}  # one group is the room's median


def test_quotes_carry_a_role_only_when_three_hold_it() -> None:
    room = people("IT", "IT", "IT", "COO")
    sizes = role_sizes(room)
    assert quote_attribution(room[0], sizes) == "IT"
    assert quote_attribution(room[3], sizes) is None


def test_labels_do_not_follow_the_list_and_names_are_scrubbed() -> None:
    room = [Participant(name=f"Person {i}", role="r", id=f"{i:012x}") for i in range(12)]
    labels = anonymous_labels(room)
    assert sorted(labels.values(), key=lambda x: int(x[1:])) == [f"P{i}" for i in range(1, 13)]
    assert [labels[p.id] for p in room] != [f"P{i}" for i in range(1, 13)]
    scrub = NameScrubber([Participant("Priya Raman", "Data"), Participant("Jo Li", "CX")])
    assert scrub("Ask priya raman, or Raman, or Jo Li.") == "Ask [a participant], or [a participant], or [a participant]."


# --------------------------------------------------------------------------- the handout


def test_default_export_names_nobody_outside_the_attendance_list(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ws = build_demo()
    path, out = tmp_path / "demo.workshop", tmp_path / "demo.pdf"
    save_workshop(ws, path)
    assert main(["export", str(path), str(out)]) == 0  # no flag: anonymous
    before, attendance = rating_part(out)
    assert "P1" in before and "Code" not in before + attendance
    assert "not linked to any rating" in attendance
    for person in ws.participants:
        assert person.name in attendance
        for part in name_parts(person):
            assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", before), part
    capsys.readouterr()


def test_unique_roles_are_not_printed_in_rating_context(tmp_path: Path) -> None:
    ws = unique_roles_workshop()
    out = tmp_path / "unique.pdf"
    export_pdf(ws, out)
    before, attendance = rating_part(out)
    assert "I side with [a participant]: the data is not there yet." in before
    assert "— a participant, round 2, 1 Crawl" in before  # the quote carries no role
    for person in ws.participants:
        assert person.role in attendance
        assert person.role not in before, person.role
        assert person.name not in before, person.name
    assert "Median by role" not in before


def test_roles_of_three_are_shown_and_small_ones_only_merged(tmp_path: Path) -> None:
    ws = unique_roles_workshop()
    for person, role in zip(ws.participants, ["IT", "IT", "IT", "Legal", "Ops", "Ops", "Finance", "Procurement"],
                            strict=True):
        person.role = role
    ops.set_rating(ws, ws.participants[0].id, "know-your-maturity", 2, 1, "Our own team cannot say.")
    out = tmp_path / "groups.pdf"
    export_pdf(ws, out)
    before, _ = rating_part(out)
    assert "Median by role IT " in before and f"{OTHER_ROLES} " in before
    assert "— IT, round 2, 1 Crawl" in before  # three hold the role: the quote may carry it
    for small in ("Legal", "Ops", "Finance", "Procurement"):
        assert not re.search(rf"(?<!\w){small}(?!\w)", before), small


def test_named_export_names_people_next_to_their_ratings(tmp_path: Path) -> None:
    ws = build_demo()
    path, out = tmp_path / "demo.workshop", tmp_path / "named.pdf"
    save_workshop(ws, path)
    assert main(["export", str(path), str(out), "--named"]) == 0
    before, _ = rating_part(out)
    first = ws.participants[0]
    assert f"{first.name} ({first.role})" in before
    assert sum(p.name in before for p in ws.participants) == len(ws.participants)


def test_named_and_anonymous_together_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.workshop"
    save_workshop(build_demo(), path)
    with pytest.raises(SystemExit) as exc:
        main(["export", str(path), str(tmp_path / "x.pdf"), "--named", "--anonymous"])
    assert exc.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_blind_round_is_not_in_the_handout(tmp_path: Path) -> None:
    """Ratings and comments of a round still being rated blind never reach paper, even with --named."""
    ws = build_demo()
    ops.open_round(ws, ["act-with-precision"], "After lunch")
    for person in ws.participants:
        ops.set_rating(ws, person.id, "act-with-precision", 3, 4, "zebracrossing blind secret")
    out = tmp_path / "blind.pdf"
    export_pdf(ws, out, anonymous=False)
    text = pdf_text(out)
    assert "zebracrossing" not in text and "After lunch" not in text
    ops.set_revealed(ws, 3, True)
    export_pdf(ws, out, anonymous=False)
    assert "zebracrossing" in pdf_text(out)
