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
from reportlab.pdfbase.ttfonts import TTFError
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from workshop_app import APP_NAME
from workshop_app.core.anonymity import naming_refusal
from workshop_app.core.atomicfile import TEMP_SUFFIX, clean_stale_temps, default_mode, temp_prefix
from workshop_app.core.consensus import summarise
from workshop_app.core.model import Workshop
from workshop_app.core.revealed import revealed_only
from workshop_app.report import appendix, closing, disagreement, perspectives, pillars, plan, sections, target
from workshop_app.report.brand import Brand, default_brand_path, load_brand
from workshop_app.report.chrome import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PageFacts,
    canvas_class,
    cover_page,
    page_chrome,
)
from workshop_app.report.context import ReportContext
from workshop_app.report.errors import ReportError
from workshop_app.report.findings import draft_reasons, shorten
from workshop_app.report.fonts import register_fonts, with_system_fallback
from workshop_app.report.logo import load_logo
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.progress import progress_section
from workshop_app.report.rtl import NBSP, visual
from workshop_app.report.styles import make_styles

__all__ = ["PAPER_SIZES", "ReportError", "export_pdf", "handout_draft_reasons", "handout_warnings"]

PAPER_SIZES = {"a4": A4, "letter": LETTER}
LANGUAGE = "en-GB"  # the handout's own text; screen readers and hyphenation follow it
Progress = Callable[[int, int, str], None]


class _Handout(BaseDocTemplate):
    """Adds an outline entry (PDF bookmark) for every section and sub-section heading."""

    def __init__(self, filename: str, facts: PageFacts, **kw: Any) -> None:
        super().__init__(filename, **kw)
        self._marks = 0
        self._facts = facts

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook name
        if not isinstance(flowable, Paragraph):
            return
        level = {"h1": 0, "h2": 1}.get(flowable.style.name)
        if level is None:
            return
        self._marks += 1
        key = f"section-{self._marks}"
        # Back to typing order: a bookmark viewer lays out right-to-left text itself, and the cover's
        # contents list puts it in display order again when it draws the line.
        text = visual(flowable.getPlainText(), breaks=False).replace(NBSP, " ")
        frame = self.frame
        top = min(frame._y + flowable.height + flowable.style.spaceBefore, frame._y1 + frame._height)
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top + 6, zoom=0)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if level == 0:
            self._facts.headings.append((text, key, self.page))


def resolve_brand(brand: str | Path | Brand | None) -> Brand:
    """The brand to use: a Brand as given, a TOML file by path, or the shipped default."""
    if isinstance(brand, Brand):
        return brand
    path = default_brand_path() if brand is None or str(brand) == "" else Path(brand)
    return load_brand(path)


def handout_draft_reasons(workshop: Workshop) -> list[str]:
    """Why the handout `export_pdf` would write for this workshop is marked DRAFT (empty: it is not).

    The command line and the export dialog call this to tell the user, in these words.
    """
    return draft_reasons(revealed_only(workshop))


def _printed_texts(workshop: Workshop, brand: Brand) -> list[str]:
    """Every piece of typed, rubric or brand text the handout may print, to check the fonts cover it."""
    d, r = workshop.details, workshop.rubric
    texts = [d.title, d.client, d.site, d.facilitator, r.name]
    texts += [brand.name, brand.footer, brand.tagline, brand.contact]  # the cover, every footer, the closing page
    texts += [t for p in workshop.participants for t in (p.name, p.role)]
    texts += [x.comment for x in workshop.ratings if x.comment]
    texts += [x.rationale for x in workshop.decisions.values() if x.rationale]
    texts += [t for a in workshop.actions for t in (a.title, a.detail, a.owner)]
    texts += [n.text for n in workshop.notes]
    earlier = workshop.earlier  # the progress section prints the earlier workshop's own words
    if earlier is not None:
        texts += [earlier.details.title, earlier.details.client, *earlier.stage_names]
        texts += [p.name for p in earlier.pillars] + [a.title for a in earlier.actions]
    texts += [t for st in r.stages for t in (st.name, st.summary, st.role, st.aim, st.risk)]
    for pillar in r.pillars:
        texts += [pillar.name, pillar.description]
        for number in range(1, r.k + 1):
            texts += [*r.levels_for(pillar.id, number), *r.actions_leaving(pillar.id, number)]
    return [t for t in texts if t]


def handout_warnings(workshop: Workshop, brand: str | Path | Brand | None = None) -> list[str]:
    """One line per text the handout cannot print because no font on this computer has its characters.

    The command line and the export dialog show these after exporting; an empty list means all prints.
    """
    brand_obj = resolve_brand(brand)
    fonts = register_fonts(brand_obj.font, brand_obj.font_bold, brand_obj.source)
    _, unprintable = with_system_fallback(fonts, _printed_texts(revealed_only(workshop), brand_obj))
    return [f"'{shorten(text, 60)}' prints with \ufffd marks: no font on this computer has its characters"
            for text in unprintable]


def _metadata(workshop: Workshop, brand: Brand, anonymous: bool, draft: list[str]) -> dict[str, str]:
    d = workshop.details
    names = {p.name.strip().casefold() for p in workshop.participants}
    author = d.facilitator.strip()
    if not author or (anonymous and author.casefold() in names):
        author = brand.name
    elif brand.name:
        author = f"{author}, {brand.name}"
    title = d.title.strip() or "Maturity workshop"
    subject = f"{workshop.rubric.name} maturity assessment" + (f" for {d.client.strip()}" if d.client.strip() else "")
    keywords = f"maturity, roadmap, {workshop.rubric.name}"
    if draft:
        title, subject = f"DRAFT: {title}", f"{subject} (draft: {'; '.join(draft)})"
        keywords = f"draft, {keywords}"
    return {"title": title, "author": author, "subject": subject, "creator": APP_NAME, "keywords": keywords}


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
    Only revealed rounds are printed: a round still being rated blind stays private. A workshop
    with a round voted with names hidden is never printed with names (the room was promised).
    """
    if not anonymous and naming_refusal(workshop):
        raise ReportError(naming_refusal(workshop))
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
    fonts, _ = with_system_fallback(fonts, _printed_texts(workshop, brand_obj))
    logo = load_logo(brand_obj)
    styles = make_styles(brand_obj, fonts)
    width = page_size[0] - 2 * MARGIN_X
    ctx = ReportContext(workshop=workshop, summary=summarise(workshop), brand=brand_obj, fonts=fonts,
                        styles=styles, width=width, anonymous=anonymous,
                        height=page_size[1] - MARGIN_TOP - MARGIN_BOTTOM)

    report(1)
    story: list[Flowable] = [NextPageTemplate("body"), *sections.cover(ctx, logo), PageBreak()]
    builders = [
        (2, [sections.executive_summary]),
        (2, [target.target_state, progress_section]),
        (3, [disagreement.disagreement]),
        (4, [pillars.pillar_sections]),
        (5, [plan.roadmap, pillars.notes, perspectives.perspectives]),
        (6, [appendix.methodology, appendix.long_comments, appendix.participants, closing.closing]),
    ]
    for step, parts in builders:
        report(step)
        for part in parts:
            story.extend(part(ctx))
        if step == 2:  # later sections follow on the same page when there is room (no near-empty pages)
            story.append(PageBreak())

    report(7)
    draft = draft_reasons(workshop)
    meta = _metadata(workshop, brand_obj, anonymous, draft)
    title = workshop.details.title.strip() or "Maturity workshop"
    facts = PageFacts(title=(" · " if fonts.has("·") else " - ").join(
        t for t in (workshop.details.client.strip(), title) if t), draft=tuple(draft))
    descriptor, temp_name = _temp_file(folder, out)
    os.close(descriptor)
    try:
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, width, page_size[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc = _Handout(temp_name, facts, pagesize=page_size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                       topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, lang=LANGUAGE,
                       initialFontName=fonts.regular, **meta)
        doc.addPageTemplates([
            PageTemplate("cover", frames=[frame], onPage=cover_page(brand_obj, fonts, page_size)),
            PageTemplate("body", frames=[frame]),
        ])
        chrome = page_chrome(brand_obj, fonts, logo, facts, page_size)
        with _binary_streams():
            doc.build(story, canvasmaker=canvas_class(chrome))
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
