"""`export-data` and `compare` on the command line: files written, round trip, errors in one line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workshop_app.cli import main
from workshop_app.core import operations as ops
from workshop_app.core.compare import follow_up
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import load_workshop, save_workshop


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.workshop"
    save_workshop(build_demo(), path)
    return path


def test_export_xlsx_anonymous_by_default(demo_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "data.xlsx"
    code, text, err = run(capsys, "export-data", str(demo_file), str(out))
    assert code == 0, err
    assert "48 ratings rows" in text and "anonymous codes" in text
    book = load_workbook(out)
    assert book.sheetnames == ["Workshop", "Ratings", "Summary", "Roadmap"]
    people = {row[0] for row in book["Ratings"].iter_rows(min_row=2, values_only=True)}
    assert people == {f"P{i}" for i in range(1, 9)}


def test_named_csv_imports_back_with_the_import_command(demo_file: Path, tmp_path: Path, capsys) -> None:
    csv_path = tmp_path / "ratings.csv"
    assert run(capsys, "export-data", str(demo_file), str(csv_path), "--named")[0] == 0
    again = tmp_path / "again.workshop"
    code, _, err = run(capsys, "import", str(csv_path), str(again), "--rubric", "crawl-walk-run-fly")
    assert code == 0, err
    before, after = load_workshop(demo_file), load_workshop(again)
    assert [(p.name, p.role) for p in after.participants] == [(p.name, p.role) for p in before.participants]
    names_before, names_after = before.participant_names(), after.participant_names()
    assert sorted((names_after[r.participant], r.pillar, r.round, r.stage, r.comment) for r in after.ratings) == \
        sorted((names_before[r.participant], r.pillar, r.round, r.stage, r.comment) for r in before.ratings)


def test_csv_table_choice_and_json(demo_file: Path, tmp_path: Path, capsys) -> None:
    roadmap = tmp_path / "roadmap.csv"
    assert run(capsys, "export-data", str(demo_file), str(roadmap), "--table", "roadmap")[0] == 0
    assert roadmap.read_text("utf-8-sig").startswith("position,pillar,pillar_name,title")
    out = tmp_path / "all.json"
    assert run(capsys, "export-data", str(demo_file), str(out))[0] == 0
    data = json.loads(out.read_text("utf-8"))
    assert len(data["ratings"]) == 48 and len(data["summary"]) == 4 and len(data["roadmap"]) == 10


@pytest.mark.parametrize(("args", "message"), [
    (["out.txt"], "must end in .csv, .xlsx or .json"),
    (["out.xlsx", "--table", "summary"], "--table applies to a .csv file only"),
    (["missing/out.csv"], "does not exist"),
])
def test_export_mistakes_are_one_line(demo_file: Path, tmp_path: Path, capsys, monkeypatch, args, message) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "export-data", str(demo_file), *args)
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_export_refuses_to_overwrite_without_force(demo_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "data.json"
    out.write_text("keep me", "utf-8")
    code, _, err = run(capsys, "export-data", str(demo_file), str(out))
    assert code == 2 and "--force" in err
    assert out.read_text("utf-8") == "keep me"
    assert run(capsys, "export-data", str(demo_file), str(out), "--force")[0] == 0
    assert json.loads(out.read_text("utf-8"))["format"] == "maturity-workshop-data"


def test_export_of_a_missing_workshop(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export-data", str(tmp_path / "nope.workshop"), str(tmp_path / "x.csv"))
    assert code == 2 and "nope.workshop" in err
    assert not (tmp_path / "x.csv").exists()


def test_compare_text_and_json(demo_file: Path, tmp_path: Path, capsys) -> None:
    old = load_workshop(demo_file)
    new = follow_up(old, today=dt.date(2027, 5, 20))
    new.ensure_first_round()
    for person in new.participants:
        for pillar in new.rubric.pillar_ids:
            ops.set_rating(new, person.id, pillar, 1, 3)
    ops.set_revealed(new, 1)
    ops.update_action(new, new.actions[0].id, status="done")
    later = tmp_path / "later.workshop"
    save_workshop(new, later)
    code, text, _ = run(capsys, "compare", str(demo_file), str(later))
    assert code == 0
    assert "Reality over hype" in text and "up 1 stage" in text
    assert f"1 of {len(old.actions)} actions done" in text
    code, text, _ = run(capsys, "compare", str(demo_file), str(later), "--json")
    data = json.loads(text)
    assert data["comparable"] and data["overall"]["then"]["name"] == "Crawl"
    assert data["overall"]["now"] == {"number": 3, "name": "Run"}
    assert [p["movement"] for p in data["pillars"]] == [1, 2, 1, 2]


def test_compare_other_rubric_says_why(demo_file: Path, tmp_path: Path, capsys) -> None:
    from workshop_app.core.model import Workshop
    from workshop_app.core.rubric import find_rubric

    other = tmp_path / "other.workshop"
    save_workshop(Workshop(rubric=find_rubric("foundation-to-optimizing")), other)
    code, text, _ = run(capsys, "compare", str(demo_file), str(other))
    assert code == 1
    assert "foundation-to-optimizing" in text and "compared" in text
