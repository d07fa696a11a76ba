"""export_pdf: the branded handout, laid out with reportlab platypus and written atomically."""

from __future__ import annotations

import os
import stat
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.ttfonts import TTFError
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from workshop_app import APP_NAME
from workshop_app.core.atomicfile import TEMP_SUFFIX, clean_stale_temps, default_mode, temp_prefix
from workshop_app.core.consensus import summarise
from workshop_app.core.model import Workshop
from workshop_app.core.revealed import revealed_only
from workshop_app.report import appendix, pillars, sections
from workshop_app.report.brand import Brand, default_brand_path, load_brand
from workshop_app.report.context import ReportContext
from workshop_app.report.errors import ReportError
from workshop_app.report.fonts import FontSet, register_fonts
from workshop_app.report.logo import Logo, load_logo
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.styles import MUTED, RULE, make_styles

__all__ = ["PAPER_SIZES", "ReportError", "export_pdf"]

PAPER_SIZES = {"a4": A4, "letter": LETTER}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 22 * mm
Progress = Callable[[int, int, str], None]


class _Handout(BaseDocTemplate):
    """Adds an outline entry (PDF bookmark) for every section and sub-section heading."""

    def __init__(self, filename: str, **kw: Any) -> None:
        super().__init__(filename, **kw)
        self._marks = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook name
        if not isinstance(flowable, Paragraph):
            return
        level = {"h1": 0, "h2": 1}.get(flowable.style.name)
        if level is None:
            return
        self._marks += 1
        key = f"section-{self._marks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)


def _canvas_class(draw_chrome: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages back until the end, so every footer can say 'page x of y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                draw_chrome(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _chrome(brand: Brand, fonts: FontSet, logo: Logo | None, title: str, paper: tuple[float, float]
            ) -> Callable[[Canvas, int, int], None]:
    """Header and footer of every page but the cover."""
    width, height = paper
    primary = brand.primary

    def clip(text: str, font: str, size: float, room: float) -> str:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text = fonts.clean(" ".join(text.split()))
        ellipsis = "…" if fonts.has("…") else "..."
        while text and stringWidth(text, font, size) > room:
            text = text[:-(1 + len(ellipsis))].rstrip() + ellipsis
        return text

    def draw(canvas: Canvas, page: int, total: int) -> None:
        if page == 1:
            return
        canvas.saveState()
        top = height - MARGIN_TOP + 9 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, top, clip(title, fonts.regular, 7.5, width - 2 * MARGIN_X - 45 * mm))
        if logo is not None:  # right-aligned above the rule
            logo_w, _ = logo.size_for(5.5 * mm, max_width=40 * mm)
            logo.draw(canvas, width - MARGIN_X - logo_w, top - 1.2 * mm, 5.5 * mm, max_width=40 * mm)
        bottom = MARGIN_BOTTOM - 11 * mm
        canvas.setStrokeColor(primary)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN_X, bottom + 5 * mm, MARGIN_X + 14 * mm, bottom + 5 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 7.5)
        footer = brand.footer or brand.name
        canvas.drawString(MARGIN_X, bottom, clip(footer, fonts.regular, 7.5, width - 2 * MARGIN_X - 30 * mm))
        canvas.setFont(fonts.bold, 7.5)
        canvas.drawRightString(width - MARGIN_X, bottom, f"Page {page} of {total}")
        canvas.restoreState()

    return draw


def _cover_page(brand: Brand, fonts: FontSet, paper: tuple[float, float]) -> Callable[[Canvas, Any], None]:
    width, _ = paper

    def draw(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(brand.primary)
        canvas.rect(0, 0, width, 9 * mm, stroke=0, fill=1)
        canvas.setFillColor(brand.accent)
        canvas.rect(0, 9 * mm, width, 1.2 * mm, stroke=0, fill=1)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.bold, 8.5)
        canvas.drawString(MARGIN_X, 20 * mm, fonts.clean(f"Prepared by {brand.name}"))
        canvas.setFont(fonts.regular, 8)
        lines = [t for t in (brand.tagline, brand.contact) if t]
        for i, line in enumerate(lines):
            canvas.drawString(MARGIN_X, 20 * mm - (i + 1) * 4.2 * mm, fonts.clean(line))
        canvas.restoreState()

    return draw


def resolve_brand(brand: str | Path | Brand | None) -> Brand:
    """The brand to use: a Brand as given, a TOML file by path, or the shipped default."""
    if isinstance(brand, Brand):
        return brand
    path = default_brand_path() if brand is None or str(brand) == "" else Path(brand)
    return load_brand(path)


def _metadata(workshop: Workshop, brand: Brand, anonymous: bool) -> dict[str, str]:
    d = workshop.details
    names = {p.name.strip().casefold() for p in workshop.participants}
    author = d.facilitator.strip()
    if not author or (anonymous and author.casefold() in names):
        author = brand.name
    elif brand.name:
        author = f"{author}, {brand.name}"
    title = d.title.strip() or "Maturity workshop"
    subject = f"{workshop.rubric.name} maturity assessment" + (f" for {d.client.strip()}" if d.client.strip() else "")
    return {"title": title, "author": author, "subject": subject, "creator": APP_NAME,
            "keywords": f"maturity, roadmap, {workshop.rubric.name}"}


def export_pdf(
    workshop: Workshop,
    out: str | Path,
    *,
    brand: str | Path | Brand | None = None,
    paper: str = "a4",
    anonymous: bool = True,
    progress: Progress | None = None,
) -> int:
    """Write the handout PDF and return its page count; the file appears whole or not at all.

    Anonymous unless the room chose to be named (`anonymous=False`): see core/anonymity.py.
    Only revealed rounds are printed: a round still being rated blind stays private.
    """
    workshop = revealed_only(workshop)
    if paper.lower() not in PAPER_SIZES:
        raise ReportError(f"paper '{paper}' is not supported (use {' or '.join(PAPER_SIZES)})")
    page_size = PAPER_SIZES[paper.lower()]
    out = Path(out)
    if out.is_dir():
        raise ReportError(f"{out} is a folder; give a file name for the PDF")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"cannot write {out}: the folder {folder} does not exist")

    steps = ["Reading the brand", "Cover", "Executive summary", "Where the room disagreed", "Pillars", "Roadmap",
             "Methodology and participants", "Laying out the pages", "Saving"]

    def report(step: int) -> None:
        if progress is not None:
            progress(step, len(steps), steps[step])

    report(0)
    brand_obj = resolve_brand(brand)
    fonts = register_fonts(brand_obj.font, brand_obj.font_bold, brand_obj.source)
    logo = load_logo(brand_obj)
    styles = make_styles(brand_obj, fonts)
    width = page_size[0] - 2 * MARGIN_X
    ctx = ReportContext(workshop=workshop, summary=summarise(workshop), brand=brand_obj, fonts=fonts,
                        styles=styles, width=width, anonymous=anonymous)

    report(1)
    story: list[Flowable] = [NextPageTemplate("body"), *sections.cover(ctx, logo), PageBreak()]
    builders = [
        (2, [sections.executive_summary]),
        (3, [sections.disagreement]),
        (4, [pillars.pillar_sections]),
        (5, [pillars.roadmap, pillars.notes]),
        (6, [appendix.methodology, appendix.participants]),
    ]
    for step, parts in builders:
        report(step)
        for part in parts:
            story.extend(part(ctx))
        if step in (2, 3, 4):
            story.append(PageBreak())

    report(7)
    meta = _metadata(workshop, brand_obj, anonymous)
    descriptor, temp_name = _temp_file(folder, out)
    os.close(descriptor)
    try:
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, width, page_size[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc = _Handout(temp_name, pagesize=page_size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                       topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, **meta)
        doc.addPageTemplates([
            PageTemplate("cover", frames=[frame], onPage=_cover_page(brand_obj, fonts, page_size)),
            PageTemplate("body", frames=[frame]),
        ])
        chrome = _chrome(brand_obj, fonts, logo, (" · " if fonts.has("·") else " - ").join(
            t for t in (workshop.details.client.strip(), meta["title"]) if t), page_size)
        with _binary_streams():
            doc.build(story, canvasmaker=_canvas_class(chrome))
        report(8)
        pages = doc.page
        os.replace(temp_name, out)
    except OSError as exc:
        raise ReportError(f"cannot write {out}: {exc.strerror or exc}") from None
    except (TTFError, struct.error) as exc:  # checked before, so only a font changed on disk meanwhile
        raise ReportError(f"{brand_obj.source or 'brand'}: the brand font cannot be embedded ({exc})") from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return pages


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Skip ASCII85 text encoding of images: without reportlab's C accelerator it is slow."""
    from reportlab import rl_config

    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _temp_file(folder: Path, out: Path) -> tuple[int, str]:
    """A hidden temporary file beside `out` with the mode the PDF should end with.

    mkstemp makes it 0600; a handout in a team folder must be readable by the team, so
    it gets the mode of the PDF it replaces, or the user's umask (as workshop files do).
    """
    prefix = temp_prefix(out.name)
    clean_stale_temps(folder, prefix)  # left by an export that was killed
    try:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise ReportError(f"cannot write {out}: {exc.strerror or exc} (folder {folder})") from None
    try:
        mode = stat.S_IMODE(os.stat(out).st_mode)
    except OSError:
        mode = default_mode()
    try:
        os.fchmod(fd, mode)
    except (OSError, AttributeError):
        pass  # Windows, or a file system without modes: the default is fine
    return fd, name
