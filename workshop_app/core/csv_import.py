"""Ratings from a CSV file (paper forms typed into a spreadsheet): all rows or nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from workshop_app.core.model import Participant, Rating, Round, Workshop
from workshop_app.core.rubric import Rubric

REQUIRED_COLUMNS = ("participant", "role", "pillar", "rating")
OPTIONAL_COLUMNS = ("round", "comment")
DONT_KNOW_TOKENS = {"?", "dk", "don't know", "dont know", "don’t know"}


class CsvImportError(ValueError):
    """The CSV cannot be imported; `problems` lists every refused row."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        super().__init__(f"{source}: {shown}")


@dataclass
class ParsedRow:
    line: int
    participant: str
    role: str
    pillar: str
    round: int
    stage: int | None
    comment: str


@dataclass
class CsvRatings:
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def participants(self) -> list[tuple[str, str]]:
        """(name, role) in order of first appearance."""
        seen: dict[str, str] = {}
        for row in self.rows:
            seen.setdefault(row.participant, row.role)
            if row.role and not seen[row.participant]:
                seen[row.participant] = row.role
        return list(seen.items())


def parse_stage(value: str, rubric: Rubric) -> int | None:
    """Stage number, stage name or id (any case), or '?' for don't know."""
    text = value.strip()
    if text.lower() in DONT_KNOW_TOKENS:
        return None
    if text.isdigit():
        number = int(text)
        if 1 <= number <= rubric.k:
            return number
        raise ValueError(f"stage number {number} is outside 1..{rubric.k}")
    for i, stage in enumerate(rubric.stages, start=1):
        if text.casefold() in (stage.name.casefold(), stage.id.casefold()):
            return i
    names = ", ".join(s.name for s in rubric.stages)
    raise ValueError(f"unknown rating '{value}' (use 1-{rubric.k}, a stage name ({names}) or ?)")


def parse_pillar(value: str, rubric: Rubric) -> str:
    text = value.strip().casefold()
    for pillar in rubric.pillars:
        if text in (pillar.id.casefold(), pillar.name.casefold()):
            return pillar.id
    raise ValueError(f"unknown pillar '{value}'")


def parse_ratings_csv(text: str, rubric: Rubric, source: str = "CSV") -> CsvRatings:
    """Check every row; raise CsvImportError listing each refused line."""
    text = text.lstrip("\ufeff")
    sample = text[:2048]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError(source, ["the file is empty"]) from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CsvImportError(
            source,
            [f"line 1: missing column(s) {', '.join(missing)} (need {', '.join(REQUIRED_COLUMNS)}; "
             f"optional {', '.join(OPTIONAL_COLUMNS)})"],
        )
    index = {c: columns.index(c) for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in columns}
    result = CsvRatings()
    problems: list[str] = []
    seen: dict[tuple[str, str, int], int] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            i = index.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        try:
            name = cell("participant")
            if not name:
                raise ValueError("empty participant name")
            pillar = parse_pillar(cell("pillar"), rubric)
            raw_rating = cell("rating")
            if not raw_rating:
                raise ValueError("empty rating (use ? for don't know)")
            stage = parse_stage(raw_rating, rubric)
            raw_round = cell("round") or "1"
            if not raw_round.isdigit() or int(raw_round) < 1:
                raise ValueError(f"round '{raw_round}' must be a whole number from 1")
            round_number = int(raw_round)
            key = (name.casefold(), pillar, round_number)
            if key in seen:
                raise ValueError(f"{name} already rated this pillar in round {round_number} on line {seen[key]}")
            seen[key] = line_no
        except ValueError as exc:
            problems.append(f"line {line_no}: {exc}")
            continue
        result.rows.append(ParsedRow(line_no, name, cell("role"), pillar, round_number, stage, cell("comment")))
    if problems:
        raise CsvImportError(source, problems)
    if not result.rows:
        raise CsvImportError(source, ["no ratings found below the header"])
    return result


def read_ratings_csv(path: str | Path, rubric: Rubric) -> CsvRatings:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvImportError(str(path), [f"cannot be read ({exc.strerror or exc})"]) from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise CsvImportError(str(path), ["not a text file"])
    return parse_ratings_csv(text, rubric, source=str(path))


def blind_rounds(workshop: Workshop, parsed: CsvRatings) -> list[int]:
    """Rounds the file has ratings for that are not revealed (or do not exist yet)."""
    known = {r.number: r for r in workshop.rounds}
    return sorted({row.round for row in parsed.rows if row.round not in known or not known[row.round].revealed})


def apply_ratings(workshop: Workshop, parsed: CsvRatings, *, reveal: bool = True) -> int:
    """Merge parsed rows into a workshop: participants matched by name, rounds created.

    Returns the number of ratings written. Ratings of a pillar in a round the
    workshop has not opened for it open that round (a re-vote from paper).
    With `reveal`, the rounds the file has ratings for are revealed (paper forms
    are usually filled in the open); rounds it does not touch keep their state,
    so a round still being voted blind stays blind.
    """
    by_name = {p.name.casefold(): p for p in workshop.participants}
    for name, role in parsed.participants:
        if name.casefold() not in by_name:
            person = Participant(name=name, role=role)
            workshop.participants.append(person)
            by_name[name.casefold()] = person
    workshop.ensure_first_round()
    for row in parsed.rows:
        try:
            rnd = workshop.round(row.round)
        except KeyError:
            while workshop.latest_round < row.round:
                workshop.rounds.append(Round(number=workshop.latest_round + 1, pillars=[]))
            rnd = workshop.round(row.round)
        if row.pillar not in rnd.pillars:
            rnd.pillars.append(row.pillar)
            rnd.pillars.sort(key=workshop.rubric.pillar_ids.index)
        person = by_name[row.participant.casefold()]
        existing = workshop.rating(person.id, row.pillar, row.round)
        if existing:
            existing.stage, existing.comment = row.stage, row.comment
        else:
            workshop.ratings.append(Rating(person.id, row.pillar, row.round, row.stage, row.comment))
    if reveal:
        for number in blind_rounds(workshop, parsed):
            workshop.round(number).revealed = True
    workshop.rounds = [r for r in workshop.rounds if r.pillars]
    return len(parsed.rows)
