"""The join screen for the projector: QR code, address, room code, who has voted (never what), close voting.

It owns the phone server for one round while it is open: phones' ballots reach
the document through DocumentBallots (main thread, undoable, autosaved), and
closing voting (or this window) stops the server. Nothing on this screen ever
shows a rating, so a blind round stays blind with it on the projector.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QImage, QPainter, QPixmap
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.phone_bridge import DocumentBallots
from workshop_app.gui.style import PRIMARY, SPACING
from workshop_app.gui.widgets.common import button, muted, rich_text
from workshop_app.gui.widgets.scaled import MUTED, NAVY, ScaledLabel, is_font_change, rescale_labels
from workshop_app.phone.room import BallotPaper, Room, voted_ids
from workshop_app.phone.server import DEFAULT_PORT, PhoneServer, ServerError, lan_addresses

HELP = (
    "<b>Phones cannot open the page?</b> They must be on the same network as this laptop. "
    "Guest Wi-Fi often keeps devices apart: switch on this laptop's own hotspot (Windows: Mobile hotspot; "
    "macOS: Internet Sharing; Linux: a NetworkManager hotspot), let phones join it, and choose its address under Network address. "
    "On Windows, allow the app when the firewall asks (private networks). Nothing needs the internet."
)


def available_addresses() -> list[str]:
    """IPv4 addresses of this laptop that phones may reach: the routing table's choice first, then every
    interface that is up (hotspot, second adapter); loopback only when there is nothing else."""
    found = [a for a in lan_addresses() if a != "127.0.0.1"]
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        if not (flags & QNetworkInterface.InterfaceFlag.IsUp) or flags & QNetworkInterface.InterfaceFlag.IsLoopBack:
            continue
        for entry in iface.addressEntries():
            ip = entry.ip()
            text = ip.toString()
            if (ip.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol and not ip.isLinkLocal()
                    and text not in found):
                found.append(text)
    return found or ["127.0.0.1"]


def qr_pixmap(text: str, size: int) -> QPixmap:
    """A QR code of `text` (with its quiet zone) drawn crisp at about `size` pixels square."""
    import segno

    qr = segno.make(text, error="m", micro=False)
    rows = list(qr.matrix_iter(scale=1, border=4))
    n = len(rows)
    cell = max(1, size // n)
    image = QImage(n * cell, n * cell, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    dark = QColor("black")
    for y, row in enumerate(rows):
        for x, on in enumerate(row):
            if on:
                painter.fillRect(x * cell, y * cell, cell, cell, dark)
    painter.end()
    return QPixmap.fromImage(image)


def spaced_code(code: str) -> str:
    """'482913' -> '482 913': easier to read from the back of the room."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


class PhoneVotingDialog(QDialog):
    """Serves one round to phones while open. `addresses` and `port` let tests stay on 127.0.0.1."""

    _room_changed = Signal()

    def __init__(self, document: WorkshopDocument, round_number: int, parent: QWidget | None = None, *,
                 addresses: list[str] | None = None, port: int | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.round_number = round_number
        self.setWindowTitle(f"Phone voting: round {round_number}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.bridge = DocumentBallots(document, round_number, self)
        self.room = Room(BallotPaper.of(document.workshop, round_number), self.bridge.cast)
        self.room.voted = voted_ids(document.workshop, round_number)
        self.room.on_change = self._room_changed.emit  # from server threads: queued to this thread
        self.server: PhoneServer | None = None
        self._port = DEFAULT_PORT if port is None else port
        self._addresses = addresses if addresses is not None else available_addresses()

        outer = QHBoxLayout(self)
        outer.setSpacing(3 * SPACING)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName("QR code with the voting address")
        outer.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)

        side = QVBoxLayout()
        side.setSpacing(SPACING)
        side.addWidget(ScaledLabel("On your phone, scan the code or open:", 1.3, color=MUTED))
        self.address = ScaledLabel("", 2.6, bold=True, color=NAVY)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.address)
        side.addWidget(ScaledLabel("Room code", 1.3, color=MUTED))
        self.code = ScaledLabel(spaced_code(self.room.code), 3.6, bold=True, color=NAVY)
        self.code.setAccessibleName("Room code")
        side.addWidget(self.code)
        self.promise = ScaledLabel("Names hidden: nobody will be named next to these ratings, on any screen "
                                   "or handout.", 1.3, bold=True, color=NAVY)
        self.promise.setWordWrap(True)
        side.addWidget(self.promise)
        self.progress = ScaledLabel("", 1.5, bold=True)
        side.addWidget(self.progress)
        self.status = ScaledLabel("", 1.2, color=MUTED)
        side.addWidget(self.status)
        self.voted = ScaledLabel("", 1.25)
        self.voted.setAccessibleName("Who has voted")
        self.voted.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        voted_area = QScrollArea()  # a room of 40 names scrolls rather than being cut off
        voted_area.setWidget(self.voted)
        voted_area.setWidgetResizable(True)
        voted_area.setFrameShape(QFrame.Shape.NoFrame)
        voted_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.addWidget(voted_area, 1)

        net = QHBoxLayout()
        self.address_label = QLabel("Network address:")
        net.addWidget(self.address_label)
        self.address_combo = QComboBox()
        self.address_combo.addItems(self._addresses)
        self.address_combo.setToolTip("The laptop's address on the network the phones are on")
        net.addWidget(self.address_combo, 1)
        self.names_hidden = QCheckBox("Names hidden for this round")
        self.names_hidden.setToolTip("Each phone still picks its own name (one ballot per person, and you see who "
                                     "has voted), but no screen, handout or export of this workshop will ever "
                                     "show anyone's name next to a rating. Can be changed only until someone "
                                     "joins; once a ballot is in, it is for good.")
        net.addWidget(self.names_hidden)
        side.addLayout(net)

        release = QHBoxLayout()
        self.claimed_combo = QComboBox()
        self.claimed_combo.setMinimumWidth(200)
        self.release_button = button("Release name", tip="A phone died: let this person join from another device")
        release.addWidget(QLabel("Joined on a phone:"))
        release.addWidget(self.claimed_combo, 1)
        release.addWidget(self.release_button)
        side.addLayout(release)

        self.help = muted("")
        self.help.setText(rich_text(HELP))
        side.addWidget(self.help)
        self.close_button = button("Close voting", accent=True, tip="Stop taking ballots from phones")
        side.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        outer.addLayout(side, 1)

        self.address_combo.currentIndexChanged.connect(self._on_address_chosen)
        self.names_hidden.toggled.connect(self._on_names_hidden_toggled)
        self.release_button.clicked.connect(self._on_release)
        self.close_button.clicked.connect(self.close_voting)
        self._room_changed.connect(self._refresh)
        document.changed.connect(self._on_document_changed)
        app = QApplication.instance()
        if app is not None:  # quitting with the window still open never leaves the server running
            app.aboutToQuit.connect(self.close_voting)
        self.resize(1200, 700)
        self._start(self._addresses[0])

    # ------------------------------------------------------------------ server
    def _start(self, host: str) -> None:
        """Serve on `host` (the same port when free, another one when not); say so when it cannot."""
        if self.server is not None:
            self.server.stop()
            self.server = None
        errors: list[str] = []
        for port in dict.fromkeys((self._port, 0)):
            try:
                self.server = PhoneServer(self.room, host, port).start()
                self._port = self.server.port
                break
            except ServerError as exc:
                errors.append(str(exc))
        if self.server is None:
            error = errors[0]
            self.status.setText(f"Not serving: {error}. Pick another network address.")
            self.qr.clear()
            self.address.setText("")
        else:
            self.address.setText(self.server.address.removeprefix("http://"))
            self.qr.setPixmap(qr_pixmap(self.server.url, 520))
            self.status.setText("Voting is open: ballots arrive as they are sent.")
        self._refresh()

    def close_voting(self) -> None:
        """Stop taking ballots and stop the server; the ballots already in stay (undo removes one)."""
        if not self.room.is_open and self.server is None:
            return
        self.room.close()
        self.bridge.shutdown()
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.status.setText("Voting is closed. Ballots already sent are in the workshop.")
        self.qr.clear()
        self.address.setText("Voting closed")
        for widget in (self.close_button, self.address_combo, self.release_button, self.names_hidden):
            widget.setEnabled(False)

    @property
    def serving(self) -> bool:
        return self.server is not None and self.server.running

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.close_voting()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Esc and reject() end voting too: no server outlives its window
        self.close_voting()
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_font_change(event):
            rescale_labels(self)
        super().changeEvent(event)

    # ------------------------------------------------------------------ controls
    def _on_address_chosen(self, index: int) -> None:
        if 0 <= index < len(self._addresses) and self.room.is_open:
            self._start(self._addresses[index])

    def _on_names_hidden_toggled(self, on: bool) -> None:
        if not self.room.set_names_hidden(on):
            self.names_hidden.blockSignals(True)
            self.names_hidden.setChecked(not on)
            self.names_hidden.blockSignals(False)
            self.status.setText("This round was already voted with names hidden: that promise stays"
                                if self.room.paper.names_hidden
                                else "Someone has joined already: release every name first")
        self._refresh()

    def _on_release(self) -> None:
        pid = self.claimed_combo.currentData()
        if pid and self.room.release(pid):
            self.status.setText(f"{self._label(pid)} may join again from another device.")
        self._refresh()

    def _on_document_changed(self, areas: frozenset[str]) -> None:
        if not areas & {"ratings", "participants", "rounds"} or not self.room.is_open:
            return
        try:
            revealed = self.document.workshop.round(self.round_number).revealed
            if areas & {"participants", "rounds"}:  # people or the round's pillars changed: phones follow
                self.room.update_paper(BallotPaper.of(self.document.workshop, self.round_number))
            self.room.set_voted(voted_ids(self.document.workshop, self.round_number))
        except KeyError:  # the round was undone away
            revealed = True
        if revealed:  # a revealed (or vanished) round takes no more ballots
            self.close_voting()
        self._refresh()

    # ------------------------------------------------------------------ showing who (never what)
    def _label(self, pid: str) -> str:
        return self.room.paper.names.get(pid, "?")

    def _refresh(self) -> None:
        paper = self.room.paper
        voted = self.room.voted
        people = list(paper.names)
        done = [p for p in people if p in voted]
        self.progress.setText(f"{len(done)} of {len(people)} have voted")
        waiting = [paper.names[p] for p in people if p not in voted]
        text = ("– not yet: " + ", ".join(waiting)) if waiting else "Everyone has voted."  # whom to wait for
        text += ("\n✓ " + ", ".join(paper.names[p] for p in done)) if done else ""
        self.voted.setText(text)
        claims = self.room.claims()
        current = self.claimed_combo.currentData()
        self.claimed_combo.clear()
        for pid, taken in claims.items():
            if taken:
                self.claimed_combo.addItem(self._label(pid), pid)
        index = self.claimed_combo.findData(current)
        self.claimed_combo.setCurrentIndex(max(index, 0))
        self.release_button.setEnabled(self.room.is_open and self.claimed_combo.count() > 0)
        self.names_hidden.blockSignals(True)
        self.names_hidden.setChecked(self.room.names_hidden)
        self.names_hidden.blockSignals(False)
        self.names_hidden.setEnabled(self.room.is_open and not self.room.paper.names_hidden)
        self.promise.setVisible(self.room.names_hidden)
        several = len(self._addresses) > 1  # the picker only when the laptop is on more than one network
        self.address_label.setVisible(several)
        self.address_combo.setVisible(several)
        self.qr.setStyleSheet(f"border: 2px solid {PRIMARY}; background: white;" if self.serving else "")

