"""Reveal and discuss: the room-facing view of each pillar's spread, agreement, outliers and movement."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import operations as ops
from workshop_app.core.anonymity import naming_refusal, role_groups
from workshop_app.core.ballots import revote_refusal
from workshop_app.core.consensus import Summary, summarise
from workshop_app.gui.dialogs import confirm, errors
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import SPACING
from workshop_app.gui.widgets.by_group import ByGroupView
from workshop_app.gui.widgets.comments import CommentsView, pillar_quotes
from workshop_app.gui.widgets.common import button, heading
from workshop_app.gui.widgets.deferred import DeferredRefresh
from workshop_app.gui.widgets.heatmap import HeatmapView, heatmap_data, rating_index
from workshop_app.gui.widgets.hidden_round import HiddenRoundView
from workshop_app.gui.widgets.movement_view import MovementView
from workshop_app.gui.widgets.pillar_card import PillarCard, anonymous_labels, describe_pillar
from workshop_app.gui.widgets.scaled import MUTED, ScaledLabel, is_font_change, rescale_labels
from workshop_app.gui.widgets.timer import DiscussionTimer
from workshop_app.gui.widgets.wall import WallView, wall_data

WATCHED = frozenset({"ratings", "rounds", "participants"})
SORT_RUBRIC, SORT_DISAGREEMENT = "rubric", "disagreement"
CARDS_TAB, HEATMAP_TAB, MOVEMENT_TAB, WALL_TAB, COMMENTS_TAB, GROUPS_TAB = 0, 1, 2, 3, 4, 5
ALL_TABS = (CARDS_TAB, HEATMAP_TAB, MOVEMENT_TAB, WALL_TAB, COMMENTS_TAB, GROUPS_TAB)


ANONYMOUS_TIP = "Labels P1, P2… instead of names on this page, in the heatmap and in tooltips"

class RevealPage(QWidget):
    """Hidden until the facilitator reveals a round; then cards, a heatmap and the movement between rounds.

    Views are built once and updated in place from `document.changed`, so one
    rating change costs a recount and a repaint, not a rebuild.

    Signals:
        ballots_requested(int): a re-vote was opened here; the window starts private
            ballots for that round, as the Rate page does after its own re-vote.
    """

    title = "Reveal"
    ballots_requested = Signal(int)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._anonymous = True
        self._sort = SORT_DISAGREEMENT  # the room sees where to talk first
        self._follow_latest = True
        self._earlier: dict[int, Summary] = {}
        self._stale: set[int] = set()
        self._dialog: QWidget | None = None
        self._cards: dict[str, PillarCard] = {}
        self._order: list[str] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 2 * SPACING, 3 * SPACING, 2 * SPACING)
        layout.setSpacing(SPACING)
        top = QHBoxLayout()
        top.addWidget(heading("Reveal and discuss"))
        top.addStretch(1)
        self.timer = DiscussionTimer(self)
        top.addWidget(self.timer)
        layout.addLayout(top)
        self.toolbar = self._build_toolbar()  # the room's screen hides it: the facilitator's controls
        layout.addLayout(self.toolbar)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_hidden_view())
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_cards_view(), "Pillars")
        self.tabs.addTab(self._build_heatmap_view(), "Heatmap")
        self.movement = MovementView(self)
        self.tabs.addTab(self.movement, "Movement")
        self.wall = WallView(self)
        self.tabs.addTab(self.wall, "Wall")
        self.comments = CommentsView(self)
        self.tabs.addTab(self.comments, "Comments")
        self.by_group = ByGroupView(self)
        self.tabs.addTab(self.by_group, "By group")
        self.tabs.setCurrentIndex(WALL_TAB)  # every pillar at a glance comes first
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.stack.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)

        DeferredRefresh(self, document, self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(SPACING)
        self.round_combo = QComboBox(self)
        self.sort_combo = QComboBox(self)
        for combo in (self.round_combo, self.sort_combo):  # long items must not widen the page past the screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(11)
        self.round_combo.activated.connect(self._on_round_chosen)
        self.anonymous_box = QCheckBox("Anonymous", self)
        self.anonymous_box.setChecked(True)
        self.anonymous_box.setToolTip(ANONYMOUS_TIP)
        self.anonymous_box.toggled.connect(self._on_anonymous_toggled)
        self.sort_combo.addItem("Disagreement first", SORT_DISAGREEMENT)
        self.sort_combo.addItem("Rubric order", SORT_RUBRIC)
        self.sort_combo.currentIndexChanged.connect(self._on_sort_chosen)
        self.hide_button = button("Hide ratings", tip="Hide this round's ratings again")
        self.hide_button.clicked.connect(self._on_hide)
        self.revote_button = button("Open re-vote…", primary=True,
                                    tip="A new blind round for the pillars that need it")
        self.revote_button.clicked.connect(self.open_revote)
        for widget in (QLabel("Round:"), self.round_combo, self.anonymous_box, QLabel("Sort:"), self.sort_combo):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.hide_button)
        bar.addWidget(self.revote_button)
        return bar

    def _build_hidden_view(self) -> QWidget:
        view = HiddenRoundView(self)
        self.hidden_title, self.hidden_counts, self.hidden_waiting = view.title, view.counts, view.waiting
        self.reveal_button = view.reveal_button
        self.reveal_button.clicked.connect(self._on_reveal)
        self.hidden_view = view
        return view

    def _build_cards_view(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget(scroll)
        self.cards_layout = QVBoxLayout(content)
        self.cards_layout.setContentsMargins(0, SPACING, SPACING, SPACING)
        self.cards_layout.setSpacing(SPACING)
        self.cards_layout.addStretch(1)
        scroll.setWidget(content)
        self._cards_content = content
        return scroll

    def _ensure_cards(self) -> None:
        """The cards are built when first shown or asked for: the room opens on the wall, and a copy of this
        page on a second screen should not pay for a tab nobody has looked at."""
        if self._cards:
            return
        for position, pillar in enumerate(self.document.workshop.rubric.pillars):
            card = PillarCard(self._cards_content)
            self._cards[pillar.id] = card
            self.cards_layout.insertWidget(position, card)
            self._order.append(pillar.id)

    def _build_heatmap_view(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, SPACING, 0, 0)
        self.heatmap_caption = ScaledLabel("", 1.0, color=MUTED, parent=page)
        box.addWidget(self.heatmap_caption)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.heatmap = HeatmapView(scroll)
        scroll.setWidget(self.heatmap)
        box.addWidget(scroll, 1)
        return page

    # ------------------------------------------------------------------ state
    @property
    def anonymous(self) -> bool:
        return self._anonymous

    def set_anonymous(self, on: bool, *, confirmed: bool = False) -> None:
        """`confirmed`: the room already agreed to names elsewhere (the facilitator's page), do not ask again."""
        if not on and naming_refusal(self.document.workshop):
            return  # the room was promised nobody would be named
        if confirmed and on != self._anonymous:
            self._tick_anonymous(on)
            self._anonymous = on
            self.refresh()
            return
        self.anonymous_box.setChecked(on)

    def _tick_anonymous(self, on: bool) -> None:
        """Set the box without running its slot (the caller has decided already)."""
        self.anonymous_box.blockSignals(True)
        self.anonymous_box.setChecked(on)
        self.anonymous_box.blockSignals(False)

    def set_sort(self, mode: str) -> None:
        self.sort_combo.setCurrentIndex(self.sort_combo.findData(mode))

    def shown_round(self) -> int:
        if self.round_combo.currentIndex() < 0:  # no item: do not ask the combo for data
            return self.document.workshop.latest_round
        return int(self.round_combo.currentData())

    def show_round(self, number: int) -> None:
        self.round_combo.setCurrentIndex(self.round_combo.findData(number))
        self._on_round_chosen(self.round_combo.currentIndex())

    def card(self, pillar_id: str) -> PillarCard:
        """A pillar's card, brought up to date first when it waits on a tab not shown."""
        self._fresh_cards()
        return self._cards[pillar_id]

    def card_order(self) -> list[str]:
        self._fresh_cards()
        return list(self._order)

    def _fresh_cards(self) -> None:
        self._ensure_cards()
        if CARDS_TAB in self._stale and self.stack.currentIndex() == 1:
            self._refresh_tab(CARDS_TAB)

    def labels(self) -> dict[str, str]:
        ws = self.document.workshop
        return anonymous_labels(ws.participants) if self._anonymous else ws.participant_names()

    def summary_for(self, number: int) -> Summary:
        shared = self.document.summary()  # the room's view: the latest revealed round
        if number == shared.round:
            return shared
        if number not in self._earlier:
            self._earlier[number] = summarise(self.document.workshop, number)
        return self._earlier[number]

    # ------------------------------------------------------------------ slots
    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & WATCHED:
            self._earlier.clear()
            self.refresh(every_tab=bool(areas & {"participants", "rounds"}))

    def _on_round_chosen(self, index: int) -> None:
        self._follow_latest = self.shown_round() == self.document.workshop.latest_round
        self.refresh()

    def _on_anonymous_toggled(self, on: bool) -> None:
        """Anonymous is the default; showing names to the room asks first (and is refused for good when a
        round was voted with names hidden)."""
        if not on and naming_refusal(self.document.workshop):
            self._tick_anonymous(True)
            errors.show_info(self, "Names stay hidden", naming_refusal(self.document.workshop))
            return
        if not on and not confirm.confirm_named(self):
            self._tick_anonymous(True)
            return
        self._anonymous = on
        self.refresh()

    def _on_sort_chosen(self, _index: int) -> None:
        self._sort = self.sort_combo.currentData() or SORT_RUBRIC
        self.refresh()

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentIndex() in self._stale and self.stack.currentIndex() == 1:
            self._refresh_tab(self.tabs.currentIndex())

    def _on_reveal(self) -> None:
        """Asks first; names who is missing only when the page is not anonymous."""
        number = self.shown_round()
        if confirm.confirm_reveal(self, self.document.workshop, number, names=not self._anonymous):
            self._set_revealed(True)

    def _on_hide(self) -> None:
        self._set_revealed(False)

    def _set_revealed(self, on: bool) -> None:
        number = self.shown_round()
        try:
            self.document.apply(ops.set_revealed, number, on)
        except (ops.OperationError, KeyError) as exc:
            errors.show_error(self, "Reveal", str(exc).strip("'"))

    def open_revote(self) -> QWidget:
        from workshop_app.gui.pages.revote import RevoteDialog

        dialog = RevoteDialog(self.document, self.window())
        dialog.round_opened.connect(self.ballots_requested)
        self._dialog = dialog
        dialog.open()
        return self._dialog

    # ------------------------------------------------------------------ refresh
    def refresh(self, *, every_tab: bool = True) -> None:
        """Bring the page up to date with the document, updating widgets in place.

        After an edit (`every_tab=False`) only the tab on screen is redone; the
        others are marked stale and redone when shown. Switching anonymity or
        round redoes every tab, so no hidden tab keeps names or old figures.
        """
        ws = self.document.workshop
        hidden = naming_refusal(ws)
        if hidden and not self._anonymous:  # a ballot cast with names hidden arrived: no name stays up
            self._tick_anonymous(True)
            self._anonymous = True
        self.anonymous_box.setEnabled(not hidden)
        self.anonymous_box.setToolTip(hidden or ANONYMOUS_TIP)
        self._sync_rounds()
        number = self.shown_round()
        why_not = revote_refusal(ws) if ws.rounds else "No round is open yet"
        self.revote_button.setEnabled(not why_not)
        self.revote_button.setToolTip(why_not or "A new blind round for the pillars that need it")
        self._stale = set(ALL_TABS)
        if not ws.rounds:
            self._show_hidden(0)
            return
        rnd = ws.round(number)
        self.hide_button.setVisible(rnd.revealed)
        if not rnd.revealed:
            self._show_hidden(number)
            return
        self.stack.setCurrentIndex(1)
        current = self.tabs.currentIndex()
        for tab in ALL_TABS:
            if tab == current or (every_tab and tab != MOVEMENT_TAB and (tab != CARDS_TAB or self._cards)):
                self._refresh_tab(tab)

    def _refresh_tab(self, tab: int) -> None:
        self._stale.discard(tab)
        if tab == MOVEMENT_TAB:
            self._refresh_movement()
            return
        ws = self.document.workshop
        number = self.shown_round()
        summary = self.summary_for(number)
        index = rating_index(self.document.workshop.ratings, summary)
        labels = self.labels()
        order = self._ordered(summary)
        if tab == WALL_TAB:
            self.wall.set_data(wall_data(ws.rubric, summary, order))
        elif tab == COMMENTS_TAB:
            self.comments.set_quotes(pillar_quotes(ws, summary, index, order, anonymous=self._anonymous), number)
        elif tab == GROUPS_TAB:
            self.by_group.show_round(ws, number, order, anonymous=self._anonymous)
        elif tab == CARDS_TAB:
            self._ensure_cards()
            roles_shown = 2 if self._anonymous else 1
            groups = role_groups(ws.participants) if self._anonymous else None
            for stats in summary.pillars:
                ratings = index.get((stats.pillar, stats.round), {})
                self._cards[stats.pillar].show_text(
                    describe_pillar(ws.rubric, stats, number, ratings, labels, roles_shown, groups=groups))
            self._apply_order(order)
        else:
            by_id = {s.pillar: s for s in summary.pillars}
            sorted_summary = replace(summary, pillars=tuple(by_id[p] for p in order))
            self.heatmap.set_data(heatmap_data(ws, sorted_summary, index, labels, anonymous=self._anonymous))
            self.heatmap_caption.setText(
                f"Round {number}: each row is one person ("
                + ("anonymous labels, not in seating order" if self._anonymous else "named") + "). "
                "Hover a cell for the comment.")

    def _sync_rounds(self) -> None:
        ws = self.document.workshop
        items = [(r.number, f"Round {r.number}" + (f" · {r.label}" if r.label else "")
                  + ("" if r.revealed else " (hidden)")) for r in ws.rounds]
        current = [(int(self.round_combo.itemData(i)), self.round_combo.itemText(i))
                   for i in range(self.round_combo.count())]
        wanted = ws.latest_round if self._follow_latest else self.shown_round()
        if items != current:
            self.round_combo.blockSignals(True)
            self.round_combo.clear()
            for number, text in items:
                self.round_combo.addItem(text, number)
            self.round_combo.blockSignals(False)
        found = self.round_combo.findData(wanted)
        self.round_combo.setCurrentIndex(found if found >= 0 else self.round_combo.count() - 1)

    def _show_hidden(self, number: int) -> None:
        self.stack.setCurrentIndex(0)
        self.hide_button.setVisible(False)
        self.hidden_view.show_round(self.document.workshop, number, anonymous=self._anonymous)

    def _ordered(self, summary: Summary) -> list[str]:
        """Pillar ids in the chosen sort; most disagreement first means lowest agreement first (rubric order
        among equals, pillars without ratings last). Cards, wall and heatmap all follow it."""
        order = [s.pillar for s in summary.pillars]
        if self._sort == SORT_DISAGREEMENT:
            consensus = {s.pillar: s.consensus for s in summary.pillars}
            order.sort(key=lambda p: (consensus[p] is None, consensus[p] or 0.0))
        return order

    def _apply_order(self, order: list[str]) -> None:
        if order == self._order:
            return
        self._order = order
        for pillar_id in order:
            self.cards_layout.removeWidget(self._cards[pillar_id])
        for position, pillar_id in enumerate(order):
            self.cards_layout.insertWidget(position, self._cards[pillar_id])

    def _refresh_movement(self) -> None:
        number = self.shown_round()
        ws = self.document.workshop
        if ws.rounds and ws.round(number).revealed:
            self.movement.show_round(ws, self.summary_for(number), number)

    @property
    def movement_text(self) -> ScaledLabel:
        return self.movement.text

    @property
    def movement_canvas(self) -> QWidget | None:
        return self.movement.canvas

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_font_change(event):
            rescale_labels(self)
        super().changeEvent(event)

