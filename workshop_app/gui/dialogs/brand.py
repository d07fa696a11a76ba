"""Choose the brand profile the handout carries (remembered), preview it, or write a new one."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.gui import settings as app_settings
from workshop_app.gui.style import set_role
from workshop_app.gui.widgets.common import ErrorLabel, button


def current_brand_path() -> Path | None:
    """The remembered brand, else the shipped default (None if neither exists)."""
    remembered = app_settings.brand_path()
    if remembered:
        return Path(remembered)
    try:
        from workshop_app.report.brand import default_brand_path

        return default_brand_path()
    except (ImportError, FileNotFoundError):
        return None


def brand_toml(values: dict[str, str]) -> str:
    """TOML text for a brand; JSON string quoting is valid TOML for basic strings."""
    lines = ["# Brand profile for the Maturity Workshop handout"]
    for key in ("name", "tagline", "primary", "accent", "logo", "font", "footer", "contact"):
        if values.get(key):
            lines.append(f"{key} = {json.dumps(values[key], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


class BrandPreview(QWidget):
    """Name, colour swatches and logo of a brand file, or the reason it cannot be used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.logo = QLabel()
        self.logo.setFixedSize(120, 60)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        # Name, swatches and a footer that may wrap once: a form row does not grow for wrapped text by itself.
        self.text.setMinimumHeight(4 * self.text.fontMetrics().lineSpacing() + 4)
        layout.addWidget(self.logo)
        layout.addWidget(self.text, 1)
        self.error = ""

    def show_brand(self, path: Path | None) -> bool:
        from workshop_app.report.brand import load_brand
        from workshop_app.report.errors import ReportError

        self.logo.clear()
        if path is None:
            self.error = "No brand profile found"
            self.text.setText(self.error)
            return False
        try:
            brand = load_brand(path)
        except ReportError as exc:
            self.error = str(exc)
            self.text.setText(f"<span style='color:#b3261e'>Cannot use this brand: {_esc(self.error)}</span>")
            return False
        self.error = ""
        swatch = "<span style='background:{0}; color:{0}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> {0}"
        self.text.setText(
            f"<b>{_esc(brand.name)}</b><br>{swatch.format(brand.primary)} &nbsp; {swatch.format(brand.accent)}"
            f"<br><span style='color:#5b6675'>{_esc(brand.footer or brand.contact)}</span>"
        )
        if brand.logo is not None:
            pixmap = QPixmap(str(brand.logo))
            if not pixmap.isNull():
                self.logo.setPixmap(pixmap.scaled(self.logo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
        return True


class BrandEditor(QDialog):
    """Write a new brand TOML: name, colours, logo, footer, contact.

    Signals:
        brand_saved(str): the path of the file written.
    """

    brand_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New brand profile")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.tagline = QLineEdit()
        self.primary = self._colour_button("#1f3a5f")
        self.accent = self._colour_button("#e07a1f")
        logo_row = QHBoxLayout()
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("PNG, JPEG or SVG (optional)")
        browse = button("Choose…")
        browse.clicked.connect(self._on_logo)
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        font_row = QHBoxLayout()
        self.font = QLineEdit()
        self.font.setPlaceholderText("TrueType .ttf (optional; DejaVu Sans otherwise)")
        self.font.setToolTip("The handout's text in your brand's type face; it must have the Latin letters A-Z, a-z")
        browse_font = button("Choose…")
        browse_font.clicked.connect(self._on_font)
        font_row.addWidget(self.font, 1)
        font_row.addWidget(browse_font)
        self.footer = QLineEdit()
        self.contact = QLineEdit()
        from workshop_app.report.brand import BRAND_TEXT_MAX

        for edit in (self.name, self.tagline, self.footer, self.contact):
            edit.setMaxLength(BRAND_TEXT_MAX)  # the same limit the brand file is checked against
        form.addRow("Consultancy name", self.name)
        form.addRow("Tagline", self.tagline)
        form.addRow("Primary colour", self.primary)
        form.addRow("Accent colour", self.accent)
        form.addRow("Logo", logo_row)
        form.addRow("Font", font_row)
        form.addRow("Footer", self.footer)
        form.addRow("Contact", self.contact)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 400)

    def _colour_button(self, colour: str) -> QPushButton:
        widget = QPushButton(colour)
        widget.setProperty("colour", colour)
        self._paint(widget, colour)
        widget.clicked.connect(lambda: self._pick(widget))
        return widget

    @staticmethod
    def _paint(widget: QPushButton, colour: str) -> None:
        text = "#ffffff" if QColor(colour).lightness() < 140 else "#1c2430"
        widget.setText(colour)
        widget.setProperty("colour", colour)
        widget.setStyleSheet(f"background: {colour}; color: {text};")

    def _pick(self, widget: QPushButton) -> None:
        chosen = QColorDialog.getColor(QColor(widget.property("colour")), self, "Choose a colour")
        if chosen.isValid():
            self._paint(widget, chosen.name())

    def _on_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Logo", "", "Images (*.png *.jpg *.jpeg *.svg)")
        if path:
            self.logo.setText(path)

    def _on_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Font", "", "TrueType fonts (*.ttf)")
        if path:
            self.font.setText(path)

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text().strip(), "tagline": self.tagline.text().strip(),
            "primary": self.primary.property("colour"), "accent": self.accent.property("colour"),
            "logo": self.logo.text().strip(), "font": self.font.text().strip(), "footer": self.footer.text().strip(),
            "contact": self.contact.text().strip(),
        }

    def save_to(self, path: str | Path) -> bool:
        """Check the brand as the report will, then write it; False with the message shown if not usable."""
        from workshop_app.report.brand import brand_from_dict
        from workshop_app.report.errors import ReportError

        path = Path(path)
        values = {k: v for k, v in self.values().items() if v}
        try:
            brand_from_dict(values, base=path.parent, source="brand")
            path.write_text(brand_toml(values), encoding="utf-8")
        except (ReportError, OSError) as exc:
            self.error.show_message(str(exc))
            return False
        self.brand_saved.emit(str(path))
        self.accept()
        return True

    def _on_save(self) -> None:
        folder = app_settings.app_home() / "brands"
        folder.mkdir(parents=True, exist_ok=True)
        suggested = folder / f"{self.name.text().strip() or 'brand'}.toml"
        path, _ = QFileDialog.getSaveFileName(self, "Save brand profile", str(suggested), "Brand profiles (*.toml)")
        if path:
            self.save_to(path)


#: Set once the first export has offered to set up the consultancy's brand, so it is offered once.
OFFERED_KEY = "export/brand_offered"


def brand_offer_due() -> bool:
    """Whether to offer setting up a brand: none chosen yet, and not offered before."""
    return app_settings.brand_path() is None and not _true(app_settings.settings().value(OFFERED_KEY, False))


def _true(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1")


class BrandOffer(QWidget):
    """The first export's offer to put the consultancy's own name, colours, logo and contact on the handout.

    Skippable ("Not now"), and remembered as made as soon as it is shown: it never returns.

    Signals:
        set_up(): the user wants to set up the brand now.
    """

    set_up = Signal()

    def __init__(self, sample_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        sample = f"the sample brand '{_esc(sample_name)}'" if sample_name else "a sample brand"
        self.text = QLabel(
            "<b>Put your consultancy on the handout.</b> The handout your client keeps carries the "
            "consultancy's name, colours, logo and contact details. None are set up yet, so this one "
            f"would carry {sample}. It takes a minute and is remembered for every later export.")
        self.text.setWordWrap(True)
        set_role(self.text, "banner")
        self.yes = button("Set up our brand…", primary=True)
        self.no = button("Not now")
        self.yes.clicked.connect(self._on_yes)
        self.no.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.no)
        row.addWidget(self.yes)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addSpacing(8)
        store = app_settings.settings()
        store.setValue(OFFERED_KEY, True)
        store.sync()

    def _on_yes(self) -> None:
        self.set_up.emit()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["BrandEditor", "BrandOffer", "BrandPreview", "brand_offer_due", "brand_toml", "current_brand_path"]
