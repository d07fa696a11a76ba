"""What the room's screen shows of each step: the facilitator's pages made read-only, or a plain title.

The room window (gui/room_window.py) builds these against the same document as the
facilitator's pages, so they refresh from the same change signals. Nothing here edits
the workshop: every control that could is hidden or made read-only, and the steps
that are the facilitator's own (participants, rating, notes) show only a title.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app import APP_NAME
from workshop_app.core import operations as ops
from workshop_app.core.ballots import round_progress
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import SPACING
from workshop_app.gui.widgets.common import PAGE_INTRO, heading, muted
from workshop_app.gui.widgets.deferred import DeferredRefresh
from workshop_app.gui.widgets.profile_view import ProfileView
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ScaledLabel, scaled_font

#: Step numbers as in main_window.STEPS.
OVERVIEW, PARTICIPANTS, RATE, REVEAL, DECIDE, ROADMAP, NOTES = range(7)
#: Decide's profile chart on the room's screen, as multiples of the room's font: the first that fits.
CHART_SCALES = (1.4, 1.2, 1.0, 0.85, 0.7)


def hide_page_help(page: QWidget) -> None:
    for label in page.findChildren(QLabel, PAGE_INTRO):
        label.hide()


class RoomTitle(QWidget):
    """A plain screen for steps the room does not need to see: the workshop's name and one line of state.

    On Rate it says that voting is in progress and how many have voted, never what.
    """

    def __init__(self, document: WorkshopDocument, step: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.step = step
        box = QVBoxLayout(self)
        box.setSpacing(2 * SPACING)
        box.addStretch(1)
        self.title = ScaledLabel("", 2.6, bold=True, color=NAVY, parent=self)
        self.line = ScaledLabel("", 1.6, parent=self)
        self.detail = ScaledLabel("", 1.2, color=MUTED, parent=self)
        for label in (self.title, self.line, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(label)
        box.addStretch(2)
        DeferredRefresh(self, document, lambda _areas: self.refresh())
        self.refresh()

    def texts(self) -> list[str]:
        return [label.text() for label in (self.title, self.line, self.detail) if label.text()]

    def refresh(self) -> None:
        ws = self.document.workshop
        d = ws.details
        name = " – ".join(x for x in (d.client, d.title) if x) or APP_NAME
        title, line, detail = name, "", ""
        if self.step == RATE and ws.rounds and not ws.round(ws.latest_round).revealed:
            progress = round_progress(ws, ws.latest_round)
            title = "Voting in progress"
            line = f"Round {ws.latest_round}: {len(progress.voted)} of {progress.total} have voted"
            detail = "Ratings stay hidden until the facilitator reveals them."
        elif self.step == RATE:
            line = "Rating"
            detail = (f"Round {ws.latest_round} is revealed." if ws.rounds else "No round is open yet.")
        elif self.step == PARTICIPANTS:
            line = f"{len(ws.participants)} participants"
            detail = d.site
        elif self.step == NOTES:
            line = "Notes and parking lot"
            detail = "Kept on the facilitator's screen."
        for label, text in ((self.title, title), (self.line, line), (self.detail, detail)):
            if label.text() != text:
                label.setText(text)


class RoomDecide(QWidget):
    """Decide for the room: the overall stage and the profile chart (agreed, target, median), no editors."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        box = QVBoxLayout(self)
        box.setContentsMargins(3 * SPACING, 2 * SPACING, 3 * SPACING, 2 * SPACING)
        box.setSpacing(SPACING)
        box.addWidget(heading("Decide"))
        self.overall = heading("", "h2")
        self.overall.setWordWrap(True)
        self.detail = muted("")
        self.chart = ProfileView(self)
        box.addWidget(self.overall)
        box.addWidget(self.detail)
        box.addWidget(self.chart, 1)
        self._base: QFont | None = None
        DeferredRefresh(self, document, self._on_changed)
        self.refresh()

    def fit_chart(self, base: QFont) -> None:
        """Size the chart's words from `base` (the room's font): as large as lets every row, the stage names
        and the legend fit the screen (1.4 times it with a few pillars, smaller with twelve long names)."""
        self._base = base
        self._fit_chart()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_chart()

    def _fit_chart(self) -> None:
        data = self.chart.data()
        if self._base is None or data is None or not data.pillar_names or self.height() <= 0:
            return
        room_h = self.height() - self.chart.y() - 2 * SPACING
        font = self._base
        for factor in CHART_SCALES:
            font = scaled_font(self._base, factor)
            fm = QFontMetricsF(font)
            line = fm.height()
            labels = max(fm.horizontalAdvance(name) for name in data.pillar_names) + 2.4 * line
            stages = max(fm.horizontalAdvance(name) for name in data.stage_names) * len(data.stage_names)
            if line * (1.5 * len(data.pillar_names) + 4.2) <= room_h and stages <= 0.9 * (self.width() - labels):
                break
        if self.chart.font() != font:
            self.chart.setFont(font)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {ops.RATINGS, ops.ROUNDS, ops.DECISIONS, ops.PARTICIPANTS}:
            self.refresh()

    def refresh(self) -> None:
        from workshop_app.gui.pages.decide import overall_texts, profile_data

        heading_text, detail = overall_texts(self.document)
        self.overall.setText(heading_text)
        self.detail.setText(detail)
        data = profile_data(self.document)
        self.chart.set_data(data["stage_names"], data["pillar_names"], data["agreed"], data["target"],
                            data["medians"])


def read_only_overview(document: WorkshopDocument, parent: QWidget) -> QWidget:
    """The Overview page with its fields as plain text: the room reads the details, nobody types there."""
    from workshop_app.gui.pages.overview import OverviewPage

    page = OverviewPage(document, parent)
    for edit in page.edits.values():
        edit.setReadOnly(True)
        edit.setFrame(False)
        edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for widget in page.findChildren(QPushButton):  # dialogs are the facilitator's, on the laptop
        widget.hide()
    page.date_edit.setReadOnly(True)
    page.date_edit.setCalendarPopup(False)
    page.date_edit.setFrame(False)
    page.date_edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    page.date_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    page.error.hide()
    hide_page_help(page)
    return page


def read_only_roadmap(document: WorkshopDocument, parent: QWidget) -> QWidget:
    """The Roadmap table without its buttons, editors or selection."""
    from workshop_app.gui.pages.roadmap import RoadmapPage

    page = RoadmapPage(document, parent)
    for widget in page.findChildren(QPushButton):
        widget.hide()
    page.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    page.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    page.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    page.error.hide()
    hide_page_help(page)
    return page
