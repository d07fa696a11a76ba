"""Rate: who has voted in the round, the facilitator grid, private ballots, CSV import, reveal, re-vote."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from workshop_app.core import operations as ops
from workshop_app.core.ballots import reveal_refusal, revote_refusal, round_progress
from workshop_app.gui.dialogs import confirm, errors, screens
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.rating_grid import RatingGridModel, stage_keys
from workshop_app.gui.style import refresh_style, set_role
from workshop_app.gui.widgets.common import button, muted, page_layout
from workshop_app.gui.widgets.deferred import DeferredRefresh
from workshop_app.gui.widgets.rating_grid import RatingGridView

SHOW_TIP = ("Ratings stay hidden until the round is revealed. Showing them asks first, and they hide again "
            "when you leave this page")


class RatePage(QWidget):
    """The facilitator's page. A blind round's values show only after a confirmed "Show values", which
    is loud while on and switched off by any page change, round change or presentation mode."""

    title = "Rate"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rounds_seen = document.workshop.latest_round
        self._dialog: QWidget | None = None
        self._presenting = False
        self.neutral_screen: screens.NeutralScreen | None = None
        #: Where the screen list comes from (tests pass their own).
        self.screens = screens.connected_screens
        layout = page_layout(self, "Rate")

        top = QHBoxLayout()
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(260)
        # A long round label must not widen the page past a 1366-pixel screen: the list shows it whole.
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.round_combo.setMinimumContentsLength(28)
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
        self.phone_button = button("Phone voting…", tip="Everyone votes at once from their own phone over "
                                   "this laptop's network; no internet needed")
        self.import_button = button("Import ratings CSV…")
        self.reveal_button = button("Reveal round", accent=True)
        self.revote_button = button("Open re-vote…")
        for b in (self.ballots_button, self.phone_button, self.import_button, self.reveal_button,
                  self.revote_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

        grid_bar = QHBoxLayout()
        self.keys_help = muted("")
        self.keys_help.setWordWrap(True)
        self.show_values = QPushButton("Show values")
        self.show_values.setCheckable(True)
        self.show_values.setToolTip(SHOW_TIP)
        grid_bar.addWidget(self.keys_help, 1)
        grid_bar.addWidget(self.show_values)
        layout.addLayout(grid_bar)

        self.model = RatingGridModel(document, parent=self)
        self.grid = RatingGridView()
        self.grid.setModel(self.model)
        layout.addWidget(self.grid, 1)

        self.round_combo.currentIndexChanged.connect(self._on_round_chosen)
        self.show_values.clicked.connect(self._on_show_values_clicked)
        self.ballots_button.clicked.connect(self.start_ballots)
        self.phone_button.clicked.connect(self.start_phone_voting)
        self.import_button.clicked.connect(self.import_csv)
        self.reveal_button.clicked.connect(self._on_reveal)
        self.revote_button.clicked.connect(self.open_revote)
        DeferredRefresh(self, document, self._on_changed)
        self._fill_rounds()
        self._refresh()

    @property
    def round_number(self) -> int:
        return self.model.round_number

    # ------------------------------------------------------------------ showing values
    @property
    def values_showing(self) -> bool:
        """The grid shows the values of a round the room has not seen (the loud state)."""
        return self.model.values_visible and not self.model.revealed

    def _on_show_values_clicked(self, checked: bool) -> None:
        if checked and not self.model.revealed and not self._presenting:
            if confirm.confirm_show_values(self, self.round_number):
                self.model.set_show_values(True)
        else:
            self.model.set_show_values(False)
        self._show_values_state()

    def hide_values(self) -> None:
        """Back to blind: on leaving the page, another round, a new round, presentation mode."""
        self.model.set_show_values(False)
        self._show_values_state()

    def set_presentation(self, on: bool) -> None:
        """Presentation mode never offers the values of a blind round (main window calls this)."""
        self._presenting = on
        self.hide_values()
        self._refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.hide_values()
        super().hideEvent(event)

    def _show_values_state(self) -> None:
        """Button and round header say plainly whether a blind round's values are on screen."""
        showing = self.values_showing
        self.show_values.blockSignals(True)
        self.show_values.setChecked(showing)
        self.show_values.blockSignals(False)
        self.show_values.setText("Hide values" if showing else "Show values")
        self.show_values.setProperty("warning", showing)
        refresh_style(self.show_values)
        hidden = self.model.names_hidden  # values are never shown by name in this workshop
        self.show_values.setEnabled(showing or not hidden)
        self.show_values.setToolTip("Values of a blind round are on screen: click to hide them" if showing
                                    else hidden or SHOW_TIP)
        has_round = self.round_number in {r.number for r in self.document.workshop.rounds}
        if not has_round:
            text, role = "", "h2"
        elif showing:
            text, role = f"⚠ Values showing: blind round {self.round_number}", "warning"
        elif self.model.revealed:
            text, role = "◉ Revealed", "h2"
        else:
            text, role = "◌ Blind: values hidden", "h2"
        self.round_state.setText(text)
        set_role(self.round_state, role)
        refresh_style(self.round_state)

    # ------------------------------------------------------------------ actions
    def start_ballots(self, round_number: int | None = None) -> QWidget | None:
        """Open the private ballot flow for the round (GUI of the pass-the-laptop step).

        With more than one screen, the facilitator is first told to stop mirroring,
        and may put a neutral screen on the projector until the ballots end.
        """
        from workshop_app.gui.pages.ballot import BallotFlow

        if not self.document.workshop.participants:
            QMessageBox.information(self, "Private ballots", "Add participants first (step 2).")
            return None
        number = round_number or self.round_number
        self.hide_values()
        go, neutral = screens.prepare_ballot_screens(self, number, self.screens)
        if not go:
            return None
        dialog = BallotFlow(self.document, number, self.window())
        self._dialog = dialog
        self.neutral_screen = neutral
        if neutral is not None:
            dialog.finished.connect(self._close_neutral_screen)
        dialog.open()
        if neutral is not None:  # the ballots stay on the laptop's screen, in front
            dialog.raise_()
            dialog.activateWindow()
        return dialog

    def start_phone_voting(self, round_number: int | None = None) -> QWidget | None:
        """Open the projector's join screen and serve the round to phones until voting is closed."""
        from workshop_app.gui.dialogs.phone_voting import PhoneVotingDialog

        ws = self.document.workshop
        number = round_number or self.round_number
        if not ws.participants:
            errors.show_info(self, "Phone voting", "Add participants first (step 2).")
            return None
        try:
            revealed = ws.round(number).revealed
        except KeyError:
            return None
        if revealed:
            errors.show_info(self, "Phone voting", f"Round {number} is revealed: open a re-vote to vote again.")
            return None
        if self.document.read_only:
            errors.show_error(self, "Phone voting", "This workshop is open read-only: ballots could not be saved.")
            return None
        if isinstance(self._dialog, PhoneVotingDialog) and self._dialog.serving:
            self._dialog.raise_()  # one server at a time
            self._dialog.activateWindow()
            return self._dialog
        self.hide_values()
        dialog = PhoneVotingDialog(self.document, number, self.window())
        self._dialog = dialog
        dialog.show()
        return dialog

    def _close_neutral_screen(self) -> None:
        if self.neutral_screen is not None:
            self.neutral_screen.close()
            self.neutral_screen.deleteLater()
            self.neutral_screen = None

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
        """Hiding is harmless; revealing shows the room every rating, so it asks (and says who is missing)."""
        number = self.round_number
        try:
            revealed = self.document.workshop.round(number).revealed
        except KeyError:
            return
        if not revealed and not confirm.confirm_reveal(self, self.document.workshop, number, names=False):
            return
        try:
            self.document.apply(ops.set_revealed, number, not revealed)
        except ops.OperationError as exc:
            errors.show_error(self, "Reveal", str(exc))

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
            self.model.set_show_values(False)
            self.model.set_round(number)
            self._refresh()

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.ROUNDS in areas or ops.PARTICIPANTS in areas:
            latest = self.document.workshop.latest_round
            if latest > self._rounds_seen:  # a new round opened: go to it, blind again
                self.model.set_show_values(False)
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
        self.ballots_button.setEnabled(has_round)
        self.phone_button.setEnabled(has_round and not revealed)
        self.phone_button.setToolTip(
            "No round is open yet" if not has_round else
            f"Round {number} is revealed: open a re-vote to vote again" if revealed else
            "Everyone votes at once from their own phone over this laptop's network; no internet needed")
        self.reveal_button.setText("Hide round again" if revealed else "Reveal round")
        why_not = "No round is open yet" if not has_round else "" if revealed else reveal_refusal(ws, number)
        self.reveal_button.setEnabled(not why_not)
        self.reveal_button.setToolTip(why_not or ("Hide this round's ratings again" if revealed else
                                                  "Show the room every rating of this round (asks first)"))
        why_not = "No round is open yet" if not has_round else revote_refusal(ws)
        self.revote_button.setEnabled(not why_not)
        self.revote_button.setToolTip(why_not or "A new blind round for the pillars that need it")
        self.show_values.setVisible(has_round and not revealed and not self._presenting)
        self._show_values_state()
        keys = stage_keys(rubric)
        initials = ", ".join(f"{k.upper()} = {rubric.stage(v).name}" for k, v in keys.items()
                             if v is not None and not k.isdigit())
        self.keys_help.setText(
            f"Grid keys: 1–{rubric.k} or a stage initial ({initials}), ? = don't know, "
            "Delete clears, Enter/Tab moves on."
        )
        self.voted.setText(self._voted_text(number) if has_round else "No round is open yet.")

    def _voted_text(self, number: int) -> str:
        """Who has voted, part-way or not at all, by name (names made distinct); never a value."""
        ws = self.document.workshop
        progress = round_progress(ws, number)
        names = ws.participant_names()
        pillars = progress.pillars
        parts = [f"<b>{len(progress.voted)} of {progress.total} have voted</b> on all {pillars} "
                 f"pillar{'s' if pillars != 1 else ''}"]
        if progress.voted:
            parts.append("✓ " + ", ".join(_esc(names[p]) for p in progress.voted))
        if progress.partly:
            parts.append("◐ part-way: " + ", ".join(f"{_esc(names[p])} ({n}/{pillars})"
                                                     for p, n in progress.partly.items()))
        if progress.waiting:
            parts.append("– not yet: " + ", ".join(_esc(names[p]) for p in progress.waiting))
        return "<br>".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
