"""The roadmap as a plan: timeline, numbered actions, success measures, no repeated filler."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from workshop_app.core.consensus import summarise
from workshop_app.core.demo import build_demo
from workshop_app.core.sample import large_workshop
from workshop_app.report.brand import Brand
from workshop_app.report.context import ReportContext
from workshop_app.report.fonts import register_fonts
from workshop_app.report.pdf import export_pdf
from workshop_app.report.plan import success_measures, timeline
from workshop_app.report.styles import make_styles


def _ctx(ws) -> ReportContext:  # type: ignore[no-untyped-def]
    brand = Brand(name="Test")
    fonts = register_fonts()
    return ReportContext(workshop=ws, summary=summarise(ws), brand=brand, fonts=fonts,
                         styles=make_styles(brand, fonts), width=480, anonymous=True)


def test_each_action_gets_a_measure_from_the_rubric_and_no_two_of_a_pillar_repeat() -> None:
    ws = build_demo()
    measures = success_measures(_ctx(ws), ws.actions)
    assert len(measures) == len(ws.actions)
    by_pillar: dict[str, list[str]] = {}
    for action in ws.actions:
        by_pillar.setdefault(action.pillar, []).append(measures[action.id])
    for pillar, texts in by_pillar.items():
        assert len(set(texts)) == min(len(texts), 3), pillar
    walk = ws.rubric.levels_for("know-your-maturity", 2)[0]
    first = next(a for a in ws.actions if a.pillar == "know-your-maturity")
    assert measures[first.id] == walk


def test_the_timeline_has_a_row_per_pillar_and_a_chip_per_action() -> None:
    from reportlab.graphics.shapes import Circle

    ws = build_demo()
    ctx = _ctx(ws)
    numbered = list(enumerate(ws.actions, start=1))
    drawing = timeline(ctx, numbered)
    chips = [c for c in drawing.contents if isinstance(c, Circle)]
    assert len(chips) == len(ws.actions)
    assert drawing.width == ctx.width


def test_the_roadmap_pages_read_as_a_plan(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    export_pdf(build_demo(), out)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    start = next(i for i, t in enumerate(pages) if t.count("Roadmap") and "Next 90 days" in t and "6-12 months" in t)
    text = " ".join(pages[start:start + 2])
    assert text.count("Done when:") == 10
    assert "Moves Know your maturity from Crawl towards Walk" not in text  # the builder's filler line
    assert "2 high and 8 medium priority" in text  # high only where it must come first


def test_a_long_roadmap_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    out = tmp_path / "large.pdf"
    export_pdf(large_workshop(), out, paper="letter")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    with_rows = [t for t in pages if re.search(r"Step \d out of stage \d: name an owner", t)
                 and "Done when:" in t]
    assert len(with_rows) >= 2
    assert all("Action and success measure" in t for t in with_rows)


def test_next_steps_follow_the_state_the_workshop_ended_in() -> None:
    from workshop_app.report.closing import next_steps

    ws = build_demo()
    names = {p.id: p.name for p in ws.rubric.pillars}
    steps = next_steps(ws, names, [])
    assert steps[0].startswith("Start the four actions planned for the next 90 days")
    assert steps[-1].startswith("Re-assess in about six months")
    ws.actions[0].owner = ""
    ws.decisions = {}
    steps = next_steps(ws, names, ["act-with-precision"])
    assert steps[0].startswith("Settle the stage of Act with precision")
    assert any("Name an owner for the one action that still has none" in s for s in steps)
    ws.actions = []
    assert any(s.startswith("Agree a target stage per pillar") for s in next_steps(ws, names, []))


def test_the_closing_page_has_next_steps_and_the_brand_contact(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    export_pdf(build_demo(), out, brand=Brand(name="Solo Consulting", contact="solo@example.org · +44 20 7946 0000"))
    last = " ".join(PdfReader(out).pages[-1].extract_text().split())
    assert "Next steps" in last and "Re-assess" in last
    assert "solo@example.org · +44 20 7946 0000" in last and "Solo Consulting" in last


def test_a_recorded_measure_and_due_date_are_printed(tmp_path: Path) -> None:
    from workshop_app.core import operations as ops

    ws = build_demo()
    ops.update_action(ws, ws.actions[0].id, measure="Zebra measure agreed by the board", due="2027-03-31")
    out = tmp_path / "m.pdf"
    export_pdf(ws, out)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Done when: Zebra measure agreed by the board" in text and "Due: 31 March 2027" in text
