"""Export the workshop's data (ratings, summary, roadmap) for a spreadsheet: format, table, names, file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.anonymity import naming_refusal
from workshop_app.core.export_data import FORMATS, describe_export, write_export
from workshop_app.core.revealed import blind_rounds
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs import errors
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import MUTED
from workshop_app.gui.widgets.common import ErrorLabel, button, named_choice

FORMAT_LABELS = {
    "xlsx": "Excel workbook (.xlsx): one sheet per table",
    "csv": "CSV (.csv): one table",
    "json": "JSON (.json): every table, for scripts",
}
TABLE_LABELS = {
    "ratings": "Ratings: one row per person, pillar and round",
    "summary": "Summary: consensus and agreed stage per pillar",
    "roadmap": "Roadmap: the actions",
}
NAMED_OFF = ("Anonymous: people appear as codes P1, P2, … with a role only where at least three people "
             "share it; names are removed from comments, rationales and actions.")
NAMED_ON = ("Named: each person's name and role is written next to their ratings, as typed. Only if the room "
            "agreed to be named. A named ratings CSV can be imported back.")


def suggested_data_path(document: WorkshopDocument, fmt: str) -> Path:
    if document.path is not None:
        return document.path.with_name(f"{document.path.stem} data.{fmt}")
    return app_settings.default_workshop_folder() / f"Workshop data.{fmt}"


class ExportDataDialog(QDialog):
    """Accepted after the file was written; `summary` then says what it holds."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.summary = ""
        self.setWindowTitle("Export data")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox()
        for fmt in FORMATS[1:2] + FORMATS[:1] + FORMATS[2:]:  # Excel first: what most people want
            self.format.addItem(FORMAT_LABELS[fmt], fmt)
        form.addRow("Format", self.format)
        self.table = QComboBox()
        for key, label in TABLE_LABELS.items():
            self.table.addItem(label, key)
        self.table_note = QLabel()
        self.table_note.setWordWrap(True)
        self.table_note.setStyleSheet(f"color: {MUTED};")
        tables = QVBoxLayout()
        tables.setSpacing(2)
        tables.addWidget(self.table)
        tables.addWidget(self.table_note)
        form.addRow("Table", tables)
        self.named, self.named_note, names = named_choice(NAMED_ON, NAMED_OFF, naming_refusal(document.workshop))
        form.addRow("Names", names)
        out_row = QHBoxLayout()
        self.out_edit = QLineEdit(str(suggested_data_path(document, self.current_format())))
        browse = button("Browse…")
        browse.clicked.connect(self._on_browse)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow("Save to", out_row)
        layout.addLayout(form)
        blind = blind_rounds(document.workshop)
        self.blind_note = QLabel(
            f"Round {', '.join(map(str, blind))} is not revealed yet: its ratings are left out." if blind else "")
        self.blind_note.setWordWrap(True)
        self.blind_note.setVisible(bool(blind))
        layout.addWidget(self.blind_note)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._on_format)
        self._on_format()
        self.resize(640, self.sizeHint().height())

    def current_format(self) -> str:
        return str(self.format.currentData())

    def _on_format(self) -> None:
        fmt = self.current_format()
        is_csv = fmt == "csv"
        self.table.setEnabled(is_csv)
        self.table_note.setText("A CSV file holds one table." if is_csv
                                else "This format holds all three tables (and the workshop's details).")
        text = self.out_edit.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower().lstrip(".") in FORMATS or not path.suffix:
                self.out_edit.setText(str(path.with_suffix(f".{fmt}")))

    def _on_browse(self) -> None:
        fmt = self.current_format()
        path, _ = QFileDialog.getSaveFileName(self, "Save data as", self.out_edit.text(),
                                              f"{FORMAT_LABELS[fmt].split(':')[0]} (*.{fmt})")
        if path:
            self.out_edit.setText(path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}")

    def export(self) -> bool:
        """Write the file now; False with the reason shown in the dialog if it failed."""
        text = self.out_edit.text().strip()
        if not text:
            self.error.show_message("Choose where to save the data.")
            return False
        fmt = self.current_format()
        out = Path(text)
        if out.suffix.lower() != f".{fmt}":
            self.error.show_message(f"The file name must end in .{fmt} for this format.")
            return False
        if out.is_dir():
            self.error.show_message(f"{out} is a folder; give a file name.")
            return False
        if out.exists() and not errors.ask(self, "Replace file?", f"{out.name} already exists. Replace it?"):
            return False
        table = str(self.table.currentData()) if fmt == "csv" else "ratings"
        try:
            export = write_export(self._document.workshop, out, named=self.named.isChecked(), table=table,
                                  fmt=fmt)
        except (ValueError, OSError) as exc:
            self.error.show_message(f"The data could not be written: {exc}")
            return False
        self.summary = f"Wrote {out.name}: {describe_export(export, fmt, table)}."
        return True

    def accept(self) -> None:
        if self.export():
            super().accept()


def open_export_data_dialog(document: WorkshopDocument, parent: QWidget | None = None) -> QDialog:
    """Show the export dialog (window-modal) and return it; after the export the status is shown."""
    dialog = ExportDataDialog(document, parent)
    dialog.accepted.connect(lambda: errors.show_info(parent, "Data exported", dialog.summary))
    dialog.open()
    return dialog
