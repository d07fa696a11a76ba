"""Where the room disagreed: spread, movement between rounds, each pillar's positions and every rating."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from workshop_app.core.anonymity import label_order
from workshop_app.core.consensus import LEVEL_TEXT, POLARISED, SPLIT, PillarStats, agreement_text
from workshop_app.report import findings, vcharts
from workshop_app.report.context import ReportContext
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading, key_value_table, small_room_note
from workshop_app.report.styles import table_style


def _spread_drawing(ctx: ReportContext) -> Drawing:
    rubric, pillars = ctx.workshop.rubric, ctx.summary.pillars
    height = min(8.0, 1.2 + 0.45 * max(len(pillars), 2)) * 72
    return vcharts.spread(ctx.fonts, ctx.palette(), [st.name for st in rubric.stages],
                          [rubric.pillar(p.pillar).name for p in pillars], [p.counts for p in pillars],
                          [p.dont_know for p in pillars], [p.median for p in pillars], [p.level for p in pillars],
                          ctx.width, height)


def _counts(ctx: ReportContext, pillar: str, round_number: int) -> list[int]:
    counts = [0] * ctx.workshop.rubric.k
    for rating in ctx.workshop.ratings_for(pillar, round_number):
        if rating.stage is not None:
            counts[rating.stage - 1] += 1
    return counts


def _movement_block(ctx: ReportContext) -> list[Flowable]:
    moved = [p for p in ctx.summary.pillars if p.movement is not None]
    if not moved:
        return []
    rubric = ctx.workshop.rubric
    rounds = sorted({(p.movement.from_round, p.round) for p in moved})  # type: ignore[union-attr]
    before_label = "Earlier round" if len(rounds) > 1 else f"Round {rounds[0][0]}"
    after_label = "Re-vote" if len(rounds) > 1 else f"Round {rounds[0][1]}"
    drawing = vcharts.movement(ctx.fonts, ctx.palette(), [st.name for st in rubric.stages],
                               [rubric.pillar(p.pillar).name for p in moved],
                               [_counts(ctx, p.pillar, p.movement.from_round) for p in moved],  # type: ignore[union-attr]
                               [_counts(ctx, p.pillar, p.round) for p in moved], before_label, after_label,
                               ctx.width, min(8.0, 0.9 + 0.75 * len(moved)) * 72)
    caption = ("Each re-voted pillar: the earlier vote (upper row, hollow) and the re-vote (lower row, filled). "
               "Numbers are people per stage; a shorter line means the spread narrowed.")
    return [KeepTogether([heading(ctx, "Movement between rounds", 2), *ctx.chart(drawing),
                          Paragraph(caption, ctx.styles.caption)])]


def _people(ctx: ReportContext, ids: tuple[str, ...]) -> str:
    return ", ".join(ctx.fonts.markup(ctx.person(i)) for i in ids)


def _outliers(ctx: ReportContext, stats: PillarStats) -> str:
    """Outliers grouped by the stage they gave; counts only in an anonymous handout."""
    by_stage: dict[int, list[str]] = {}
    for person in stats.outliers:
        rating = ctx.workshop.rating(person, stats.pillar, stats.round)
        if rating is not None and rating.stage is not None:
            by_stage.setdefault(rating.stage, []).append(person)
    count = len(stats.outliers)
    lead = f"{count} participant{'s' if count != 1 else ''} two or more stages from the rest of the room"
    if ctx.anonymous:
        return lead + ": " + "; ".join(f"{len(ids)} rated {ctx.stage_name(stage)}"
                                       for stage, ids in sorted(by_stage.items()))
    return "; ".join(f"rated {ctx.stage_name(stage)}: {_people(ctx, tuple(ids))}"
                     for stage, ids in sorted(by_stage.items()))


def _pillar_figures(ctx: ReportContext, stats: PillarStats) -> list[Flowable]:
    fm = ctx.fonts.markup
    if stats.n == 0:
        note = f"No stage ratings yet ({stats.dont_know} don't know)." if stats.dont_know else "No ratings yet."
        return [heading(ctx, ctx.pillar_name(stats.pillar), 3), Paragraph(note, ctx.styles.body)]
    ratings = f"{stats.n} stage rating{'s' if stats.n != 1 else ''}"
    if stats.dont_know:
        ratings += f", {stats.dont_know} don't know (not counted as a stage)"
    ratings += f" · round {stats.round}"
    median = ctx.stage_name(stats.median)
    if stats.median_split:
        median += (f" (the ratings split evenly between {ctx.stage_name(stats.median)} and "
                   f"{ctx.stage_name(stats.median + 1 if stats.median else None)}; the lower stage is taken)")
    spread = (f"ratings from {ctx.stage_name(stats.low)} to {ctx.stage_name(stats.high)}"
              if stats.low != stats.high else f"everyone at {ctx.stage_name(stats.low)}")
    rows = [
        ("Ratings", f"{ratings} · {spread}"),
        ("Room's median", median),
        ("Level", f"<b>{ctx.level(stats.level)}</b>: {fm(LEVEL_TEXT[stats.level])}"
                  f"<br/><font size='7' color='#5b6775'>agreement {agreement_text(stats.consensus)} (1 = everyone agrees), "
                  f"interquartile range {stats.iqr:.1f}: see the appendix"
                  f"{'; indicative only with fewer than five raters' if stats.n < findings.SMALL_ROOM else ''}"
                  "</font>"),
    ]
    if stats.polarised:
        low_camp, high_camp = stats.camps
        top_low = max(ctx.workshop.rating(p, stats.pillar, stats.round).stage or 0 for p in low_camp)
        bottom_high = min(ctx.workshop.rating(p, stats.pillar, stats.round).stage or 0 for p in high_camp)
        if ctx.anonymous:
            camps = (f"{len(low_camp)} people at {ctx.stage_name(top_low)} or below; "
                     f"{len(high_camp)} people at {ctx.stage_name(bottom_high)} or above")
        else:
            camps = (f"At {ctx.stage_name(top_low)} or below: {_people(ctx, low_camp)}.<br/>"
                     f"At {ctx.stage_name(bottom_high)} or above: {_people(ctx, high_camp)}.")
        rows.append(("Two camps", camps))
    elif stats.outliers:
        rows.append(("Outliers", _outliers(ctx, stats)))
    if stats.movement is not None:
        m = stats.movement
        shift = "unchanged" if m.median_delta == 0 else f"{'up' if m.median_delta > 0 else 'down'} {abs(m.median_delta)}"
        plain = {"converged": "views came closer", "diverged": "views drew further apart",
                 "unchanged": "the spread did not narrow"}.get(m.verdict, m.verdict)
        rows.append(("Since round " + str(m.from_round),
                     f"<b>{fm(plain)}</b>, median {shift} <font size='7' color='#5b6775'>(agreement "
                     f"{m.consensus_delta:+.2f}, interquartile range {m.iqr_delta:+.1f})</font>"))
    if stats.level in (SPLIT, POLARISED):
        quotes = findings.quotes(ctx.workshop, stats.pillar, stats.round)
        if quotes:
            rows.append(("Why, in their words", "; ".join(ctx.esc(q) for q in quotes)))
    groups = ctx.medians_by_role(stats)
    if len(groups) > 1 and any(n >= 2 for _, n in groups.values()) and len(groups) <= 10:
        rows.append(("Median by role", " · ".join(f"{fm(role)} {ctx.stage_name(med)} (n={n})"
                                                  for role, (med, n) in groups.items())))
    return [KeepTogether([heading(ctx, ctx.pillar_name(stats.pillar), 3), key_value_table(ctx, rows),
                          Spacer(1, 4)])]


def _cell_colour(ctx: ReportContext, stage: int) -> tuple[colors.Color, colors.Color]:
    """Light-to-dark fill for a stage, and a text colour that stays readable on it."""
    k = ctx.workshop.rubric.k
    share = 0.08 + 0.92 * ((stage - 1) / (k - 1) if k > 1 else 1.0)
    p = ctx.styles.primary
    fill = colors.Color(*(1 - share + share * v for v in (p.red, p.green, p.blue)))
    light = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue
    return fill, (colors.white if light < 0.55 else colors.HexColor("#1d2731"))


def _heatmap_block(ctx: ReportContext) -> list[Flowable]:
    """Every rating as a table of shaded cells: vector, quick, and it splits across pages."""
    ws, s = ctx.workshop, ctx.styles
    if not ws.participants:
        return []
    pillar_count = len(ctx.summary.pillars)
    numbered = pillar_count > 5  # narrow columns: number them and give the names in the key
    head_style = ParagraphStyle("heat-head", parent=s.head, fontSize=7, leading=8.4, alignment=TA_CENTER)
    cell_style = ParagraphStyle("heat-cell", parent=s.cell, alignment=TA_CENTER)
    rows: list[list[Any]] = [[Paragraph("Participant", s.head)] + [
        Paragraph(str(i) if numbered else ctx.pillar_name(p.pillar), head_style)
        for i, p in enumerate(ctx.summary.pillars, start=1)]]
    commands: list[tuple[Any, ...]] = []
    people = list(ws.participants)
    if ctx.anonymous:  # by code, which follows no list the reader has
        people.sort(key=lambda p: label_order(ctx.labels[p.id]))
    for r, person in enumerate(people, start=1):
        line: list[Any] = [Paragraph(ctx.fonts.markup(ctx.labels[person.id]), s.cell)]
        for c, stats in enumerate(ctx.summary.pillars, start=1):
            rating = ws.rating(person.id, stats.pillar, stats.round)
            if rating is None:
                line.append(Paragraph("<font color='#9aa5b1'>–</font>", cell_style))
            elif rating.stage is None:
                line.append(Paragraph("?", cell_style))
                commands.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#e3e7ec")))
            else:
                fill, ink = _cell_colour(ctx, rating.stage)
                line.append(Paragraph(f"<font color='{ink.hexval().replace('0x', '#')}'>{rating.stage}</font>",
                                      cell_style))
                commands.append(("BACKGROUND", (c, r), (c, r), fill))
        rows.append(line)
    name_width = min(45 * mm, ctx.width * 0.3)
    table = Table(rows, colWidths=[name_width] + [(ctx.width - name_width) / pillar_count] * pillar_count,
                  repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(s, zebra=False))
    table.setStyle(TableStyle([*commands, ("GRID", (1, 1), (-1, -1), 0.8, colors.white),
                               ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("TOPPADDING", (0, 1), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 1), (-1, -1), 2)]))
    key = " · ".join(ctx.fonts.markup(ws.rubric.stage_label(n)) for n in range(1, ws.rubric.k + 1))
    note = ("Rows are coded P1, P2, … in an order unrelated to the list of participants, so this handout stays "
            "anonymous" if ctx.anonymous else "Rows follow the participant list")
    note += (f". Each cell is the stage given in the pillar's last vote ({key}); darker means higher; "
            "? is “don't know”, – no rating.")
    if numbered:
        note += " Columns: " + " · ".join(f"<b>{i}</b> {ctx.pillar_name(p.pillar)}"
                                          for i, p in enumerate(ctx.summary.pillars, start=1)) + "."
    block: list[Flowable] = [heading(ctx, "Every rating, person by person", 2), Paragraph(note, s.caption), table]
    if len(rows) <= 30:  # a short table moves whole rather than leave a row or two alone on a page
        return [CondPageBreak(60 * mm), KeepTogether(block)]
    return [CondPageBreak(60 * mm), *block]


def disagreement(ctx: ReportContext) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [heading(ctx, "Where the room disagreed")]
    story.append(Paragraph(
        "Everyone rated each pillar on their own before the spread was shown. Disagreement is the most useful "
        "result of the day: it shows where people see the organisation differently and where evidence is "
        "needed. Pillars not put to a re-vote keep the result of their last vote.", s.body))
    note = small_room_note(ctx)
    if note is not None:
        story.append(note)
    story.append(KeepTogether([
        heading(ctx, "Spread of ratings", 2), *ctx.chart(_spread_drawing(ctx)),
        Paragraph("Dots: number of people at each stage. Ring: the room's median. At the right: the level of "
                  "agreement in words and the number of “don't know” answers (? n).", s.caption)]))
    story.extend(_movement_block(ctx))
    story.append(CondPageBreak(70 * mm))
    story.append(heading(ctx, "Pillar by pillar", 2))
    for stats in ctx.summary.pillars:
        story.extend(_pillar_figures(ctx, stats))
    story.extend(_heatmap_block(ctx))
    return story
