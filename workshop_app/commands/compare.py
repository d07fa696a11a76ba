"""`workshop-app compare OLD NEW [--json]`: progress per pillar since an earlier workshop."""

from __future__ import annotations

import argparse

NAME = "compare"
HELP = "compare a workshop with an earlier one: stage per pillar then and now, earlier actions done"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Show, per pillar, the earlier workshop's agreed stage (its median where none was agreed), today's, "
        "and the movement; the overall stage then and now; and which of the earlier roadmap actions are "
        "done. Pillars are matched by id; a different rubric or missing pillars are explained. Only "
        "revealed rounds count. Exit status 1 when nothing can be compared (the reason is printed)."
    )
    parser.add_argument("old", help="the earlier .workshop file")
    parser.add_argument("new", help="the later .workshop file")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run(ns: argparse.Namespace) -> int:
    import json

    from workshop_app.core.compare import compare_workshops, comparison_as_dict, format_comparison
    from workshop_app.core.storage import load_workshop

    comparison = compare_workshops(load_workshop(ns.old), load_workshop(ns.new))
    if ns.json:
        print(json.dumps(comparison_as_dict(comparison), ensure_ascii=False, indent=2))
    else:
        print(format_comparison(comparison))
    return 0 if comparison.comparable else 1
