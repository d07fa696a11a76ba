"""Rate: who has voted in the round, the facilitator grid, private ballots, CSV import, reveal, re-vote."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from workshop_app.core import operations as ops
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.rating_grid import RatingGridModel, stage_keys
from workshop_app.gui.style import set_role
from workshop_app.gui.widgets.common import button, muted, page_layout
from workshop_app.gui.widgets.deferred import DeferredRefresh
from workshop_app.gui.widgets.rating_grid import RatingGridView


class RatePage(QWidget):
    title = "Rate"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rounds_seen = document.workshop.latest_round
        self._dialog: QWidget | None = None
        layout = page_layout(self, "Rate")

        top = QHBoxLayout()
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(260)
        top.addWidget(QLabel("Round:"))
        top.addWidget(self.round_combo)
        self.round_state = QLabel()
        set_role(self.round_state, "h2")
        top.addWidget(self.round_state)
        top.addStretch(1)
        layout.addLayout(top)

        self.voted = QLabel()
        self.voted.setWordWrap(True)
        self.voted.setTextFormat(Qt.TextFormat.RichText)
        set_role(self.voted, "banner")
        layout.addWidget(self.voted)

        actions = QHBoxLayout()
        self.ballots_button = button("Start private ballots…", primary=True,
                                     tip="Pass the laptop: each person rates in private, full screen")
        self.import_button = button("Import ratings CSV…")
        self.reveal_button = button("Reveal round", accent=True)
        self.revote_button = button("Open re-vote…")
        for b in (self.ballots_button, self.import_button, self.reveal_button, self.revote_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

        grid_bar = QHBoxLayout()
        self.keys_help = muted("")
        self.show_values = QPushButton("Show values")
        self.show_values.setCheckable(True)
        self.show_values.setToolTip("Ratings stay hidden until the round is revealed, so a projector shows nothing by accident")
        grid_bar.addWidget(self.keys_help, 1)
        grid_bar.addWidget(self.show_values)
        layout.addLayout(grid_bar)

        self.model = RatingGridModel(document, parent=self)
        self.grid = RatingGridView()
        self.grid.setModel(self.model)
        layout.addWidget(self.grid, 1)

        self.round_combo.currentIndexChanged.connect(self._on_round_chosen)
        self.show_values.toggled.connect(self.model.set_show_values)
        self.ballots_button.clicked.connect(self.start_ballots)
        self.import_button.clicked.connect(self.import_csv)
        self.reveal_button.clicked.connect(self._on_reveal)
        self.revote_button.clicked.connect(self.open_revote)
        DeferredRefresh(self, document, self._on_changed)
        self._fill_rounds()
        self._refresh()

    @property
    def round_number(self) -> int:
        return self.model.round_number

    # ------------------------------------------------------------------ actions
    def start_ballots(self, round_number: int | None = None) -> QWidget | None:
        """Open the private ballot flow for the round (GUI of the pass-the-laptop step)."""
        from workshop_app.gui.pages.ballot import BallotFlow

        if not self.document.workshop.participants:
            QMessageBox.information(self, "Private ballots", "Add participants first (step 2).")
            return None
        number = round_number or self.round_number
        self._dialog = BallotFlow(self.document, number, self.window())
        self._dialog.open()
        return self._dialog

    def import_csv(self) -> QWidget:
        from workshop_app.gui.dialogs.csv_import import CsvImportDialog

        self._dialog = CsvImportDialog(self.document, self)
        self._dialog.open()
        return self._dialog

    def open_revote(self) -> QWidget:
        from workshop_app.gui.pages.revote import RevoteDialog

        dialog = RevoteDialog(self.document, self.window())
        dialog.round_opened.connect(self._on_round_opened)
        self._revote = dialog
        dialog.open()
        return dialog

    def _on_round_opened(self, number: int) -> None:
        """A re-vote is blind again: straight into private ballots for the new round."""
        self.start_ballots(number)

    def _on_reveal(self) -> None:
        number = self.round_number
        try:
            revealed = self.document.workshop.round(number).revealed
        except KeyError:
            return
        self.document.apply(ops.set_revealed, number, not revealed)

    # ------------------------------------------------------------------ refresh
    def _fill_rounds(self) -> None:
        ws = self.document.workshop
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for rnd in ws.rounds:
            if len(rnd.pillars) == len(ws.rubric.pillars):
                what = "all pillars"
            else:
                what = "re-vote: " + ", ".join(ws.rubric.pillar(p).name for p in rnd.pillars)
            self.round_combo.addItem(f"Round {rnd.number} ({what})", rnd.number)
        index = self.round_combo.findData(self.model.round_number)
        self.round_combo.setCurrentIndex(max(index, 0))
        self.round_combo.blockSignals(False)

    def _on_round_chosen(self, index: int) -> None:
        number = self.round_combo.itemData(index)
        if number is not None and number != self.model.round_number:
            self.show_values.setChecked(False)
            self.model.set_round(number)
            self._refresh()

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.ROUNDS in areas or ops.PARTICIPANTS in areas:
            latest = self.document.workshop.latest_round
            if latest > self._rounds_seen:  # a new round opened: go to it, blind again
                self.show_values.setChecked(False)
                self.model.set_round(latest)
            self._rounds_seen = latest
            self._fill_rounds()
        if areas & {ops.ROUNDS, ops.PARTICIPANTS, ops.RATINGS}:
            self._refresh()

    def _refresh(self) -> None:
        ws = self.document.workshop
        rubric = ws.rubric
        number = self.model.round_number
        has_round = number in {r.number for r in ws.rounds}
        revealed = self.model.revealed
        for b in (self.ballots_button, self.reveal_button, self.revote_button):
            b.setEnabled(has_round)
        self.reveal_button.setText("Hide round again" if revealed else "Reveal round")
        self.round_state.setText(("◉ Revealed" if revealed else "◌ Blind: values hidden") if has_round else "")
        self.show_values.setVisible(has_round and not revealed)
        keys = stage_keys(rubric)
        initials = ", ".join(f"{k.upper()} = {rubric.stage(v).name}" for k, v in keys.items()
                             if v is not None and not k.isdigit())
        self.keys_help.setText(
            f"Grid keys: 1–{rubric.k} or a stage initial ({initials}), ? = don't know, "
            "Delete clears, Enter/Tab moves on."
        )
        self.voted.setText(self._voted_text(number) if has_round else "No round is open yet.")

    def _voted_text(self, number: int) -> str:
        ws = self.document.workshop
        pillars = len(ws.round(number).pillars)
        counts = ops.voters(ws, number)
        done = [p for p in ws.participants if counts.get(p.id, 0) >= pillars]
        partly = [p for p in ws.participants if 0 < counts.get(p.id, 0) < pillars]
        waiting = [p for p in ws.participants if counts.get(p.id, 0) == 0]
        total = len(ws.participants)
        parts = [f"<b>{len(done)} of {total} have voted</b> on all {pillars} pillar{'s' if pillars != 1 else ''}"]
        if done:
            parts.append("✓ " + ", ".join(_esc(p.name) for p in done))
        if partly:
            parts.append("◐ part-way: " + ", ".join(f"{_esc(p.name)} ({counts[p.id]}/{pillars})" for p in partly))
        if waiting:
            parts.append("– not yet: " + ", ".join(_esc(p.name) for p in waiting))
        return "<br>".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
