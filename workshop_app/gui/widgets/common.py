"""Small helpers shared by the pages: headings, buttons, the page frame."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workshop_app.gui.style import SPACING, set_role

#: QDate format of the dates stored in a workshop (ISO 8601).
ISO_DATE = "yyyy-MM-dd"


def rich_text(html: str) -> str:
    """Mark HTML for a label's automatic format: Qt always reads text that opens with <qt> as rich text.

    Cheaper at start-up than `setTextFormat(Qt.TextFormat.RichText)`, which loads the whole `Qt` namespace.
    """
    return f"<qt>{html}</qt>"


class ErrorLabel(QLabel):
    """Why the last edit on a page was refused, in the page itself; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "error")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show `message`; an empty one hides the label."""
        self.setText(message)
        self.setVisible(bool(message))


def heading(text: str, role: str = "h1") -> QLabel:
    label = QLabel(text)
    set_role(label, role)
    return label


def muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, "muted")
    return label


def button(text: str, *, primary: bool = False, accent: bool = False, tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    if primary:
        widget.setProperty("primary", True)
    if accent:
        widget.setProperty("accent", True)
    if tip:
        widget.setToolTip(tip)
    return widget


def page_layout(page: QWidget, title: str, intro: str = "") -> QVBoxLayout:
    """The common frame of a page: a heading, an optional line of help, 8 px rhythm."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(3 * SPACING, 2 * SPACING, 3 * SPACING, 2 * SPACING)
    layout.setSpacing(SPACING)
    layout.addWidget(heading(title))
    if intro:
        help_line = muted(intro)
        help_line.setObjectName(PAGE_INTRO)  # hidden while presenting: the room needs the page, not its help
        layout.addWidget(help_line)
    return layout


#: Object name of a page's line of help (see page_layout and window_presentation.py).
PAGE_INTRO = "pageIntro"


def button_row(*widgets: QWidget, stretch_first: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    if stretch_first:
        row.addStretch(1)
    for w in widgets:
        row.addWidget(w)
    if not stretch_first:
        row.addStretch(1)
    return row


def named_choice(named_on: str, named_off: str, refusal: str = "") -> tuple[QCheckBox, QLabel, QVBoxLayout]:
    """The export dialogs' "Name participants" box, unticked every time, with a line saying what it writes.

    `refusal` (core.anonymity.naming_refusal) locks the box and says why: the room was promised no names.
    """
    box = QCheckBox("Name participants next to their ratings")
    box.setChecked(False)  # anonymous unless the room agreed to be named, every time
    box.setEnabled(not refusal)
    note = QLabel(refusal or named_off)
    note.setWordWrap(True)
    set_role(note, "muted")
    box.toggled.connect(lambda on: note.setText(named_on if on else named_off))
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(box)
    column.addWidget(note)
    return box, note, column
