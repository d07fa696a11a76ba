"""Key findings written from the workshop's data, in plain words (no Qt, no reportlab).

The executive summary must read like a consultant wrote it: where the organisation
stands, the largest step ahead, where the room disagreed and why, what moved in a
re-vote. Every sentence here is built from the figures, and none may state the
obvious or contradict the figures (a median that did not move is never said to move).
Texts are plain; the report escapes them and removes names in an anonymous handout.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core.consensus import POLARISED, SPLIT, Summary
from workshop_app.core.model import Workshop
from workshop_app.core.roadmap import plan_pillars

MAX_FINDINGS = 5
QUOTE_CHARS = 140  # a quote in a finding is a taste; the full comment is with its pillar
SMALL_ROOM = 5  # fewer raters than this: agreement figures carry a caveat
SMALL_ROOM_CAVEAT = "With fewer than five raters, agreement figures are indicative only."
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class Finding:
    """One key finding: a short bold lead and a sentence or two that explain it."""

    lead: str
    text: str


def words(n: int) -> str:
    """Small counts in words, as a reader expects them in a sentence."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{words(n)} {one if n == 1 else (many or one + 's')}"


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def raters(workshop: Workshop, summary: Summary) -> int:
    """The most people who gave a stage to any pillar: the room's size as far as figures go."""
    return max((p.n for p in summary.pillars), default=0)


def small_room(workshop: Workshop, summary: Summary) -> bool:
    """Whether agreement figures rest on so few raters that they need a caveat."""
    return 0 < raters(workshop, summary) < SMALL_ROOM


def overall_sentence(workshop: Workshop, summary: Summary) -> str:
    """How the overall stage was reached, without claiming a movement that is not there."""
    rubric, overall = workshop.rubric, summary.overall
    if overall.stage is None:
        return "No pillar has stage ratings or an agreed stage yet, so there is no overall stage."
    names = join_names([rubric.pillar(p).name for p in overall.weakest])
    lowest = min(overall.pillar_stages.values())
    higher = [p for p, s in overall.pillar_stages.items() if s > lowest]
    if overall.rule == "weakest-link":
        text = f"This model rates the organisation by its weakest pillar ({names}, at {rubric.stage_label(lowest)})."
        if not higher:
            text += " Every pillar stands at that stage."
        elif overall.median_of_pillars is not None and overall.median_of_pillars > lowest:
            text += (f" Most pillars stand higher: the median of all pillars is "
                     f"{rubric.stage_label(overall.median_of_pillars)}.")
        else:
            text += (f" {words(len(higher)).capitalize()} of the {words(len(overall.pillar_stages))} pillars "
                     f"stand{'s' if len(higher) == 1 else ''} higher.")
    else:
        text = f"This model takes the median of the pillar stages; the weakest pillar is {names} at " \
               f"{rubric.stage_label(lowest)}."
    if overall.missing:
        text += " Not counted (no ratings yet): " + join_names([rubric.pillar(p).name for p in overall.missing]) + "."
    return text


def _standing(workshop: Workshop, summary: Summary) -> Finding | None:
    rubric, stages = workshop.rubric, summary.overall.pillar_stages
    if len(stages) < 2:
        return None
    top, bottom = max(stages.values()), min(stages.values())
    if top == bottom:
        return Finding("An even profile",
                       f"All {words(len(stages))} assessed pillars stand at {rubric.stage_label(top)}: "
                       "no pillar is ahead to learn from, and none holds the others back.")
    strong = [rubric.pillar(p).name for p, s in stages.items() if s == top]
    weak = [rubric.pillar(p).name for p, s in stages.items() if s == bottom]
    verb = "is" if len(strong) == 1 else "are"
    text = (f"{join_names(strong)} {verb} furthest ahead at {rubric.stage_label(top)}; "
            f"{join_names(weak)} {'trails' if len(weak) == 1 else 'trail'} at {rubric.stage_label(bottom)}")
    if summary.overall.rule == "weakest-link":
        text += " and set" + ("s" if len(weak) == 1 else "") + " the overall stage"
    return Finding("Strongest and weakest", text + ".")


def _gap(workshop: Workshop, summary: Summary) -> Finding | None:
    rubric = workshop.rubric
    plans = [p for p in plan_pillars(workshop, summary) if workshop.decision(p.pillar).target is not None]
    if not plans:
        return None
    widest = max(p.gap for p in plans)
    if widest <= 0:
        return Finding("Targets", "Every pillar's target is the stage it already holds: the aim is to consolidate.")
    largest = [p for p in plans if p.gap == widest]
    if len(largest) == len(plans) and len(plans) > 1:
        return Finding("The step ahead", f"Every pillar aims {plural(widest, 'stage')} up from where it stands.")
    first = largest[0]
    if len(largest) > 2:
        text = (f"{plural(len(largest), 'pillar').capitalize()} of {words(len(plans))} aim "
                f"{plural(widest, 'stage')} up, the furthest any pillar goes")
        rest = [p.gap for p in plans if p.gap != widest]
        if rest:
            text += "; the others aim " + ("to hold their stage" if max(rest) == 0
                                           else f"at most {plural(max(rest), 'stage')} up")
        return Finding("Largest gap to target", text + ".")
    text = (f"{rubric.pillar(first.pillar).name} has the furthest to go: from {rubric.stage_label(first.current)} "
            f"to {rubric.stage_label(first.target)}, {plural(widest, 'stage')}")
    if len(largest) == 2:
        text += f" ({rubric.pillar(largest[1].pillar).name} as well)"
    rest = [p.gap for p in plans if p.gap != widest]
    if rest and max(rest) > 0:
        text += f"; elsewhere the target is at most {plural(max(rest), 'stage')} up"
    elif rest:
        text += "; the other pillars aim to hold their stage"
    return Finding("Largest gap to target", text + ".")


def quotes(workshop: Workshop, pillar_id: str, round_number: int) -> list[str]:
    """Why the room split, in its words: one comment from the low end and one from the high end of the pillar's ratings, latest round first."""
    said = [r for r in workshop.ratings if r.pillar == pillar_id and r.comment.strip() and r.stage is not None
            and r.round <= round_number]
    if not said:
        return []
    said.sort(key=lambda r: (-r.round, r.stage, r.comment.strip().casefold()))
    latest = [r for r in said if r.round == said[0].round]
    low = min(latest, key=lambda r: r.stage or 0)
    high = max(latest, key=lambda r: r.stage or 0)
    picked = [low] if low is high or low.stage == high.stage else [high, low]
    return [f"“{shorten(r.comment)}” ({workshop.rubric.stage_label(r.stage)})" for r in picked]


def _disagreement(workshop: Workshop, summary: Summary) -> Finding | None:
    rubric = workshop.rubric
    rated = [p for p in summary.pillars if p.n >= 2 and p.consensus is not None]
    if not rated:
        return None
    divided = [p for p in rated if p.level in (SPLIT, POLARISED)]
    if not divided:
        return Finding("Where the room agreed",
                       "No pillar split the room: the ratings stayed close enough to agree a stage on each.")
    worst = min(divided, key=lambda p: (p.level != POLARISED, p.consensus))
    name = rubric.pillar(worst.pillar).name
    if worst.polarised:
        low_camp, high_camp = worst.camps
        stage = {r.participant: r.stage or 0 for r in workshop.ratings_for(worst.pillar, worst.round)}
        top_low = max(stage.get(p, 0) for p in low_camp)
        bottom_high = min(stage.get(p, rubric.k) for p in high_camp)
        text = (f"{name} divided the room into two camps: {words(len(low_camp))} people rated it "
                f"{rubric.stage_label(top_low)} or lower, {words(len(high_camp))} "
                f"{rubric.stage_label(bottom_high)} or higher.")
    else:
        text = (f"{name} drew the widest spread, from {rubric.stage_label(worst.low)} to "
                f"{rubric.stage_label(worst.high)}.")
    said = quotes(workshop, worst.pillar, worst.round)
    if said:
        text += " Comments: " + "; ".join(said) + "."
    decision = workshop.decision(worst.pillar)
    if decision.agreed is not None and not decision.override:
        text += f" The room settled on {rubric.stage_label(decision.agreed)}."
    others = [rubric.pillar(p.pillar).name for p in divided if p is not worst]
    if others:
        text += f" Also divided: {join_names(others)}."
    return Finding("Where the room disagreed", text)


def _changed_minds(workshop: Workshop, pillar_id: str, before: int, after: int) -> int:
    """How many people gave a different answer in the re-vote than in the earlier round."""
    earlier = {r.participant: r.stage for r in workshop.ratings_for(pillar_id, before)}
    return sum(1 for r in workshop.ratings_for(pillar_id, after)
               if r.participant in earlier and earlier[r.participant] != r.stage)


def _movement(workshop: Workshop, summary: Summary) -> Finding | None:
    rubric = workshop.rubric
    moved = [p for p in summary.pillars if p.movement is not None]
    if not moved:
        return None
    verdicts = {"converged": "views came closer on", "diverged": "views drew further apart on",
                "unchanged": "the spread did not narrow on"}
    parts = []
    for verdict, phrase in verdicts.items():
        names = [rubric.pillar(p.pillar).name for p in moved if p.movement and p.movement.verdict == verdict]
        if names:
            parts.append(f"{phrase} {join_names(names)}")
    text = "In the re-vote " + "; ".join(parts) + "."
    shifts = []
    for stats in moved:
        m = stats.movement
        if m is None or m.median_delta == 0 or stats.median is None:
            continue
        changed = _changed_minds(workshop, stats.pillar, m.from_round, stats.round)
        shifts.append(f"the median of {rubric.pillar(stats.pillar).name} went "
                      f"{'up' if m.median_delta > 0 else 'down'} from {rubric.stage_label(stats.median - m.median_delta)} "
                      f"to {rubric.stage_label(stats.median)} after {plural(changed, 'person', 'people')} "
                      "changed their rating")
    if shifts:
        text += " " + "; ".join(shifts).capitalize()[0] + "; ".join(shifts)[1:] + "."
    else:
        text += " No pillar's median changed."
    return Finding("What the re-vote changed", text)


def _override(workshop: Workshop, summary: Summary) -> Finding | None:
    rubric = workshop.rubric
    for stats in summary.pillars:
        decision = workshop.decision(stats.pillar)
        if decision.override and decision.agreed is not None and decision.agreed != stats.median:
            text = (f"For {rubric.pillar(stats.pillar).name} the room agreed {rubric.stage_label(decision.agreed)} "
                    f"although the ratings' median was {rubric.stage_label(stats.median)}")
            if decision.rationale.strip():
                text += f": {shorten(decision.rationale, 200)}"
            return Finding("A judgement over the numbers", text.rstrip(".") + ".")
    return None


def _progress(workshop: Workshop, summary: Summary) -> Finding | None:
    """Since the earlier workshop this one is linked to (core/compare.py): how many pillars moved."""
    from workshop_app.core.compare import compare_with_earlier
    from workshop_app.report.sections import nice_date  # sections imports this module

    if workshop.earlier is None:
        return None
    c = compare_with_earlier(workshop.earlier, workshop, summary)
    moves = [p.movement for p in c.pillars if p.movement is not None]
    if not c.comparable or not moves:
        return None
    up, down = sum(m > 0 for m in moves), sum(m < 0 for m in moves)
    same = len(moves) - up - down
    parts = [f"{plural(n, 'pillar')} {what}" for n, what in (
        (up, "moved up"), (down, "moved down"), (same, "stayed where it was" if same == 1 else "stayed where they were"))
        if n]
    d = workshop.earlier.details
    when = f" ({nice_date(d.date)})" if d.date else ""
    text = f"Since {d.title or 'the earlier workshop'}{when}, {join_names(parts)}"
    then, now = c.overall_then, c.overall_now
    if then is not None and now is not None:
        text += (f"; the overall stage moved from {c.stage_label(then)} to {c.stage_label(now)}" if then != now
                 else f"; the overall stage is still {c.stage_label(now)}")
    return Finding("Progress since the last workshop", text + ".")


def key_findings(workshop: Workshop, summary: Summary) -> list[Finding]:
    """Three to five findings (fewer only when the data holds fewer), most telling first."""
    builders = (_standing, _progress, _gap, _disagreement, _movement, _override)
    found = [f for f in (build(workshop, summary) for build in builders) if f is not None]
    return found[:MAX_FINDINGS]


def draft_reasons(workshop: Workshop) -> list[str]:
    """Why a handout of this workshop is a draft; empty when it is ready to hand out.

    Pass the workshop as printed (revealed rounds only, as `export_pdf` does).
    """
    reasons = []
    pillars = workshop.rubric.pillar_ids
    undecided = [p for p in pillars if workshop.decision(p).agreed is None]
    if len(undecided) == len(pillars):
        reasons.append("no stage has been agreed")
    elif undecided:
        reasons.append(f"{words(len(undecided))} of the {plural(len(pillars), 'pillar')} "
                       f"{'has' if len(undecided) == 1 else 'have'} no agreed stage")
    if not workshop.actions:
        reasons.append("there is no roadmap")
    rating_people = {r.participant for r in workshop.ratings if r.stage is not None}
    if len(rating_people) < 2:
        reasons.append("fewer than two people rated" if rating_people else "nobody has rated yet")
    return reasons
