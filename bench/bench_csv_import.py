"""CSV import of 12,000 and 100,000 rows, against a floor (csv.reader over the same text) from the same run.

Run: python bench/bench_csv_import.py   (targets: 12,000 rows well under 1 s, 100,000 rows under 5 s,
and rows per second about the same at both sizes: import is linear in its rows)
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app.core.csv_import import apply_ratings, read_ratings_csv  # noqa: E402
from workshop_app.core.model import Workshop  # noqa: E402
from workshop_app.core.sample import ratings_csv  # noqa: E402

# (participants, pillars, rounds): a big phone-voting room, and a file eight times its size.
SIZES = ((200, 12, 5, 5, 1.0), (500, 10, 20, 3, 5.0))


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        for participants, pillars, rounds, runs, target in SIZES:
            rubric, text = ratings_csv(participants, pillars, rounds)
            rows = participants * pillars * rounds
            path = Path(tmp) / f"ratings-{rows}.csv"
            path.write_text(text, encoding="utf-8")

            def floor_pass(path: Path = path) -> None:  # the least an import must do: read and split each row
                for _row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
                    pass

            def full_import(path: Path = path, rubric=rubric) -> None:  # type: ignore[no-untyped-def]
                apply_ratings(Workshop(rubric=rubric), read_ratings_csv(path, rubric))

            floor = statistics.median(timed(floor_pass, runs))
            med = statistics.median(timed(full_import, runs))
            rates.append(rows / med)
            print(f"{rows:>7,} rows ({participants} x {pillars} x {rounds}, {len(text) / 1e6:.1f} MB)   "
                  f"floor {floor * 1000:7.1f} ms   import median {med * 1000:7.1f} ms   "
                  f"{med / floor:5.1f}x floor   {rows / med:9,.0f} rows/s   "
                  f"target < {target:g} s: {'ok' if med < target else 'MISSED'}")
    print(f"rows/s at the large size / at the small size: {rates[1] / rates[0]:.2f} "
          "(1.0 = linear; well below 1 means the import grows faster than its input)")


if __name__ == "__main__":
    main()
