"""The handout's working sections: each pillar in detail, the roadmap and the day's notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether
from reportlab.platypus.flowables import Flowable

from workshop_app.report.context import ReportContext
from workshop_app.report.findings import shorten
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading

#: Longest comment printed with its pillar; a longer one is cut there and printed whole in the appendix.
COMMENT_CHARS = 600


def _comments(ctx: ReportContext, pillar_id: str) -> list[Flowable]:
    ws, s = ctx.workshop, ctx.styles
    said = [r for r in ws.ratings if r.pillar == pillar_id and r.comment.strip()]
    if not said:
        return []
    if ctx.anonymous:  # never in the order of the participant list, which would say who said what
        said.sort(key=lambda r: (r.round, r.stage is None, r.stage or 0, r.comment.strip().casefold()))
    else:
        seats = {p.id: i for i, p in enumerate(ws.participants)}
        said.sort(key=lambda r: (r.round, seats.get(r.participant, 0)))
    several_rounds = len({r.round for r in said}) > 1 or len(ws.rounds) > 1
    story: list[Flowable] = [heading(ctx, "What participants said", 3)]
    for rating in said:
        who = ctx.fonts.markup(ctx.person(rating.participant))
        context = [ctx.stage_name(rating.stage) if rating.stage is not None else "don't know"]
        if several_rounds:
            context.insert(0, f"round {rating.round}")
        text = rating.comment.strip()
        if len(text) > COMMENT_CHARS:  # a long comment never takes over the pillar's page
            ctx.long_texts.append((f"{ctx.workshop.rubric.pillar(pillar_id).name}, {ctx.person(rating.participant)}",
                                   text))
            text = shorten(text, COMMENT_CHARS)
            more = f" <font size='8' color='#5b6775'>(in full in the appendix, {len(ctx.long_texts)})</font>"
        else:
            more = ""
        story.append(Paragraph(
            f"“{ctx.esc(text)}”{more}<br/><font size='8' color='#5b6775'>— {who}, "
            f"{', '.join(context)}</font>", s.quote))
    return story


def pillar_section(ctx: ReportContext, pillar_id: str) -> list[Flowable]:
    ws, s, fm = ctx.workshop, ctx.styles, ctx.fonts.markup
    rubric = ws.rubric
    pillar = rubric.pillar(pillar_id)
    stats = ctx.summary.stats(pillar_id)
    decision = ws.decision(pillar_id)
    current = decision.agreed if decision.agreed is not None else stats.median
    opening: list[Flowable] = [heading(ctx, ctx.pillar_name(pillar_id), 2)]
    if pillar.description:
        opening.append(Paragraph(fm(pillar.description), s.small))
    facts = [f"<b>Agreed stage:</b> {ctx.stage_name(decision.agreed)}" if decision.agreed is not None
             else "<b>Agreed stage:</b> not agreed yet",
             f"<b>Target:</b> {ctx.stage_name(decision.target)}",
             f"<b>Room's median:</b> {ctx.stage_name(stats.median)}"]
    opening.append(Paragraph(" · ".join(facts), s.body))
    if decision.rationale.strip():
        title = ("Why the agreed stage differs from the room's median" if decision.override
                 else "Rationale")
        opening.append(ctx.box([Paragraph(f"<b>{title}</b>", s.cell_bold), ctx.text(decision.rationale, s.body)]))
    story: list[Flowable] = [CondPageBreak(75 * mm), KeepTogether(opening)]  # opens with some of its content
    if current is None:
        story.append(Paragraph("No stage rated or agreed yet, so there are no next steps to show.", s.body))
        story.extend(_comments(ctx, pillar_id))
        return story
    levels = rubric.levels_for(pillar_id, current)
    if levels:
        story.append(KeepTogether([heading(ctx, f"What {fm(rubric.stage(current).name)} looks like", 3),
                                   ctx.bullets(levels)]))
    target = decision.target
    if target is not None and target > current:
        aimed = rubric.levels_for(pillar_id, target)
        if aimed:
            story.append(KeepTogether([heading(ctx, f"What {fm(rubric.stage(target).name)}, the target, looks like",
                                               3), ctx.bullets(aimed)]))
    story.extend(_comments(ctx, pillar_id))
    if current < rubric.k:
        steps = rubric.actions_leaving(pillar_id, current)
        title = f"Next steps towards {fm(rubric.stage(current + 1).name)}"
        body: list[Flowable] = [ctx.bullets(steps)] if steps else [
            Paragraph("The model lists no next steps for this stage.", s.body)]
        story.append(KeepTogether([heading(ctx, title, 3), *body]))
    else:
        story.append(Paragraph("This pillar is at the model's top stage: the work is to keep it there.", s.body))
    risks = []
    stage = rubric.stage(current)
    if stage.risk:
        risks.append(f"<b>At {fm(stage.name)}:</b> {fm(stage.risk)}")
    if target is not None and target > current and rubric.stage(target).risk:
        risks.append(f"<b>On the way to {fm(rubric.stage(target).name)}:</b> {fm(rubric.stage(target).risk)}")
    if risks:
        story.append(KeepTogether([heading(ctx, "Risks to watch", 3), ctx.bullets(risks, user=False)]))
    return story


def pillar_sections(ctx: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(90 * mm), heading(ctx, "The pillars in detail")]
    story.append(Paragraph(
        "For each pillar: the stage the room agreed, what that stage looks like in practice, what participants "
        "said, the steps that lead to the next stage and the risks that come with it.", ctx.styles.body))
    for pillar in ctx.workshop.rubric.pillars:
        story.extend(pillar_section(ctx, pillar.id))
    return story


# --------------------------------------------------------------------------- notes (the roadmap is in plan.py)


def notes(ctx: ReportContext) -> list[Flowable]:
    if not ctx.workshop.notes:
        return []
    items = [n.text for n in ctx.workshop.notes if n.text.strip()]
    if not items:
        return []
    # the heading never ends a page alone: it moves with the first notes
    return [CondPageBreak(35 * mm), KeepTogether([heading(ctx, "Notes from the day", 2), ctx.bullets(items)])]
