"""Handout section: do leadership and the front line see the organisation the same way?

Each role group's median per pillar (core/perspectives.py) and the widest gaps in words.
Anonymous handouts never show a group of fewer than three raters on its own.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from workshop_app.core.anonymity import MIN_GROUP
from workshop_app.core.perspectives import gap_sentences, pillar_perspectives, workshop_groups
from workshop_app.report.context import ReportContext
from workshop_app.report.sections import heading
from workshop_app.report.styles import table_style

MIN_HEIGHT = 60 * 2.835  # 60 mm in points: start the section on a new page rather than leave its heading alone


def perspectives(ctx: ReportContext) -> list[Flowable]:
    """The section, or nothing when no pillar has two groups that may be shown."""
    ws = ctx.workshop
    if not ws.rounds:
        return []
    views = pillar_perspectives(ws, workshop_groups(ws), ctx.summary.round or None, anonymous=ctx.anonymous)
    shown = [v for v in views if len(v.groups) >= 2]
    if not shown:
        return []
    s = ctx.styles
    groups: list[str] = []
    for view in shown:
        groups += [g.group for g in view.groups if g.group not in groups]
    rubric = ws.rubric
    story: list[Flowable] = [heading(ctx, "Perspectives by role group")]
    rule = (f" A group of fewer than {MIN_GROUP} people who rated a pillar is shown only within “Other groups”, "
            "so no one's rating can be singled out." if ctx.anonymous else "")
    story.append(Paragraph(
        "Participants were grouped by role (leadership, management, front line, IT and data, as agreed in the "
        f"room). The table gives each group's median stage per pillar and, in brackets, how many rated.{rule}",
        s.body))
    gaps = gap_sentences(ws, views, limit=4)
    for line in gaps:
        story.append(Paragraph(ctx.fonts.markup(line), s.body))
    if not gaps:
        story.append(Paragraph("No group sees any pillar a whole stage apart from another.", s.body))
    header = [Paragraph("Pillar", s.head)] + [Paragraph(ctx.fonts.markup(g), s.head) for g in groups]
    rows = [header]
    for view in shown:
        by_group = {g.group: g for g in view.groups}
        row = [Paragraph(ctx.fonts.markup(rubric.pillar(view.pillar).name), s.cell)]
        for group in groups:
            stats = by_group.get(group)
            text = "–" if stats is None else f"{ctx.fonts.markup(rubric.stage_label(stats.median))} ({stats.n})"
            row.append(Paragraph(text, s.cell))
        rows.append(row)
    first = ctx.width * 0.28
    table = Table(rows, colWidths=[first] + [(ctx.width - first) / len(groups)] * len(groups), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(table_style(s))
    story.append(table)
    return [CondPageBreak(MIN_HEIGHT), KeepTogether(story)]  # the words and their table on one page
