"""Print quality of the handout checked from the PDF itself: fonts, bookmarks, language, DRAFT, contents."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.report.pdf import export_pdf, handout_draft_reasons


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    out = tmp_path_factory.mktemp("print") / "demo.pdf"
    export_pdf(build_demo(), out)
    return PdfReader(out)


def _unfinished() -> Workshop:
    ws = build_demo()
    ws.actions, ws.decisions = [], {}
    return ws


def _fonts(reader: PdfReader) -> set[str]:
    names: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(k in descriptor.get_object()
                                                      for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(f"{font['/BaseFont']}{'' if embedded else ' (not embedded)'}")
    return names


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def test_every_font_is_embedded_and_helvetica_is_not_referenced(demo: PdfReader) -> None:
    fonts = _fonts(demo)
    assert fonts and not any("not embedded" in f for f in fonts), fonts
    assert not any("Helvetica" in f for f in fonts)


def test_bookmarks_open_the_page_their_heading_is_on(demo: PdfReader) -> None:
    outline = _outline(demo)
    assert len({page for _, page in outline}) > 3  # not every bookmark on the cover
    for title, page in outline:
        text = " ".join(demo.pages[page - 1].extract_text().split())
        assert " ".join(title.split()) in text, (title, page)


def test_outline_panel_opens_and_language_is_set(demo: PdfReader) -> None:
    root = demo.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    assert str(root["/Lang"]).startswith("en")


def test_a_finished_workshop_is_not_a_draft(demo: PdfReader) -> None:
    assert handout_draft_reasons(build_demo()) == []
    assert "DRAFT" not in demo.metadata.title
    assert "DRAFT" not in demo.pages[1].extract_text()


def test_an_unfinished_workshop_is_marked_draft_on_every_page_and_in_metadata(tmp_path: Path) -> None:
    ws = _unfinished()
    assert handout_draft_reasons(ws) == ["no stage has been agreed", "there is no roadmap"]
    out = tmp_path / "draft.pdf"
    export_pdf(ws, out)
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta.title.startswith("DRAFT") and "draft" in meta.subject and "draft" in meta["/Keywords"]
    for page in reader.pages:
        assert "DRAFT, not for distribution: no stage has been agreed; there is no roadmap" in page.extract_text()


def test_draft_reasons_read_only_revealed_rounds() -> None:
    ws = build_demo()
    for rnd in ws.rounds:
        rnd.revealed = False
    assert "nobody has rated yet" in handout_draft_reasons(ws)


def test_a_long_handout_lists_its_sections_with_pages_on_the_cover(demo: PdfReader) -> None:
    assert len(demo.pages) >= 7
    cover = demo.pages[0].extract_text()
    assert "Contents" in cover
    for title, page in _outline(demo):
        if title in ("Executive summary", "Roadmap"):
            assert f"{title} {page}" in " ".join(cover.split())
    links = [a.get_object() for a in demo.pages[0].get("/Annots", [])]
    assert len(links) >= 5


def test_small_room_carries_a_caveat_next_to_agreement(tmp_path: Path) -> None:
    ws = build_demo()
    keep = {p.id for p in ws.participants[:3]}
    ws.participants = [p for p in ws.participants if p.id in keep]
    ws.ratings = [r for r in ws.ratings if r.participant in keep]
    out = tmp_path / "small.pdf"
    export_pdf(ws, out)
    reader = PdfReader(out)
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    caveat = "With fewer than five raters, agreement figures are indicative only."
    assert caveat in pages[1]  # executive summary
    assert any(caveat in text and "Where the room disagreed" in text for text in pages)


def test_the_target_state_is_described_and_the_whole_rubric_is_one_grid(demo: PdfReader) -> None:
    ws = build_demo()
    pages = [" ".join(p.extract_text().split()) for p in demo.pages]
    grid_page = next(t for t in pages if "The model, stage by stage" in t)
    for stage in ws.rubric.stages:
        assert stage.name in grid_page
    assert grid_page.count("AGREED") == len(ws.rubric.pillars)
    assert grid_page.count("TARGET") == len(ws.rubric.pillars)
    everything = " ".join(pages)
    assert "What Run, the target, looks like" in everything
    first_target_level = ws.rubric.levels_for("reality-over-hype", 3)[0]
    assert " ".join(first_target_level.split()[:6]) in everything


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_executive_summary_of_a_big_room_fits_one_page(tmp_path: Path, paper: str) -> None:
    from workshop_app.core.sample import large_workshop

    out = tmp_path / "large.pdf"
    export_pdf(large_workshop(), out, paper=paper)
    reader = PdfReader(out)
    summary = " ".join(reader.pages[1].extract_text().split())
    assert "Executive summary" in summary
    assert "Key findings" in summary and "Top priorities" in summary
    assert "Where you are and where you aim to be" in reader.pages[2].extract_text()


def test_a_very_long_comment_is_cut_in_place_and_printed_whole_in_the_appendix(tmp_path: Path) -> None:
    ws = build_demo()
    rating = next(r for r in ws.ratings if r.comment)
    rating.comment = " ".join(f"point{i} of a long account." for i in range(1000))[:5000]
    out = tmp_path / "long.pdf"
    export_pdf(ws, out)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    appendix = max(i for i, t in enumerate(pages) if "Comments in full" in t)  # the cover lists it too
    assert any("in full in the appendix, 1)" in t for t in pages[:appendix])
    before = " ".join(pages[:appendix])
    assert "point10 of" in before and "point150 of" not in before  # cut where it is quoted
    assert "point150 of" in " ".join(pages[appendix:])  # whole in the appendix


def test_a_split_pillar_says_why_in_the_room_s_words_and_keeps_figures_small(demo: PdfReader) -> None:
    text = " ".join(" ".join(p.extract_text().split()) for p in demo.pages)
    assert "Why, in their words “Billing queries are routed and answered automatically today.” (3 Run)" in text
    assert "views came closer, median unchanged" in text
    assert "IQR" not in text  # the interquartile range is named in words, and explained in the appendix
