"""Roadmap builder: proposes actions from agreed and target stages; the facilitator edits them."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core.consensus import DISCUSS, POLARISED, SPLIT, Summary, summarise
from workshop_app.core.limits import MEASURE_MAX
from workshop_app.core.model import RoadmapAction, Workshop

#: Levels that mean the room has not settled a pillar yet.
UNSETTLED = (SPLIT, POLARISED)
HORIZON_ORDER = ("90d", "3-6m", "6-12m")
PRIORITY_ORDER = ("high", "medium", "low")


@dataclass(frozen=True)
class PillarPlan:
    pillar: str
    current: int
    target: int
    unsettled: bool

    @property
    def gap(self) -> int:
        return self.target - self.current


def plan_pillars(workshop: Workshop, summary: Summary | None = None) -> list[PillarPlan]:
    """Current and target stage per pillar, lowest pillar and largest gap first.

    Current is the agreed stage, else the consensus median; target is the agreed
    target, else one stage up (capped at the top stage).
    """
    summary = summary or summarise(workshop)
    k = workshop.rubric.k
    plans: list[tuple[int, PillarPlan]] = []
    for index, stats in enumerate(summary.pillars):
        decision = workshop.decisions.get(stats.pillar)
        current = decision.agreed if decision and decision.agreed is not None else stats.median
        if current is None:
            continue
        target = decision.target if decision and decision.target is not None else min(current + 1, k)
        target = max(target, current)
        decided = decision is not None and decision.agreed is not None
        plans.append((index, PillarPlan(stats.pillar, current, target, stats.level in UNSETTLED and not decided)))
    plans.sort(key=lambda item: (item[1].current, -item[1].gap, item[0]))
    return [plan for _, plan in plans]


def propose_roadmap(workshop: Workshop, summary: Summary | None = None) -> list[RoadmapAction]:
    """The rubric's actions for every step from agreed to target stage, ordered and grouped.

    Horizon: a pillar's first action for its first step lands in the next 90 days,
    the rest of that step in 3-6 months, later steps in 6-12 months. Priority:
    high for the first step on the weakest pillars (they cap the overall stage), medium for the next
    step elsewhere, low for later steps. A pillar the room has not settled first
    gets an action to align on it.
    """
    summary = summary or summarise(workshop)
    rubric = workshop.rubric
    plans = plan_pillars(workshop, summary)
    lowest = min((p.current for p in plans), default=None)
    proposed: list[RoadmapAction] = []
    for plan in plans:
        pillar = rubric.pillar(plan.pillar)
        if plan.unsettled:
            stats = summary.stats(plan.pillar)
            proposed.append(
                RoadmapAction(
                    pillar=plan.pillar,
                    title=f"Align on where {pillar.name} really stands",
                    detail=(
                        f"The room was {stats.level} on this pillar (ratings from "
                        f"{rubric.stage_label(stats.low)} to {rubric.stage_label(stats.high)}). "
                        "Gather evidence from each camp and agree the stage before investing."
                    ),
                    horizon="90d",
                    priority="high",
                )
            )
        for step, stage in enumerate(range(plan.current, plan.target)):
            nxt = rubric.stage(stage + 1).name
            looks_like = rubric.levels_for(plan.pillar, stage + 1)
            for i, title in enumerate(rubric.actions_leaving(plan.pillar, stage)):
                if step == 0:
                    horizon = "90d" if i == 0 else "3-6m"
                    # High marks what must come first: the first step on a pillar that caps the overall stage.
                    priority = "high" if plan.current == lowest and i == 0 else "medium"
                else:
                    horizon, priority = "6-12m", "low"
                proposed.append(
                    RoadmapAction(
                        pillar=plan.pillar,
                        title=title,
                        detail=f"Moves {pillar.name} from {rubric.stage(stage).name} towards {nxt}.",
                        horizon=horizon,
                        priority=priority,
                        # each action of a step takes another line of what the next stage looks like
                        measure=_shorten(looks_like[i % len(looks_like)]) if looks_like else "",
                    )
                )
    return sort_actions(proposed)


def _shorten(text: str, limit: int = MEASURE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def sort_actions(actions: list[RoadmapAction]) -> list[RoadmapAction]:
    """Stable order by horizon, then priority; the builder's pillar order stays inside."""
    return sorted(
        actions,
        key=lambda a: (HORIZON_ORDER.index(a.horizon), PRIORITY_ORDER.index(a.priority)),
    )


def has_discussion_left(workshop: Workshop, summary: Summary | None = None) -> list[str]:
    """Pillars whose level still asks for discussion and have no agreed stage."""
    summary = summary or summarise(workshop)
    return [
        s.pillar
        for s in summary.pillars
        if s.level in (DISCUSS, *UNSETTLED) and workshop.decision(s.pillar).agreed is None
    ]
