"""Fixtures: the demo workshop with a blind third round, served to phones on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from phone_client import REVOTED, Served, serve_workshop

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo


@pytest.fixture
def served() -> Iterator[Served]:
    """The demo workshop with a blind third round of three pillars, served to phones."""
    ws = build_demo()
    ops.open_round(ws, REVOTED, "Third look")
    s = serve_workshop(ws, 3)
    yield s
    s.server.stop()


@pytest.fixture
def hidden_served() -> Iterator[Served]:
    """As `served`, voted with names hidden."""
    ws = build_demo()
    ops.open_round(ws, REVOTED, "Third look")
    s = serve_workshop(ws, 3, names_hidden=True)
    yield s
    s.server.stop()
