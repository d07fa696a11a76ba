"""Appendices: how the figures are computed, and who took part (apart from every rating)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer, Table
from reportlab.platypus.flowables import Flowable

from workshop_app.core import consensus as c
from workshop_app.core.anonymity import MIN_GROUP
from workshop_app.report.context import ReportContext
from workshop_app.report.paragraph import Paragraph
from workshop_app.report.sections import heading
from workshop_app.report.styles import table_style


def methodology(ctx: ReportContext) -> list[Flowable]:
    s, fm = ctx.styles, ctx.fonts.markup
    rubric = ctx.workshop.rubric
    levels = [
        f"<b>{ctx.level(c.ALIGNED)}</b>: agreement of at least {c.ALIGNED_MIN_CONSENSUS:.2f}, interquartile range "
        f"of at most {c.DELPHI_MAX_IQR:g} stage and no outliers.",
        f"<b>{ctx.level(c.DISCUSS)}</b>: agreement of at least {c.DISCUSS_MIN_CONSENSUS:.2f} and interquartile range "
        f"of at most {c.DELPHI_MAX_IQR:g}, but someone stands apart.",
        f"<b>{ctx.level(c.SPLIT)}</b>: anything with less agreement than that.",
        f"<b>{ctx.level(c.POLARISED)}</b>: two camps, whatever the other figures say (see below).",
    ]
    if rubric.overall_rule == "weakest-link":
        rule = ("This model uses the <b>weakest-link</b> rule: an organisation is only as mature as its least "
                "mature pillar, so the overall stage is the lowest pillar stage.")
    else:
        rule = "This model uses the <b>median</b> rule: the overall stage is the (lower) median of the pillar stages."
    paragraphs = [
        ("Ratings", "Each participant rates each pillar on the model's stages, from 1 "
         f"({fm(rubric.stage(1).name)}) to {rubric.k} ({fm(rubric.stage(rubric.k).name)}), without seeing anyone "
         "else's rating. Stages are ordered categories, not measurements, so the figures below rely on order "
         "and counts; averages are never used to decide anything. A “don't know” answer is counted and shown "
         "but never treated as a stage."),
        ("The room's median", "A pillar's median stage is the median rating. When the number of ratings "
         "is even and the two middle ratings differ, the lower of the two is taken, because overestimating "
         "maturity costs more than underestimating it: it leads to unrealistic plans, wasted spend and "
         "customer-facing automation the organisation is not ready to own."),
        ("Agreement (Tastle and Wierman, 2007)", "Agreement is measured on a scale from 0 to 1. For each stage "
         "take the share of people who chose it and how far it lies from the mean rating, as a fraction of the "
         "width of the scale (number of stages minus one). One minus that fraction is turned into a base-2 "
         "logarithm, weighted by the share, and the weighted logarithms are added to 1. The result is 1 when "
         "everyone chose the same stage and 0 when the room is split evenly between the lowest and the highest "
         "stage."),
        ("Spread", "The range (lowest to highest rating) and the interquartile range (the middle half of the "
         f"ratings) are shown. A common Delphi criterion treats an interquartile range of {c.DELPHI_MAX_IQR:g} "
         "stage or less as consensus on a four- or five-point scale."),
        ("Outliers", f"A participant is an outlier on a pillar when their rating is {c.OUTLIER_DISTANCE} or more "
         "stages away from the (lower) median of everyone else's ratings. Outliers are invited to explain: "
         "they often know something the rest of the room does not."),
        ("Polarisation", f"A pillar is polarised when the room forms two camps at least {c.POLARISED_MIN_GAP} "
         "stages apart, each camp holding at least a quarter of the raters (and at least two people), with at "
         "most one rater in ten between them. The handout then names the camps instead of listing outliers."),
    ]
    story: list[Flowable] = [PageBreak(), heading(ctx, "Appendix: how the figures are computed")]
    for title, text in paragraphs:
        story.append(heading(ctx, title, 3))
        story.append(Paragraph(text, s.body))
    story.append(heading(ctx, "Levels of agreement", 3))
    story.append(Paragraph(
        f"With five or more raters the level follows the agreement and the interquartile range. With "
        f"{c.SMALL_GROUP_MAX} raters or fewer, quartiles say little, so the level follows the range: within one "
        "stage is aligned, two stages is discuss, more is split.", s.body))
    story.append(ctx.bullets(levels, user=False))
    story.append(heading(ctx, "Re-votes", 3))
    story.append(Paragraph(
        "After discussion the room may re-vote on pillars that were split. A re-vote counts as converged when "
        "agreement rose by more than 0.05, or held steady while the interquartile range narrowed; it diverged "
        "when agreement fell by more than 0.05 or the range widened. Pillars not re-voted keep their last vote.",
        s.body))
    story.append(heading(ctx, "Overall stage", 3))
    story.append(Paragraph(
        f"{rule} The median of the pillar stages is shown beside it so the rest of the profile is not hidden. "
        "A pillar counts with its agreed stage where the room agreed one, and with its median rating otherwise. "
        "The agreed stage may differ from the median only with a written rationale, printed with the pillar.",
        s.body))
    return story


def participants(ctx: ReportContext) -> list[Flowable]:
    """Who took part: names and roles, kept apart from every rating (no codes, no figures)."""
    s, ws, w = ctx.styles, ctx.workshop, ctx.width
    story: list[Flowable] = [CondPageBreak(60 * mm), heading(ctx, "Who took part")]
    if not ws.participants:
        story.append(Paragraph("No participants were recorded.", s.body))
        return story
    if ctx.anonymous:
        story.append(Paragraph(
            "This list records attendance only. It is not linked to any rating: the codes P1, P2, … used in "
            "this handout follow no order of this list, and ratings are broken down only by roles that at "
            f"least {MIN_GROUP} participants share.", s.body))
        people = sorted(ws.participants, key=lambda p: (p.name.strip().casefold(), p.role.casefold()))
    else:
        story.append(Paragraph("The room chose to be named: the ratings in this handout carry these names.",
                               s.body))
        people = list(ws.participants)
    names = ws.participant_names()
    rows = [[Paragraph(h, s.head) for h in ("Name", "Role or function")]]
    for person in people:
        rows.append([Paragraph(ctx.fonts.markup(names.get(person.id, person.name)) or "–", s.cell_bold),
                     Paragraph(ctx.fonts.markup(person.role) or "–", s.cell)])
    table = Table(rows, colWidths=[w * 0.4, w * 0.6], repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(s))
    story.append(table)
    if ws.details.facilitator.strip():
        story.append(Spacer(1, 4))
        story.append(Paragraph(f"Facilitated by {ctx.fonts.markup(ws.details.facilitator)}"
                               f"{' of ' + ctx.fonts.markup(ctx.brand.name) if ctx.brand.name else ''}.", s.small))
    return story


def long_comments(ctx: ReportContext) -> list[Flowable]:
    """Comments too long for their pillar page, in full, numbered as the pillar pages refer to them."""
    if not ctx.long_texts:
        return []
    story: list[Flowable] = [CondPageBreak(50 * mm), heading(ctx, "Comments in full")]
    for number, (where, text) in enumerate(ctx.long_texts, start=1):
        story.append(Paragraph(f"<b>{number}.</b> {ctx.esc(where)}", ctx.styles.cell_bold))
        story.append(ctx.text(text, ctx.styles.quote))
    return story
