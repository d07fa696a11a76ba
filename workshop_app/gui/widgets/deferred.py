"""Refresh a page from document changes only while it is the step on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

from workshop_app.gui.document import WorkshopDocument


class DeferredRefresh(QObject):
    """Calls `slot(areas)` on every change, except for a page waiting in the step stack:
    that page collects the areas and refreshes once, when it becomes the current step.

    One rating change then costs the visible page's refresh, not every page's.
    """

    def __init__(self, page: QWidget, document: WorkshopDocument, slot: Callable[[frozenset[str]], None]) -> None:
        super().__init__(page)
        self._page = page
        self._slot = slot
        self._pending: frozenset[str] = frozenset()
        self._stack: QStackedWidget | None = None
        document.changed.connect(self._on_changed)

    def _waiting_stack(self) -> QStackedWidget | None:
        stack = self._page.parentWidget()
        if isinstance(stack, QStackedWidget) and stack.currentWidget() is not self._page:
            return stack
        return None

    def _on_changed(self, areas: frozenset[str]) -> None:
        stack = self._waiting_stack()
        if stack is None:
            self._slot(areas)
            return
        self._pending |= areas
        if self._stack is not stack:
            stack.currentChanged.connect(self._on_current_changed)
            self._stack = stack

    def _on_current_changed(self, _index: int) -> None:
        if self._pending and self._waiting_stack() is None:
            pending, self._pending = self._pending, frozenset()
            self._slot(pending)
