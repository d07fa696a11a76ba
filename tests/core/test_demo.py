"""The bundled demo file is the built demo, saved; the app opens a copy of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workshop_app.core import demo
from workshop_app.core.demo import BUNDLED_DEMO, build_demo, copy_bundled_demo
from workshop_app.core.model import Workshop
from workshop_app.core.storage import load_workshop
from workshop_app.paths import resource_path

_ID = re.compile(r'"[0-9a-f]{12}"')


def canonical(workshop: Workshop) -> str:
    """The workshop as JSON with its random ids renamed in order of appearance."""
    text = json.dumps(workshop.to_dict(), sort_keys=False, ensure_ascii=False)
    names: dict[str, str] = {}
    return _ID.sub(lambda m: names.setdefault(m.group(0), f'"id{len(names)}"'), text)


def test_bundled_demo_matches_build_demo() -> None:
    bundled = load_workshop(resource_path(BUNDLED_DEMO))
    assert canonical(bundled) == canonical(build_demo()), (
        "resources/demo.workshop is stale: run `workshop-app demo resources/demo.workshop --force`"
    )


def test_canonical_form_sees_a_changed_rating() -> None:
    ws = build_demo()
    before = canonical(ws)
    ws.ratings[0].stage = (ws.ratings[0].stage or 0) % ws.rubric.k + 1
    assert canonical(ws) != before


def test_copy_bundled_demo_writes_a_fresh_copy(tmp_path: Path) -> None:
    dest = tmp_path / "Demo.workshop"
    dest.write_text("left over from last time")
    ws = copy_bundled_demo(dest)
    assert ws is not None and ws.details.client == "Northwind Utilities"
    assert canonical(load_workshop(dest)) == canonical(ws)


def test_copy_bundled_demo_reports_a_missing_or_damaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "BUNDLED_DEMO", "no-such-demo.workshop")
    assert copy_bundled_demo(tmp_path / "a.workshop") is None
    damaged = tmp_path / "damaged.workshop"
    damaged.write_text('{"meta": ')
    monkeypatch.setattr("workshop_app.paths.resource_path", lambda *parts: damaged)
    monkeypatch.setattr(demo, "BUNDLED_DEMO", "damaged.workshop")
    assert copy_bundled_demo(tmp_path / "b.workshop") is None
