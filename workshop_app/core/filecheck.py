"""Checks of the records read from a workshop file: types, ranges, known ids, table sizes.

Kept apart from storage.py so that the loader reads as a list of rules; every
failure names the record (`ratings[12].stage`) and stays one short line.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class RecordChecker:
    """Type and range checks for records, failing with the record's path in the file."""

    def __init__(self, source: str, error: type[Exception]) -> None:
        self.source = source
        self.error = error

    def fail(self, where: str, problem: str) -> Exception:
        """The error to raise: `<file>: damaged workshop file (<where>: <problem>)`."""
        return self.error(f"{self.source}: damaged workshop file ({where}: {problem})")

    def fields(self, where: str, doc: dict[str, Any], cls: type) -> dict[str, Any]:
        """Keep the dataclass's fields, check their types, default what is optional."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in doc:
                has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
                if has_default and f.name != "id":
                    continue
                raise self.fail(where, f"missing '{f.name}'")
            value = doc[f.name]
            expected = str(f.type)
            ok = (
                (expected == "str" and isinstance(value, str))
                or (expected == "bool" and isinstance(value, bool))
                or (expected == "int" and isinstance(value, int) and not isinstance(value, bool))
                or (expected == "int | None" and (value is None or (isinstance(value, int) and not isinstance(value, bool))))
                or (expected == "list[str]" and isinstance(value, list) and all(isinstance(v, str) for v in value))
            )
            if not ok:
                raise self.fail(f"{where}.{f.name}", f"unexpected value {short_repr(value)}")
            values[f.name] = value
        return values

    def count(self, table: str, rows: list[Any], limit: int) -> None:
        if len(rows) > limit:
            raise self.fail(table, f"{len(rows):,} records, at most {limit:,}")

    def whole(self, where: str, value: int, low: int, high: int) -> None:
        if not low <= value <= high:
            raise self.fail(where, f"{value} is outside {low}..{high}")

    def member(self, where: str, value: Any, allowed: set[Any], what: str) -> None:
        if value not in allowed:
            raise self.fail(where, f"unknown {what} {short_repr(value)}")

    def pillar_list(self, where: str, values: list[str], pillars: set[str]) -> None:
        for value in values:
            self.member(where, value, pillars, "pillar")


def short_repr(value: Any) -> str:
    """A value for a message: a 200 MB string is not a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
