"""`workshop-app compare [OLD] NEW [--json]`: progress per pillar since an earlier workshop."""

from __future__ import annotations

import argparse
import sys

NAME = "compare"
HELP = "compare a workshop with an earlier one: stage per pillar then and now, earlier actions done"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Show, per pillar, the earlier workshop's agreed stage (its median where none was agreed), today's, "
        "and the movement; the overall stage then and now; and which of the earlier roadmap actions are "
        "done. With one file, it is compared with the earlier workshop it is linked to (File > Link an "
        "earlier workshop, or a follow-up started from one). Pillars are matched by id; a different rubric "
        "or missing pillars are explained. Only revealed rounds count. Exit status 1 when nothing can be "
        "compared (the reason is printed)."
    )
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="OLD NEW: the earlier and the later .workshop file; or NEW alone, if it is linked")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run(ns: argparse.Namespace) -> int:
    import json

    from workshop_app.core.compare import (
        compare_with_earlier,
        compare_workshops,
        comparison_as_dict,
        format_comparison,
    )
    from workshop_app.core.storage import load_workshop

    if len(ns.files) > 2:
        print(f"compare: give one or two workshop files, not {len(ns.files)}", file=sys.stderr)
        return 2
    if len(ns.files) == 2:
        comparison = compare_workshops(load_workshop(ns.files[0]), load_workshop(ns.files[1]))
    else:
        later = load_workshop(ns.files[0])
        if later.earlier is None:
            print(f"compare: {ns.files[0]} is not linked to an earlier workshop; give the earlier file first "
                  "(compare OLD NEW) or link one in the app (File > Link an earlier workshop)", file=sys.stderr)
            return 2
        comparison = compare_with_earlier(later.earlier, later)
    if ns.json:
        print(json.dumps(comparison_as_dict(comparison), ensure_ascii=False, indent=2))
    else:
        print(format_comparison(comparison))
    return 0 if comparison.comparable else 1
