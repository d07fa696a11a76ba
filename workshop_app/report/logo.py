"""The brand logo as something reportlab can draw: a raster image or an SVG drawing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image
from reportlab.platypus.flowables import Flowable

from workshop_app.report.brand import Brand, checked_file
from workshop_app.report.errors import ReportError


@dataclass
class Logo:
    """A loaded logo; `draw` places it on a page, `flowable` in the text flow."""

    aspect: float  # width / height
    reader: ImageReader | None = None
    drawing: Any = None  # reportlab Drawing from svglib
    path: str = ""

    def size_for(self, height: float, max_width: float | None = None) -> tuple[float, float]:
        width = height * self.aspect
        if max_width is not None and width > max_width:
            width, height = max_width, max_width / self.aspect
        return width, height

    def draw(self, canvas: Any, x: float, y: float, height: float, max_width: float | None = None) -> float:
        """Draw with the bottom-left corner at (x, y); returns the width used."""
        width, height = self.size_for(height, max_width)
        if self.reader is not None:
            # by path, so reportlab embeds the file once however many pages show it
            canvas.drawImage(self.path, x, y, width=width, height=height, mask="auto")
        else:
            from reportlab.graphics import renderPDF

            scale = height / self.drawing.height
            canvas.saveState()
            canvas.translate(x, y)
            canvas.scale(scale, scale)
            renderPDF.draw(self.drawing, canvas, 0, 0)
            canvas.restoreState()
        return width

    def flowable(self, height: float, max_width: float | None = None) -> Flowable:
        width, height = self.size_for(height, max_width)
        if self.reader is not None:
            image = Image(self.path, width=width, height=height, mask="auto")
        else:
            image = _ScaledDrawing(self, width, height)
        image.hAlign = "LEFT"
        return image


class _ScaledDrawing(Flowable):
    def __init__(self, logo: Logo, width: float, height: float) -> None:
        super().__init__()
        self.logo, self.width, self.height = logo, width, height

    def draw(self) -> None:
        self.logo.draw(self.canv, 0, 0, self.height)


def load_logo(brand: Brand) -> Logo | None:
    """Read the brand's logo; a broken file gives a ReportError naming it."""
    if brand.logo is None:
        return None
    where = f"{brand.source}: logo" if brand.source else "logo"
    checked_file(brand.logo, "logo", brand.source)  # bounded, regular, decodes whole: also for a Brand built in code
    if brand.logo_type == "SVG":
        return _load_svg(brand, where)
    try:
        reader = ImageReader(str(brand.logo))
        width, height = reader.getSize()
    except Exception as exc:  # reportlab and PIL raise many kinds for a damaged image
        raise ReportError(f"{where}: '{brand.logo.name}' cannot be read as an image ({exc})") from None
    if not width or not height:
        raise ReportError(f"{where}: '{brand.logo.name}' is empty")
    return Logo(aspect=width / height, reader=reader, path=str(brand.logo))


def _load_svg(brand: Brand, where: str) -> Logo:
    assert brand.logo is not None
    try:
        from svglib.svglib import svg2rlg
    except ImportError:
        raise ReportError(f"{where}: SVG logos need the svglib package; install it or use a PNG logo") from None
    try:  # references outside the logo's folder are refused; nothing is fetched from the network
        drawing = svg2rlg(str(brand.logo), external_reference_root=str(brand.logo.parent))
    except Exception as exc:
        raise ReportError(f"{where}: '{brand.logo.name}' cannot be read as SVG ({exc})") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise ReportError(f"{where}: '{brand.logo.name}' is not a usable SVG drawing")
    return Logo(aspect=drawing.width / drawing.height, drawing=drawing)
