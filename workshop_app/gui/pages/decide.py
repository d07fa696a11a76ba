"""Decide: agreed and target stage per pillar; leaving the median stage needs a written rationale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import operations as ops
from workshop_app.core.consensus import LEVEL_SYMBOLS, PillarStats, agreement_text
from workshop_app.core.model import Decision
from workshop_app.core.rubric import Rubric
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import level_colour, refresh_style, set_role
from workshop_app.gui.widgets.common import button, heading, muted, page_layout
from workshop_app.gui.widgets.deferred import DeferredRefresh
from workshop_app.gui.widgets.profile_view import ProfileView

NO_TARGET = "—"


def _stage_combo(rubric: Rubric, *, allow_none: bool) -> QComboBox:
    combo = QComboBox()
    if allow_none:
        combo.addItem(NO_TARGET, None)
    for n in range(1, rubric.k + 1):
        combo.addItem(rubric.stage_label(n), n)
    return combo


def _select(combo: QComboBox, value: int | None) -> None:
    index = combo.findData(value)
    combo.blockSignals(True)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def _restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet reads; re-polish only when it changed on a widget already polished.

    Re-polishing costs about a millisecond a widget and a refresh marks twenty-four
    of them; a widget not yet polished reads its properties when it is first shown.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        refresh_style(widget)


def overall_texts(document: WorkshopDocument) -> tuple[str, str]:
    """(heading, detail) for the overall stage: Decide and the room's screen say it in the same words."""
    ws = document.workshop
    overall = document.summary().overall
    rubric = ws.rubric
    if overall.stage is None:
        heading_text = "Overall stage: not known yet (no ratings or decisions)"
    else:
        heading_text = f"Overall stage: {rubric.stage_label(overall.stage)}"
    if overall.rule == "weakest-link":
        weakest = ", ".join(rubric.pillar(p).name for p in overall.weakest)
        rule = f"Rule: weakest link, the lowest pillar sets it ({weakest})." if weakest else "Rule: weakest link."
    else:
        rule = "Rule: the median of the pillars."
    med = rubric.stage_label(overall.median_of_pillars) if overall.median_of_pillars else "–"
    decided = len(overall.from_decisions)
    return heading_text, (f"{rule} Median of pillars: {med}. "
                          f"Agreed so far: {decided} of {len(rubric.pillars)} pillars.")


def profile_data(document: WorkshopDocument) -> dict[str, list]:
    """The plain data of the profile chart (agreed, target and median per pillar), shared with the room's screen."""
    ws = document.workshop
    summary = document.summary()
    rubric = ws.rubric
    return {
        "stage_names": [s.name for s in rubric.stages],
        "pillar_names": [p.name for p in rubric.pillars],
        "agreed": [ws.decision(p.id).agreed for p in rubric.pillars],
        "target": [ws.decision(p.id).target for p in rubric.pillars],
        "medians": [summary.stats(p.id).median for p in rubric.pillars],
    }


class DecisionEditor:
    """The widgets of one pillar's row and the rule that commits them."""

    def __init__(self, page: DecidePage, pillar_id: str) -> None:
        self.page = page
        self.pillar_id = pillar_id
        rubric = page.document.workshop.rubric
        pillar = rubric.pillar(pillar_id)
        self.name = QLabel(pillar.name)
        self.name.setToolTip(pillar.description)
        set_role(self.name, "big")
        self.consensus = QLabel()
        self.consensus.setTextFormat(Qt.TextFormat.RichText)
        self.agreed = _stage_combo(rubric, allow_none=False)
        self.target = _stage_combo(rubric, allow_none=True)
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText("Rationale (required when the agreed stage differs from the median)")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.agree_button = button("Agree", tip="Record the agreed and target stage for this pillar")
        self.median: int | None = None
        self.pending = False  # the room's choice is on screen but not yet valid (e.g. no rationale)
        self.agreed.currentIndexChanged.connect(self._on_agreed_edited)
        self.target.currentIndexChanged.connect(self._on_target_edited)
        self.rationale.editingFinished.connect(self._on_rationale_done)
        self.rationale.returnPressed.connect(self.commit)  # Enter in the rationale is an explicit Agree
        self.agree_button.clicked.connect(self.commit)

    def widgets(self) -> list[QWidget]:
        return [self.name, self.consensus, self.agreed, self.target, self.rationale, self.agree_button]

    def show(self, stats: PillarStats, decision: Decision | None) -> None:
        rubric = self.page.document.workshop.rubric
        self.median = stats.median
        colour = level_colour(stats.level)
        label = rubric.stage_label(stats.median) if stats.median is not None else "no ratings"
        consensus = "" if stats.consensus is None else f" · agreement {agreement_text(stats.consensus)}"
        self.consensus.setText(
            f"<b>{label}</b><br><span style='color:{colour}'>{LEVEL_SYMBOLS[stats.level]} {stats.level}</span>"
            f"<span style='color:#5b6675'>{consensus}</span>"
        )
        if self.pending:
            return
        decided = decision is not None and decision.agreed is not None
        _select(self.agreed, decision.agreed if decided else (stats.median or 1))
        _select(self.target, decision.target if decision else None)
        self.rationale.blockSignals(True)
        self.rationale.setText(decision.rationale if decision else "")
        self.rationale.setCursorPosition(0)
        self.rationale.setToolTip(decision.rationale if decision else "")
        self.rationale.blockSignals(False)
        self._mark(decided, "")

    def _mark(self, decided: bool, error: str) -> None:
        override = self.median is not None and self.agreed.currentData() != self.median
        needs = override and not self.rationale.text().strip()
        _restyle(self.rationale, "invalid", bool(error or (self.pending and not decided)) and needs)
        if error:
            self.status.setText(error)
            _restyle(self.status, "role", "error")
        elif decided:
            self.status.setText("✓ Agreed" + (" (override with rationale)" if override else ""))
            _restyle(self.status, "role", "muted")
        elif self.pending:
            rubric = self.page.document.workshop.rubric
            chosen = rubric.stage_label(self.agreed.currentData())
            if needs:
                self.status.setText(f"Not decided yet: {chosen} differs from the median "
                                    f"{rubric.stage_label(self.median)}: write a rationale, then press Agree")
            else:
                self.status.setText(f"Not decided yet: press Agree to record {chosen}")
            _restyle(self.status, "role", "muted")
        else:
            self.status.setText("Not decided yet: median stage pre-filled, press Agree or change it")
            _restyle(self.status, "role", "muted")
        self.agree_button.setText("Agree" if not decided or error else "Agreed")
        self.agree_button.setEnabled(not decided or bool(error))

    @property
    def decided(self) -> bool:
        """The room has agreed a stage for this pillar (pressed Agree, or Agree all)."""
        return self.page.document.workshop.decision(self.pillar_id).agreed is not None

    def _on_agreed_edited(self) -> None:
        """An agreed pillar takes the new stage at once; an undecided one waits for Agree."""
        if self.decided:
            self.commit()
        else:
            self.pending = True
            self._mark(False, "")

    def _on_target_edited(self) -> None:
        """A target alone never agrees a stage: on an undecided pillar only the target is stored."""
        if self.decided:
            self.commit()
            return
        try:
            self.page.document.apply(ops.set_decision, self.pillar_id, None, self.target.currentData(),
                                     self.rationale.text())
        except ops.OperationError as exc:
            self._mark(False, str(exc))
            return
        self._mark(False, "")

    def _on_rationale_done(self) -> None:
        decision = self.page.document.workshop.decision(self.pillar_id)
        if not self.decided:
            self.pending = self.pending or self.rationale.text().strip() != decision.rationale
        elif self.pending or self.rationale.text().strip() != decision.rationale:
            self.commit()

    def commit(self) -> bool:
        """Record the row as it stands; an invalid row stays on screen with the reason shown."""
        agreed, target = self.agreed.currentData(), self.target.currentData()
        try:
            self.page.document.apply(ops.set_decision, self.pillar_id, agreed, target, self.rationale.text())
        except ops.OperationError as exc:
            self.pending = True
            self._mark(False, str(exc))
            return False
        self.pending = False
        self._mark(True, "")
        return True


class DecidePage(QWidget):
    title = "Decide"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = page_layout(
            self, "Decide",
            "Agree a stage per pillar (pre-filled with the room's median stage) and a target. "
            "Moving away from the median needs a written rationale.",
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter = splitter
        self._split_by_user = False
        splitter.splitterMoved.connect(self._on_splitter_moved)
        layout.addWidget(splitter, 1)

        table = QWidget()
        grid = QGridLayout(table)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for col, text in enumerate(("Pillar", "Median stage", "Agreed stage", "Target stage", "Rationale", "")):
            header = QLabel(text)
            set_role(header, "muted")
            grid.addWidget(header, 0, col)
        self.rows: dict[str, DecisionEditor] = {}
        rubric = document.workshop.rubric
        for i, pillar in enumerate(rubric.pillars):
            row = DecisionEditor(self, pillar.id)
            self.rows[pillar.id] = row
            for col, widget in enumerate(row.widgets()):
                grid.addWidget(widget, 1 + 2 * i, col)
            grid.addWidget(row.status, 2 + 2 * i, 1, 1, 5)
        grid.setColumnStretch(4, 1)
        grid.setRowStretch(1 + 2 * len(rubric.pillars), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(table)
        scroll.setMaximumHeight(table.sizeHint().height() + 40)  # no empty band above the chart
        self.table_scroll = scroll
        splitter.addWidget(scroll)

        lower = QWidget()
        self.lower = lower
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 8, 0, 0)
        self.overall = heading("", "h2")
        self.overall.setWordWrap(True)
        self.overall_detail = muted("")
        self.agree_all = button("Agree all undecided pillars at their median stage", primary=True)
        lower_layout.addWidget(self.overall)
        lower_layout.addWidget(self.overall_detail)
        self.chart = ProfileView()
        lower_layout.addWidget(self.chart, 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(self.agree_all, 0, Qt.AlignmentFlag.AlignLeft)

        self.agree_all.clicked.connect(self._on_agree_all)
        DeferredRefresh(self, document, self._on_changed)
        self._refresh()

    def _on_agree_all(self) -> None:
        for pillar_id, row in self.rows.items():
            decision = self.document.workshop.decisions.get(pillar_id)
            if (decision is None or decision.agreed is None) and not row.pending and row.median is not None:
                _select(row.agreed, row.median)
                row.commit()

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {ops.RATINGS, ops.ROUNDS, ops.DECISIONS, ops.PARTICIPANTS}:
            self._refresh()

    def _refresh(self) -> None:
        ws = self.document.workshop
        summary = self.document.summary()
        for stats in summary.pillars:
            self.rows[stats.pillar].show(stats, ws.decisions.get(stats.pillar))
        heading_text, detail = overall_texts(self.document)
        self.overall.setText(heading_text)
        self.overall_detail.setText(detail)
        self.agree_all.setEnabled(len(summary.overall.from_decisions) < len(ws.rubric.pillars))
        self._redraw_chart()

    def chart_data(self) -> dict[str, list]:
        """The plain data the profile chart is drawn from (also what the tests check)."""
        return profile_data(self.document)

    def _redraw_chart(self) -> None:
        """Painted by Qt (widgets/profile_view.py): repainted only when its figures change."""
        data = self.chart_data()
        self.chart.set_data(data["stage_names"], data["pillar_names"], data["agreed"], data["target"],
                            data["medians"])

    def _on_splitter_moved(self) -> None:
        self._split_by_user = True

    def _fit_table(self) -> None:
        """Every pillar's row in view when there is room, but never less than 40% of the height for the chart.

        The scroll area alone would only ask for a few rows' height.
        """
        if self._split_by_user:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        # The chart keeps what it needs to show every row and its legend (more at the projector's font);
        # the rows scroll instead, but at least two of them stay in view.
        chart_needs = self.lower.minimumSizeHint().height()
        detail = self.overall_detail  # a wrapped line counts once in the minimum: add the lines it wraps to
        chart_needs += max(0, detail.heightForWidth(max(self.lower.width(), 200)) - detail.minimumSizeHint().height())
        two_rows = 2 * next(iter(self.rows.values())).agreed.sizeHint().height() + 60 if self.rows else 80
        table = max(min(self.table_scroll.maximumHeight(), int(total * 0.6), total - chart_needs), two_rows)
        table = min(self._whole_rows(table), total - 40)
        self.splitter.setSizes([table, total - table])

    def _whole_rows(self, height: int) -> int:
        """`height` cut to the last whole pillar row (and its status line), so no row shows half cut off;
        the rows below it are a scroll away. Unchanged before the rows are laid out."""
        editors = list(self.rows.values())
        if len(editors) < 2 or height >= self.table_scroll.maximumHeight():
            return height
        tops = [min(w.y() for w in e.widgets()) for e in editors[:2]]
        pitch = tops[1] - tops[0]
        if pitch <= 0:
            return height
        whole = max(1, (height - tops[0]) // pitch)
        return tops[0] + whole * pitch

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_table()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self._fit_table()
