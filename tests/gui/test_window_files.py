"""The window's side of 'nothing lost': a second opener, a file changed on disk, a save that fails, restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import load_workshop, save_workshop
from workshop_app.core.versions import keep_opened_copy, list_versions
from workshop_app.gui import window_files
from workshop_app.gui.dialogs import errors
from workshop_app.gui.dialogs.restore import RestoreDialog
from workshop_app.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class Answers:
    """Stands in for the question boxes: records each question, answers from a queue (None = Cancel)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.queue: list[str | None] = []
        self.asked: list[str] = []
        monkeypatch.setattr(errors, "choose", self.choose)
        monkeypatch.setattr(errors, "show_error", lambda parent, title, text: self.asked.append(text))
        monkeypatch.setattr(errors, "ask", lambda parent, title, text: True)

    def choose(self, parent: object, title: str, text: str, choices: list[str]) -> str | None:
        self.asked.append(text)
        answer = self.queue.pop(0) if self.queue else None
        assert answer is None or answer in choices, (answer, choices)
        return answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


@pytest.fixture
def workshop_file(tmp_path: Path) -> Path:
    path = tmp_path / "client.workshop"
    save_workshop(build_demo(), path)
    return path


def window(qtbot, save_to: Path | None = None) -> MainWindow:  # noqa: ANN001
    win = MainWindow()
    qtbot.addWidget(win)
    if save_to is not None:
        win.choose_save_path = lambda title, suggestion: save_to  # type: ignore[method-assign]
    return win


def test_second_window_gets_read_only_and_cannot_write(qtbot, workshop_file: Path, answers: Answers) -> None:
    first = window(qtbot)
    assert first.open_file(workshop_file) and not first.document.read_only
    second = window(qtbot)
    answers.queue = [window_files.OPEN_READ_ONLY]
    assert second.open_file(workshop_file)
    assert "open for editing in another window" in answers.asked[-1]
    assert second.document.read_only and "(read-only)" in second.windowTitle()
    assert "Read-only" in second.path_label.text()
    with pytest.raises(ops.OperationError, match="read-only"):
        second.document.apply(ops.set_details, client="Overwritten")
    first.document.apply(ops.set_details, client="Kept")
    assert first.close_document() and second.close_document()
    assert load_workshop(workshop_file).details.client == "Kept"


def test_second_window_can_edit_a_copy(qtbot, tmp_path: Path, workshop_file: Path, answers: Answers) -> None:
    first = window(qtbot)
    assert first.open_file(workshop_file)
    copy = tmp_path / "copy.workshop"
    second = window(qtbot, save_to=copy)
    answers.queue = [window_files.EDIT_A_COPY]
    assert second.open_file(workshop_file)
    assert second.document.path == copy and not second.document.read_only
    second.document.apply(ops.set_details, client="Copy only")
    assert second.close_document() and first.close_document()
    assert load_workshop(copy).details.client == "Copy only"
    assert load_workshop(workshop_file).details.client != "Copy only"


def test_cancel_on_a_locked_file_opens_nothing(qtbot, workshop_file: Path, answers: Answers) -> None:
    first = window(qtbot)
    assert first.open_file(workshop_file)
    second = window(qtbot)
    assert not second.open_file(workshop_file)
    assert second.document is None
    first.close_document()


def _changed_elsewhere(path: Path, client: str) -> None:
    """Another program writes the file behind the window's back (it ignores the lock)."""
    ws = load_workshop(path)
    ws.details.client = client
    save_workshop(ws, path, check_lock=False)


@pytest.mark.parametrize("choice", [window_files.SAVE_ELSEWHERE, window_files.RELOAD_FROM_DISK,
                                    window_files.OVERWRITE_ON_DISK, None])
def test_file_changed_on_disk_is_never_overwritten_silently(qtbot, tmp_path: Path, workshop_file: Path,
                                                           answers: Answers, choice: str | None) -> None:
    mine = tmp_path / "mine.workshop"
    win = window(qtbot, save_to=mine)
    assert win.open_file(workshop_file)
    _changed_elsewhere(workshop_file, "Theirs")
    answers.queue = [choice]
    win.document.apply(ops.set_details, site="Mine")
    assert not win.document.save() or choice is not None
    assert "changed by someone else" in answers.asked[0]
    on_disk = load_workshop(workshop_file)
    if choice == window_files.SAVE_ELSEWHERE:
        assert on_disk.details.client == "Theirs" and load_workshop(mine).details.site == "Mine"
        assert win.document.path == mine
    elif choice == window_files.RELOAD_FROM_DISK:
        assert win.document.workshop.details.client == "Theirs" and on_disk.details.site != "Mine"
    elif choice == window_files.OVERWRITE_ON_DISK:
        assert on_disk.details.site == "Mine"
    else:  # cancelled: nothing written, the edit kept, and asked again on Save
        assert on_disk.details.client == "Theirs" and win.document.workshop.details.site == "Mine"
        assert "changed on disk" in win.save_label.text()
        answers.queue = [window_files.OVERWRITE_ON_DISK]
        win._on_save_now()
        assert load_workshop(workshop_file).details.site == "Mine"
    assert win.close_document()


def test_quit_with_unsaved_changes_saves_elsewhere_or_stays(qtbot, tmp_path: Path, answers: Answers) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    path = tmp_path / "client.workshop"
    save_workshop(build_demo(), path)
    rescue = tmp_path / "rescue.workshop"
    win = window(qtbot, save_to=rescue)
    assert win.open_file(path)
    win.document._path = blocked / "client.workshop"  # the folder went away under the app
    win.document.apply(ops.set_details, client="Unsaved edit")
    answers.queue = [None]
    assert not win.close()  # Cancel: stays open with the edit
    assert win.document is not None and win.document.dirty
    answers.queue = [window_files.SAVE_ELSEWHERE]
    assert win.close()
    assert load_workshop(rescue).details.client == "Unsaved edit"


def test_restore_an_earlier_version_is_one_undoable_edit(qtbot, workshop_file: Path, answers: Answers) -> None:
    win = window(qtbot)
    assert win.open_file(workshop_file)  # keeps the file as opened
    original = win.document.workshop.details.client
    win.document.apply(ops.set_details, client="After a bad edit")
    assert win.document.save()
    dialog = win.restore_dialog()
    assert isinstance(dialog, RestoreDialog)
    assert "opened" in {v.kind for v in dialog.versions}  # and the save kept the file it replaced
    assert "8 participants" in dialog.list.item(0).text()
    assert dialog.restore_selected()
    assert win.document.workshop.details.client == original
    win.document.undo_stack.undo()
    assert win.document.workshop.details.client == "After a bad edit"
    assert win.close_document()


def test_restore_into_a_new_file_leaves_the_open_workshop(qtbot, tmp_path: Path, workshop_file: Path,
                                                          answers: Answers) -> None:
    keep_opened_copy(workshop_file)
    win = window(qtbot)
    assert win.open_file(workshop_file)
    win.document.apply(ops.set_details, client="Now")
    dialog = win.restore_dialog()
    out = tmp_path / "earlier.workshop"
    assert dialog.save_copy(out)
    assert load_workshop(out).details.client == build_demo().details.client
    assert win.document.workshop.details.client == "Now"
    assert len(list_versions(workshop_file)) >= 1
    win.close_document()


def test_demo_in_a_second_window_never_replaces_the_first(qtbot, answers: Answers) -> None:
    first, second = window(qtbot), window(qtbot)
    assert first.open_demo()
    first.document.apply(ops.set_details, client="Edited demo")
    assert second.open_demo()
    assert second.document.path != first.document.path and not second.document.read_only
    assert first.close_document()
    assert load_workshop(first_path := Path(str(second.document.path).replace(" (2)", ""))).details.client \
        == "Edited demo", first_path
    second.close_document()


def test_data_folder_is_not_doubled_and_an_old_doubled_one_moves_up(qapp, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QStandardPaths

    from workshop_app.gui import settings as app_settings
    from workshop_app.gui.app import create_application

    create_application()
    location = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert location.name == "Maturity Workshop" and location.parent.name != "Maturity Workshop"
    home = tmp_path / "Maturity Workshop"
    old = home / "Maturity Workshop"
    old.mkdir(parents=True)
    (old / "settings.ini").write_text("[window]\n", encoding="utf-8")
    (old / "Demo workshop.workshop").write_text("{}", encoding="utf-8")
    (home / "Demo workshop.workshop").write_text("newer", encoding="utf-8")  # never overwritten
    monkeypatch.setenv("WORKSHOP_APP_HOME", str(home))
    assert app_settings.app_home() == home
    assert (home / "settings.ini").read_text(encoding="utf-8") == "[window]\n"
    assert (home / "Demo workshop.workshop").read_text(encoding="utf-8") == "newer"
    assert (old / "Demo workshop.workshop").exists()  # kept where it was rather than lost


def test_open_dialog_starts_in_the_workshops_folder(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    answers: Answers) -> None:
    from PySide6.QtWidgets import QFileDialog

    from workshop_app.gui import settings as app_settings

    folder = tmp_path / "docs" / "Maturity Workshops"
    monkeypatch.setattr(app_settings, "default_workshop_folder",
                        lambda create=False: (folder.mkdir(parents=True, exist_ok=True) if create else None) or folder)
    seen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda parent, title, start, filt: (
        seen.append(start) or ("", ""))))
    window(qtbot).open_dialog()
    assert seen == [str(folder)] and folder.is_dir()


def test_save_as_onto_the_open_file_keeps_its_lock(qtbot, workshop_file: Path, answers: Answers) -> None:
    win = window(qtbot, save_to=workshop_file)
    assert win.open_file(workshop_file)
    win.document.apply(ops.set_details, client="Same file")
    win.save_as_dialog()
    assert win.document.path == workshop_file and not win.document.read_only
    assert load_workshop(workshop_file).details.client == "Same file"
    other = window(qtbot)
    assert not other.open_file(workshop_file)  # still locked by the first window (Cancel answered)
    assert win.close_document()
