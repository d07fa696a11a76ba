"""A discussion timer with big digits, presets and an over-time state spelled out in words."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from workshop_app.gui.widgets.scaled import NAVY, ORANGE, ScaledLabel, is_font_change, rescale_labels

PRESET_MINUTES = (2, 5, 10)
TICK_MS = 200


def format_clock(seconds: float, *, counting_up: bool = False) -> str:
    """'4:05'. A countdown rounds up (0:00 means time is really up); the overrun counts whole seconds."""
    seconds = max(0.0, seconds)
    whole = int(seconds) if counting_up else int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class DiscussionTimer(QWidget):
    """Counts down the minutes given to one pillar's discussion, then counts the overrun.

    `clock` returns seconds (time.monotonic by default); tests pass a fake one.

    Signals:
        expired(): the countdown reached zero.
    """

    expired = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._duration = PRESET_MINUTES[0] * 60.0
        self._elapsed_before = 0.0  # seconds run before the current start
        self._started_at: float | None = None
        self._expired_sent = False

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_tick)

        self.preset = QComboBox(self)
        for minutes in PRESET_MINUTES:
            self.preset.addItem(f"{minutes} min", minutes * 60)
        self.preset.setToolTip("Time for this discussion")
        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        self.display = ScaledLabel("", 2.0, bold=True, parent=self)
        self.display.setWordWrap(False)
        self.display.setMinimumWidth(self.display.fontMetrics().horizontalAdvance("-10:00") + 16)
        self.status = ScaledLabel("", 1.0, bold=True, parent=self)
        self.status.setWordWrap(False)
        self.start_button = QPushButton("Start", self)
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton("Reset", self)
        self.reset_button.clicked.connect(self.reset)

        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        row.setSpacing(8)
        row.addWidget(self.preset)
        row.addWidget(self.display)
        row.addWidget(self.status)
        row.addWidget(self.start_button)
        row.addWidget(self.reset_button)
        self._show()

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self._started_at is not None

    def elapsed(self) -> float:
        running = self._clock() - self._started_at if self._started_at is not None else 0.0
        return self._elapsed_before + running

    def remaining(self) -> float:
        """Seconds left; negative once over time."""
        return self._duration - self.elapsed()

    def over_time(self) -> bool:
        return self.remaining() <= 0 and self.elapsed() > 0

    def set_duration(self, seconds: float) -> None:
        self._duration = float(seconds)
        self._expired_sent = self.remaining() <= 0
        self._show()

    # ------------------------------------------------------------------ actions
    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()
            self._ticker.start()
        self._show()

    def pause(self) -> None:
        if self._started_at is not None:
            self._elapsed_before += self._clock() - self._started_at
            self._started_at = None
            self._ticker.stop()
        self._show()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        self._ticker.stop()
        self._started_at = None
        self._elapsed_before = 0.0
        self._expired_sent = False
        self._show()

    # ------------------------------------------------------------------ display
    def _on_preset_chosen(self, index: int) -> None:
        self.reset()
        self.set_duration(float(self.preset.itemData(index)))

    def _on_tick(self) -> None:
        self._show()
        if self.over_time() and not self._expired_sent:
            self._expired_sent = True
            self.expired.emit()

    def _show(self) -> None:
        left = self.remaining()
        over = self.over_time()
        self.display.setText("+" + format_clock(-left, counting_up=True) if over else format_clock(left))
        if over:
            self.status.setText("Over time")
            colour = ORANGE
        elif self.running:
            self.status.setText("Running")
            colour = NAVY
        else:
            self.status.setText("Paused" if self.elapsed() > 0 else "Ready")
            colour = NAVY
        self.display.setStyleSheet(f"color: {colour};")
        self.status.setStyleSheet(f"color: {colour};")
        self.start_button.setText("Pause" if self.running else ("Resume" if self.elapsed() > 0 else "Start"))
        self.display.setAccessibleName(f"Discussion timer {self.display.text()} {self.status.text()}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_font_change(event):
            rescale_labels(self)
        super().changeEvent(event)
