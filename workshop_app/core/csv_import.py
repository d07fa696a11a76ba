"""Ratings from a CSV file (paper forms typed into a spreadsheet): all rows or nothing.

Every cell goes through the same rules as the grid (core.validation, core.limits),
so what the importer accepts the app can edit, save and open again.
"""

from __future__ import annotations

import codecs
import csv
import io
import stat
from dataclasses import dataclass, field
from pathlib import Path

from workshop_app.core.limits import COMMENT_MAX, MAX_CSV_BYTES, MAX_PARTICIPANTS, MAX_ROUNDS, NAME_MAX, ROLE_MAX
from workshop_app.core.model import Participant, Rating, Round, Workshop
from workshop_app.core.rubric import Rubric
from workshop_app.core.validation import clean_text, name_key, shown

REQUIRED_COLUMNS = ("participant", "role", "pillar", "rating")
OPTIONAL_COLUMNS = ("round", "comment")
DONT_KNOW_TOKENS = {"?", "dk", "don't know", "dont know", "don’t know"}
DELIMITERS = (",", ";", "\t")
MAX_PROBLEMS = 100  # listed one by one; beyond that only counted


class CsvImportError(ValueError):
    """The CSV cannot be imported; `problems` lists every refused row."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown_problems = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        super().__init__(f"{source}: {shown_problems}")


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
    source: str = "CSV"

    @property
    def participants(self) -> list[tuple[str, str]]:
        """(name, role) in order of first appearance; a name's first spelling and first role win."""
        seen: dict[str, tuple[str, str]] = {}
        for row in self.rows:
            key = name_key(row.participant)
            if key not in seen:
                seen[key] = (row.participant, row.role)
            elif row.role and not seen[key][1]:
                seen[key] = (seen[key][0], row.role)
        return list(seen.values())


# --------------------------------------------------------------------------- reading and parsing


def read_ratings_csv(path: str | Path, rubric: Rubric) -> CsvRatings:
    """Read, decode and check a CSV file; CsvImportError for anything that is not importable."""
    path = Path(path)
    source = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise CsvImportError(source, ["is a folder, not a CSV file"])
        if not stat.S_ISREG(info.st_mode):
            raise CsvImportError(source, ["is not a regular file"])
        if info.st_size > MAX_CSV_BYTES:
            raise CsvImportError(source, [_too_big(info.st_size)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise CsvImportError(source, [f"cannot be read ({exc.strerror or exc})"]) from None
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError(source, [_too_big(len(raw))])
    return parse_ratings_csv(decode_csv(raw, source), rubric, source=source)


def _too_big(size: int) -> str:
    return f"is too large ({size / 1e6:,.1f} MB; a ratings CSV may be at most {MAX_CSV_BYTES / 1e6:,.0f} MB)"


def decode_csv(raw: bytes, source: str = "CSV") -> str:
    """Text of a CSV as spreadsheets save it: UTF-8 (with or without BOM), UTF-16 with BOM
    (Excel's "Unicode text"), or Windows-1252 (Excel's plain "CSV" on Windows)."""
    for bom, encoding, name in ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
                                (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
                                (codecs.BOM_UTF8, "utf-8-sig", "UTF-8")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise CsvImportError(source, [f"is not valid {name} text"]) from None
    if b"\x00" in raw:
        raise CsvImportError(source, ["is not a text file (it contains NUL bytes); save it as CSV (UTF-8)"])
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvImportError(source, ["is not a text file; save it as CSV (UTF-8)"])


def _sep_line(text: str) -> tuple[str, str]:
    """(separator, the text below) for a file that starts with Excel's "sep=;" line, else ("", text)."""
    first, rest = _first_line(text)
    declared = first.strip().strip('"')
    if len(declared) == 5 and declared.lower().startswith("sep="):
        return declared[4], rest
    return "", text


def _first_line(text: str) -> tuple[str, str]:
    ends = [i for i in (text.find("\r", 0, 65536), text.find("\n", 0, 65536)) if i >= 0]
    if not ends:
        return text[:65536], ""
    end = min(ends)
    rest = text[end + 2:] if text.startswith("\r\n", end) else text[end + 1:]
    return text[:end], rest


def _delimiter(header: str) -> str:
    """The separator that makes the header line name the most known columns (comma on a tie)."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            continue
        score = len(known & {c.strip().lower() for c in cells})
        if score > best_score:
            best, best_score = delimiter, score
    if best_score == 0:  # no known column at all: the separator that splits the line most
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    return best


class _Lookup:
    """Pillar and stage spellings of a rubric, so a row costs dictionary look-ups only."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self.pillars = {}
        for pillar in rubric.pillars:
            self.pillars.setdefault(pillar.name.casefold(), pillar.id)
            self.pillars[pillar.id.casefold()] = pillar.id
        self.exact = {pillar.id: pillar.id for pillar in rubric.pillars}
        self.stages: dict[str, int | None] = {token: None for token in DONT_KNOW_TOKENS}
        for i, stage in enumerate(rubric.stages, start=1):
            self.stages.setdefault(stage.name.casefold(), i)
            self.stages.setdefault(stage.id.casefold(), i)
            self.stages[str(i)] = i

    def pillar(self, value: str) -> str:
        if value in self.exact:
            return self.exact[value]
        try:
            return self.pillars[value.strip().casefold()]
        except KeyError:
            raise ValueError(f"unknown pillar '{shown(value)}'") from None

    def stage(self, value: str) -> int | None:
        if value in self.stages:  # the usual "3" or "?"
            return self.stages[value]
        text = value.strip()
        key = text.casefold()
        if key in self.stages:
            return self.stages[key]
        k = self.rubric.k
        if text.isascii() and text.isdigit():
            if len(text) <= 6 and 1 <= int(text) <= k:
                return int(text)
            raise ValueError(f"stage number {shown(text, 12)} is outside 1..{k}")
        names = ", ".join(s.name for s in self.rubric.stages)
        raise ValueError(f"unknown rating '{shown(value)}' (use 1-{k}, a stage name ({names}) or ?)")


def parse_stage(value: str, rubric: Rubric) -> int | None:
    """Stage number, stage name or id (any case), or '?' for don't know."""
    return _Lookup(rubric).stage(value)


def parse_pillar(value: str, rubric: Rubric) -> str:
    return _Lookup(rubric).pillar(value)


_ROUND_NUMBERS = {str(n): n for n in range(1, MAX_ROUNDS + 1)}


def _round_number(value: str) -> int:
    if value in _ROUND_NUMBERS:
        return _ROUND_NUMBERS[value]
    text = value.strip() or "1"
    if text.isascii() and text.isdigit() and len(text) <= 6 and 1 <= int(text) <= MAX_ROUNDS:
        return int(text)
    raise ValueError(f"round '{shown(text, 12)}' must be a whole number from 1 to {MAX_ROUNDS}")


def parse_ratings_csv(text: str, rubric: Rubric, source: str = "CSV") -> CsvRatings:
    """Check every row; raise CsvImportError listing each refused line."""
    if len(text) > MAX_CSV_BYTES:
        raise CsvImportError(source, [_too_big(len(text))])
    text = text[1:] if text.startswith("\ufeff") else text
    sep, body = _sep_line(text)
    skipped = 1 if sep else 0
    delimiter = sep or _delimiter(_first_line(body)[0])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, quotechar='"', doublequote=True,
                        strict=False)
    problems: list[str] = []
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError(source, ["the file is empty"]) from None
    except csv.Error as exc:
        raise CsvImportError(source, [_csv_problem(1 + skipped, exc)]) from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CsvImportError(
            source,
            [f"line {1 + skipped}: missing column(s) {', '.join(missing)} (need {', '.join(REQUIRED_COLUMNS)}; "
             f"optional {', '.join(OPTIONAL_COLUMNS)})"],
        )
    # Column positions; a missing optional column reads from a blank cell past the row's end.
    width = len(columns) + 1
    at = [columns.index(c) if c in columns else width - 1 for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)]
    lookup = _Lookup(rubric)
    result = CsvRatings(source=source)
    refused = 0
    seen: dict[tuple[str, str, int], int] = {}
    people: dict[str, tuple[str, str]] = {}  # a name as typed -> (name as stored, its key): names repeat
    roles: dict[str, str] = {}
    blank = [""] * width
    while True:
        line_no = reader.line_num + 1 + skipped
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            refused += 1
            problems.append(_csv_problem(line_no, exc))
            break  # the reader cannot go on past a broken record
        if not "".join(row).strip():
            continue
        if len(row) < width:
            row = row + blank[len(row):]
        try:
            raw_name = row[at[0]]
            if raw_name not in people:
                cleaned = clean_text(raw_name, "participant name", limit=NAME_MAX)
                people[raw_name] = (cleaned, name_key(cleaned))
            name, key = people[raw_name]
            if not name:
                raise ValueError("empty participant name")
            raw_role = row[at[1]]
            role = roles.get(raw_role)
            if role is None:
                role = roles[raw_role] = clean_text(raw_role, "role", limit=ROLE_MAX)
            pillar = lookup.pillar(row[at[2]])
            raw_rating = row[at[3]]
            if not raw_rating.strip():
                raise ValueError("empty rating (use ? for don't know)")
            stage = lookup.stage(raw_rating)
            round_number = _round_number(row[at[4]])
            comment = clean_text(row[at[5]], "comment", limit=COMMENT_MAX, multiline=True) if row[at[5]] else ""
            if (key, pillar, round_number) in seen:
                raise ValueError(f"{name} already rated this pillar in round {round_number} "
                                 f"on line {seen[key, pillar, round_number]}")
            seen[key, pillar, round_number] = line_no
        except ValueError as exc:
            refused += 1
            if len(problems) < MAX_PROBLEMS:
                problems.append(f"line {line_no}: {exc}")
            continue
        result.rows.append(ParsedRow(line_no, name, role, pillar, round_number, stage, comment))
    if refused > len(problems):
        problems.append(f"and {refused - len(problems)} more refused rows")
    if problems:
        raise CsvImportError(source, problems)
    if not result.rows:
        raise CsvImportError(source, ["no ratings found below the header"])
    return result


def _csv_problem(line_no: int, exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"line {line_no}: a cell is longer than {csv.field_size_limit():,} characters"
    return f"line {line_no}: cannot be read as CSV ({exc})"


# --------------------------------------------------------------------------- merging into a workshop


@dataclass
class ImportPlan:
    """What an import would do to a workshop, worked out before anything is written."""

    matched: dict[str, Participant]  # name key -> the workshop's participant
    new_people: list[tuple[str, str]]  # (name, role) to add
    replaced: int  # existing ratings the file overwrites
    rounds: list[int]
    problems: list[str]


def plan_import(workshop: Workshop, parsed: CsvRatings) -> ImportPlan:
    """Match the file's people to the workshop's by name; a name two participants share is refused."""
    by_key: dict[str, list[Participant]] = {}
    for p in workshop.participants:
        by_key.setdefault(name_key(p.name), []).append(p)
    first_line: dict[str, int] = {}
    for row in parsed.rows:
        first_line.setdefault(name_key(row.participant), row.line)
    matched: dict[str, Participant] = {}
    new_people: list[tuple[str, str]] = []
    problems: list[str] = []
    for name, role in parsed.participants:
        key = name_key(name)
        found = by_key.get(key, [])
        if len(found) > 1:
            problems.append(f"line {first_line[key]}: the workshop has {len(found)} participants called {name}; "
                            "rename one of them so the rows can be matched")
        elif found:
            matched[key] = found[0]
        else:
            new_people.append((name, role))
    if len(workshop.participants) + len(new_people) > MAX_PARTICIPANTS:
        problems.append(f"the import would bring the workshop to {len(workshop.participants) + len(new_people):,} "
                        f"participants (at most {MAX_PARTICIPANTS:,})")
    existing = {(r.participant, r.pillar, r.round) for r in workshop.ratings}
    replaced = sum(
        1 for row in parsed.rows
        if (p := matched.get(name_key(row.participant))) is not None and (p.id, row.pillar, row.round) in existing
    )
    return ImportPlan(matched, new_people, replaced, sorted({r.round for r in parsed.rows}), problems)


def blind_rounds(workshop: Workshop, parsed: CsvRatings) -> list[int]:
    """Rounds the file has ratings for that are not revealed (or do not exist yet)."""
    known = {r.number: r for r in workshop.rounds}
    return sorted({row.round for row in parsed.rows if row.round not in known or not known[row.round].revealed})


def apply_ratings(workshop: Workshop, parsed: CsvRatings, *, reveal: bool = True) -> int:
    """Merge parsed rows into a workshop: participants matched by name, rounds created.

    Returns the number of ratings written; raises CsvImportError, with the
    workshop untouched, when a row cannot be matched. Ratings of a pillar in a
    round the workshop has not opened for it open that round (a re-vote from
    paper). With `reveal`, the rounds the file has ratings for are revealed
    (paper forms are usually filled in the open); rounds it does not touch
    keep their state, so a round still being voted blind stays blind.
    """
    plan = plan_import(workshop, parsed)
    if plan.problems:
        raise CsvImportError(parsed.source, plan.problems)
    to_reveal = blind_rounds(workshop, parsed) if reveal else []
    people = dict(plan.matched)
    for name, role in plan.new_people:
        person = Participant(name=name, role=role)
        workshop.participants.append(person)
        people[name_key(name)] = person
    workshop.ensure_first_round()
    rounds = {r.number: r for r in workshop.rounds}
    voted = {number: set(r.pillars) for number, r in rounds.items()}
    existing = {(r.participant, r.pillar, r.round): r for r in workshop.ratings}
    for row in parsed.rows:
        if row.round not in rounds:
            rounds[row.round] = Round(number=row.round, pillars=[])
            voted[row.round] = set()
            workshop.rounds.append(rounds[row.round])
        voted[row.round].add(row.pillar)
        person_id = people[name_key(row.participant)].id
        rating = existing.get((person_id, row.pillar, row.round))
        if rating is not None:
            rating.stage, rating.comment = row.stage, row.comment
        else:
            rating = Rating(person_id, row.pillar, row.round, row.stage, row.comment)
            workshop.ratings.append(rating)
            existing[(person_id, row.pillar, row.round)] = rating
    order = workshop.rubric.pillar_ids
    for number, rnd in rounds.items():
        if len(voted[number]) != len(rnd.pillars):
            rnd.pillars = [p for p in order if p in voted[number]]
    for number in to_reveal:
        rounds[number].revealed = True
    workshop.rounds = sorted((r for r in workshop.rounds if r.pillars), key=lambda r: r.number)
    return len(parsed.rows)
