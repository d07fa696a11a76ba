"""A large generated workshop (40 people, 10 pillars, 3 rounds) for tests and benchmarks at scale."""

from __future__ import annotations

import random

from workshop_app.core import operations as ops
from workshop_app.core.model import Details, Workshop
from workshop_app.core.roadmap import propose_roadmap
from workshop_app.core.rubric import Rubric, rubric_from_dict

_STAGES = ("Ad hoc", "Emerging", "Defined", "Managed", "Leading")
_PILLARS = (
    "Leadership and strategy", "Data readiness and quality across every customer channel",
    "Technology and integration", "People and AI literacy", "Governance, risk and ethics",
    "Measurement and outcomes", "Customer trust and transparency", "Operating model and decision rights",
    "Vendor and partner management", "Scaling and continuous improvement",
)
_ROLES = ("CX leadership", "Operations", "IT and data", "Risk and compliance", "Front-line team lead",
          "Finance", "Marketing", "HR and learning")


def large_rubric(stages: int = 5, pillars: int = 10) -> Rubric:
    """A rubric with full level descriptions and next steps for every pillar and stage."""
    stage_ids = [f"s{i}" for i in range(1, stages + 1)]
    data = {
        "id": "scale-test",
        "name": "Scale test model",
        "version": "1.0",
        "overall_rule": "weakest-link",
        "stages": [{"id": sid, "name": _STAGES[i % len(_STAGES)] + ("" if i < len(_STAGES) else f" {i}"),
                    "summary": f"Stage {i + 1}: practices are {'more ' * min(i, 2)}consistent and measured.",
                    "role": f"Level {i + 1}", "aim": "Make the next step repeatable.",
                    "risk": "Declaring victory before the results are measured."}
                   for i, sid in enumerate(stage_ids)],
        "pillars": [{
            "id": f"p{j + 1}", "name": _PILLARS[j % len(_PILLARS)],
            "description": "How the organisation handles this area today, judged by evidence rather than intent.",
            "levels": {sid: [f"What stage {i + 1} looks like for this pillar, point {n + 1}, described at the "
                             "length a real rubric would use." for n in range(3)]
                       for i, sid in enumerate(stage_ids)},
            "actions": {sid: [f"Step {n + 1} out of stage {i + 1}: name an owner, agree a measure and review it "
                              "monthly" for n in range(3)] for i, sid in enumerate(stage_ids[:-1])},
        } for j in range(pillars)],
    }
    return rubric_from_dict(data, source="generated")


def large_workshop(participants: int = 40, pillars: int = 10, rounds: int = 3, stages: int = 5,
                   seed: int = 1, *, revote_all: bool = False) -> Workshop:
    """Ratings with spread, don't-knows, comments and re-votes of half the pillars
    (of every pillar with `revote_all`, the full participants x pillars x rounds load)."""
    rng = random.Random(seed)
    rubric = large_rubric(stages, pillars)
    ws = Workshop(rubric=rubric, details=Details(
        title="Enterprise AI maturity assessment", client="Contoso Group", date="2026-12-01",
        site="Head office, Board room 3", facilitator="Morgan Hale"))
    people = [ops.add_participant(ws, f"Participant {i + 1:02d} Surname{chr(65 + i % 26)}",
                                  _ROLES[i % len(_ROLES)])[0] for i in range(participants)]
    ws.ensure_first_round()
    centres = {p.id: rng.randint(1, stages) for p in rubric.pillars}
    for number in range(1, rounds + 1):
        voted = rubric.pillar_ids if number == 1 or revote_all else rubric.pillar_ids[: max(1, pillars // 2)]
        if number > 1:
            ops.open_round(ws, list(voted), label=f"Re-vote {number - 1}")
        for pillar in voted:
            for i, person in enumerate(people):
                spread = max(0, 2 - number + 1)
                stage: int | None = min(stages, max(1, centres[pillar] + rng.randint(-spread, spread)))
                if rng.random() < 0.06:
                    stage = None
                comment = (f"Comment from person {i + 1} on round {number}: the evidence we have seen so far "
                           "supports this rating." if rng.random() < 0.12 else "")
                ops.set_rating(ws, person.id, pillar, number, stage, comment)
        ops.set_revealed(ws, number)
    from workshop_app.core.consensus import summarise

    summary = summarise(ws)
    for stats in summary.pillars:
        if stats.median is not None:
            ops.set_decision(ws, stats.pillar, stats.median, min(stages, stats.median + 1), "")
    ops.replace_roadmap(ws, propose_roadmap(ws))
    return ws


def ratings_csv(participants: int = 200, pillars: int = 12, rounds: int = 5, stages: int = 5,
                seed: int = 1) -> tuple[Rubric, str]:
    """A ratings CSV (participants x pillars x rounds rows, as paper forms typed up) and its rubric."""
    rng = random.Random(seed)
    rubric = large_rubric(stages, pillars)
    lines = ["participant,role,pillar,rating,round,comment"]
    for number in range(1, rounds + 1):
        for i in range(participants):
            name, role = f"Participant {i + 1:04d} Surname{chr(65 + i % 26)}", _ROLES[i % len(_ROLES)]
            for pillar in rubric.pillar_ids:
                rating = "?" if rng.random() < 0.06 else str(rng.randint(1, stages))
                comment = '"Seen in the Q3 review, ""mostly"" in one team"' if rng.random() < 0.12 else ""
                lines.append(f"{name},{role},{pillar},{rating},{number},{comment}")
    return rubric, "\n".join(lines) + "\n"
