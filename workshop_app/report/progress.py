"""Handout section: progress since the earlier workshop this one is linked to.

Per pillar the earlier stage, today's and the movement, a sentence or two in plain
words, and which actions of the earlier roadmap were done. The comparison comes from
the snapshot kept in the workshop file (core/earlier.py), which names nobody.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from workshop_app.core.compare import Comparison, compare_with_earlier, movement_words
from workshop_app.report.context import ReportContext
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading, nice_date
from workshop_app.report.styles import table_style

MIN_HEIGHT = 70 * 2.835  # 70 mm in points: start on a new page rather than leave the heading alone
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """'three' up to ten, digits above (as a person would write it)."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _join(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _stage(c: Comparison, number: int | None) -> str:
    return "no stage" if number is None else c.stage_names[number - 1]


def movement_sentences(c: Comparison) -> list[str]:
    """Plain words for the table: 'Two pillars moved up one stage (…). Know your maturity stayed at Crawl.'

    Pillars that moved by the same amount share a sentence; pillars that stayed are named with the stage
    they stayed at; a pillar without a stage on one side is said so, never guessed.
    """
    by_move: dict[int, list[str]] = {}
    stayed: dict[int, list[str]] = {}
    unknown: list[str] = []
    for p in c.pillars:
        if p.movement is None:
            unknown.append(p.name)
        elif p.movement == 0:
            stayed.setdefault(p.then or 0, []).append(p.name)
        else:
            by_move.setdefault(p.movement, []).append(p.name)
    lines: list[str] = []
    for move in sorted(by_move, reverse=True):
        names = by_move[move]
        n = abs(move)
        way = f"{'up' if move > 0 else 'down'} {number_word(n)} stage{'s' if n != 1 else ''}"
        if len(names) == 1:
            lines.append(f"{names[0]} moved {way}.")
        else:
            lines.append(f"{number_word(len(names)).capitalize()} pillars moved {way}: {_join(names)}.")
    for stage, names in sorted(stayed.items()):
        lines.append(f"{_join(names)} stayed at {_stage(c, stage)}.")
    if unknown:
        lines.append(f"{_join(unknown)}: no stage on one side yet, so no movement can be given.")
    if c.overall_then is not None and c.overall_now is not None:
        if c.overall_then == c.overall_now:
            lines.append(f"The overall stage is {_stage(c, c.overall_now)}, as it was.")
        else:
            lines.append(f"The overall stage moved from {_stage(c, c.overall_then)} to {_stage(c, c.overall_now)}.")
    return lines


def progress_section(ctx: ReportContext) -> list[Flowable]:
    """The section, or nothing when the workshop is not linked to an earlier one."""
    ws = ctx.workshop
    if ws.earlier is None:
        return []
    c = compare_with_earlier(ws.earlier, ws)
    s = ctx.styles
    earlier = ws.earlier.details
    title = ctx.esc(earlier.title or "the earlier workshop")
    when = f" ({ctx.esc(nice_date(earlier.date))})" if earlier.date else ""
    story: list[Flowable] = [heading(ctx, f"Progress since {title}{when}")]
    if not c.comparable:
        story.append(Paragraph("The earlier workshop cannot be compared with this one.", s.body))
        story += [Paragraph(ctx.esc(p), s.body) for p in c.problems]
        return [CondPageBreak(MIN_HEIGHT), KeepTogether(story)]
    story.append(Paragraph(
        "Each pillar's stage at the earlier workshop and today: the agreed stage, or the median of the ratings "
        "where none was agreed (marked “median”).", s.body))
    for line in movement_sentences(c):
        story.append(Paragraph(ctx.esc(line), s.body))
    for problem in c.problems:
        story.append(Paragraph(ctx.esc(problem), s.small))
    rows = [[Paragraph(h, s.head) for h in ("Pillar", "Then", "Now", "Movement")]]
    for p in c.pillars:
        then = c.stage_label(p.then) + ("" if p.then_agreed or p.then is None else " (median)")
        now = c.stage_label(p.now) + ("" if p.now_agreed or p.now is None else " (median)")
        rows.append([Paragraph(ctx.esc(text), s.cell) for text in (p.name, then, now, movement_words(p.movement))])
    overall_move = None if c.overall_then is None or c.overall_now is None else c.overall_now - c.overall_then
    rows.append([Paragraph(text, s.cell_bold) for text in (
        "Overall stage", ctx.esc(c.stage_label(c.overall_then)), ctx.esc(c.stage_label(c.overall_now)),
        ctx.esc(movement_words(overall_move)))])
    first = ctx.width * 0.34
    table = Table(rows, colWidths=[first] + [(ctx.width - first) / 3] * 3, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(s))
    story.append(table)
    story += _actions(ctx, c)
    return [CondPageBreak(MIN_HEIGHT), KeepTogether(story)]


def _actions(ctx: ReportContext, c: Comparison) -> list[Flowable]:
    s = ctx.styles
    if not c.actions:
        return [Paragraph("The earlier workshop had no roadmap actions.", s.body)]
    done, still_open = c.done, c.still_open
    out: list[Flowable] = [heading(ctx, "The earlier roadmap", 2), Paragraph(
        f"{number_word(len(done)).capitalize()} of the {number_word(len(c.actions))} earlier actions "
        f"{'is' if len(done) == 1 else 'are'} done.", s.body)]
    if done:
        out.append(Paragraph("Done", s.cell_bold))
        out.append(ctx.bullets([a.title for a in done]))
    if still_open:
        out.append(Paragraph("Not done yet", s.cell_bold))
        out.append(ctx.bullets([a.title for a in still_open]))
    return out
