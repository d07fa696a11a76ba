"""A large workshop for benchmarks: 40 participants x 10 pillars x 3 rounds."""

from __future__ import annotations

import random

from workshop_app.core import operations as ops
from workshop_app.core.model import Details, Workshop
from workshop_app.core.rubric import Rubric, rubric_from_dict


def big_rubric(pillars: int = 10, stages: int = 5) -> Rubric:
    return rubric_from_dict(
        {
            "id": "bench",
            "name": "Benchmark rubric",
            "stages": [{"id": f"s{i}", "name": f"Stage {i}", "summary": f"Stage {i}"} for i in range(1, stages + 1)],
            "pillars": [
                {
                    "id": f"p{j}",
                    "name": f"Pillar number {j}",
                    "levels": {f"s{i}": [f"Looks like {i}.{j}"] for i in range(1, stages + 1)},
                    "actions": {f"s{i}": [f"Action {i}.{j}.{a}" for a in range(3)] for i in range(1, stages)},
                }
                for j in range(1, pillars + 1)
            ],
        }
    )


def big_workshop(participants: int = 40, pillars: int = 10, rounds: int = 3, seed: int = 7) -> Workshop:
    rng = random.Random(seed)
    ws = Workshop(rubric=big_rubric(pillars), details=Details(title="Benchmark", client="Bench Ltd"))
    people = [ops.add_participant(ws, f"Person {i}", f"Role {i % 6}")[0] for i in range(participants)]
    ws.ensure_first_round()
    for number in range(1, rounds + 1):
        if number > 1:
            ops.open_round(ws, list(ws.rubric.pillar_ids))
        for pillar in ws.rubric.pillar_ids:
            centre = rng.randint(1, ws.rubric.k)
            for person in people:
                stage = None if rng.random() < 0.05 else max(1, min(ws.rubric.k, centre + rng.randint(-2, 2)))
                ops.set_rating(ws, person.id, pillar, number, stage, "a comment" if rng.random() < 0.2 else "")
        ops.set_revealed(ws, number)
    return ws
