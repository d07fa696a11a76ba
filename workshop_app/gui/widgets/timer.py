"""A discussion timer with big digits, presets or a custom length, a warning before the end and an end
the room cannot miss (a flashing display, and a beep when the laptop's sound is on)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QPushButton, QSpinBox, QWidget

from workshop_app.gui.widgets.scaled import NAVY, ORANGE, ScaledLabel, is_font_change, rescale_labels

PRESET_MINUTES = (2, 5, 10)
CUSTOM = 0  # combo data of the "Custom" item
MAX_MINUTES = 180
TICK_MS = 200
WARN_SECONDS = 30.0  # the warning comes this long before the end (or at a fifth of a short discussion)
FLASH_SECONDS = 6.0  # how long the display flashes once time is up


def warning_seconds(duration: float) -> float:
    """When to warn: 30 s before the end, or a fifth of the time for discussions shorter than 2.5 minutes."""
    return min(WARN_SECONDS, duration / 5)


def beep() -> None:
    """The end of time, audibly when the system has a sound; QApplication.beep is silent without one."""
    if QApplication.instance() is not None:
        QApplication.beep()


def format_clock(seconds: float, *, counting_up: bool = False) -> str:
    """'4:05'. A countdown rounds up (0:00 means time is really up); the overrun counts whole seconds."""
    seconds = max(0.0, seconds)
    whole = int(seconds) if counting_up else int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class DiscussionTimer(QWidget):
    """Counts down the minutes given to one pillar's discussion, then counts the overrun.

    `clock` returns seconds (time.monotonic by default); tests pass a fake one.

    Signals:
        warned(): the warning time before the end was reached.
        expired(): the countdown reached zero.
        updated(): the display changed (a tick, start, pause, reset, a new length); a copy on the
            room's screen follows it.
    """

    warned = Signal()
    expired = Signal()
    updated = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._duration = PRESET_MINUTES[0] * 60.0
        self._elapsed_before = 0.0  # seconds run before the current start
        self._started_at: float | None = None
        self._expired_sent = False
        self._warned_sent = False
        self._flash_on = False
        self._source: DiscussionTimer | None = None  # set on the room's copy (see mirror)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_tick)

        self.preset = QComboBox(self)
        for minutes in PRESET_MINUTES:
            self.preset.addItem(f"{minutes} min", minutes * 60)
        self.preset.addItem("Custom", CUSTOM)
        self.preset.setToolTip("Time for this discussion")
        self.custom = QSpinBox(self)
        self.custom.setRange(1, MAX_MINUTES)
        self.custom.setValue(15)
        self.custom.setSuffix(" min")
        self.custom.setToolTip(f"Minutes for this discussion (1 to {MAX_MINUTES})")
        self.custom.setVisible(False)
        self.custom.valueChanged.connect(self._on_custom_minutes)
        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        self.display = ScaledLabel("", 2.6, bold=True, parent=self)  # read from the back of the room
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
        row.addWidget(self.custom)
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
        self._warned_sent = self.remaining() <= warning_seconds(self._duration)
        self._show()

    def duration(self) -> float:
        return self._duration

    def flashing(self) -> bool:
        """True while the display shows white on orange (time is up)."""
        return self.over_time() and self._flash_on

    def warning(self) -> bool:
        """True in the last stretch before the end (see `warning_seconds`), while time remains."""
        return 0 < self.remaining() <= warning_seconds(self._duration) and self.elapsed() > 0

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
        self._warned_sent = False
        self._show()

    # ------------------------------------------------------------------ display
    def _on_preset_chosen(self, index: int) -> None:
        self.reset()
        seconds = int(self.preset.itemData(index))
        self.custom.setVisible(seconds == CUSTOM)
        self.set_duration(self.custom.value() * 60.0 if seconds == CUSTOM else float(seconds))

    def _on_custom_minutes(self, minutes: int) -> None:
        if int(self.preset.currentData()) == CUSTOM:
            self.reset()
            self.set_duration(minutes * 60.0)

    def _on_tick(self) -> None:
        if self.warning() and not self._warned_sent:
            self._warned_sent = True
            self.warned.emit()
        if self.over_time() and not self._expired_sent:
            self._expired_sent = self._warned_sent = True
            beep()
            self.expired.emit()
        self._show()

    def _show(self) -> None:
        left = self.remaining()
        over = self.over_time()
        self.display.setText("+" + format_clock(-left, counting_up=True) if over else format_clock(left))
        background = ""
        if over:
            self.status.setText("Time is up")
            colour = ORANGE
            # flash for a few seconds, then stay white on orange: visible from anywhere in the room
            overrun = -left
            self._flash_on = overrun > FLASH_SECONDS or int(overrun * 2) % 2 == 0
            if self._flash_on:
                colour, background = "white", f"background: {ORANGE}; border-radius: 6px; padding: 0 8px;"
        elif self.warning():
            self.status.setText(f"{format_clock(left)} left")
            colour = ORANGE
        elif self.running:
            self.status.setText("Running")
            colour = NAVY
        else:
            self.status.setText("Paused" if self.elapsed() > 0 else "Ready")
            colour = NAVY
        self.display.setStyleSheet(f"color: {colour}; {background}")
        self.status.setStyleSheet(f"color: {ORANGE if over else colour};")
        self.start_button.setText("Pause" if self.running else ("Resume" if self.elapsed() > 0 else "Start"))
        self.display.setAccessibleName(f"Discussion timer {self.display.text()} {self.status.text()}")
        self.updated.emit()

    def mirror(self, source: DiscussionTimer) -> None:
        """Become a read-only copy of `source` (the room's screen): its digits and state, none of its controls,
        and nothing at all until the facilitator starts it."""
        for control in (self.preset, self.custom, self.start_button, self.reset_button):
            control.hide()
            control.setEnabled(False)
        self._source = source
        source.updated.connect(self._follow)  # a bound slot: disconnected when this copy goes
        self._follow()

    def _follow(self) -> None:
        source = self._source
        if source is None:
            return
        for mine, theirs in ((self.display, source.display), (self.status, source.status)):
            mine.setText(theirs.text())
            mine.setStyleSheet(theirs.styleSheet())
        self.setVisible(source.running or source.elapsed() > 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_font_change(event):
            rescale_labels(self)
        super().changeEvent(event)
