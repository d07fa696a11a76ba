"""The three screens of a private ballot: hand-over, one pillar, review. They show, the flow decides."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.limits import COMMENT_MAX
from workshop_app.core.rubric import Rubric
from workshop_app.gui.style import SPACING
from workshop_app.gui.widgets.common import ErrorLabel, button
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ScaledLabel, is_font_change, rescale_labels, scaled_font
from workshop_app.gui.widgets.stage_card import StageCard


def _big(widget: QPushButton, factor: float = 1.4) -> QPushButton:
    widget.setFont(scaled_font(widget.font(), factor))
    widget.setMinimumHeight(int(widget.fontMetrics().height() * 2.2))
    widget.setAutoDefault(False)
    return widget


class _Screen(QWidget):
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_font_change(event):
            rescale_labels(self)
        super().changeEvent(event)


class HandoverScreen(_Screen):
    """Neutral screen between people: names to pick, who has voted (never what).

    Signals:
        person_picked(str): a participant id.
        finish_requested(): the facilitator wants to leave the ballots.
    """

    person_picked = Signal(str)
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(6 * SPACING, 5 * SPACING, 6 * SPACING, 3 * SPACING)
        box.setSpacing(2 * SPACING)
        self.title = ScaledLabel("Pass the laptop to the next person", 2.6, bold=True, color=NAVY, parent=self)
        self.subtitle = ScaledLabel("", 1.4, color=MUTED, parent=self)
        self.progress = ScaledLabel("", 1.3, bold=True, parent=self)
        for label in (self.title, self.subtitle, self.progress):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(label)
        # The names scroll: forty people must fit a 1366 x 768 screen without pushing "Finish" off it.
        holder = QWidget()
        self.names = QGridLayout(holder)
        self.names.setContentsMargins(0, 0, 0, 0)
        self.names.setSpacing(2 * SPACING)
        self.names.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        box.addWidget(self.scroll, 1)
        bottom = QHBoxLayout()
        self.redo = QPushButton("Facilitator: re-do a ballot…", self)
        self.redo.setCheckable(True)
        self.redo.setAutoDefault(False)
        self.redo.setToolTip("Lets a person who has voted cast their ballot again (asks first)")
        self.finish = button("Finish ballots", primary=True)
        self.finish.setAutoDefault(False)
        self.finish.clicked.connect(self.finish_requested)
        _big(self.redo, 1.1)
        _big(self.finish, 1.2)
        bottom.addWidget(self.redo)
        bottom.addStretch(1)
        bottom.addWidget(self.finish)
        box.addLayout(bottom)
        self.redo.toggled.connect(self._on_redo_toggled)
        self._buttons: dict[str, QPushButton] = {}
        self._voted: set[str] = set()

    def show_people(self, round_number: int, label: str, people: list[tuple[str, str]], voted: set[str]) -> None:
        """`people` as (id, name); `voted` holds the ids whose ballot is complete."""
        self.subtitle.setText(f"Round {round_number}{' · ' + label if label else ''}. Tap your name to rate in "
                              "private. Nobody sees your choices until the facilitator reveals the round.")
        self.progress.setText(f"{len(voted & {p for p, _ in people})} of {len(people)} have voted"
                              + ("  ·  everyone is done" if people and all(p in voted for p, _ in people) else ""))
        self._voted = set(voted)
        for b in self._buttons.values():
            self.names.removeWidget(b)
            b.setParent(None)
            b.deleteLater()
        self._buttons.clear()
        columns = 2 if len(people) <= 8 else 3 if len(people) <= 24 else 4
        factor = 1.5 if len(people) <= 24 else 1.25
        holder = self.scroll.widget()
        for i, (pid, name) in enumerate(people):
            b = _big(QPushButton(f"✓ {name} (voted)" if pid in voted else name, holder), factor)
            b.clicked.connect(lambda _=False, p=pid: self.person_picked.emit(p))
            self._buttons[pid] = b
            self.names.addWidget(b, i // columns, i % columns)
        self.redo.setChecked(False)
        self._on_redo_toggled(False)

    def button_for(self, participant_id: str) -> QPushButton:
        return self._buttons[participant_id]

    def _on_redo_toggled(self, on: bool) -> None:
        for pid, b in self._buttons.items():
            b.setEnabled(on or pid not in self._voted)


class PillarScreen(_Screen):
    """One pillar: its name, question and description, a card per stage plus 'don't know', a comment.

    Signals:
        stage_picked(object): a stage number, or None for don't know.
        back_requested(), next_requested()
    """

    stage_picked = Signal(object)
    back_requested = Signal()
    next_requested = Signal()

    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rubric = rubric
        box = QVBoxLayout(self)
        box.setContentsMargins(4 * SPACING, 3 * SPACING, 4 * SPACING, 3 * SPACING)
        box.setSpacing(SPACING)
        top = QHBoxLayout()
        self.who = ScaledLabel("", 1.2, color=MUTED, parent=self)
        self.step = ScaledLabel("", 1.3, bold=True, color=NAVY, parent=self)
        self.step.setAlignment(Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.who, 1)
        top.addWidget(self.step)
        box.addLayout(top)
        self.name = ScaledLabel("", 2.3, bold=True, color=NAVY, parent=self)
        self.question = ScaledLabel("", 1.45, parent=self)
        self.description = ScaledLabel("", 1.1, color=MUTED, parent=self)
        for label in (self.name, self.question, self.description):
            box.addWidget(label)
        cards = QWidget(self)
        grid = QGridLayout(cards)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2 * SPACING)
        columns = rubric.k if rubric.k <= 5 else (rubric.k + 1) // 2
        self.cards: list[StageCard] = []
        for number in range(1, rubric.k + 1):
            card = StageCard(number, cards)
            card.picked.connect(self.stage_picked)
            self.cards.append(card)
            grid.addWidget(card, (number - 1) // columns, (number - 1) % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea(self)  # in presentation mode long descriptions scroll instead of clipping
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(cards)
        box.addWidget(scroll, 1)
        lower = QHBoxLayout()
        lower.setSpacing(2 * SPACING)
        self.dont_know = StageCard(None, self)
        self.dont_know.set_content("? Don't know", "", ["I cannot judge this pillar"])
        self.dont_know.picked.connect(self.stage_picked)
        self.dont_know.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        lower.addWidget(self.dont_know, 1)
        comment_box = QVBoxLayout()
        comment_box.addWidget(ScaledLabel("Comment or evidence (optional)", 1.1, parent=self))
        self.comment = QLineEdit(self)
        self.comment.setMaxLength(COMMENT_MAX)
        self.comment.setFont(scaled_font(self.comment.font(), 1.3))
        self.comment.setPlaceholderText("Why this stage? An example helps the discussion")
        self.comment.returnPressed.connect(self.next_requested)
        comment_box.addWidget(self.comment)
        lower.addLayout(comment_box, 3)
        box.addLayout(lower)
        nav = QHBoxLayout()
        self.back = _big(QPushButton("‹ Back", self))
        self.back.clicked.connect(self.back_requested)
        keys = "1" if rubric.k == 1 else f"1–{rubric.k}"
        self.hint = ScaledLabel(f"Keys: {keys} choose a card · 0 or ? don't know · Enter next", 1.0, color=MUTED,
                                parent=self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = _big(button("Next ›", primary=True))
        self.next.clicked.connect(self.next_requested)
        nav.addWidget(self.back)
        nav.addWidget(self.hint, 1)
        nav.addWidget(self.next)
        box.addLayout(nav)

    def show_pillar(self, person: str, pillar_id: str, position: int, total: int) -> None:
        pillar = self.rubric.pillar(pillar_id)
        self.who.setText(f"Private ballot of {person}")
        self.step.setText(f"Pillar {position} of {total}")
        self.name.setText(pillar.name)
        self.question.setText(pillar.question)
        self.question.setVisible(bool(pillar.question))
        self.description.setText(pillar.description)
        for number, card in enumerate(self.cards, start=1):
            stage = self.rubric.stage(number)
            points = list(self.rubric.levels_for(pillar_id, number)) or ([stage.summary] if stage.summary else [])
            card.set_content(self.rubric.stage_label(number), stage.role, points)
        self.next.setText("Review ›" if position == total else "Next ›")

    def show_choice(self, chosen: int | None, has_choice: bool, comment: str) -> None:
        for card in [*self.cards, self.dont_know]:
            card.set_checked(has_choice and card.stage == chosen)
        self.comment.setText(comment)
        self.next.setEnabled(has_choice)


class ReviewScreen(_Screen):
    """The person's own choices, one row per pillar, with Confirm.

    Signals:
        edit_requested(int): go back to this pillar (0-based).
        back_requested(), confirm_requested()
    """

    edit_requested = Signal(int)
    back_requested = Signal()
    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(6 * SPACING, 4 * SPACING, 6 * SPACING, 3 * SPACING)
        box.setSpacing(2 * SPACING)
        self.title = ScaledLabel("", 2.2, bold=True, color=NAVY, parent=self)
        box.addWidget(self.title)
        box.addWidget(ScaledLabel("Check your choices. Once you confirm, they are saved and hidden until the "
                                  "reveal.", 1.3, color=MUTED, parent=self))
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(3 * SPACING)
        self.rows.setVerticalSpacing(SPACING)
        self.rows.setColumnStretch(2, 1)
        box.addLayout(self.rows)
        self.error = ErrorLabel(self)
        box.addWidget(self.error)
        box.addStretch(1)
        nav = QHBoxLayout()
        self.back = _big(QPushButton("‹ Back", self))
        self.back.clicked.connect(self.back_requested)
        self.confirm = _big(button("Confirm my ballot", accent=True), 1.5)
        self.confirm.clicked.connect(self.confirm_requested)
        nav.addWidget(self.back)
        nav.addStretch(1)
        nav.addWidget(self.confirm)
        box.addLayout(nav)

    def show_review(self, person: str, rows: list[tuple[str, str, str]]) -> None:
        """`rows` as (pillar name, choice label, comment)."""
        self.clear()
        self.title.setText(f"Your ballot, {person}")
        for i, (pillar, choice, comment) in enumerate(rows):
            cells = [ScaledLabel(pillar, 1.3, bold=True, parent=self), ScaledLabel(choice, 1.3, color=NAVY, parent=self),
                     ScaledLabel(comment or "", 1.1, color=MUTED, parent=self)]
            change = _big(QPushButton("Change", self), 1.1)
            change.clicked.connect(lambda _=False, n=i: self.edit_requested.emit(n))
            for col, widget in enumerate([*cells, change]):
                self.rows.addWidget(widget, i, col)

    def clear(self) -> None:
        """Drop every row at once (setParent(None)), so no trace of the last ballot stays on screen."""
        self.title.setText("")
        self.error.show_message("")
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def show_error(self, message: str) -> None:
        self.error.show_message(message)
