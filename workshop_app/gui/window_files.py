"""The main window's file commands: open (locked, read-only or a copy), save as, close, restore, and
what happens when a save cannot be written or the file changed on disk. Nothing is lost silently.

Kept apart from main_window.py, which lays out the window; imports stay as light as the
main window's (this module is on the start-up path).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from workshop_app import APP_NAME
from workshop_app.core.demo import build_demo, copy_bundled_demo
from workshop_app.core.filelock import FileLockedError, read_lock
from workshop_app.core.storage import SUFFIX, WorkshopFileError, load_workshop, save_workshop
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs import errors
from workshop_app.gui.document import WorkshopDocument

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from workshop_app.gui.start import NewWorkshopDialog

DEMO_FILE_NAME = f"Demo workshop{SUFFIX}"
OPEN_READ_ONLY, EDIT_A_COPY = "Open read-only", "Edit a copy…"
SAVE_ELSEWHERE, DISCARD_CHANGES = "Save As…", "Discard my changes"
RELOAD_FROM_DISK, OVERWRITE_ON_DISK = "Reload from disk", "Overwrite the file"
READ_ONLY_TEXT = "use File > Save As to edit a copy"
ALERT_STYLE = "color: #b3261e; font-weight: 600;"


class FileCommands:
    """Mixed into MainWindow: everything that opens, saves or lets go of a workshop file."""

    document: WorkshopDocument | None
    _last_save_error: str = ""

    def open_file(self, path: str | Path, *, read_only: bool = False) -> bool:
        """Open a workshop file for editing (locked against a second window) or read-only.

        A damaged file is refused with its message and left untouched; a file another
        window edits is offered read-only or as a copy, never opened twice for editing.
        """
        path = Path(path)
        if self.document is not None and self.document.path and self.document.path.resolve() == path.resolve():
            return True
        try:
            document = WorkshopDocument.open(path, read_only=read_only)
        except FileLockedError as exc:
            return self._open_locked(path, exc)
        except WorkshopFileError as exc:
            errors.show_error(self, "Cannot open workshop", str(exc))
            return False
        if not self._release_document():
            document.close()
            return False
        self.set_document(document)
        app_settings.add_recent_file(path)
        self._refresh_recent()
        return True

    def _open_locked(self, path: Path, exc: FileLockedError) -> bool:
        """Someone edits this file already: look at it read-only, or edit a copy; never both editing it."""
        choice = errors.choose(
            self, "Workshop already open",
            f"{path.name} is open for editing {exc.holder.describe()}.\n\nTwo windows editing one file would "
            "overwrite each other's work. Open it read-only to look at it, or edit a copy of it.",
            [OPEN_READ_ONLY, EDIT_A_COPY])
        if choice == OPEN_READ_ONLY:
            return self.open_file(path, read_only=True)
        if choice != EDIT_A_COPY:
            return False
        out = self.choose_save_path("Edit a copy of the workshop", path.with_name(f"{path.stem} (copy){SUFFIX}"))
        if out is None:
            return False
        if out.resolve() == path.resolve():
            errors.show_error(self, "Edit a copy", "Choose another file name for the copy.")
            return False
        try:
            save_workshop(load_workshop(path), out)
        except WorkshopFileError as exc:
            errors.show_error(self, "Edit a copy", str(exc))
            return False
        return self.open_file(out)

    def choose_save_path(self, title: str, suggestion: Path | str) -> Path | None:
        """Where to write a workshop (a file dialog; tests replace this method)."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, title, str(suggestion), f"Workshops (*{SUFFIX})")
        if not path:
            return None
        return Path(path if path.endswith(SUFFIX) else path + SUFFIX)

    def open_recent(self, path: str) -> bool:
        if not Path(path).is_file():
            app_settings.remove_recent_file(path)
            self._refresh_recent()
            errors.show_error(self, "Workshop not found",
                              f"{path} has been moved or deleted; it was removed from the recent list.")
            return False
        return self.open_file(path)

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(app_settings.default_workshop_folder(create=True))  # a folder: the file name starts empty
        path, _ = QFileDialog.getOpenFileName(self, "Open workshop", start, f"Workshops (*{SUFFIX});;All files (*)")
        if path:
            self.open_file(path)

    def open_demo(self) -> bool:
        """A fresh copy of the demo in the app's home folder (the previous copy is replaced)."""
        path = app_settings.app_home() / DEMO_FILE_NAME
        n = 2
        while self._open_elsewhere(path):  # another window has the demo open: never replace it under it
            path = app_settings.app_home() / f"{Path(DEMO_FILE_NAME).stem} ({n}){SUFFIX}"
            n += 1
        if not self._release_document():
            return False
        workshop = copy_bundled_demo(path)
        document = WorkshopDocument(workshop or build_demo(), path)
        self.set_document(document)
        if workshop is None:
            # Written once the window is up; a failure shows in the status bar.
            QTimer.singleShot(0, document.save)
        app_settings.add_recent_file(path)
        self._refresh_recent()
        return True

    def _open_elsewhere(self, path: Path) -> bool:
        """Another window or process holds the file (this window's own file does not count)."""
        mine = self.document is not None and self.document.path is not None and self.document.path == path
        holder = read_lock(path)
        return not mine and holder is not None and not holder.is_stale()

    def new_workshop(self) -> NewWorkshopDialog:
        from workshop_app.gui.start import NewWorkshopDialog

        dialog = NewWorkshopDialog(self)
        dialog.workshop_created.connect(self._on_workshop_created)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _on_workshop_created(self, document: WorkshopDocument) -> None:
        if not self._release_document():
            return
        self.set_document(document)
        if document.path:
            app_settings.add_recent_file(document.path)
        self._refresh_recent()
        self.go_to_step(1 if not document.workshop.participants else 2)

    def _release_document(self) -> bool:
        """Save and let go of the open workshop (and its lock).

        Unsaved edits that cannot be written (full disk, read-only folder, the file
        changed on disk) are never dropped silently: the user saves them elsewhere,
        discards them explicitly, or stays. False when the user stays.
        """
        doc = self.document
        if doc is None:
            return True
        if not doc.read_only and not doc.flush() and not self._resolve_unsaved(doc):
            return False
        self._clear_pages()
        self._undo_group.removeStack(doc.undo_stack)
        doc.changed.disconnect(self._on_changed)
        doc.saved.disconnect(self._on_saved)
        doc.save_failed.disconnect(self._on_save_failed)
        doc.conflicted.disconnect(self._on_conflicted)
        doc.path_changed.disconnect(self._on_path_changed)
        self.document = None
        doc.close()
        doc.deleteLater()
        return True

    def _resolve_unsaved(self, doc: WorkshopDocument) -> bool:
        """Save As elsewhere, or discard on purpose; False (stay) on Cancel or a failed Save As."""
        why = self._last_save_error or "the file could not be written"
        choice = errors.choose(
            self, "Changes not saved",
            f"The latest changes could not be saved:\n{why}\n\nSave them to another file (another folder or "
            "a USB stick), or discard them. Cancel keeps the workshop open; the app keeps trying to save.",
            [SAVE_ELSEWHERE, DISCARD_CHANGES])
        if choice == DISCARD_CHANGES:
            doc.discard()
            return True
        if choice == SAVE_ELSEWHERE:
            suggestion = doc.path or app_settings.default_workshop_folder() / f"Workshop{SUFFIX}"
            out = self.choose_save_path("Save the workshop elsewhere", suggestion)
            return out is not None and self.save_as(out)
        return False

    def close_document(self) -> bool:
        if not self._release_document():
            return False
        self.show_start_screen()
        self.setWindowTitle(APP_NAME)
        self.path_label.clear()
        self.save_label.clear()
        self.round_label.clear()
        self._update_actions()
        self.document_opened.emit(None)
        return True

    def save_as_dialog(self) -> None:
        if self.document is None:
            return
        current = self.document.path or app_settings.default_workshop_folder(create=True) / f"Workshop{SUFFIX}"
        path = self.choose_save_path("Save workshop as", current)
        if path is not None:
            self.save_as(path)

    def restore_dialog(self) -> QWidget | None:
        """File > Restore an earlier version."""
        if self.document is None:
            return None
        from workshop_app.gui.dialogs.restore import RestoreDialog

        dialog = RestoreDialog(self.document, self)
        self._dialog = dialog
        dialog.open()
        return dialog

    def link_earlier_dialog(self) -> QWidget | None:
        """File > Link an earlier workshop: the workshop this one is compared with (undoable)."""
        if self.document is None:
            return None
        from workshop_app.gui.dialogs.link_earlier import open_link_dialog

        self._dialog = open_link_dialog(self.document, self)
        return self._dialog

    def save_as(self, path: str | Path) -> bool:
        assert self.document is not None
        if self.document.save_as(path):
            app_settings.add_recent_file(path)
            return True
        return False

    def _on_save_now(self) -> None:
        if self.document is None:
            return
        if self.document.read_only:
            errors.show_error(self, "Read-only", READ_ONLY_TEXT)
        elif self.document.conflict:
            self._on_conflicted(self._last_save_error)
        else:
            self.document.save()

    def _on_saved(self, _path: str) -> None:
        self._last_save_error = ""
        self.save_label.setText("Saved")
        self.save_label.setToolTip("")
        self.save_label.setStyleSheet("")

    def _on_save_failed(self, message: str) -> None:
        """Shown until a save succeeds; the edits stay in memory and the document retries on its own."""
        self._last_save_error = message
        self.save_label.setText("Not saved: retrying; File > Save As to save elsewhere")
        self.save_label.setToolTip(message)
        self.save_label.setStyleSheet(ALERT_STYLE)
        self.statusBar().showMessage(message, 15_000)

    def _on_conflicted(self, message: str) -> None:
        """The file changed on disk under this window: nothing is overwritten until the user chooses."""
        doc = self.document
        if doc is None:
            return
        self._last_save_error = message
        self.save_label.setText("Not saved: the file changed on disk")
        self.save_label.setStyleSheet(ALERT_STYLE)
        choice = errors.choose(
            self, "The file changed on disk",
            f"{message}.\n\nAnother program or person wrote to this workshop file after this window last saved "
            "it. Keep both by saving this window's version as a new file, take the version on disk (this "
            "window's unsaved changes are dropped), or replace the file on disk with this window's version.",
            [SAVE_ELSEWHERE, RELOAD_FROM_DISK, OVERWRITE_ON_DISK])
        if choice == SAVE_ELSEWHERE:
            out = self.choose_save_path("Save this window's version as", doc.path.with_name(
                f"{doc.path.stem} (mine){SUFFIX}") if doc.path else f"Workshop{SUFFIX}")
            if out is not None:
                self.save_as(out)
        elif choice == RELOAD_FROM_DISK:
            doc.reload_from_disk()
        elif choice == OVERWRITE_ON_DISK:
            doc.overwrite()
