"""The roadmap as a plan: a timeline of actions by horizon and pillar, then each action in a table.

Each action gets a number that appears on the timeline and in the table, an owner, a
priority, a success measure and an optional due date. The measure is the one recorded
with the action (the roadmap builder proposes one from the rubric); an action without
one gets a proposal here: what the pillar's next stage looks like, in the model's words
(each action of a pillar takes a different statement, so no line repeats down the table).
"""

from __future__ import annotations

import re

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Table
from reportlab.platypus.flowables import Flowable

from workshop_app.core.model import HORIZONS, PRIORITIES, STATUSES, RoadmapAction
from workshop_app.core.roadmap import HORIZON_ORDER, PRIORITY_ORDER, sort_actions
from workshop_app.report import textruns
from workshop_app.report.brand import readable_as_text
from workshop_app.report.context import ReportContext
from workshop_app.report.findings import join_names, shorten
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading
from workshop_app.report.styles import MUTED, RULE, TEXT, ZEBRA, table_style

#: The builder's own detail line ("Moves X from A towards B."): the pillar column says as much.
_BUILDER_DETAIL = re.compile(r"^Moves .+ from .+ towards .+\.$")
MEASURE_CHARS = 150
PRIORITY_MARKS = {"high": "▲▲▲", "medium": "▲▲", "low": "▲"}
CHIP_R = 6.6
ROW_H = 18.0


def success_measures(ctx: ReportContext, actions: list[RoadmapAction]) -> dict[str, str]:
    """Action id -> a proposed success measure from the rubric's description of the next stage."""
    ws, rubric = ctx.workshop, ctx.workshop.rubric
    used: dict[tuple[str, int], int] = {}
    out: dict[str, str] = {}
    for action in actions:
        if action.pillar not in rubric.pillar_ids:
            continue
        decision = ws.decision(action.pillar)
        current = decision.agreed if decision.agreed is not None else ctx.summary.stats(action.pillar).median
        if current is None or current >= rubric.k:
            continue
        stage = current + 1
        if action.horizon == "6-12m" and decision.target is not None and decision.target > stage:
            stage = decision.target
        levels = rubric.levels_for(action.pillar, stage)
        if not levels:
            continue
        n = used.get((action.pillar, stage), 0)
        used[(action.pillar, stage)] = n + 1
        out[action.id] = shorten(levels[n % len(levels)], MEASURE_CHARS)
    return out


def _due_text(iso: str) -> str:
    """'2027-03-31' -> '31 March 2027' (as the cover writes dates); anything else as stored."""
    from datetime import date

    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _numbered(actions: list[RoadmapAction]) -> list[tuple[int, RoadmapAction]]:
    ordered = sort_actions([a for a in actions if a.horizon in HORIZON_ORDER and a.priority in PRIORITY_ORDER])
    ordered += [a for a in actions if a not in ordered]
    return list(enumerate(ordered, start=1))


def _chip_fill(ctx: ReportContext, priority: str) -> tuple[colors.Color, colors.Color]:
    """Fill and number colour of a timeline chip: darker for higher priority."""
    p = ctx.styles.primary
    if priority == "high":
        return p, colors.white if readable_as_text(ctx.brand.primary) else TEXT
    if priority == "medium":
        return colors.Color(*(0.72 + 0.28 * v for v in (p.red, p.green, p.blue))), TEXT
    return colors.white, TEXT


def timeline(ctx: ReportContext, numbered: list[tuple[int, RoadmapAction]]) -> Drawing:
    """Pillars down, horizons across; each action a numbered chip in its pillar's row."""
    rubric, fonts = ctx.workshop.rubric, ctx.fonts
    pillars = [p.id for p in rubric.pillars if any(a.pillar == p.id for _, a in numbered)]
    if any(a.pillar not in rubric.pillar_ids for _, a in numbered):
        pillars.append("")
    label_w = min(42 * mm, ctx.width * 0.26)
    lanes = list(HORIZON_ORDER)
    lane_w = (ctx.width - label_w) / len(lanes)
    height = ROW_H * len(pillars) + 22
    d = Drawing(ctx.width, height, initialFontName=fonts.regular)  # else Helvetica is referenced
    top = height - 16
    for i, horizon in enumerate(lanes):
        x = label_w + i * lane_w
        d.add(Rect(x + 1, 0, lane_w - 2, top, fillColor=ZEBRA if i % 2 == 0 else colors.white, strokeColor=None))
        d.add(textruns.group(x + 4, top + 5, fonts.runs(HORIZONS[horizon], fonts.bold), 8, ctx.styles.ink))
    d.add(Line(label_w, top, ctx.width, top, strokeColor=ctx.styles.primary, strokeWidth=1.2))
    for r, pillar in enumerate(pillars):
        y = top - (r + 0.5) * ROW_H
        name = rubric.pillar(pillar).name if pillar else "Other"
        d.add(textruns.group(0, y - 3, textruns.fit(fonts, shorten(name, 34), fonts.regular, 7.5, label_w - 4), 7.5,
                             TEXT))
        d.add(Line(0, y - ROW_H / 2, ctx.width, y - ROW_H / 2, strokeColor=RULE, strokeWidth=0.3))
        for i, horizon in enumerate(lanes):
            chips = [(n, a) for n, a in numbered if (a.pillar == pillar or (not pillar and a.pillar not in
                                                                           rubric.pillar_ids)) and a.horizon == horizon]
            per_row = max(1, int((lane_w - 8) // (2 * CHIP_R + 2.5)))
            for j, (n, action) in enumerate(chips[:per_row]):
                cx = label_w + i * lane_w + 4 + CHIP_R + j * (2 * CHIP_R + 2.5)
                fill, ink = _chip_fill(ctx, action.priority)
                d.add(Circle(cx, y, CHIP_R, fillColor=fill, strokeColor=ctx.styles.primary, strokeWidth=0.7))
                d.add(String(cx, y - 2.5, str(n), fontName=fonts.bold, fontSize=7 if n < 100 else 5.5,
                             fillColor=ink, textAnchor="middle"))
            if len(chips) > per_row:
                x = label_w + i * lane_w + 4 + per_row * (2 * CHIP_R + 2.5)
                d.add(String(x - 2, y - 2.5, f"+{len(chips) - per_row}", fontName=fonts.regular, fontSize=6.5,
                             fillColor=MUTED))
    return d


def _rows(ctx: ReportContext, numbered: list[tuple[int, RoadmapAction]], measures: dict[str, str]
          ) -> list[list[Paragraph]]:
    s, fm = ctx.styles, ctx.fonts.markup
    pillar_ids = ctx.workshop.rubric.pillar_ids
    rows = [[Paragraph(h, s.head) for h in ("#", "Action and success measure", "Pillar", "Owner", "Priority",
                                            "Status")]]
    for n, a in numbered:
        text = f"<b>{ctx.esc(a.title)}</b>"
        detail = a.detail.strip()
        if detail and not _BUILDER_DETAIL.match(detail):
            text += f"<br/><font size='7.5' color='#5b6775'>{ctx.esc(shorten(detail, 300))}</font>"
        measure = a.measure.strip() or measures.get(a.id, "")
        if measure:
            text += f"<br/><font size='7.5' color='#5b6775'><b>Done when:</b> {ctx.esc(measure)}</font>"
        if a.due:
            text += f"<br/><font size='7.5' color='#5b6775'><b>Due:</b> {ctx.esc(_due_text(a.due))}</font>"
        owner = (ctx.esc(ctx.owner(a.owner)) if a.owner.strip()
                 else "<font color='#5b6775'>to assign</font>")
        rows.append([
            Paragraph(f"<b>{n}</b>", s.cell),
            Paragraph(text, s.cell),
            Paragraph(ctx.pillar_name(a.pillar) if a.pillar in pillar_ids else fm(a.pillar), s.cell),
            Paragraph(owner, s.cell),
            Paragraph(f"{fm(PRIORITIES.get(a.priority, a.priority))} <font size='6.5'>"
                      f"{PRIORITY_MARKS.get(a.priority, '')}</font>", s.cell),
            Paragraph(fm(STATUSES.get(a.status, a.status)), s.cell),
        ])
    return rows


def roadmap(ctx: ReportContext) -> list[Flowable]:
    """The plan: a timeline to see it at a glance, then each horizon's actions in a table."""
    s, w = ctx.styles, ctx.width
    story: list[Flowable] = [CondPageBreak(70 * mm), heading(ctx, "Roadmap")]
    actions = list(ctx.workshop.actions)
    if not actions:
        story.append(Paragraph("No roadmap actions have been recorded yet.", s.body))
        return story
    numbered = _numbered(actions)
    counts = [f"{n} {p}" for p in PRIORITY_ORDER if (n := sum(1 for a in actions if a.priority == p))]
    story.append(Paragraph(
        f"{len(actions)} actions over the next twelve months ({join_names(counts)} priority). On the timeline each number is an action in the tables below; the darker "
        "the circle, the higher the priority. Owners are named by the organisation, not the facilitator. "
        "“Done when” is the success measure agreed for the action, or one proposed from the model's "
        "description of the pillar's next stage.",
        s.body))
    story.append(KeepTogether([timeline(ctx, numbered)]))
    measures = success_measures(ctx, [a for _, a in numbered])
    loose_h2 = ParagraphStyle("h2", parent=s.h2, keepWithNext=0)  # same name: still a level-2 bookmark
    groups = [(HORIZONS[h], [(n, a) for n, a in numbered if a.horizon == h]) for h in HORIZON_ORDER]
    groups.append(("Other horizons", [(n, a) for n, a in numbered if a.horizon not in HORIZON_ORDER]))
    for label, group in groups:
        if not group:
            continue
        table = Table(_rows(ctx, group, measures), colWidths=[w * 0.05, w * 0.45, w * 0.15, w * 0.14, w * 0.1,
                                                               w * 0.11], repeatRows=1, hAlign="LEFT")
        table.setStyle(table_style(s))
        # a long table may start low on a page and split (its header repeats); the heading stays with it
        story.append(CondPageBreak(50 * mm))
        story.append(Paragraph(f"{ctx.fonts.markup(label)} <font size='9' color='#5b6775'>"
                               f"({len(group)} action{'s' if len(group) != 1 else ''})</font>", loose_h2))
        story.append(table)
    return story
