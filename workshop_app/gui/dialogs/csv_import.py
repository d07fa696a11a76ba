"""Import ratings from a CSV: check every row first, report refused rows, import all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import operations as ops
from workshop_app.core.csv_import import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    CsvImportError,
    CsvRatings,
    apply_ratings,
    blind_rounds,
    plan_import,
    read_ratings_csv,
)
from workshop_app.core.model import Workshop
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import set_role
from workshop_app.gui.widgets.common import button, muted


def import_ratings(workshop: Workshop, parsed: CsvRatings, reveal: bool = True) -> ops.Change:
    """The CSV import as one document operation, so it is undoable like any edit."""
    count = apply_ratings(workshop, parsed, reveal=reveal)
    return ops.Change(frozenset({ops.PARTICIPANTS, ops.RATINGS, ops.ROUNDS}), f"Import {count} ratings")


class CsvImportDialog(QDialog):
    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.parsed: CsvRatings | None = None
        self.setWindowTitle("Import ratings CSV")
        layout = QVBoxLayout(self)
        layout.addWidget(muted(
            f"Columns: {', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)}). "
            "Ratings are a stage number, a stage name or ? for don't know. "
            "Every row is checked first; nothing is imported unless all rows are valid."
        ))
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("Choose a CSV file…")
        self.browse = button("Choose file…")
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        layout.addWidget(self.report, 1)
        self.reveal = QCheckBox()
        self.reveal.hide()
        layout.addWidget(self.reveal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.browse.clicked.connect(self._on_browse)
        self.resize(640, 420)

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Ratings CSV", "", "CSV files (*.csv *.txt);;All files (*)")
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Check the file and show the report; True when it can be imported."""
        self.path_edit.setText(str(path))
        ws = self._document.workshop
        try:
            self.parsed = read_ratings_csv(path, ws.rubric)
            plan = plan_import(ws, self.parsed)
            if plan.problems:  # the same matching the import itself does
                raise CsvImportError(str(path), plan.problems)
        except CsvImportError as exc:
            self.parsed = None
            n = len(exc.problems)
            self.verdict.setText(f"Cannot import: {n} problem{'s' if n != 1 else ''} found. "
                                 "Fix the file and choose it again; nothing was imported.")
            set_role(self.verdict, "error")
            self.report.setPlainText("\n".join(exc.problems))
            self.import_button.setEnabled(False)
            self.reveal.hide()
            self._polish()
            return False
        people = self.parsed.participants
        new = [name for name, _ in plan.new_people]
        rounds = plan.rounds
        overwrite = plan.replaced
        lines = [
            f"{len(self.parsed.rows)} ratings from {len(people)} participants, "
            f"round{'s' if len(rounds) > 1 else ''} {', '.join(map(str, rounds))}.",
        ]
        if new:
            lines.append(f"New participants to add: {', '.join(new)}.")
        if overwrite:
            lines.append(f"{overwrite} existing rating{'s' if overwrite != 1 else ''} will be replaced.")
        open_blind = self._offer_reveal(ws)
        if open_blind:
            lines.append(f"Round {', '.join(map(str, open_blind))} is still being voted blind: "
                         "it stays blind unless you tick the box below.")
        lines.append("Edit > Undo reverses the whole import.")
        self.verdict.setText("All rows are valid.")
        set_role(self.verdict, "banner")
        self.report.setPlainText("\n".join(lines))
        self.import_button.setEnabled(True)
        self._polish()
        return True

    def _offer_reveal(self, ws: Workshop) -> list[int]:
        """Reveal what the file brings, unless it adds to a round the room is still voting blind (returned)."""
        assert self.parsed is not None
        blind = blind_rounds(ws, self.parsed)
        open_blind = [n for n in blind if any(r.number == n for r in ws.rounds)]
        names = ", ".join(map(str, blind))
        self.reveal.setText(f"Reveal round{'s' if len(blind) > 1 else ''} {names} after the import")
        self.reveal.setToolTip("Paper forms are usually filled in the open. Leave this off while the room "
                               "is still voting blind; reveal on the Reveal page when everyone has voted.")
        self.reveal.setChecked(not open_blind)
        self.reveal.setVisible(bool(blind))
        return open_blind

    def _polish(self) -> None:
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)

    def accept(self) -> None:
        if self.parsed is None:
            return
        try:
            self._document.apply(import_ratings, self.parsed, not self.reveal.isHidden() and self.reveal.isChecked())
        except CsvImportError as exc:  # the workshop changed since the check: the document kept it as it was
            self.verdict.setText(f"Cannot import: {exc.problems[0]}")
            set_role(self.verdict, "error")
            self.import_button.setEnabled(False)
            self._polish()
            return
        super().accept()
