"""Refresh shortcuts for big rooms: the roadmap table repaints only edited rows, charts redraw only on new data."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.roadmap import RoadmapModel
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
