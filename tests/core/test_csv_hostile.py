"""The CSV importer under attack: every input is imported or refused with CsvImportError, never more."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_app.core import limits
from workshop_app.core import operations as ops
from workshop_app.core.csv_import import CsvImportError, apply_ratings, parse_ratings_csv, read_ratings_csv
from workshop_app.core.model import Participant, Workshop
from workshop_app.core.rubric import find_rubric
from workshop_app.core.storage import load_workshop, save_workshop

CWRF = find_rubric("crawl-walk-run-fly")
HEADER = "participant,role,pillar,rating,round,comment"
FAST = settings(max_examples=60, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _refusal(text: str) -> list[str]:
    with pytest.raises(CsvImportError) as info:
        parse_ratings_csv(text, CWRF, "r.csv")
    return info.value.problems


# --------------------------------------------------------------------------- the named cases


def test_cells_follow_the_grid_rules_by_line() -> None:
    problems = _refusal(f"{HEADER}\n{'N' * 300},CX,reality-over-hype,2,1,\nAnn,CX,reality-over-hype,2,1,{'c' * 5000}\n")
    assert problems == ["line 2: participant name is too long (300 characters, at most 120)",
                        "line 3: comment is too long (5,000 characters, at most 1,000)"]


def test_round_numbers_are_bounded_by_max_rounds() -> None:
    for raw in ("99999", str(limits.MAX_ROUNDS + 1), "10001", "0", "9" * 5000, "²", "1.5"):
        problems = _refusal(f"{HEADER}\nAnn,CX,reality-over-hype,2,{raw},\n")
        assert len(problems) == 1 and f"from 1 to {limits.MAX_ROUNDS}" in problems[0]
    parsed = parse_ratings_csv(f"{HEADER}\nAnn,CX,reality-over-hype,2,{limits.MAX_ROUNDS},\n", CWRF)
    assert parsed.rows[0].round == limits.MAX_ROUNDS


def test_a_huge_stage_number_is_a_plain_refusal() -> None:
    assert _refusal(f"{HEADER}\nAnn,CX,reality-over-hype,{'7' * 5000},1,\n")[0].startswith(
        "line 2: stage number 7777777777")


def test_old_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(f"{HEADER}\rAnn,CX,reality-over-hype,2,1,\rBob,IT,reality-over-hype,3,1,\r".encode())
    parsed = read_ratings_csv(path, CWRF)
    assert [(r.participant, r.line) for r in parsed.rows] == [("Ann", 2), ("Bob", 3)]


def test_excel_unicode_text_utf16_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    text = "participant\trole\tpillar\trating\r\nZoë Ångström\tRisk\treality-over-hype\t2\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    parsed = read_ratings_csv(path, CWRF)
    assert (parsed.rows[0].participant, parsed.rows[0].role) == ("Zoë Ångström", "Risk")


def test_a_field_over_the_csv_field_limit_is_a_clean_refusal() -> None:
    problems = _refusal(f'{HEADER}\nAnn,CX,reality-over-hype,2,1,"{"x" * 140_000}"\n')
    assert problems == ["line 2: a cell is longer than 131,072 characters"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import workshop_app.core.csv_import as csv_import

    monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "\n" + "Ann,CX,reality-over-hype,2,1,\n" * 100)
    with pytest.raises(CsvImportError, match="is too large"):
        read_ratings_csv(path, CWRF)


def test_not_a_file_or_binary_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match="is a folder"):
        read_ratings_csv(tmp_path, CWRF)
    (tmp_path / "zeros.csv").write_bytes(b"\x00" * 100)
    with pytest.raises(CsvImportError, match="NUL bytes"):
        read_ratings_csv(tmp_path / "zeros.csv", CWRF)


def test_excel_semicolon_files_import() -> None:
    for text in (
        "sep=;\nparticipant;role;pillar;rating\nAnn;CX;reality-over-hype;2\n",
        '"sep=;"\r\nparticipant;role;pillar;rating\r\nAnn;CX;reality-over-hype;2\r\n',
        "participant;role;pillar;rating;round;comment\nAnn;CX;reality-over-hype;2;1;says, hi\n",
        "participant\trole\tpillar\trating\nAnn\tCX\treality-over-hype\t2\n",
        "participant;role;pillar;rating\n" + "".join(f'"P{i}, Jr";"CX, ops";reality-over-hype;2\n' for i in range(50)),
    ):
        parsed = parse_ratings_csv(text, CWRF)
        assert parsed.rows[0].pillar == "reality-over-hype" and parsed.rows[0].stage == 2, text


def test_sep_line_counts_in_line_numbers() -> None:
    assert _refusal("sep=;\nparticipant;role;pillar;rating\nAnn;CX;nope;2\n") == ["line 3: unknown pillar 'nope'"]


def test_a_name_two_participants_share_is_refused_not_guessed() -> None:
    ws = Workshop(rubric=CWRF)
    ws.participants = [Participant(name="Ann Lee"), Participant(name="ann  lee")]  # an older file
    before = ws.to_dict()
    parsed = parse_ratings_csv(f"{HEADER}\nBob,IT,reality-over-hype,2,1,\nANN LEE,CX,reality-over-hype,2,1,\n", CWRF)
    with pytest.raises(CsvImportError, match="line 3: the workshop has 2 participants called ANN LEE"):
        apply_ratings(ws, parsed)
    assert ws.to_dict() == before


def test_too_many_participants_is_refused_and_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import workshop_app.core.csv_import as csv_import

    monkeypatch.setattr(csv_import, "MAX_PARTICIPANTS", 1)
    ws = Workshop(rubric=CWRF)
    parsed = parse_ratings_csv(f"{HEADER}\nAnn,CX,reality-over-hype,2,1,\nBob,IT,reality-over-hype,2,1,\n", CWRF)
    with pytest.raises(CsvImportError, match=r"bring the workshop to 2 participants \(at most 1\)"):
        apply_ratings(ws, parsed)
    assert ws.participants == [] and ws.rounds == []


def test_names_match_whatever_the_case_and_spacing_and_replace_ratings() -> None:
    ws = Workshop(rubric=CWRF)
    ann, _ = ops.add_participant(ws, "Ann Lee")
    apply_ratings(ws, parse_ratings_csv(f"{HEADER}\nann   LEE,CX,reality-over-hype,2,1,first\n", CWRF))
    apply_ratings(ws, parse_ratings_csv(f"{HEADER}\nANN LEE,CX,reality-over-hype,3,1,second\n", CWRF))
    assert [p.id for p in ws.participants] == [ann.id]
    assert [(r.participant, r.stage, r.comment) for r in ws.ratings] == [(ann.id, 3, "second")]


# --------------------------------------------------------------------------- properties

_cells = st.one_of(
    st.sampled_from(["Ann", "bob", "reality-over-hype", "Act with precision", "2", "walk", "?", "1", "99", "100",
                     "", " ", '"', "sep=;", "\r", "\n", "\x00", "\ud800", "x" * 200, "9" * 40]),
    st.text(max_size=12),
)
_rows = st.lists(st.lists(_cells, min_size=0, max_size=7), max_size=6)
_separators = st.sampled_from([",", ";", "\t", "|"])
_line_ends = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def _csv_texts(draw: st.DrawFn) -> str:
    sep, end = draw(_separators), draw(_line_ends)
    header = draw(st.sampled_from([HEADER, "participant,role,pillar,rating", "", "sep=;\n" + HEADER]))
    lines = [sep.join(cells) for cells in draw(_rows)]
    return end.join([header.replace(",", sep), *lines]) + draw(st.sampled_from(["", end]))


@FAST
@given(st.one_of(_csv_texts(), st.text(max_size=300)))
def test_parse_raises_nothing_but_csv_import_error(text: str) -> None:
    try:
        parse_ratings_csv(text, CWRF)
    except CsvImportError:
        pass


@FAST
@given(st.one_of(st.binary(max_size=300), _csv_texts().map(lambda t: t.encode("utf-16", "surrogatepass")),
                 _csv_texts().map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_read_raises_nothing_but_csv_import_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(raw)
    try:
        read_ratings_csv(path, CWRF)
    except CsvImportError:
        pass


_valid_rows = st.lists(
    st.tuples(st.sampled_from(["Ann", "ann", "Bob", "Zoë\ud800", "Ann Lee", "ann  lee", "N" * 121]),
              st.sampled_from(["", "CX", "IT"]),
              st.sampled_from(CWRF.pillar_ids), st.sampled_from(["1", "4", "?", "walk"]),
              st.one_of(st.integers(1, limits.MAX_ROUNDS), st.sampled_from([limits.MAX_ROUNDS + 1, 10_001])),
              st.text(max_size=20)),
    min_size=1, max_size=12,
)


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


@FAST
@given(rows=_valid_rows, old=st.lists(st.sampled_from(["Ann", "ANN", "Bob", "Cy"]), max_size=3))
def test_an_import_is_all_or_nothing_and_what_it_accepts_saves_and_opens(
        tmp_path: Path, rows: list[tuple[str, str, str, str, int, str]], old: list[str]) -> None:
    text = HEADER + "\n" + "".join(",".join(_quoted(str(c)) for c in row) + "\n" for row in rows)
    ws = Workshop(rubric=CWRF)
    ws.participants = [Participant(name=n) for n in old]  # may hold look-alike names, as old files do
    before = ws.to_dict()
    try:
        apply_ratings(ws, parse_ratings_csv(text, CWRF))
    except CsvImportError:
        assert ws.to_dict() == before
        return
    save_workshop(ws, tmp_path / "w.workshop")
    assert load_workshop(tmp_path / "w.workshop").to_dict() == ws.to_dict()
