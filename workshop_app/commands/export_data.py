"""`workshop-app export-data FILE OUT.(csv|xlsx|json)`: ratings, summary and roadmap for spreadsheets."""

from __future__ import annotations

import argparse

NAME = "export-data"
HELP = "export ratings, per-pillar summary and roadmap as CSV, Excel or JSON (anonymous unless --named)"
TABLE_CHOICES = ("ratings", "summary", "roadmap")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write the workshop's data for a spreadsheet or a script. OUT's ending picks the format: "
        ".xlsx (a workbook with the sheets Workshop, Ratings, Summary and Roadmap), .json (all of them "
        "in one document) or .csv (one table, chosen with --table). People appear as anonymous codes "
        "(P1, P2, ...) with a role only where three or more people share it, unless --named. "
        "Rounds not revealed yet are left out."
    )
    parser.add_argument("file", help="the .workshop file")
    parser.add_argument("out", help="the file to write: OUT.csv, OUT.xlsx or OUT.json")
    parser.add_argument("--table", choices=TABLE_CHOICES, default="ratings",
                        help="which table a CSV holds (default: ratings; a named ratings CSV imports back "
                             "with 'workshop-app import'); .xlsx and .json always hold all three")
    parser.add_argument("--named", action="store_true",
                        help="name participants next to their ratings (only if the room agreed to be named)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(ns: argparse.Namespace) -> int:
    from pathlib import Path

    from workshop_app.cli import CliError
    from workshop_app.core.export_data import describe_export, export_format, write_export
    from workshop_app.core.storage import load_workshop

    out = Path(ns.out)
    fmt = export_format(out)
    if fmt != "csv" and ns.table != "ratings":
        raise CliError(f"--table applies to a .csv file only; {out.name} holds every table")
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name to write")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {out}: the folder {folder} does not exist")
    if out.exists() and not ns.force:
        raise CliError(f"{out} already exists (use --force to overwrite it)")
    workshop = load_workshop(ns.file)
    export = write_export(workshop, out, named=ns.named, table=ns.table, fmt=fmt)
    print(f"wrote {out}: {describe_export(export, fmt, ns.table)}")
    return 0
