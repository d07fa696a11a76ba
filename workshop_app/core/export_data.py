"""Workshop data for spreadsheets and scripts: ratings, per-pillar summary and roadmap as CSV, JSON or Excel.

Anonymous unless the caller asks for names: people appear as the codes P1, P2, … of
core.anonymity, with their role only where at least three people share the group
(`role_groups`), names are scrubbed from free text, and a roadmap owner who is a
participant is shown by role. Ratings of rounds not yet revealed are left out: the
room has not seen them. A named ratings CSV imports back (core.csv_import) into the
same participants, rounds and ratings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop_app.core.anonymity import NameScrubber, anonymous_labels, label_order, naming_refusal, role_groups
from workshop_app.core.atomicfile import replace_atomically
from workshop_app.core.consensus import NO_DATA, summarise
from workshop_app.core.model import HORIZONS, PRIORITIES, STATUSES, Workshop
from workshop_app.core.revealed import blind_rounds, revealed_only

TABLES = ("ratings", "summary", "roadmap")
FORMATS = ("csv", "xlsx", "json")
FORMAT_NAME = {"csv": "CSV", "xlsx": "Excel workbook", "json": "JSON"}
JSON_FORMAT_ID = "maturity-workshop-data"
JSON_VERSION = 1

# Kinds of column: how a value is typed in a workbook and spelled in a CSV.
TEXT, INT, FLOAT, BOOL, DATE, ANY = "text", "int", "float", "bool", "date", "any"

# Characters an .xlsx file cannot hold at all (XML 1.0 forbids them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    csv_none: str = ""  # how a missing value is written in a CSV ("?" for a don't-know rating)
    width: int = 14  # characters, for the workbook


@dataclass
class Table:
    name: str
    title: str  # the workbook sheet's name
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """Rows as {column: value}, the JSON shape (dates as ISO text)."""
        names = [c.name for c in self.columns]
        return [{n: (v.isoformat() if isinstance(v, dt.date) else v) for n, v in zip(names, row, strict=True)}
                for row in self.rows]


@dataclass
class DataExport:
    """Every table of one export, and what it left out."""

    anonymous: bool
    about: Table
    tables: dict[str, Table]
    blind_rounds: list[int]  # rounds left out because they are not revealed yet


RATING_COLUMNS = (
    Column("participant", width=22), Column("role", width=20), Column("pillar", width=22),
    Column("pillar_name", width=28), Column("round", INT, width=8), Column("rating", INT, csv_none="?", width=8),
    Column("stage_name", width=14), Column("dont_know", BOOL, width=11), Column("comment", width=60),
)
SUMMARY_COLUMNS = (
    Column("pillar", width=22), Column("pillar_name", width=28), Column("round", INT, width=8),
    Column("raters", INT, width=8), Column("dont_know", INT, width=11), Column("median", INT, width=8),
    Column("median_stage", width=14), Column("median_split", BOOL, width=13), Column("mean", FLOAT, width=8),
    Column("consensus", FLOAT, width=11), Column("q1", FLOAT, width=6), Column("q3", FLOAT, width=6),
    Column("iqr", FLOAT, width=6), Column("lowest", INT, width=8), Column("highest", INT, width=8),
    Column("level", width=11), Column("outliers", INT, width=9), Column("polarised", BOOL, width=10),
    Column("agreed", INT, width=8), Column("agreed_stage", width=14), Column("target", INT, width=8),
    Column("target_stage", width=14), Column("override", BOOL, width=9), Column("rationale", width=60),
)
ROADMAP_COLUMNS = (
    Column("position", INT, width=9), Column("pillar", width=22), Column("pillar_name", width=28),
    Column("title", width=48), Column("detail", width=60), Column("owner", width=22),
    Column("horizon", width=14), Column("priority", width=10), Column("status", width=12),
)
ABOUT_COLUMNS = (Column("field", width=24), Column("value", ANY, width=48))


# --------------------------------------------------------------------------- building the tables


def build_export(workshop: Workshop, *, named: bool = False) -> DataExport:
    """All tables of a workshop; anonymous unless `named` (the room agreed to be named).

    Raises ValueError when the workshop may not be named (a round voted with names hidden).
    """
    if named and naming_refusal(workshop):
        raise ValueError(naming_refusal(workshop))
    left_out = blind_rounds(workshop)
    shown = revealed_only(workshop)
    anonymous = not named
    if anonymous:
        labels = anonymous_labels(workshop.participants)
        groups = role_groups(workshop.participants)
        scrub: Any = NameScrubber(workshop.participants)
    else:
        labels = workshop.participant_names()
        groups = {p.id: p.role for p in workshop.participants}
        scrub = str
    tables = {
        "ratings": _ratings(shown, labels, groups, scrub, anonymous),
        "summary": _summary(shown, scrub),
        "roadmap": _roadmap(workshop, scrub, anonymous),
    }
    return DataExport(anonymous, _about(workshop, shown, anonymous, left_out), tables, left_out)


def _ratings(ws: Workshop, labels: dict[str, str], groups: dict[str, str], scrub: Any,
             anonymous: bool) -> Table:
    rubric = ws.rubric
    pillar_at = {pid: i for i, pid in enumerate(rubric.pillar_ids)}
    if anonymous:
        person_at = {pid: label_order(label) for pid, label in labels.items()}
    else:
        person_at = {p.id: (i, "") for i, p in enumerate(ws.participants)}
    known = [r for r in ws.ratings if r.participant in labels and r.pillar in pillar_at]
    # Participant first, so a re-import meets people in the workshop's order (anonymous: code order).
    known.sort(key=lambda r: (person_at[r.participant], r.round, pillar_at[r.pillar]))
    table = Table("ratings", "Ratings", RATING_COLUMNS)
    for r in known:
        table.rows.append((
            labels[r.participant], groups.get(r.participant, ""), r.pillar, rubric.pillar(r.pillar).name,
            r.round, r.stage, rubric.stage(r.stage).name if r.stage else "", r.stage is None, scrub(r.comment),
        ))
    return table


def _summary(ws: Workshop, scrub: Any) -> Table:
    rubric = ws.rubric

    def name(stage: int | None) -> str:
        return rubric.stage(stage).name if stage else ""

    table = Table("summary", "Summary", SUMMARY_COLUMNS)
    stats_by_pillar = {s.pillar: s for s in summarise(ws).pillars} if ws.rounds else {}
    for pillar in rubric.pillars:
        s = stats_by_pillar.get(pillar.id)
        d = ws.decision(pillar.id)
        if s is None:  # no round revealed yet
            stats: tuple[Any, ...] = (None, 0, 0, None, "", False, None, None, None, None, None, None, None,
                                      NO_DATA, 0, False)
        else:
            stats = (s.round, s.n, s.dont_know, s.median, name(s.median), s.median_split,
                     _rounded(s.mean), _rounded(s.consensus), s.q1, s.q3, s.iqr, s.low, s.high, s.level,
                     len(s.outliers), s.polarised)
        table.rows.append((pillar.id, pillar.name, *stats, d.agreed, name(d.agreed), d.target, name(d.target),
                           bool(d.override), scrub(d.rationale)))
    return table


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _roadmap(ws: Workshop, scrub: Any, anonymous: bool) -> Table:
    rubric = ws.rubric
    names = {p.name.strip().casefold(): p for p in ws.participants if p.name.strip()}
    table = Table("roadmap", "Roadmap", ROADMAP_COLUMNS)
    for i, a in enumerate(ws.actions, start=1):
        try:
            pillar_name = rubric.pillar(a.pillar).name
        except KeyError:
            pillar_name = ""
        owner = a.owner
        if anonymous:
            # Owning an action is not a rating: a participant owner is shown by role, as in the handout.
            person = names.get(owner.strip().casefold())
            owner = (person.role or "a participant") if person else scrub(owner)
        table.rows.append((i, a.pillar, pillar_name, scrub(a.title), scrub(a.detail), owner,
                           HORIZONS.get(a.horizon, a.horizon), PRIORITIES.get(a.priority, a.priority),
                           STATUSES.get(a.status, a.status)))
    return table


def _about(ws: Workshop, shown: Workshop, anonymous: bool, left_out: list[int]) -> Table:
    d = ws.details
    overall = summarise(shown).overall if shown.rounds else None
    rows: list[tuple[Any, ...]] = [
        ("title", d.title), ("client", d.client), ("date", parse_date(d.date) or d.date), ("site", d.site),
        ("facilitator", d.facilitator), ("rubric", ws.rubric.name), ("rubric_id", ws.rubric.id),
        ("participants", len(ws.participants)),
        ("rounds", len(shown.rounds)),
        ("blind_rounds_left_out", ", ".join(str(n) for n in left_out)),
        ("overall_stage", overall.stage if overall else None),
        ("overall_stage_name", ws.rubric.stage(overall.stage).name if overall and overall.stage else ""),
        ("overall_rule", ws.rubric.overall_rule),
        ("names", "anonymous codes" if anonymous else "participants named"),
    ]
    return Table("about", "Workshop", ABOUT_COLUMNS, rows)


def parse_date(text: str) -> dt.date | None:
    """An ISO date (2026-11-18) as a date; None for anything else (left as the text typed)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


# --------------------------------------------------------------------------- formats


def csv_text(table: Table) -> str:
    """The table as CSV text (header row first; numbers plain, yes/no, ISO dates)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(c, v) for c, v in zip(table.columns, row, strict=True)])
    return out.getvalue()


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return column.csv_none
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def json_text(export: DataExport) -> str:
    """Every table in one JSON document, with the workshop's details."""
    data = {
        "format": JSON_FORMAT_ID,
        "version": JSON_VERSION,
        "anonymous": export.anonymous,
        "workshop": {row[0]: (row[1].isoformat() if isinstance(row[1], dt.date) else row[1])
                     for row in export.about.rows},
        "blind_rounds_left_out": export.blind_rounds,
        **{name: table.records() for name, table in export.tables.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def xlsx_bytes(export: DataExport) -> bytes:
    """A workbook with one sheet per table: numbers as numbers, yes/no as booleans, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in (export.about, *export.tables.values()):
        sheet = book.create_sheet(table.title)
        sheet.append([c.name for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(table.rows, start=2):
            for c, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
                _set_cell(sheet.cell(row=r, column=c), column, value)
        for c, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = column.width
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _set_cell(cell: Any, column: Column, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, str):
        cell.value = _ILLEGAL_XML.sub("", value)
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
        if "\n" in value:
            from openpyxl.styles import Alignment

            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, float):
        cell.number_format = "0.00"


def export_format(path: str | Path) -> str:
    """The format a file name asks for; ValueError naming the accepted endings otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the file name must end in .csv, .xlsx or .json (not '{Path(path).suffix}')")
    return suffix


def export_bytes(export: DataExport, fmt: str, table: str = "ratings") -> bytes:
    """The file's bytes: CSV holds one table (UTF-8 with a BOM, so Excel reads accents), the others all."""
    if fmt == "csv":
        if table not in export.tables:
            raise ValueError(f"unknown table '{table}' (choose one of {', '.join(TABLES)})")
        return csv_text(export.tables[table]).encode("utf-8-sig")
    if fmt == "json":
        return json_text(export).encode("utf-8")
    if fmt == "xlsx":
        return xlsx_bytes(export)
    raise ValueError(f"unknown format '{fmt}' (choose one of {', '.join(FORMATS)})")


def write_export(workshop: Workshop, path: str | Path, *, named: bool = False, table: str = "ratings",
                 fmt: str | None = None) -> DataExport:
    """Build and write an export crash-safely (the old file or the new one, never half of one)."""
    fmt = fmt or export_format(path)
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}' (choose one of {', '.join(TABLES)})")
    export = build_export(workshop, named=named)
    replace_atomically(path, export_bytes(export, fmt, table))
    return export


def describe_export(export: DataExport, fmt: str, table: str = "ratings") -> str:
    """One line on what was written, for the command line and the dialog."""
    if fmt == "csv":
        what = f"{len(export.tables[table].rows)} {table} rows"
    else:
        what = ", ".join(f"{len(t.rows)} {name} rows" for name, t in export.tables.items())
    names = "anonymous codes" if export.anonymous else "participants named"
    blind = ""
    if export.blind_rounds:
        rounds = ", ".join(str(n) for n in export.blind_rounds)
        blind = f"; round {rounds} left out (not revealed yet)"
    return f"{what}; {names}{blind}"
