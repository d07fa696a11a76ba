"""The handout's opening sections: cover and executive summary, and the helpers every section uses."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from workshop_app.core.model import HORIZONS, PRIORITIES
from workshop_app.core.roadmap import sort_actions
from workshop_app.report import findings
from workshop_app.report.context import ReportContext
from workshop_app.report.logo import Logo
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.styles import RULE, table_style

TOP_PRIORITIES = 3


def nice_date(text: str) -> str:
    """'2026-11-18' as '18 November 2026'; anything else as typed."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return text
    return f"{day.day} {day:%B %Y}"


def heading(ctx: ReportContext, markup: str, level: int = 1) -> Paragraph:
    style = {1: ctx.styles.h1, 2: ctx.styles.h2, 3: ctx.styles.h3}[level]
    return Paragraph(markup, style)


def key_value_table(ctx: ReportContext, rows: list[tuple[str, str]], key_width: float = 34 * mm) -> Table:
    """Label / value pairs (value markup already escaped), no header row."""
    s = ctx.styles
    data = [[Paragraph(k, s.cell_bold), Paragraph(v, s.cell)] for k, v in rows]
    table = Table(data, colWidths=[key_width, ctx.width - key_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), s.body.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, s.primary),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]))
    return table


# --------------------------------------------------------------------------- cover


def cover(ctx: ReportContext, logo: Logo | None) -> list[Flowable]:
    s, d, ws = ctx.styles, ctx.workshop.details, ctx.workshop
    story: list[Flowable] = []
    if logo is not None:
        story.append(logo.flowable(17 * mm, max_width=80 * mm))
    story.append(Spacer(1, 48 * mm))
    story.append(Paragraph("AI MATURITY WORKSHOP · ROADMAP HANDOUT", s.small))
    story.append(Spacer(1, 4))
    story.append(Paragraph(ctx.esc(d.title) or "Maturity workshop", s.title))
    if d.client:
        story.append(Paragraph(ctx.esc(d.client), s.subtitle))
    story.append(Spacer(1, 6))
    story.append(HRFlowable(width=36 * mm, thickness=3, color=s.accent, hAlign="LEFT", spaceAfter=14))
    rounds = len(ws.rounds)
    rows = [
        ("Date", ctx.esc(nice_date(d.date))),
        ("Site", ctx.esc(d.site)),
        ("Facilitator", ctx.esc(d.facilitator)),
        ("Maturity model", f"{ctx.fonts.markup(ws.rubric.name)} (version {ctx.fonts.markup(ws.rubric.version)}), "
                           f"{ws.rubric.k} stages, {len(ws.rubric.pillars)} pillars"),
        ("Participants", f"{len(ws.participants)} people, {rounds} voting round{'s' if rounds != 1 else ''}"),
    ]
    story.append(key_value_table(ctx, [(k, v) for k, v in rows if v], key_width=36 * mm))
    return story


# --------------------------------------------------------------------------- summary


def _overall_box(ctx: ReportContext) -> Table:
    s, rubric, overall = ctx.styles, ctx.workshop.rubric, ctx.summary.overall
    inner: list[Flowable] = [Paragraph("OVERALL STAGE", s.small)]
    if overall.stage is None:
        inner.append(Paragraph("Not assessed yet", s.big))
        inner.append(Paragraph(ctx.fonts.markup(findings.overall_sentence(ctx.workshop, ctx.summary)), s.body))
        return ctx.box(inner)
    stage = rubric.stage(overall.stage)
    role = f" <font color='#5b6775'>· {ctx.fonts.markup(stage.role)}</font>" if stage.role else ""
    inner.append(Paragraph(f"{ctx.stage_name(overall.stage)}{role}", s.big))
    if stage.summary:
        inner.append(Paragraph(ctx.fonts.markup(stage.summary), s.body))
    inner.append(Paragraph(ctx.fonts.markup(findings.overall_sentence(ctx.workshop, ctx.summary)), s.small))
    return ctx.box(inner)


def _stage_table(ctx: ReportContext) -> Table:
    """Per pillar: where it stands, where it aims, the gap, and how far the room agreed."""
    s, ws = ctx.styles, ctx.workshop
    head = [Paragraph(h, s.head) for h in ("Pillar", "Agreed stage", "Target", "Gap", "Room's agreement")]
    rows = [head]
    for stats in ctx.summary.pillars:
        decision = ws.decision(stats.pillar)
        current = decision.agreed if decision.agreed is not None else stats.median
        agreed = ctx.stage_name(decision.agreed)
        if decision.agreed is None and stats.median is not None:
            agreed = f"{ctx.stage_name(stats.median)} <font color='#5b6775'>(median, not agreed)</font>"
        elif decision.override:
            agreed += f" <font color='#5b6775'>(median {ctx.stage_name(stats.median)})</font>"
        gap = "–"
        if current is not None and decision.target is not None:
            steps = decision.target - current
            gap = "holds" if steps <= 0 else f"+{steps}"
        rows.append([
            Paragraph(ctx.pillar_name(stats.pillar), s.cell_bold),
            Paragraph(agreed, s.cell),
            Paragraph(ctx.stage_name(decision.target), s.cell),
            Paragraph(gap, s.cell),
            Paragraph(ctx.level(stats.level), s.cell),
        ])
    w = ctx.width
    table = Table(rows, colWidths=[w * 0.33, w * 0.25, w * 0.15, w * 0.09, w * 0.18], repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(s))
    return table


def profile_drawing(ctx: ReportContext) -> Drawing:
    """Agreed and target stage per pillar, with the room's median, as a vector chart."""
    from workshop_app.report import vcharts

    ws = ctx.workshop
    names = [p.name for p in ws.rubric.pillars]
    agreed = [ws.decision(p.id).agreed for p in ws.rubric.pillars]
    target = [ws.decision(p.id).target for p in ws.rubric.pillars]
    medians = [ctx.summary.stats(p.id).median for p in ws.rubric.pillars]
    height = min(7.5, 0.9 + 0.34 * max(len(names), 2)) * 72
    return vcharts.profile(ctx.fonts, ctx.palette(), [st.name for st in ws.rubric.stages], names, agreed, target,
                           medians, ctx.width, height)


def small_room_note(ctx: ReportContext) -> Paragraph | None:
    """The caveat printed next to agreement figures of a room of fewer than five raters."""
    if not findings.small_room(ctx.workshop, ctx.summary):
        return None
    return Paragraph(f"<b>Small room:</b> {findings.SMALL_ROOM_CAVEAT}", ctx.styles.caption)


def _height(flowables: list[Flowable], width: float, room: float) -> float:
    """Height the flowables take in the frame, with their spacing (what decides if a page holds them)."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    scratch = Canvas(BytesIO())  # lists measure their bullets on a canvas; nothing is drawn
    total = 0.0
    for f in flowables:
        total += f.wrapOn(scratch, width, room)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def executive_summary(ctx: ReportContext) -> list[Flowable]:
    """One page: where the organisation stands and aims, what the day found, what comes first.

    A big model (many pillars, long names) makes the table tall; then fewer findings and
    priorities are shown (never under three findings) so the summary still fits its page.
    """
    s, ws = ctx.styles, ctx.workshop
    head: list[Flowable] = [heading(ctx, "Executive summary"), _overall_box(ctx), Spacer(1, 8)]
    rated = sum(1 for p in ctx.summary.pillars if p.n)
    people = findings.raters(ws, ctx.summary)
    scope = (f"all {findings.words(rated)}" if rated == len(ws.rubric.pillars)
             else f"{findings.words(rated)} of the {findings.words(len(ws.rubric.pillars))}")
    intro = (f"{findings.plural(people, 'participant').capitalize()} rated {scope} "
             f"pillars of the {ctx.fonts.markup(ws.rubric.name)} model on their own, before seeing anyone "
             f"else's rating, in {findings.plural(len(ws.rounds), 'round')}. ")
    head.append(Paragraph(intro, s.body))
    head.append(_stage_table(ctx))
    note = small_room_note(ctx)
    if note is not None:
        head.append(note)
    found = findings.key_findings(ws, ctx.summary)
    shown, priorities = len(found), TOP_PRIORITIES
    while True:
        story = list(head)
        if found:
            story.append(heading(ctx, "Key findings", 2))
            story.append(ctx.bullets([f"<b>{ctx.esc(f.lead)}.</b> {ctx.esc(f.text)}" for f in found[:shown]],
                                     user=False))
        story.extend(_top_priorities(ctx, priorities))
        if not ctx.height or _height(story, ctx.width, ctx.height) <= ctx.height - 4:
            return story
        if shown > 3:
            shown -= 1
        elif priorities > 1:
            priorities -= 1
        else:
            return story


def _top_priorities(ctx: ReportContext, count: int = TOP_PRIORITIES) -> list[Flowable]:
    s = ctx.styles
    actions = [a for a in sort_actions(list(ctx.workshop.actions)) if a.status != "done"][:count]
    story: list[Flowable] = [heading(ctx, "Top priorities", 2)]
    if not actions:
        story.append(Paragraph("No roadmap actions have been recorded yet.", s.body))
        return story
    items = []
    for action in actions:
        meta = [ctx.pillar_name(action.pillar) if action.pillar in ctx.workshop.rubric.pillar_ids else "",
                ctx.fonts.markup(HORIZONS.get(action.horizon, action.horizon)),
                f"{ctx.fonts.markup(PRIORITIES.get(action.priority, action.priority))} priority"]
        if action.owner:
            meta.append(f"owner: {ctx.fonts.markup(ctx.owner(action.owner))}")
        items.append(f"<b>{ctx.esc(action.title)}</b><br/><font size='8' color='#5b6775'>"
                     f"{' · '.join(m for m in meta if m)}</font>")
    story.append(ctx.bullets(items, user=False))
    return story
