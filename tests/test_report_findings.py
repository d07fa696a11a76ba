"""Key findings and draft rules: built from the data, never obvious, never contradicting the figures."""

from __future__ import annotations

from workshop_app.core import operations as ops
from workshop_app.core.consensus import summarise
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.sample import large_workshop
from workshop_app.report import findings


def _room(stages_by_pillar: dict[str, tuple[int | None, ...]], decisions: dict[str, tuple[int, int]] | None = None
          ) -> Workshop:
    """A demo-rubric workshop with one revealed round of the given ratings."""
    ws = build_demo()
    ws.ratings, ws.rounds, ws.decisions, ws.actions = [], [], {}, []
    people = ws.participants
    ws.ensure_first_round()
    for pillar, stages in stages_by_pillar.items():
        for person, stage in zip(people, stages, strict=False):
            ops.set_rating(ws, person.id, pillar, 1, stage)
    ops.set_revealed(ws, 1)
    for pillar, (agreed, target) in (decisions or {}).items():
        ops.set_decision(ws, pillar, agreed, target, "")
    return ws


EVEN = {"reality-over-hype": (2,) * 8, "know-your-maturity": (2,) * 8,
        "act-with-precision": (2,) * 8, "sustain-at-scale": (2,) * 8}


def test_the_demo_has_three_to_five_findings_naming_its_strongest_and_weakest_pillars() -> None:
    ws = build_demo()
    found = findings.key_findings(ws, summarise(ws))
    assert 3 <= len(found) <= 5
    text = " ".join(f.text for f in found)
    assert "Know your maturity and Sustain at scale trail at 1 Crawl" in text
    assert "Act with precision divided the room into two camps" in text
    assert "Billing queries are routed" in text  # what the comments said about why


def test_a_median_that_did_not_move_is_never_said_to_have_moved() -> None:
    ws = _room(EVEN, {p: (2, 3) for p in EVEN})
    sentence = findings.overall_sentence(ws, summarise(ws))
    assert "moved" not in sentence
    assert "Every pillar stands at that stage" in sentence


def test_the_overall_sentence_says_the_rest_stands_higher_only_when_it_does() -> None:
    ws = _room({**EVEN, "sustain-at-scale": (1,) * 8})
    sentence = findings.overall_sentence(ws, summarise(ws))
    assert "Sustain at scale, at 1 Crawl" in sentence
    assert "the median of all pillars is 2 Walk" in sentence


def test_an_even_profile_says_so_instead_of_naming_a_strongest_pillar() -> None:
    ws = _room(EVEN)
    lead = findings.key_findings(ws, summarise(ws))[0]
    assert lead.lead == "An even profile"
    assert "furthest ahead" not in lead.text


def test_the_largest_gap_names_the_pillar_and_the_size_of_the_step() -> None:
    ws = _room(EVEN, {"reality-over-hype": (2, 4), "know-your-maturity": (2, 3),
                      "act-with-precision": (2, 3), "sustain-at-scale": (2, 2)})
    gap = next(f for f in findings.key_findings(ws, summarise(ws)) if f.lead == "Largest gap to target")
    assert gap.text.startswith("Reality over hype has the furthest to go: from 2 Walk to 4 Fly, two stages")
    assert "at most one stage up" in gap.text


def test_a_room_that_agreed_everywhere_is_not_said_to_have_disagreed() -> None:
    ws = _room(EVEN)
    leads = [f.lead for f in findings.key_findings(ws, summarise(ws))]
    assert "Where the room agreed" in leads and "Where the room disagreed" not in leads


def test_the_revote_finding_names_medians_that_changed_and_who_changed() -> None:
    ws = build_demo()
    moved = next(f for f in findings.key_findings(ws, summarise(ws)) if f.lead == "What the re-vote changed")
    assert "views came closer on Know your maturity" in moved.text
    assert "went down from 3 Run to 1 Crawl after one person changed their rating" in moved.text
    assert "median of Know your maturity" not in moved.text  # it held: not said to move


def test_a_long_comment_is_shortened_in_a_finding() -> None:
    ws = build_demo()
    rating = next(r for r in ws.ratings if r.pillar == "act-with-precision" and r.comment and r.round == 1)
    rating.comment = "word " * 400
    text = " ".join(f.text for f in findings.key_findings(ws, summarise(ws)))
    assert "…" in text and len(text) < 2000


def test_large_room_findings_stay_short_and_name_how_many_share_the_gap() -> None:
    ws = large_workshop()
    found = findings.key_findings(ws, summarise(ws))
    assert 3 <= len(found) <= 5
    assert all(len(f.text) < 700 for f in found)


def test_draft_reasons() -> None:
    assert findings.draft_reasons(build_demo()) == []
    ws = _room(EVEN)
    reasons = findings.draft_reasons(ws)
    assert "no stage has been agreed" in reasons and "there is no roadmap" in reasons
    one = _room({"reality-over-hype": (2,)}, {"reality-over-hype": (2, 3)})
    assert "fewer than two people rated" in findings.draft_reasons(one)
    assert "three of the four pillars have no agreed stage" in findings.draft_reasons(one)


def test_small_room_caveat_applies_below_five_raters() -> None:
    ws = _room({p: v[:4] for p, v in EVEN.items()})
    assert findings.small_room(ws, summarise(ws))
    ws = build_demo()
    assert not findings.small_room(ws, summarise(ws))


def test_words_and_shorten() -> None:
    assert findings.plural(1, "stage") == "one stage" and findings.plural(12, "stage") == "12 stages"
    assert findings.join_names(["A", "B", "C"]) == "A, B and C"
    assert findings.shorten("a b c", 10) == "a b c"
    assert findings.shorten("alpha beta gamma delta", 12) == "alpha beta…"
