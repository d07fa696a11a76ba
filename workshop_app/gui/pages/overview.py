"""Overview: the workshop's details, its rubric, where the workshop stands, and the progress since the
earlier workshop it is linked to (what a consultant glances at while the room decides)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import operations as ops
from workshop_app.core.anonymity import NameScrubber
from workshop_app.core.compare import Comparison, compare_with_earlier, movement_words
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import ERROR, MUTED, OK, set_role
from workshop_app.gui.widgets.chart_canvas import warm_up_in_background
from workshop_app.gui.widgets.common import ISO_DATE, ErrorLabel, button, button_row, page_layout, rich_text
from workshop_app.gui.widgets.deferred import DeferredRefresh

#: The Overview opens every workshop; this long after, the chart library starts loading in the background.
CHART_WARM_UP_DELAY_MS = 800
DETAIL_FIELDS = (("title", "Title"), ("client", "Client"), ("site", "Site"), ("facilitator", "Facilitator"))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stage_name(c: Comparison, number: int | None) -> str:
    return "no stage" if number is None else c.stage_names[number - 1]


def progress_html(c: Comparison) -> str:
    """The Overview's compact progress block: one line per pillar, then the overall stage and the earlier plan."""
    if not c.comparable:
        return "<br>".join(_esc(p) for p in c.problems)
    rows = []
    moved = None if c.overall_then is None or c.overall_now is None else c.overall_now - c.overall_then
    for name, then, now, move in [(p.name, p.then, p.now, p.movement) for p in c.pillars] + [
            ("Overall stage", c.overall_then, c.overall_now, moved)]:
        mark = "" if move is None else "▲" if move > 0 else "▼" if move < 0 else "="
        colour = OK if move and move > 0 else ERROR if move and move < 0 else MUTED
        rows.append(f"<tr><td>{_esc(name)}</td><td>&nbsp;{_esc(_stage_name(c, then))} → "
                    f"<b>{_esc(_stage_name(c, now))}</b></td>"
                    f"<td style='color:{colour}'>&nbsp;{mark} {_esc(movement_words(move))}</td></tr>")
    lines = [f"<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>",
             f"Earlier roadmap: {len(c.done)} of {len(c.actions)} actions done."]
    lines += [f"<span style='color:{MUTED}'>{_esc(p)}</span>" for p in c.problems]
    return "<br>".join(lines)


class OverviewPage(QWidget):
    title = "Overview"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = page_layout(self, "Overview")
        columns = QHBoxLayout()
        columns.setSpacing(16)
        layout.addLayout(columns, 1)

        left = QVBoxLayout()
        details = QGroupBox("Workshop details")
        form = QFormLayout(details)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in DETAIL_FIELDS:
            edit = QLineEdit()
            edit.editingFinished.connect(lambda k=key: self._on_detail_edited(k))
            form.addRow(label, edit)
            self.edits[key] = edit
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.dateChanged.connect(self._on_date_edited)
        form.insertRow(2, "Date", self.date_edit)
        self.error = ErrorLabel()
        form.addRow(self.error)
        left.addWidget(details)

        status = QGroupBox("Where the workshop stands")
        status_layout = QVBoxLayout(status)
        self.overall = QLabel()
        set_role(self.overall, "h1")
        self.status = QLabel()
        self.status.setWordWrap(True)
        status_layout.addWidget(self.overall)
        status_layout.addWidget(self.status)
        status_layout.addStretch(1)
        left.addWidget(status, 1)

        # Beside the status, above the rubric: the rubric scrolls, so the block keeps its height on any screen.
        right = QVBoxLayout()
        self.progress_box = QGroupBox("Progress")
        progress_layout = QVBoxLayout(self.progress_box)
        self.progress = QLabel()
        self.progress.setObjectName("progressText")
        self.progress.setWordWrap(True)
        # Its table may be cut on a window narrower than any projector rather than widen the whole window.
        self.progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        progress_layout.addWidget(self.progress)
        self.progress_button = button("Details…", tip="Each pillar then and now, and the earlier roadmap "
                                                             "(File > Progress since the last workshop)")
        self.progress_button.clicked.connect(self._on_show_progress)
        self.link_button = button("Link…", tip="File > Link an earlier workshop")
        self.link_button.clicked.connect(self._on_link)
        progress_layout.addLayout(button_row(self.progress_button, self.link_button))
        right.addWidget(self.progress_box)

        rubric_box = QGroupBox("Rubric")
        rubric_layout = QVBoxLayout(rubric_box)
        # A text browser rather than a label: a rubric of ten stages scrolls instead of stretching the window.
        self.rubric = QTextBrowser()
        self.rubric.setObjectName("rubricText")
        self.rubric.setOpenLinks(False)
        rubric_layout.addWidget(self.rubric)
        right.addWidget(rubric_box, 1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        DeferredRefresh(self, document, self._on_changed)
        self._show_rubric()
        self._refresh_details()
        self._refresh_status()
        self._refresh_progress()
        self._scrubber_asked = False
        # The chart library loads on the GUI thread (see warm_up_in_background), so it waits
        # until the room has had a moment with this page rather than freezing its first second.
        QTimer.singleShot(CHART_WARM_UP_DELAY_MS, warm_up_in_background)

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        """Once the Overview is on screen, compile the room's name scrubber while the room reads it
        (starting before the first paint would slow that paint)."""
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self._scrubber_asked:
            self._scrubber_asked = True
            QTimer.singleShot(0, self._prepare_scrubber)

    def _prepare_scrubber(self) -> None:
        """Compile the name scrubber of this room off the GUI thread (Reveal needs it, anonymous by default).

        Only a head start: the names are copied here, and a room renamed meanwhile gets its own rules later.
        """
        people = tuple((p.name, p.role) for p in self.document.workshop.participants)
        threading.Thread(target=NameScrubber.prepare, args=(people,), name="scrubber-warm-up", daemon=True).start()

    def _on_detail_edited(self, key: str) -> None:
        text = self.edits[key].text()
        if text.strip() == getattr(self.document.workshop.details, key):
            return
        try:
            self.document.apply(ops.set_details, **{key: text})
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")

    def _on_date_edited(self, date: QDate) -> None:
        iso = date.toString(ISO_DATE)
        if iso != self.document.workshop.details.date:
            self.document.apply(ops.set_details, date=iso)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.DETAILS in areas:
            self._refresh_details()
        if areas - {ops.DETAILS, ops.EARLIER}:
            self._refresh_status()
        if areas & {ops.EARLIER, ops.RATINGS, ops.ROUNDS, ops.DECISIONS, ops.ROADMAP}:
            self._refresh_progress()

    def _refresh_progress(self) -> None:
        """'Since <earlier>': per pillar then -> now in stage names, the overall stage, the earlier plan done."""
        ws = self.document.workshop
        self.progress_button.setVisible(ws.earlier is not None)
        self.link_button.setVisible(ws.earlier is None)
        if ws.earlier is None:
            self.progress.setText("Not linked to an earlier workshop. Link one (File > Link an earlier "
                                  "workshop) to see here how each pillar moved since then.")
            return
        # The earlier title wraps in the text; a group box title would not, and would widen the column.
        since = f"<div><b>Since {_esc(ws.earlier.title_and_date())}</b></div>"
        comparison = compare_with_earlier(ws.earlier, ws, self.document.summary())
        self.progress.setText(rich_text(since + progress_html(comparison)))

    def _on_show_progress(self) -> None:
        from workshop_app.gui.dialogs.compare import open_compare_dialog

        self._dialog = open_compare_dialog(self.document, self)

    def _on_link(self) -> None:
        from workshop_app.gui.dialogs.link_earlier import open_link_dialog

        self._dialog = open_link_dialog(self.document, self)

    def _refresh_details(self) -> None:
        details = self.document.workshop.details
        for key, edit in self.edits.items():
            value = getattr(details, key)
            if edit.text() != value:
                edit.setText(value)
        date = QDate.fromString(details.date, ISO_DATE)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(date if date.isValid() else QDate.currentDate())
        self.date_edit.blockSignals(False)

    def _show_rubric(self) -> None:
        rubric = self.document.workshop.rubric
        stages = "".join(f"<li><b>{_esc(rubric.stage_label(n))}</b>: {_esc(rubric.stage(n).summary)}</li>"
                         for n in range(1, rubric.k + 1))
        pillars = "".join(f"<li><b>{_esc(p.name)}</b>: {_esc(p.description)}</li>" for p in rubric.pillars)
        rule = "weakest link (the lowest pillar)" if rubric.overall_rule == "weakest-link" else "median of pillars"
        self.rubric.setHtml(
            f"<p><b>{_esc(rubric.name)}</b> (version {_esc(rubric.version)}), overall stage by {rule}.</p>"
            f"<p>Stages</p><ul>{stages}</ul><p>Pillars</p><ul>{pillars}</ul>"
        )

    def _refresh_status(self) -> None:
        ws = self.document.workshop
        summary = self.document.summary()
        rubric = ws.rubric
        overall = summary.overall
        self.overall.setText(f"Overall stage: {rubric.stage_label(overall.stage)}" if overall.stage
                             else "Overall stage: not known yet")
        lines = [f"{len(ws.participants)} participants, {len(ws.rounds)} round{'s' if len(ws.rounds) != 1 else ''}."]
        by_round = ops.voters_by_round(ws)
        for rnd in ws.rounds:
            counts = by_round[rnd.number]
            done = sum(1 for v in counts.values() if v >= len(rnd.pillars))
            state = "revealed" if rnd.revealed else "blind"
            lines.append(f"Round {rnd.number}: {done} of {len(ws.participants)} voted on all "
                         f"{len(rnd.pillars)} pillars ({state}).")
        decided = sum(1 for p in rubric.pillar_ids if ws.decision(p).agreed is not None)
        lines.append(f"Decisions: {decided} of {len(rubric.pillars)} pillars agreed.")
        lines.append(f"Roadmap: {len(ws.actions)} actions. Notes: {len(ws.notes)}.")
        self.status.setText(rich_text("<br>".join(_esc(line) for line in lines)))
