"""Participants as a table (name, role, role group), edited in place through the document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import GROUP_FROM_ROLE, NO_GROUP, Participant
from workshop_app.core.perspectives import GROUPS, group_of, suggest_group
from workshop_app.gui.models.records import Index as _Index
from workshop_app.gui.models.records import RecordTableModel

COLUMNS = ("Name", "Role", "Role group")
GROUP_COLUMN = 2


class ParticipantsModel(RecordTableModel):
    """Rows are `workshop.participants`; name and role are renamed in place."""

    AREA = ops.PARTICIPANTS
    HEADERS = COLUMNS

    def _records(self) -> list[Participant]:
        return self._document.workshop.participants

    def participant(self, row: int) -> Participant:
        return self._records()[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._records()[index.row()]
        if index.column() == GROUP_COLUMN:
            return self._group_data(person, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return person.name if index.column() == 0 else person.role
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return "Double-click or press F2 to rename"
        return None

    def _group_data(self, person: Participant, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return person.group
        if role == Qt.ItemDataRole.DisplayRole:
            group = group_of(person)
            if person.group == GROUP_FROM_ROLE:
                return f"{group} (from the role)" if group else "— (the role suggests none)"
            return group or "— (no group)"
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("The role group this person's ratings count in under Reveal > By group and "
                    "`summary --by-group`; double-click to choose")
        return None

    def group_choices(self, row: int) -> list[tuple[str, str]]:
        """(stored value, label) for the group editor of one row: the role's suggestion first."""
        person = self._records()[row]
        suggested = suggest_group(person.role)
        custom = sorted({p.group for p in self._records()} - {GROUP_FROM_ROLE, NO_GROUP, *GROUPS})
        return ([(GROUP_FROM_ROLE, f"From the role ({suggested or 'none'})")] + [(g, g) for g in GROUPS]
                + [(g, g) for g in custom] + [(NO_GROUP, "No group")])

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        person = self._records()[index.row()]
        text = str(value)
        if index.column() == GROUP_COLUMN:
            return text != person.group and self._apply(ops.set_participant_group, person.id, text)
        current = person.name if index.column() == 0 else person.role
        if text.strip() == current:
            return False
        field = "name" if index.column() == 0 else "role"
        return self._apply(ops.update_participant, person.id, **{field: text})
