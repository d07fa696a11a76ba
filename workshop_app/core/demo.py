"""A realistic demo workshop: eight stakeholders, two rounds, one polarised pillar.

`build_demo` is the source of truth. The app opens a copy of `resources/demo.workshop`,
the same workshop already saved (written by `workshop-app demo resources/demo.workshop
--force`; a test keeps the two equal), because loading a file is several times quicker
than parsing the rubric and replaying every edit, and the copy needs no save afterwards.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from workshop_app.core import operations as ops
from workshop_app.core.earlier import snapshot
from workshop_app.core.model import Details, Workshop
from workshop_app.core.rubric import Rubric, find_rubric

DEMO_RUBRIC = "crawl-walk-run-fly"
BUNDLED_DEMO = "demo.workshop"

_PEOPLE = (
    ("Amara Okafor", "CX Director"),
    ("Jonas Weber", "Contact Centre Operations"),
    ("Priya Raman", "Data and Analytics"),
    ("Tomasz Nowak", "IT Architecture"),
    ("Élodie Marchand", "Risk and Compliance"),
    ("Sven Lindqvist", "Front-line Team Lead"),
    ("Chen Wei", "Digital Channels"),
    ("Grace O'Neill", "Chief Operating Officer"),
)

# Stage per person (in _PEOPLE order); None = don't know.
_ROUND_1 = {
    "reality-over-hype": (2, 2, 3, 2, 2, 2, 3, 2),
    "know-your-maturity": (1, 2, 1, 2, 1, 1, 2, 3),
    "act-with-precision": (3, 3, 1, 3, 1, 1, 3, 3),
    "sustain-at-scale": (1, 1, 2, 1, 1, None, 2, 1),
}
_ROUND_2 = {
    "know-your-maturity": (1, 2, 1, 2, 1, 1, 2, 2),
    "act-with-precision": (3, 3, 1, 3, 1, 1, 3, 1),
}
_COMMENTS = {
    ("act-with-precision", 1, 1): "Billing queries are routed and answered automatically today.",
    ("act-with-precision", 1, 4): "Nothing customer-facing runs without a human sign-off yet.",
    ("act-with-precision", 1, 5): "My team overrides the suggested replies most of the time.",
    ("know-your-maturity", 1, 7): "We have had AI in the IVR for two years.",
    ("know-your-maturity", 2, 7): "Fair point: the IVR is rules, not learning. Moving down.",
    ("sustain-at-scale", 1, 5): "No visibility of the governance forum from the floor.",
    ("reality-over-hype", 1, 2): "The churn model answers a real retention question.",
}
_DECISIONS = {
    "reality-over-hype": (2, 3, ""),
    "know-your-maturity": (1, 2, ""),
    "act-with-precision": (
        2,
        3,
        "Billing automation works at Run level, but it is one journey; elsewhere AI only "
        "recommends and agents approve. The room agreed Walk for the pillar as a whole.",
    ),
    "sustain-at-scale": (1, 2, ""),
}
_OWNERS = {
    "reality-over-hype": "Amara Okafor",
    "know-your-maturity": "Priya Raman",
    "act-with-precision": "Jonas Weber",
    "sustain-at-scale": "Élodie Marchand",
}


def build_demo(rubric: Rubric | None = None) -> Workshop:
    """The demo behind `workshop-app demo` and the bundled demo file."""
    from workshop_app.core.roadmap import propose_roadmap

    rubric = rubric or find_rubric(DEMO_RUBRIC)
    ws = Workshop(
        rubric=rubric,
        details=Details(
            title="AI in Customer Operations: Maturity Workshop",
            client="Northwind Utilities",
            date="2026-11-18",
            site="Leeds, Customer Operations Centre",
            facilitator="Morgan Hale",
        ),
    )
    people = [ops.add_participant(ws, name, role)[0] for name, role in _PEOPLE]
    ws.ensure_first_round()
    for number, table in ((1, _ROUND_1), (2, _ROUND_2)):
        if number > 1:
            ops.open_round(ws, list(table), label="Re-vote after discussion")
        for pillar, stages in table.items():
            for i, (person, stage) in enumerate(zip(people, stages, strict=False)):
                comment = _COMMENTS.get((pillar, number, i), "")
                ops.set_rating(ws, person.id, pillar, number, stage, comment)
        ops.set_revealed(ws, number)
    for pillar, (agreed, target, why) in _DECISIONS.items():
        ops.set_decision(ws, pillar, agreed, target, why)
    proposals = propose_roadmap(ws)[:10]
    for i, action in enumerate(proposals):
        action.owner = _OWNERS.get(action.pillar, "")
        if i < 3:
            action.status = "planned"
    ops.replace_roadmap(ws, proposals)
    ops.add_note(ws, "Check whether the billing automation has a rollback path before widening it.",
                 "2026-11-18T10:40")
    ops.add_note(ws, "Invite the works council to the governance forum.", "2026-11-18T11:15")
    ops.add_note(ws, "Re-assess in May 2027 with the same group.", "2026-11-18T12:05")
    ops.link_earlier(ws, snapshot(build_earlier_demo(rubric), EARLIER_FILE, "2026-11-18T09:00"))
    return ws


#: The first assessment, six months before the demo: every pillar at the first stage, most of its plan done.
EARLIER_FILE = "Northwind first assessment.workshop"
_EARLIER_STAGES = {"reality-over-hype": 1, "know-your-maturity": 1, "act-with-precision": 1, "sustain-at-scale": 1}
_EARLIER_STATUS = ("done", "planned", "done", "in-progress", "done")  # done where the pillar moved up


def build_earlier_demo(rubric: Rubric | None = None) -> Workshop:
    """The workshop the demo is linked to: six people, one revealed round, five actions (three done)."""
    from workshop_app.core.roadmap import propose_roadmap

    rubric = rubric or find_rubric(DEMO_RUBRIC)
    ws = Workshop(rubric=rubric, details=Details(
        title="AI in Customer Operations: First Assessment", client="Northwind Utilities", date="2026-05-20",
        site="Leeds, Customer Operations Centre", facilitator="Morgan Hale"))
    people = [ops.add_participant(ws, name, role)[0] for name, role in _PEOPLE[:6]]
    ws.ensure_first_round()
    for pillar, stage in _EARLIER_STAGES.items():
        for i, person in enumerate(people):
            ops.set_rating(ws, person.id, pillar, 1, min(rubric.k, stage + (i == 2)))
    ops.set_revealed(ws, 1)
    for pillar, stage in _EARLIER_STAGES.items():
        ops.set_decision(ws, pillar, stage, stage + 1, "")
    actions = propose_roadmap(ws)[:len(_EARLIER_STATUS)]
    for action, status in zip(actions, _EARLIER_STATUS, strict=True):
        action.status = status
    ops.replace_roadmap(ws, actions)
    return ws


def copy_bundled_demo(dest: str | Path) -> Workshop | None:
    """Copy the bundled demo file to `dest` and open the copy; None if the bundled file is missing or damaged.

    The caller then builds the demo with `build_demo` and saves it itself.
    """
    from workshop_app.core.storage import WorkshopFileError, load_workshop
    from workshop_app.paths import resource_path

    try:
        shutil.copyfile(resource_path(BUNDLED_DEMO), dest)
        return load_workshop(dest)
    except (OSError, WorkshopFileError):
        return None
