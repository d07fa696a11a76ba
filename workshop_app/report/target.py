"""The target state: where each pillar stands and aims, and the whole rubric as one path to read."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from workshop_app.report.context import ReportContext
from workshop_app.report.findings import shorten
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading, profile_drawing
from workshop_app.report.styles import RULE, table_style

#: Characters of a rubric statement shown in a grid cell: enough to recognise it, the rest is in the pillar pages.
CELL_CHARS = 95
CELL_CHARS_MANY = 62  # more than six pillars: more rows on the page, so shorter cells


def _grid(ctx: ReportContext) -> Table:
    """Pillars down, stages across; each cell the rubric's first words for that stage, agreed and target marked."""
    ws, s = ctx.workshop, ctx.styles
    rubric = ws.rubric
    limit = CELL_CHARS if len(rubric.pillars) <= 6 else CELL_CHARS_MANY
    cell = ParagraphStyle("grid-cell", parent=s.cell, fontSize=6.6, leading=8.2)
    mark = ParagraphStyle("grid-mark", parent=s.cell_bold, fontSize=6.4, leading=8)
    head = [Paragraph("Pillar", s.head)] + [Paragraph(ctx.stage_name(n), s.head) for n in range(1, rubric.k + 1)]
    rows: list[list[Flowable | list[Flowable]]] = [head]
    commands: list[tuple] = []
    for r, pillar in enumerate(rubric.pillars, start=1):
        decision = ws.decision(pillar.id)
        stats = ctx.summary.stats(pillar.id)
        current = decision.agreed if decision.agreed is not None else stats.median
        line: list[Flowable | list[Flowable]] = [Paragraph(ctx.pillar_name(pillar.id), s.cell_bold)]
        for stage in range(1, rubric.k + 1):
            levels = rubric.levels_for(pillar.id, stage)
            text = ctx.fonts.markup(shorten(levels[0], limit)) if levels else "–"
            tags = []
            if stage == current:
                tags.append("AGREED" if decision.agreed is not None else "MEDIAN")
                commands.append(("BACKGROUND", (stage, r), (stage, r), ctx.styles.tint))
                commands.append(("LINEBEFORE", (stage, r), (stage, r), 2.5, ctx.styles.primary))
            if stage == decision.target and decision.target != current:
                tags.append("TARGET")  # in text colour: the accent is too light for text, it outlines
                commands.append(("BOX", (stage, r), (stage, r), 1.2, ctx.styles.accent))
            content: list[Flowable] = []
            if tags:
                content.append(Paragraph(" · ".join(tags), mark))
            content.append(Paragraph(text, cell))
            line.append(content)
        rows.append(line)
    name_w = min(36 * mm, ctx.width * 0.22)
    table = Table(rows, colWidths=[name_w] + [(ctx.width - name_w) / rubric.k] * rubric.k, repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(table_style(s, zebra=False))
    table.setStyle(TableStyle([*commands, ("LINEAFTER", (0, 1), (-2, -1), 0.4, RULE),
                               ("TOPPADDING", (0, 1), (-1, -1), 3), ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
                               ("LEFTPADDING", (1, 1), (-1, -1), 4), ("RIGHTPADDING", (1, 1), (-1, -1), 3)]))
    return table


def target_state(ctx: ReportContext) -> list[Flowable]:
    """Where you are and where you aim to be: the profile chart, then the path through the rubric."""
    s = ctx.styles
    story: list[Flowable] = [heading(ctx, "Where you are and where you aim to be")]
    story.append(Paragraph(
        "The bars show the stage agreed for each pillar and the diamonds the target the room set. The grid "
        "below is the whole model: each row a pillar, each column a stage described in the model's words, "
        "with the agreed stage shaded and the target outlined, so the path from one to the other reads "
        "left to right.", s.body))
    story.append(KeepTogether([*ctx.chart(profile_drawing(ctx))]))
    story.append(CondPageBreak(60 * mm))
    story.append(heading(ctx, "The model, stage by stage", 2))
    story.append(_grid(ctx))
    story.append(Paragraph(
        "Each cell gives the first of the model's descriptions for that stage; the pillar pages give them in "
        "full for the agreed and the target stage. MEDIAN marks a pillar without an agreed stage.",
        s.caption))
    return story

