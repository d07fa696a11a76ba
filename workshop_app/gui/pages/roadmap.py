"""Roadmap: the builder's proposals in an editable table (owner, horizon, priority, status)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QTableView, QWidget

from workshop_app.core import operations as ops
from workshop_app.core.model import HORIZONS
from workshop_app.core.roadmap import HORIZON_ORDER, propose_roadmap, sort_actions
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.roadmap import FIELDS, RoadmapModel
from workshop_app.gui.widgets.choice_delegate import ChoiceDelegate
from workshop_app.gui.widgets.common import ErrorLabel, button, button_row, muted, page_layout
from workshop_app.gui.widgets.deferred import DeferredRefresh


def reorder_by_horizon(workshop: object, _unused: None = None) -> ops.Change:
    """Stable sort by horizon then priority, as one undoable edit."""
    workshop.actions = sort_actions(workshop.actions)  # type: ignore[attr-defined]
    return ops.Change(frozenset({ops.ROADMAP}), "Sort roadmap by horizon")


class RoadmapPage(QWidget):
    title = "Roadmap"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = page_layout(
            self, "Roadmap",
            "Actions that move each pillar from its agreed stage towards its target. "
            "Build them from the decisions, then edit freely (double-click a cell).",
        )
        self.build_button = button("Build from decisions…", primary=True)
        self.add_button = button("Add action")
        self.delete_button = button("Delete")
        self.up_button = button("Move up")
        self.down_button = button("Move down")
        self.sort_button = button("Sort by horizon", tip="Order by horizon, then priority (undoable)")
        layout.addLayout(button_row(self.build_button, self.add_button, self.delete_button, self.up_button,
                                    self.down_button, self.sort_button))
        self.model = RoadmapModel(document, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        choice = ChoiceDelegate(self.model.choices, self.table)
        for col, field in enumerate(FIELDS):
            if field in ("pillar", "horizon", "priority", "status"):
                self.table.setItemDelegateForColumn(col, choice)
        self._choice = choice
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FIELDS.index("title"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELDS.index("detail"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELDS.index("measure"), QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        layout.addWidget(self.table, 1)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.summary = muted("")
        layout.addWidget(self.summary)

        self.build_button.clicked.connect(self.build)
        self.add_button.clicked.connect(self._on_add)
        self.delete_button.clicked.connect(self._on_delete)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.sort_button.clicked.connect(lambda: self.document.apply(reorder_by_horizon))
        self.model.dataChanged.connect(self._show_model_error)
        choice.closeEditor.connect(self._show_model_error)
        self.table.itemDelegate().closeEditor.connect(self._show_model_error)
        DeferredRefresh(self, document, self._on_changed)
        self._refresh()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def build(self, *, confirm: bool = True) -> bool:
        """Replace the roadmap with the builder's proposals (asking first if there is one)."""
        ws = self.document.workshop
        if ws.actions and confirm:
            answer = QMessageBox.question(
                self, "Build roadmap",
                f"Replace the {len(ws.actions)} actions in the roadmap with fresh proposals from the decisions? "
                "(Edit > Undo brings them back.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        proposals = propose_roadmap(ws, self.document.summary())
        self.document.apply(ops.replace_roadmap, proposals)
        return True

    def _on_add(self) -> None:
        row = self.selected_row()
        index = None if row is None else row + 1
        self.document.apply(ops.add_action, index, title="New action")
        new_row = len(self.document.workshop.actions) - 1 if index is None else index
        self.table.selectRow(new_row)
        self.table.edit(self.model.index(new_row, FIELDS.index("title")))

    def _on_delete(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.document.apply(ops.remove_action, self.model.action(row).id)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def _move(self, step: int) -> None:
        row = self.selected_row()
        if row is None or not 0 <= row + step < self.model.rowCount():
            return
        self.document.apply(ops.move_action, self.model.action(row).id, row + step)
        self.table.selectRow(row + step)

    def _show_model_error(self, *args: object) -> None:
        self.error.show_message(self.model.last_error)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {ops.ROADMAP, ops.DECISIONS}:
            self._refresh()

    def _refresh(self) -> None:
        actions = self.document.workshop.actions
        counts = {h: sum(1 for a in actions if a.horizon == h) for h in HORIZON_ORDER}
        parts = [f"{HORIZONS[h]}: {n}" for h, n in counts.items()]
        self.summary.setText(f"{len(actions)} actions · " + " · ".join(parts))
        for b in (self.delete_button, self.up_button, self.down_button, self.sort_button):
            b.setEnabled(bool(actions))
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Two lines of text per row, three when every row still fits the table (a projector's full screen);
        the full text is in the tooltip and the editor."""
        line = self.fontMetrics().lineSpacing()
        rows = max(1, len(self.document.workshop.actions))
        room = self.table.viewport().height()
        height = (3 if rows * (3 * line + 14) <= room else 2) * line + 14
        header = self.table.verticalHeader()
        if header.defaultSectionSize() != height:  # setting it lays out and repaints every row again
            header.setDefaultSectionSize(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_rows)  # once the layout has given the table its new size
        QTimer.singleShot(0, self, self._fit_columns)

    def _fit_columns(self) -> None:
        """The narrow columns as wide as their header and longest choice at the current font (in pixels they
        clipped "Priority" and "Medium" at the projector's size); pillar and owner get about twelve letters,
        an empty due column only its header. When the text columns would get fewer than sixteen letters each
        (a 1366-pixel projector at the presenting font), Detail steps aside: it is in the tooltip and editor."""
        fm = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        header_fm = QFontMetrics(bold)
        letter = fm.averageCharWidth()
        pad = 2 * letter + 12
        dated = any(a.due for a in self.document.workshop.actions)
        fixed = 0
        for field in ("pillar", "owner", "due", "horizon", "priority", "status"):
            col = FIELDS.index(field)
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            texts = [label for _, label in self.model.choices(col)] if field not in ("pillar", "owner") else []
            if field == "due" and dated:
                texts.append("2026-12-31")
            wanted = max([header_fm.horizontalAdvance(header)] + [fm.horizontalAdvance(t) for t in texts])
            if field in ("pillar", "owner"):
                wanted = max(wanted, 12 * letter)
            self.table.setColumnWidth(col, wanted + pad)
            fixed += wanted + pad
        room = self.table.viewport().width() - fixed
        self.table.setColumnHidden(FIELDS.index("detail"), 0 < room < 3 * 16 * letter)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode scaled the fonts
            QTimer.singleShot(0, self, self._fit_columns)  # once the table has its new font too
            self._refresh()
