"""The closing page: what happens next, and who to call."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, PageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from workshop_app.core.model import Workshop
from workshop_app.core.roadmap import has_discussion_left
from workshop_app.report.context import ReportContext
from workshop_app.report.findings import join_names, plural, words
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading

REASSESS_MONTHS = 6


def next_steps(workshop: Workshop, pillar_names: dict[str, str], unsettled: list[str]) -> list[str]:
    """Plain-text next steps from the state the workshop ended in (most urgent first)."""
    steps: list[str] = []
    open_actions = [a for a in workshop.actions if a.status != "done"]
    if unsettled:
        steps.append(f"Settle the stage of {join_names([pillar_names[p] for p in unsettled])}: gather the "
                     "evidence each side described and agree a stage before investing there.")
    unowned = [a for a in open_actions if not a.owner.strip()]
    if unowned:
        steps.append(f"Name an owner for the {plural(len(unowned), 'action')} that still "
                     f"{'has' if len(unowned) == 1 else 'have'} none, within two weeks.")
    soon = [a for a in open_actions if a.horizon == "90d"]
    if soon:
        steps.append(f"Start the {plural(len(soon), 'action')} planned for the next 90 days and review "
                     "progress monthly against each action's success measure.")
    if not workshop.actions:
        targets = any(d.target is not None for d in workshop.decisions.values())
        lead = "Turn the agreed targets into a roadmap" if targets else "Agree a target stage per pillar and " \
            "turn it into a roadmap"
        steps.append(f"{lead}: for each pillar, the actions that lead to its next stage, with an owner and a "
                     "horizon.")
    steps.append(f"Re-assess in about {words(REASSESS_MONTHS)} months with the same group, rating blind again, to "
                 "see which pillars moved.")
    return steps


def closing(ctx: ReportContext) -> list[Flowable]:
    """Last page: next steps from the workshop's state, then the consultancy's contact details."""
    s, ws, brand = ctx.styles, ctx.workshop, ctx.brand
    names = {p.id: p.name for p in ws.rubric.pillars}
    story: list[Flowable] = [PageBreak(), heading(ctx, "Next steps")]
    steps = next_steps(ws, names, has_discussion_left(ws, ctx.summary))
    story.append(ctx.bullets(steps))
    story.append(Spacer(1, 18 * mm))
    story.append(HRFlowable(width=36 * mm, thickness=3, color=s.accent, hAlign="LEFT", spaceAfter=10))
    lines = [f"<b>{ctx.fonts.markup(brand.name)}</b>"] if brand.name else []
    lines += [ctx.fonts.markup(t) for t in (brand.tagline, brand.contact) if t.strip()]
    facilitator = ws.details.facilitator.strip()
    if facilitator:
        lines.append(f"Your facilitator: {ctx.esc(facilitator)}")
    if lines:
        story.append(Paragraph("Questions about this handout or the next workshop", s.h3))
        story.append(Paragraph("<br/>".join(lines), s.body))
    return story
