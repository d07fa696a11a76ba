"""The command line: every subcommand, its errors, and a core that needs no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workshop_app import __version__
from workshop_app.cli import main
from workshop_app.core import operations as ops
from workshop_app.core.storage import load_workshop, save_workshop


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_summary_json(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.workshop"
    assert run(capsys, "demo", str(path))[0] == 0
    ws = load_workshop(path)
    assert len(ws.participants) == 8 and ws.latest_round == 2 and len(ws.actions) == 10
    assert any(d.override and d.rationale for d in ws.decisions.values())
    code, out, _ = run(capsys, "summary", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["rubric"]["id"] == "crawl-walk-run-fly" and data["round"] == 2
    act = next(p for p in data["pillars"] if p["id"] == "act-with-precision")
    assert act["level"] == "polarised" and act["median"] == 1 and act["override"]
    names = [p.name for p in ws.participants]
    assert data["anonymous"] and not any(n in out for n in names)  # private by default
    assert all(c.startswith("P") for camp in act["camps"] for c in camp)
    assert data["overall"] == {**data["overall"], "stage": 1, "rule": "weakest-link", "stage_name": "Crawl"}
    code, out, _ = run(capsys, "summary", str(path), "--json", "--round", "1", "--named")
    data = json.loads(out)
    know = next(p for p in data["pillars"] if p["id"] == "know-your-maturity")
    assert know["outliers"] == ["Grace O'Neill"] and not data["anonymous"]


def test_summary_by_role_shows_only_groups_of_three(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.workshop"
    run(capsys, "demo", str(path))
    ws = load_workshop(path)
    roles = {r.role for r in ws.participants}
    code, out, _ = run(capsys, "summary", str(path), "--json")
    for pillar in json.loads(out)["pillars"]:
        assert all(v["n"] >= 3 for v in pillar["by_role"].values())
        assert not (set(pillar["by_role"]) & {r for r in roles if sum(p.role == r for p in ws.participants) < 3})


def test_summary_never_prints_a_blind_round(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.workshop"
    run(capsys, "demo", str(path))
    ws = load_workshop(path)
    ops.open_round(ws, ["act-with-precision"])
    for person in ws.participants:
        ops.set_rating(ws, person.id, "act-with-precision", 3, 4)
    save_workshop(ws, path)
    code, out, _ = run(capsys, "summary", str(path), "--json")
    data = json.loads(out)
    assert code == 0 and data["round"] == 2  # the latest round the room has seen
    act = next(p for p in data["pillars"] if p["id"] == "act-with-precision")
    assert act["median"] == 1
    code, _, err = run(capsys, "summary", str(path), "--round", "3")
    assert code == 2 and "has not been revealed" in err


def test_summary_table(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.workshop"
    run(capsys, "demo", str(path))
    code, out, _ = run(capsys, "summary", str(path))
    assert code == 0
    assert "Act with precision" in out and "polarised" in out and "Overall stage: 1 Crawl" in out


def test_import_csv(tmp_path: Path, capsys) -> None:
    csv_path = tmp_path / "ratings.csv"
    csv_path.write_text(
        "participant,role,pillar,rating,comment\n"
        "Ann,CX,reality-over-hype,2,ok\nBo,IT,reality-over-hype,Run,\nCy,Risk,reality-over-hype,?,\n",
        encoding="utf-8",
    )
    out_path = tmp_path / "w.workshop"
    code, out, _ = run(capsys, "import", str(csv_path), str(out_path), "--rubric", "crawl-walk-run-fly",
                       "--title", "Q4", "--client", "Contoso")
    assert code == 0 and "imported 3 ratings from 3 participants" in out
    ws = load_workshop(out_path)
    assert ws.details.title == "Q4" and ws.details.client == "Contoso"
    code, _, err = run(capsys, "import", str(csv_path), str(out_path), "--rubric", "crawl-walk-run-fly")
    assert code == 2 and "already exists (use --force" in err
    assert run(capsys, "import", str(csv_path), str(out_path), "--rubric", "crawl-walk-run-fly", "--force")[0] == 0


def test_import_bad_row_writes_nothing(tmp_path: Path, capsys) -> None:
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("participant,role,pillar,rating\nAnn,CX,reality-over-hype,2\nBo,IT,nope,2\n", encoding="utf-8")
    out_path = tmp_path / "w.workshop"
    code, _, err = run(capsys, "import", str(csv_path), str(out_path), "--rubric", "crawl-walk-run-fly")
    assert code == 2
    assert "line 3: unknown pillar 'nope'" in err and err.count("\n") == 1
    assert not out_path.exists()


def test_errors_are_one_line_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.workshop"
    bad.write_bytes(b"{ truncated")
    for args in (
        ("summary", str(bad)),
        ("summary", str(tmp_path / "missing.workshop")),
        ("check-rubric", str(bad)),
        ("import", str(bad), str(tmp_path / "o.workshop"), "--rubric", "no-such-rubric"),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2, args
        assert err.startswith("workshop-app: error: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
    run(capsys, "demo", str(tmp_path / "d.workshop"))
    code, _, err = run(capsys, "summary", str(tmp_path / "d.workshop"), "--round", "7")
    assert code == 2 and "no round 7" in err


def test_rubrics_check_rubric_and_version(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "rubrics")
    assert code == 0 and "crawl-walk-run-fly" in out and "foundation-to-optimizing" in out
    shipped = Path(__file__).resolve().parents[2] / "rubrics" / "foundation-to-optimizing.toml"
    code, out, _ = run(capsys, "check-rubric", str(shipped))
    assert code == 0 and "OK" in out and "6 pillars" in out
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


_NO_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'matplotlib', 'reportlab'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import workshop_app.core.rubric, workshop_app.core.model, workshop_app.core.storage
import workshop_app.core.consensus, workshop_app.core.roadmap, workshop_app.core.operations
import workshop_app.core.csv_import, workshop_app.core.demo, workshop_app.cli
from workshop_app.cli import main
sys.exit(main(['demo', sys.argv[1]]) or main(['summary', sys.argv[1], '--json']))
"""


def test_core_and_commands_work_without_qt(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", _NO_QT, str(tmp_path / "d.workshop")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.split("\n", 1)[1])["overall"]["stage"] == 1


def test_core_modules_never_import_qt() -> None:
    core = Path(__file__).resolve().parents[2] / "workshop_app" / "core"
    for module in core.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for banned in ("PySide6", "matplotlib", "reportlab", "workshop_app.gui", "workshop_app.report"):
            assert banned not in text, f"{module.name} mentions {banned}"


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "workshop_app", "rubrics"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "crawl-walk-run-fly" in result.stdout


def test_summary_by_group(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.workshop"
    run(capsys, "demo", str(path))
    ws = load_workshop(path)
    for person, group in zip(ws.participants, ["Leadership"] * 4 + ["Front line"] * 4, strict=True):
        ops.set_participant_group(ws, person.id, group)
    save_workshop(ws, path)
    code, out, _ = run(capsys, "summary", str(path), "--by-group", "--json")
    data = json.loads(out)
    assert code == 0 and data["anonymous"]
    for pillar in data["pillars"]:
        assert all(g["n"] >= 3 for g in pillar["groups"])
    assert any(p["groups"] for p in data["pillars"])
    code, out, _ = run(capsys, "summary", str(path), "--by-group")
    assert code == 0 and "Leadership:" in out and "Front line:" in out
