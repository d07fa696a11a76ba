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
    for key in ("name", "tagline", "primary", "accent", "logo", "footer", "contact"):
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
        form.addRow("Footer", self.footer)
        form.addRow("Contact", self.contact)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 360)

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

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text().strip(), "tagline": self.tagline.text().strip(),
            "primary": self.primary.property("colour"), "accent": self.accent.property("colour"),
            "logo": self.logo.text().strip(), "footer": self.footer.text().strip(),
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


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["BrandEditor", "BrandPreview", "brand_toml", "current_brand_path"]
