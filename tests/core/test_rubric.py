"""Rubric files: the shipped ones are rich enough; broken ones are refused precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core.rubric import RubricError, find_rubric, load_rubric, shipped_rubrics

MINIMAL = """
id = "my-rubric"
name = "My rubric"
version = "1.0"
description = "..."
overall_rule = "weakest-link"
[[stages]]
id = "s1"
name = "Starting"
summary = "..."
[[stages]]
id = "s2"
name = "Going"
summary = "..."
[[pillars]]
id = "alpha"
name = "Alpha"
description = "..."
[pillars.levels]
s1 = ["...", "..."]
[pillars.actions]
s1 = ["...", "..."]
"""


def write(tmp_path: Path, text: str, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_form_loads(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, MINIMAL))
    assert rubric.id == "my-rubric"
    assert [s.name for s in rubric.stages] == ["Starting", "Going"]
    assert rubric.levels_for("alpha", 1) == ("...", "...")
    assert rubric.actions_leaving("alpha", 2) == ()
    assert "no description for stage 's2'" in " ".join(rubric.warnings())


@pytest.mark.parametrize("stages", [2, 7, 10])
def test_any_number_of_stages_from_2_to_10(tmp_path: Path, stages: int) -> None:
    body = "".join(f'[[stages]]\nid = "s{i}"\nname = "Stage {i}"\n' for i in range(1, stages + 1))
    text = f'id = "x"\nname = "X"\n{body}[[pillars]]\nid = "p"\nname = "P"\n'
    assert load_rubric(write(tmp_path, text)).k == stages


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace('name = "My rubric"', 'name = "My rubric'), "TOML syntax error"),
        (lambda t: t.replace('name = "My rubric"\n', ""), "name: missing required key"),
        (lambda t: t.replace('s1 = ["...", "..."]\n[pillars.actions]', 's9 = ["x"]\n[pillars.actions]'),
         "pillars.alpha.levels.s9: unknown stage id 's9'"),
        (lambda t: t.replace('id = "s2"', 'id = "s1"'), "stages[1].id: duplicate stage id 's1'"),
        (lambda t: t.replace('[pillars.actions]\ns1 = ["...", "..."]', "[pillars.actions]\ns1 = []"),
         "pillars.alpha.actions.s1: empty list"),
        (lambda t: t.replace('overall_rule = "weakest-link"', 'overall_rule = "mean"'), "overall_rule: 'mean' is not one of"),
        (lambda t: t.replace('id = "alpha"', 'id = "Alpha One"'), "pillars[0].id: 'Alpha One' is not a valid id"),
        (lambda t: t.split("[[stages]]")[0] + "[[stages]]" + t.split("[[stages]]")[1].split("[[pillars]]")[0]
         + "[[pillars]]" + t.split("[[pillars]]")[1], "needs 2 to 10 stages, found 1"),
        (lambda t: t.split("[[pillars]]")[0], "pillars: missing required key"),
        (lambda t: t.replace('name = "Alpha"', "name = 3"), "pillars.alpha.name: must be text"),
        (lambda t: t.replace('s1 = ["...", "..."]\n[pillars.actions]', 's1 = ["ok", ""]\n[pillars.actions]'),
         "pillars.alpha.levels.s1[1]: must be non-empty text"),
    ],
)
def test_broken_rubric_names_file_key_and_problem(tmp_path: Path, change, expected: str) -> None:
    path = write(tmp_path, change(MINIMAL), "broken.toml")
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    message = str(info.value)
    assert str(path) in message
    assert expected in message


def test_duplicate_pillar_id(tmp_path: Path) -> None:
    text = MINIMAL + '[[pillars]]\nid = "alpha"\nname = "Again"\n'
    with pytest.raises(RubricError, match=r"pillars\[1\].id: duplicate pillar id 'alpha'"):
        load_rubric(write(tmp_path, text))


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00id")
    with pytest.raises(RubricError, match="not UTF-8"):
        load_rubric(bad)
    with pytest.raises(RubricError, match="no such rubric file"):
        load_rubric(tmp_path / "nope.toml")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(RubricError, match=r"folder.toml: the rubric file cannot be read \("):
        load_rubric(folder)


def test_shipped_rubrics_are_workshop_ready() -> None:
    rubrics = {r.id: r for r in shipped_rubrics()}
    cwrf = rubrics["crawl-walk-run-fly"]
    assert [s.name for s in cwrf.stages] == ["Crawl", "Walk", "Run", "Fly"]
    assert cwrf.pillar_ids == ("reality-over-hype", "know-your-maturity", "act-with-precision", "sustain-at-scale")
    assert all(s.role and s.aim and s.risk for s in cwrf.stages)
    fto = rubrics["foundation-to-optimizing"]
    assert [s.name for s in fto.stages] == ["Foundation", "Building", "Scaling", "Optimizing"]
    assert len(fto.pillars) == 6
    for rubric in (cwrf, fto):
        assert rubric.warnings() == []
        for pillar in rubric.pillars:
            for number in range(1, rubric.k + 1):
                assert 2 <= len(rubric.levels_for(pillar.id, number)) <= 4, (rubric.id, pillar.id, number)
                if number < rubric.k:
                    assert len(rubric.actions_leaving(pillar.id, number)) >= 3, (rubric.id, pillar.id, number)


def test_find_rubric_by_id_or_file(tmp_path: Path) -> None:
    assert find_rubric("crawl-walk-run-fly").name == "Crawl, Walk, Run, Fly"
    assert find_rubric(str(write(tmp_path, MINIMAL))).id == "my-rubric"
    with pytest.raises(RubricError, match="no rubric 'nope'.*crawl-walk-run-fly"):
        find_rubric("nope")


def test_embedded_copy_round_trips() -> None:
    from workshop_app.core.rubric import rubric_from_dict

    rubric = find_rubric("foundation-to-optimizing")
    again = rubric_from_dict(rubric.to_dict())
    assert again.to_dict() == rubric.to_dict()
    assert again.stages == rubric.stages and again.pillars == rubric.pillars
