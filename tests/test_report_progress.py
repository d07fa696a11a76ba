"""Handout: progress since the earlier workshop this one is linked to, with the figures of the comparison."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from workshop_app.core import operations as ops
from workshop_app.core.compare import compare_with_earlier, follow_up
from workshop_app.core.consensus import summarise
from workshop_app.core.demo import build_demo
from workshop_app.core.earlier import snapshot
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import find_rubric
from workshop_app.report import findings
from workshop_app.report.pdf import export_pdf
from workshop_app.report.progress import movement_sentences, number_word


def pages_of(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def progress_page(path: Path) -> str:
    return next(p for p in pages_of(path)[1:] if "Progress since AI in Customer Operations" in p)  # not the contents


def test_the_demo_handout_shows_then_now_and_the_earlier_actions(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    export_pdf(build_demo(), out)
    page = progress_page(out)
    assert "Progress since AI in Customer Operations: First Assessment (20 May 2026)" in page
    assert "Two pillars moved up one stage: Reality over hype and Act with precision." in page
    assert "Know your maturity and Sustain at scale stayed at Crawl." in page
    assert "The overall stage is Crawl, as it was." in page
    assert "Reality over hype 1 Crawl 2 Walk up 1 stage" in page
    assert "Know your maturity 1 Crawl 1 Crawl no change" in page
    assert "Overall stage 1 Crawl 1 Crawl no change" in page
    assert "Three of the five earlier actions are done." in page
    done, rest = page.split("Not done yet")
    assert "Use AI summaries and theme analysis to confirm or challenge that problem list" in done
    assert "Run a cross-functional maturity workshop with blind individual ratings" in rest
    assert "Agree a short AI policy for CX covering approval, oversight and escalation" in rest
    summary = pages_of(out)[1]
    assert "Progress since the last workshop." in summary and "two pillars moved up and two pillars stayed where they were" in summary


def test_a_follow_up_handout_counts_actions_done_since_and_medians(tmp_path: Path) -> None:
    old = build_demo()
    new = follow_up(old, today=dt.date(2027, 5, 20), earlier_file="Northwind.workshop")
    new.ensure_first_round()
    for person in new.participants:
        for pillar, stage in zip(new.rubric.pillar_ids, (3, 1, 2, 3), strict=True):
            ops.set_rating(new, person.id, pillar, 1, stage)
    ops.set_revealed(new, 1)
    ops.update_action(new, new.actions[0].id, status="done")
    out = tmp_path / "follow-up.pdf"
    export_pdf(new, out)
    page = progress_page(out)
    assert "Progress since AI in Customer Operations: Maturity Workshop (18 November 2026)" in page
    assert "Reality over hype 2 Walk 3 Run (median) up 1 stage" in page
    assert "Sustain at scale 1 Crawl 3 Run (median) up 2 stages" in page
    assert "Act with precision stayed at Walk." in page and "Know your maturity stayed at Crawl." in page
    assert f"One of the {number_word(len(old.actions))} earlier actions is done." in page


def test_no_section_without_a_link_and_words_for_a_mismatch(tmp_path: Path) -> None:
    ws = build_demo()
    ws.earlier = None
    out = tmp_path / "plain.pdf"
    export_pdf(ws, out)
    assert not any("Progress since" in p for p in pages_of(out))
    assert "Progress since the last workshop" not in pages_of(out)[1]
    ws.earlier = snapshot(Workshop(rubric=find_rubric("foundation-to-optimizing")), "other.workshop")
    export_pdf(ws, out)
    page = next(p for p in pages_of(out)[1:] if "Progress since" in p)
    assert "cannot be compared with this one" in page and "foundation-to-optimizing" in page


def test_movement_sentences_name_ups_downs_and_unknowns() -> None:
    ws = build_demo()
    stages = {"reality-over-hype": 3, "know-your-maturity": 2, "act-with-precision": 3, "sustain-at-scale": 2}
    earlier = replace(ws.earlier, pillars=tuple(replace(p, agreed=stages[p.id]) for p in ws.earlier.pillars),
                      overall=2)
    ops.clear_decision(ws, "sustain-at-scale")  # and no ratings: no stage today
    ws.rounds[0].pillars.remove("sustain-at-scale")
    ws.ratings = [r for r in ws.ratings if r.pillar != "sustain-at-scale"]
    c = compare_with_earlier(earlier, ws)
    assert movement_sentences(c) == [
        "Three pillars moved down one stage: Reality over hype, Know your maturity and Act with precision.",
        "Sustain at scale: no stage on one side yet, so no movement can be given.",
        "The overall stage moved from Walk to Crawl.",
    ]
    ops.link_earlier(ws, earlier)
    finding = findings._progress(ws, summarise(ws))
    assert finding is not None
    assert finding.text == ("Since AI in Customer Operations: First Assessment (20 May 2026), three pillars moved "
                            "down; the overall stage moved from 2 Walk to 1 Crawl.")
    ops.set_decision(ws, "sustain-at-scale", 2, 3, "")
    c = compare_with_earlier(replace(earlier, pillars=tuple(replace(p, agreed=1) for p in earlier.pillars)), ws)
    assert movement_sentences(c)[:2] == [
        "Three pillars moved up one stage: Reality over hype, Act with precision and Sustain at scale.",
        "Know your maturity stayed at Crawl.",
    ]
