"""Consensus recompute and save/reload of a 40 x 10 x 3 workshop, against floors from the same run.

Run: python bench/bench_core.py   (targets: recompute < 5 ms, save < 50 ms)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app.core.consensus import summarise  # noqa: E402
from workshop_app.core.roadmap import propose_roadmap  # noqa: E402
from workshop_app.core.sample import large_workshop  # noqa: E402
from workshop_app.core.storage import load_workshop, save_workshop, workshop_to_tables  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, samples: list[float], floor: list[float] | None = None, target: float | None = None) -> None:
    med = statistics.median(samples)
    p90 = sorted(samples)[int(len(samples) * 0.9) - 1]
    line = f"{name:<34} median {med:8.2f} ms   p90 {p90:8.2f} ms"
    if floor:
        line += f"   {med / statistics.median(floor):6.1f}x floor"
    if target is not None:
        line += f"   target < {target:g} ms: {'ok' if med < target else 'MISSED'}"
    print(line)


def main() -> None:
    ws = large_workshop(revote_all=True)
    print(f"workload: {len(ws.participants)} participants x {len(ws.rubric.pillars)} pillars x "
          f"{ws.latest_round} rounds = {len(ws.ratings)} ratings")

    def floor_pass() -> None:  # the least any recompute must do: touch every rating once
        groups: dict[tuple[str, int], list[int]] = {}
        for r in ws.ratings:
            if r.stage is not None:
                groups.setdefault((r.pillar, r.round), []).append(r.stage)
        for values in groups.values():
            sorted(values)

    floor = timed(floor_pass, 200)
    report("floor: one pass over the ratings", floor)
    report("consensus, all pillars, latest round", timed(lambda: summarise(ws), 200), floor, 5)
    report("consensus, all rounds", timed(lambda: [summarise(ws, n) for n in (1, 2, 3)], 100), floor)
    report("roadmap proposal", timed(lambda: propose_roadmap(ws), 100), floor)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.workshop"
        raw = Path(tmp) / "raw.json"
        payload = json.dumps(workshop_to_tables(ws), ensure_ascii=False, indent=1).encode("utf-8")

        def raw_write() -> None:  # floor: write the same bytes with fsync, no atomic replace
            with open(raw, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())

        write_floor = timed(raw_write, 50)
        report(f"floor: write {len(payload) // 1024} KiB + fsync", write_floor)
        report("save (atomic, with backup)", timed(lambda: save_workshop(ws, path), 50), write_floor, 50)
        report("reload (validated)", timed(lambda: load_workshop(path), 50), write_floor)


if __name__ == "__main__":
    main()
