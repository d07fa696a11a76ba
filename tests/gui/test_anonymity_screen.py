"""Anonymous Reveal: cards and heatmap tie no rating or comment to a name, nor to a role fewer than three share."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.reveal import RevealPage
from workshop_app.gui.widgets.heatmap import HeatmapView
from workshop_app.gui.widgets.spread import SpreadBars

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def page_texts(page: RevealPage) -> str:
    """Every string the page can show: labels, buttons, combo items, tooltips, painted text."""
    out = [page.toolTip()]
    for child in page.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton):
            out.append(child.text())
        if isinstance(child, QComboBox):
            out += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, HeatmapView | SpreadBars):
            out += child.visible_texts()
        out.append(child.toolTip())
    return "\n".join(t for t in out if t)


def show(ws: Workshop, qtbot, tmp_path: Path) -> RevealPage:
    page = RevealPage(WorkshopDocument(ws, tmp_path / "anon.workshop"))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.anonymous  # the default
    for tab in range(page.tabs.count()):  # fill every tab
        page.tabs.setCurrentIndex(tab)
    return page


def test_unique_roles_show_no_name_and_no_role(qtbot, tmp_path: Path) -> None:
    ws = build_demo()  # every participant holds a role of their own
    assert len({p.role for p in ws.participants}) == len(ws.participants)
    priya, grace = ws.participants[2], ws.participants[7]
    ops.set_rating(ws, grace.id, "act-with-precision", 2, 1, f"As {priya.name} said, the IVR is the blocker.")
    text = page_texts(show(ws, qtbot, tmp_path))
    assert "P1" in text and "the IVR is the blocker" in text
    for person in ws.participants:
        assert person.name not in text, person.name
        for part in person.name.split():
            assert part not in text, part
        assert person.role not in text, person.role


def test_small_roles_are_merged_and_large_ones_shown(qtbot, tmp_path: Path, messages: list[str]) -> None:
    """Three "IT" people (spelled two ways) make a group; two in Operations only count in 'Other roles'."""
    ws = build_demo()
    roles = ["IT", "IT", " it ", "Operations", "Operations", "Legal", "CX", "Finance"]
    for person, role in zip(ws.participants, roles, strict=True):
        person.role = role
    page = show(ws, qtbot, tmp_path)
    text = page_texts(page)
    assert "Median by role: IT: " in text and "; Other roles: " in text  # groups of three stay useful
    assert "Operations" not in text and "Legal" not in text and "Finance" not in text
    page.set_anonymous(False)
    named = page_texts(page)
    assert "Operations:" in named and ws.participants[0].name in named


def test_export_dialog_is_anonymous_unless_named_is_ticked(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          messages: list[str]) -> None:
    from workshop_app.gui.dialogs.export import ExportDialog
    from workshop_app.report import pdf

    asked: list[bool] = []

    def fake_export(*_args: object, anonymous: bool = True, **_kw: object) -> int:
        asked.append(anonymous)
        return 7

    monkeypatch.setattr(pdf, "export_pdf", fake_export)
    doc = WorkshopDocument(build_demo(), tmp_path / "anon.workshop")
    for tick in (False, True):
        dialog = ExportDialog(doc)
        qtbot.addWidget(dialog)
        dialog.ask_to_open = False
        dialog.out_edit.setText(str(tmp_path / "handout.pdf"))
        assert not dialog.named.isChecked() and "Anonymous" in dialog.named_note.text()
        dialog.named.setChecked(tick)
        if tick:
            assert "name is printed next to their ratings" in dialog.named_note.text()
        dialog.accept()
    assert asked == [True, False]
