"""A workshop with a round voted with names hidden offers no way to name anyone on screen or in an export."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core.demo import build_demo
from workshop_app.gui.dialogs.export_data import ExportDataDialog
from workshop_app.gui.document import WorkshopDocument

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def hidden_doc(qapp, tmp_path: Path) -> WorkshopDocument:
    ws = build_demo()
    ws.rounds[0].names_hidden = True
    return WorkshopDocument(ws, tmp_path / "hidden.workshop")


def test_the_data_export_cannot_name_anyone(qtbot, hidden_doc: WorkshopDocument) -> None:
    dialog = ExportDataDialog(hidden_doc)
    qtbot.addWidget(dialog)
    assert not dialog.named.isEnabled() and not dialog.named.isChecked()
    assert "voted with names hidden" in dialog.named_note.text()
