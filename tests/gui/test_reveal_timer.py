"""The discussion timer: a custom length, a warning before the end, an end the room sees (and hears)."""

from __future__ import annotations

import pytest

from workshop_app.gui.widgets import timer as timer_module
from workshop_app.gui.widgets.timer import CUSTOM, DiscussionTimer, warning_seconds

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def clock() -> list[float]:
    return [1000.0]


@pytest.fixture
def timer(qtbot, clock: list[float], monkeypatch) -> DiscussionTimer:
    beeps: list[int] = []
    monkeypatch.setattr(timer_module, "beep", lambda: beeps.append(1))
    widget = DiscussionTimer(clock=lambda: clock[0])
    widget.beeps = beeps  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_custom_duration_besides_the_presets(timer: DiscussionTimer) -> None:
    assert not timer.custom.isVisible()
    timer.preset.setCurrentIndex(timer.preset.findData(CUSTOM))
    assert timer.custom.isVisible()
    assert timer.display.text() == "15:00"
    timer.custom.setValue(7)
    assert timer.duration() == 420 and timer.display.text() == "7:00"
    timer.custom.setValue(999)  # beyond the range: held at the maximum
    assert timer.duration() == timer_module.MAX_MINUTES * 60
    timer.preset.setCurrentIndex(0)
    assert not timer.custom.isVisible() and timer.display.text() == "2:00"


def test_warns_before_the_end_then_flashes_and_beeps_once(timer: DiscussionTimer, clock: list[float],
                                                          qtbot) -> None:
    timer.set_duration(300)
    assert warning_seconds(300) == 30 and warning_seconds(60) == 12
    timer.start()
    clock[0] += 200
    qtbot.wait(timer_module.TICK_MS + 100)
    assert not timer.warning() and timer.status.text() == "Running"
    with qtbot.waitSignal(timer.warned, timeout=2000):
        clock[0] += 75
    assert timer.warning() and timer.status.text() == "0:25 left"
    assert timer.beeps == []  # type: ignore[attr-defined]
    with qtbot.waitSignal(timer.expired, timeout=2000):
        clock[0] += 25.2
    assert timer.status.text() == "Time is up" and timer.display.text() == "+0:00"
    assert timer.flashing() and "background" in timer.display.styleSheet()
    assert timer.beeps == [1]  # type: ignore[attr-defined]
    clock[0] += 0.5  # the flash blinks off for half a second
    qtbot.waitUntil(lambda: not timer.flashing(), timeout=2000)
    clock[0] += 10  # after the flashing, it stays white on orange
    qtbot.waitUntil(timer.flashing, timeout=2000)
    qtbot.wait(3 * timer_module.TICK_MS)
    assert timer.beeps == [1]  # type: ignore[attr-defined]


def test_beep_without_sound_never_fails(qapp) -> None:
    timer_module.beep()  # offscreen: no sound device, nothing raised
