"""Export the PDF handout: where, paper, named or not (anonymous by default), brand; then offer to open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.anonymity import naming_refusal
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs import errors
from workshop_app.gui.dialogs.brand import (
    BrandEditor,
    BrandOffer,
    BrandPreview,
    brand_offer_due,
    current_brand_path,
)
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.widgets.common import ErrorLabel, button, named_choice

PAPERS = (("a4", "A4"), ("letter", "US Letter"))
NAMED_OFF = ("Anonymous: ratings, outliers, camps and quotes carry no name, and no role that fewer than "
             "three people share. Names appear only in the attendance list, apart from any rating.")
NAMED_ON = ("Named: each person's name is printed next to their ratings, outliers, camps and quotes. "
            "Only if the room agreed to be named.")


def suggested_pdf_path(document: WorkshopDocument) -> Path:
    if document.path is not None:
        return document.path.with_suffix(".pdf")
    return app_settings.default_workshop_folder() / "Workshop handout.pdf"


class ExportDialog(QDialog):
    """Signals (inherited): accepted after the PDF was written; `pages` holds the page count."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.pages = 0
        #: What the user should know about the PDF just written (DRAFT and why, text that cannot print).
        self.notes: list[str] = []
        self.ask_to_open = True
        self.setWindowTitle("Export PDF handout")
        layout = QVBoxLayout(self)
        #: Shown on the first export while no brand is set up: the consultancy's own brand, or skip.
        self.brand_offer: BrandOffer | None = None
        if brand_offer_due():
            self.brand_offer = BrandOffer(self._sample_brand_name())
            self.brand_offer.set_up.connect(self._on_new_brand)
            layout.addWidget(self.brand_offer)
        form = QFormLayout()
        out_row = QHBoxLayout()
        self.out_edit = QLineEdit(str(suggested_pdf_path(document)))
        browse = button("Browse…")
        browse.clicked.connect(self._on_browse)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow("Save to", out_row)
        self.paper = QComboBox()
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        stored = app_settings.settings().value("export/paper", "a4")
        self.paper.setCurrentIndex(max(self.paper.findData(stored), 0))
        form.addRow("Paper", self.paper)
        self.named, self.named_note, names = named_choice(NAMED_ON, NAMED_OFF, naming_refusal(document.workshop))
        form.addRow("Names", names)
        brand_row = QHBoxLayout()
        self.brand_preview = BrandPreview()
        choose = button("Choose…")
        new = button("New…")
        choose.clicked.connect(self._on_choose_brand)
        new.clicked.connect(self._on_new_brand)
        brand_row.addWidget(self.brand_preview, 1)
        brand_row.addWidget(choose)
        brand_row.addWidget(new)
        form.addRow("Brand", brand_row)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.brand_path = current_brand_path()
        self.brand_preview.show_brand(self.brand_path)
        self.resize(620, 420 if self.brand_offer is not None else 300)

    def set_brand(self, path: str | Path) -> bool:
        """Use and remember a brand file, if it is valid; otherwise say why and keep the brand in use."""
        if not self.brand_preview.show_brand(Path(path)):
            reason = self.brand_preview.error
            self.brand_preview.show_brand(self.brand_path)
            self._fail(f"This brand profile cannot be used, so the handout keeps the current one. {reason}")
            return False
        self.error.show_message("")
        self.brand_path = Path(path)
        app_settings.set_brand_path(path)
        if self.brand_offer is not None:
            self.brand_offer.hide()
        return True

    @staticmethod
    def _sample_brand_name() -> str:
        path = current_brand_path()
        if path is None:
            return ""
        from workshop_app.report.brand import load_brand
        from workshop_app.report.errors import ReportError

        try:
            return load_brand(path).name
        except ReportError:
            return ""

    def _on_choose_brand(self) -> None:
        start = str(self.brand_path.parent) if self.brand_path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Brand profile", start, "Brand profiles (*.toml)")
        if path:
            self.set_brand(path)

    def _on_new_brand(self) -> None:
        editor = BrandEditor(self)
        editor.brand_saved.connect(self.set_brand)
        editor.open()
        self._editor = editor

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save handout as", self.out_edit.text(), "PDF (*.pdf)")
        if path:
            self.out_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def export(self) -> bool:
        """Write the PDF now (with a progress dialog); False with the reason shown if it failed."""
        from workshop_app.report.pdf import export_pdf

        out = Path(self.out_edit.text().strip())
        if not out.name:
            self._fail("Choose where to save the PDF")
            return False
        if self.brand_preview.error:
            self._fail(f"The brand cannot be used: {self.brand_preview.error}")
            return False
        progress = QProgressDialog("Preparing the handout…", "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowTitle("Exporting PDF")
        progress.setMinimumDuration(300)

        def on_progress(*args: Any) -> None:
            numbers = [a for a in args if isinstance(a, (int, float)) and not isinstance(a, bool)]
            texts = [a for a in args if isinstance(a, str)]
            if len(numbers) >= 2 and numbers[1]:
                progress.setValue(int(100 * numbers[0] / numbers[1]))
            elif numbers:
                value = numbers[0]
                progress.setValue(int(value * 100) if value <= 1 else int(value))
            if texts:
                progress.setLabelText(texts[0])
            QApplication.processEvents()

        self._document.flush()
        paper = self.paper.currentData()
        try:
            self.pages = export_pdf(self._document.workshop, out, brand=self.brand_path, paper=paper,
                                    anonymous=not self.named.isChecked(), progress=on_progress)
        except (ValueError, OSError) as exc:
            progress.close()
            self._fail(f"The PDF could not be written: {exc}")
            return False
        progress.close()
        app_settings.settings().setValue("export/paper", paper)
        from workshop_app.report.pdf import handout_draft_reasons, handout_warnings

        reasons = handout_draft_reasons(self._document.workshop)
        self.notes = ([f"Marked DRAFT on every page: {'; '.join(reasons)}."] if reasons else [])
        self.notes += handout_warnings(self._document.workshop, self.brand_path)
        return True

    def _fail(self, message: str) -> None:
        self.error.show_message(message)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # room for the message

    def accept(self) -> None:
        if not self.export():
            return
        super().accept()
        out = Path(self.out_edit.text().strip())
        notes = "".join(f"\n\n{note}" for note in self.notes)
        if self.ask_to_open and errors.ask(self.parentWidget(), "PDF exported",
                                           f"Wrote {self.pages} pages to {out}.{notes}\n\nOpen it now?"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
