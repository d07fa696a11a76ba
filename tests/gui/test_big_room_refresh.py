"""Refresh shortcuts for big rooms: the roadmap table repaints only edited rows, charts redraw only on new data."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.roadmap import RoadmapModel
from workshop_app.gui.style import ERROR
from workshop_app.gui.widgets.chart_canvas import ChartCanvas


def test_editing_one_action_repaints_its_row_and_keeps_the_model(qtbot: QtBot) -> None:
    document = WorkshopDocument(build_demo())
    model = RoadmapModel(document)
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    action = document.workshop.actions[2]
    owner = action.owner
    document.apply(ops.update_action, action.id, owner="Dana from operations")
    assert resets == [] and changed == [(2, 2)]
    assert model.data(model.index(2, 3)) == "Dana from operations"
    document.undo_stack.undo()
    assert resets == [] and changed[-1] == (2, 2)
    assert model.data(model.index(2, 3)) == owner
    document.apply(ops.remove_action, action.id)  # rows gone: the model starts again
    assert resets == [1] and model.rowCount() == len(document.workshop.actions)


def test_a_chart_is_built_again_only_for_new_data(qtbot: QtBot) -> None:
    from matplotlib.figure import Figure

    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    built: list[Any] = []

    def build(values: list[int], *, title: str) -> Figure:
        built.append((values, title))
        return Figure()

    assert canvas.show_chart(build, [1, 2], title="a")
    first = canvas.figure
    assert not canvas.show_chart(build, [1, 2], title="a")
    assert canvas.figure is first and len(built) == 1
    assert canvas.show_chart(build, [1, 3], title="a")
    assert canvas.show_chart(build, [1, 3], title="b")
    assert len(built) == 3 and canvas.figure is not first
    canvas.set_figure(Figure())  # a figure set from outside is never mistaken for a built one
    assert canvas.show_chart(build, [1, 3], title="b") and len(built) == 4


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decide_chart_is_repainted_exactly_when_its_figures_change(qtbot: QtBot) -> None:
    from workshop_app.gui.pages.decide import DecidePage

    document = WorkshopDocument(build_demo())
    page = DecidePage(document)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    shown = page.chart.data()
    data = page.chart_data()
    assert shown is not None and list(shown.medians) == data["medians"] and list(shown.agreed) == data["agreed"]
    painted: list[int] = []
    page.chart.update = lambda *a: painted.append(1)  # type: ignore[method-assign]
    ws = document.workshop
    pillar = ws.rubric.pillar_ids[0]
    person = next(r for r in ws.ratings if r.pillar == pillar and r.round == ws.last_round_with(pillar))
    # a rating edit that moves no median (a new comment): nothing to repaint
    document.apply(ops.set_rating, person.participant, pillar, person.round, person.stage, "New evidence")
    qtbot.wait(20)
    assert page.chart_data() == data and page.chart.data() == shown and painted == []
    median = page.chart_data()["medians"][0]
    document.apply(ops.set_decision, pillar, median, median, "")
    qtbot.waitUntil(lambda: page.chart.data() != shown)
    assert painted and page.chart.data().agreed[0] == median == page.chart_data()["agreed"][0]
    document.undo_stack.undo()  # undo is a change too: the bar goes again
    qtbot.waitUntil(lambda: page.chart.data() == shown)
    assert page.chart_data()["agreed"][0] == data["agreed"][0]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decide_row_styles_follow_every_state_though_unchanged_ones_are_not_repolished(qtbot: QtBot) -> None:
    from workshop_app.gui.pages.decide import DecidePage
    from workshop_app.gui.style import stylesheet

    document = WorkshopDocument(build_demo())
    page = DecidePage(document)
    page.setStyleSheet(stylesheet())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    row = next(r for r in page.rows.values() if r.median is not None)
    document.apply(ops.clear_decision, row.pillar_id)
    assert row.status.property("role") == "muted" and row.rationale.property("invalid") is False
    other = 1 if row.median != 1 else 2
    row.agreed.setCurrentIndex(row.agreed.findData(other))
    assert not row.commit()  # an override without a rationale
    assert row.status.property("role") == "error" and row.rationale.property("invalid") is True
    red = row.status.palette().color(row.status.foregroundRole()).name()
    assert red == ERROR.lower()
    row.rationale.setText("The data team showed us the gaps")
    assert row.commit()
    assert row.status.property("role") == "muted" and row.rationale.property("invalid") is False
    assert row.status.palette().color(row.status.foregroundRole()).name() != red  # re-polished: no longer red
    document.undo_stack.undo()
    assert row.status.text().startswith("Not decided yet") and row.status.property("role") == "muted"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_overview_prepares_the_rooms_name_scrubber_once_painted(qtbot: QtBot) -> None:
    from workshop_app.core.anonymity import NameScrubber, _scrub_rules
    from workshop_app.gui.pages.overview import OverviewPage

    document = WorkshopDocument(build_demo())
    _scrub_rules.cache_clear()
    page = OverviewPage(document)
    qtbot.addWidget(page)
    assert _scrub_rules.cache_info().currsize == 0  # nothing before the page is on screen
    page.show()
    qtbot.waitUntil(lambda: _scrub_rules.cache_info().currsize == 1)
    hits = _scrub_rules.cache_info().hits
    NameScrubber(document.workshop.participants)  # what the anonymous heatmap builds
    assert _scrub_rules.cache_info().hits == hits + 1


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_reveal_movement_chart_is_not_rebuilt_for_the_same_figures(qtbot: QtBot, monkeypatch) -> None:  # noqa: ANN001
    from workshop_app import charts
    from workshop_app.gui.pages.reveal import MOVEMENT_TAB, RevealPage

    built: list[int] = []
    real = charts.movement_chart
    monkeypatch.setattr(charts, "movement_chart", lambda *a, **k: built.append(1) or real(*a, **k))
    document = WorkshopDocument(build_demo())
    page = RevealPage(document)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentIndex(MOVEMENT_TAB)
    qtbot.waitUntil(lambda: page.movement_canvas is not None and page.movement_canvas.figure is not None)
    first = page.movement_canvas.figure
    ws = document.workshop
    person = ws.participants[0]
    document.apply(ops.update_participant, person.id, name=person.name + " Jr")  # no figure changes
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentIndex(MOVEMENT_TAB)
    qtbot.wait(20)
    assert page.movement_canvas.figure is first and len(built) == 1
