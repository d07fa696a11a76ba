"""Private ballots ("pass the laptop"): each person rates every pillar of the round alone, full screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from workshop_app.core.ballots import Choice, cast_ballot, round_progress
from workshop_app.core.operations import OperationError
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.widgets.ballot_screens import HandoverScreen, PillarScreen, ReviewScreen

HANDOVER, PILLAR, REVIEW = 0, 1, 2


class BallotFlow(QDialog):
    """Full-screen hand-over, one pillar per screen, review, confirm; then back to the hand-over.

    Nothing here shows anyone's ratings: the hand-over lists who has voted,
    a ballot starts blank (never with earlier rounds' values) and its screens
    are cleared as soon as it is confirmed or discarded. Leaving asks first; a
    ballot in progress is dropped, never half-saved.

    Signals:
        ballot_cast(str): the participant id whose ballot was saved.
        finished(int): inherited from QDialog, emitted when the flow closes.
    """

    ballot_cast = Signal(str)

    def __init__(self, document: WorkshopDocument, round_number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.round_number = round_number
        self._person: str | None = None
        self._index = 0
        self._choices: dict[str, Choice] = {}
        self.setWindowTitle(f"Private ballots · round {round_number}")
        self.setObjectName("ballotFlow")
        self.stack = QStackedWidget(self)
        self.handover = HandoverScreen(self)
        self.pillar_screen = PillarScreen(document.workshop.rubric, self)
        self.review = ReviewScreen(self)
        for screen in (self.handover, self.pillar_screen, self.review):
            self.stack.addWidget(screen)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.stack)

        self.handover.person_picked.connect(self._on_person_picked)
        self.handover.finish_requested.connect(self.reject)
        self.pillar_screen.stage_picked.connect(self.choose)
        self.pillar_screen.back_requested.connect(self.back)
        self.pillar_screen.next_requested.connect(self.next)
        self.review.edit_requested.connect(self._show_pillar)
        self.review.back_requested.connect(self._on_review_back)
        self.review.confirm_requested.connect(self.confirm)
        document.changed.connect(self._on_changed)
        self._show_handover()

    # ------------------------------------------------------------------ state
    @property
    def pillars(self) -> list[str]:
        return list(self.document.workshop.round(self.round_number).pillars)

    @property
    def person(self) -> str | None:
        """The participant whose ballot is in progress (None on the hand-over screen)."""
        return self._person

    def voted(self) -> set[str]:
        """Ids with a rating for every pillar of the round (who, never what)."""
        return set(round_progress(self.document.workshop, self.round_number).voted)

    def _name(self, participant_id: str) -> str:
        """The person's name as shown everywhere (two people of one name are told apart)."""
        return self.document.workshop.participant_names()[participant_id]

    def open(self) -> None:
        self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
        super().open()

    # ------------------------------------------------------------------ flow
    def start_ballot(self, participant_id: str) -> None:
        self.document.workshop.participant(participant_id)
        self._person = participant_id
        self._choices = {}
        self._show_pillar(0)

    def choose(self, stage: int | None) -> None:
        """Pick a card on the current pillar (keeps the comment typed so far)."""
        if self._person is None or self.stack.currentIndex() != PILLAR:
            return
        pillar_id = self.pillars[self._index]
        self._choices[pillar_id] = (stage, self.pillar_screen.comment.text())
        self.pillar_screen.show_choice(stage, True, self.pillar_screen.comment.text())

    def next(self) -> None:
        if self.stack.currentIndex() == REVIEW:
            self.confirm()
            return
        if self.stack.currentIndex() != PILLAR:
            return
        pillar_id = self.pillars[self._index]
        if pillar_id not in self._choices:
            return
        self._remember_comment()
        if self._index + 1 < len(self.pillars):
            self._show_pillar(self._index + 1)
        else:
            self._show_review()

    def back(self) -> None:
        if self.stack.currentIndex() == PILLAR:
            self._remember_comment()
            if self._index > 0:
                self._show_pillar(self._index - 1)

    def confirm(self) -> bool:
        if self._person is None:
            return False
        person = self._person
        try:
            self.document.apply(cast_ballot, person, self.round_number, dict(self._choices))
        except (OperationError, KeyError) as exc:
            self.review.show_error(f"Not saved: {str(exc).strip(chr(39))}")
            return False
        self._discard()
        self.ballot_cast.emit(person)
        return True

    def _discard(self) -> None:
        self._person = None
        self._choices = {}
        self._index = 0
        self.review.clear()
        self.pillar_screen.show_choice(None, False, "")
        self.pillar_screen.who.setText("")
        self._show_handover()

    # ------------------------------------------------------------------ screens
    def _show_handover(self) -> None:
        ws = self.document.workshop
        rnd = ws.round(self.round_number)
        names = ws.participant_names()
        self.handover.show_people(self.round_number, rnd.label, [(p.id, names[p.id]) for p in ws.participants],
                                  self.voted())
        self.stack.setCurrentIndex(HANDOVER)

    def _show_pillar(self, index: int) -> None:
        assert self._person is not None
        pillars = self.pillars
        self._index = index
        name = self._name(self._person)
        self.pillar_screen.show_pillar(name, pillars[index], index + 1, len(pillars))
        chosen = self._choices.get(pillars[index])
        self.pillar_screen.show_choice(chosen[0] if chosen else None, chosen is not None,
                                       chosen[1] if chosen else "")
        self.stack.setCurrentIndex(PILLAR)
        self.pillar_screen.setFocus()

    def _show_review(self) -> None:
        assert self._person is not None
        ws = self.document.workshop
        rows = []
        for pillar_id in self.pillars:
            stage, comment = self._choices[pillar_id]
            choice = "? Don't know" if stage is None else ws.rubric.stage_label(stage)
            rows.append((ws.rubric.pillar(pillar_id).name, choice, comment))
        self.review.show_review(self._name(self._person), rows)
        self.stack.setCurrentIndex(REVIEW)

    def _remember_comment(self) -> None:
        pillar_id = self.pillars[self._index]
        if pillar_id in self._choices:
            self._choices[pillar_id] = (self._choices[pillar_id][0], self.pillar_screen.comment.text())

    def _on_review_back(self) -> None:
        self._show_pillar(len(self.pillars) - 1)

    def _on_person_picked(self, participant_id: str) -> None:
        if participant_id in self.voted():
            name = self._name(participant_id)
            answer = QMessageBox.question(
                self, "Re-do a ballot",
                f"{name} has already voted in round {self.round_number}. Start their ballot again? "
                "Their earlier choices for this round are replaced only when they confirm.")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.start_ballot(participant_id)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if self._person is not None and self._person not in self.document.workshop.participant_names():
            self._discard()
        elif self.stack.currentIndex() == HANDOVER and areas & {"participants", "ratings", "rounds"}:
            self._show_handover()

    # ------------------------------------------------------------------ leaving
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_Escape:
            self.reject()
            return
        if self.stack.currentIndex() == PILLAR:
            k = self.document.workshop.rubric.k
            if text.isdigit() and 1 <= int(text) <= k:
                self.choose(int(text))
                return
            if text in ("0", "?"):
                self.choose(None)
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc, Finish or the window's close button: ask, then drop any ballot in progress."""
        if self._person is not None:
            name = self._name(self._person)
            message = f"Leave the private ballots? The ballot of {name} is not finished and will be discarded."
        else:
            message = "Leave the private ballots and return to the facilitator's screen?"
        answer = QMessageBox.question(self, "Leave private ballots", message)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._discard()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        event.ignore()
        self.reject()
