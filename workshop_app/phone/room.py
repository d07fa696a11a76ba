"""The voting state of one round served to phones: room code, name claims, wrong-code limits, own ballots.

Everything here is guarded by one lock, because the server answers phones from
several threads at once. The workshop itself is never touched here: a ballot is
handed to the `CastBallot` callable given by whoever owns the workshop (the
desktop app marshals it to its main thread; `serve` casts and saves it), which
returns the ids of everyone who has now voted. Nothing here ever hands one
device another person's rating.

Every phone votes under its own name, picked from the list: a ballot belongs to the
person who cast it, so who has voted, the hand-over and the views by group stay
true. A round voted "with names hidden" promises the room more: the ballots are
still filed by person, but the round (and so the workshop) can never be shown with
names (core/anonymity.naming_refusal).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from workshop_app.core.ballots import Choice, round_progress
from workshop_app.core.model import Workshop

#: Casts one person's whole ballot (participant id, pillar id -> choice, names hidden?) and returns who
#: has voted since. Raises BallotRefused (or ValueError) with a message for the voter when the workshop
#: refuses it.
CastBallot = Callable[[str, Mapping[str, Choice], bool], frozenset[str]]

#: Wrong room codes allowed per address within WRONG_CODE_WINDOW_S before that address must wait.
WRONG_CODE_LIMIT = 5
WRONG_CODE_WINDOW_S = 60.0
ROOM_CODE_DIGITS = 6
#: Most devices one room remembers (a room of 40 with spares; stops a script filling memory).
MAX_DEVICES = 500


class RoomError(Exception):
    """A request the room refuses; `status` is the HTTP status, the message is shown to the voter."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class BallotRefused(ValueError):
    """The workshop refused a ballot (a rule of the core); the message is shown to the voter as is."""


@dataclass(frozen=True)
class BallotPaper:
    """What a phone needs to vote in a round, taken from the workshop once: no rating in it."""

    round: int
    title: str
    stages: tuple[dict, ...]  # {"number", "name", "summary"}
    pillars: tuple[dict, ...]  # {"id", "name", "question", "description", "levels": [[text, ...] per stage]}
    names: dict[str, str]  # participant id -> name as shown (distinct)
    names_hidden: bool = False  # the round was already voted with names hidden: that cannot be undone

    @classmethod
    def of(cls, workshop: Workshop, round_number: int) -> BallotPaper:
        """Read the round's pillars, the rubric's stage cards and the people from the workshop."""
        rubric = workshop.rubric
        rnd = workshop.round(round_number)
        stages = tuple({"number": i, "name": s.name, "summary": s.summary}
                       for i, s in enumerate(rubric.stages, start=1))
        pillars = []
        for pid in rnd.pillars:
            p = rubric.pillar(pid)
            pillars.append({"id": p.id, "name": p.name, "question": p.question, "description": p.description,
                            "levels": [list(rubric.levels_for(p.id, n)) for n in range(1, rubric.k + 1)]})
        title = workshop.details.title or workshop.details.client or rubric.name
        return cls(round_number, title, stages, tuple(pillars), workshop.participant_names(), rnd.names_hidden)

    @property
    def k(self) -> int:
        return len(self.stages)

    @property
    def pillar_ids(self) -> tuple[str, ...]:
        return tuple(p["id"] for p in self.pillars)


@dataclass
class _Device:
    token: str
    participant: str | None = None
    released: bool = False  # the facilitator freed its name: say so rather than "pick your name"


@dataclass
class Room:
    """One round open to phones. `voted` is who has voted (ids), for the facilitator's screen only."""

    paper: BallotPaper
    cast: CastBallot
    names_hidden: bool = False
    code: str = field(default_factory=lambda: new_room_code())
    voted: frozenset[str] = frozenset()
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._cast_lock = threading.Lock()
        self._devices: dict[str, _Device] = {}
        self._claims: dict[str, str] = {}  # participant id -> device token
        self._wrong: dict[str, list[float]] = {}  # address -> times of wrong codes
        self._ballots: dict[str, dict[str, Choice]] = {}  # participant id -> own last ballot from a phone
        self._open = True
        self.on_change: Callable[[], None] = lambda: None
        #: Returns once every ballot cast so far is safe (saved); raises BallotRefused when it cannot be.
        self.settle: Callable[[], None] = lambda: None
        self.names_hidden = self.names_hidden or self.paper.names_hidden

    # ------------------------------------------------------------------ state
    @property
    def is_open(self) -> bool:
        return self._open

    def close(self) -> None:
        """No more ballots: every later one gets 409, and nothing is stored."""
        with self._lock:
            self._open = False
        self.on_change()

    def set_voted(self, ids: frozenset[str]) -> None:
        """The owner says who has voted (after an undo on the laptop, say).

        A phone whose ballot is no longer in the workshop (undone) is shown an empty
        ballot again rather than the one it sent.
        """
        with self._lock:
            self.voted = frozenset(ids)
            for pid in [p for p in self._ballots if p not in self.voted]:
                del self._ballots[pid]

    def set_names_hidden(self, on: bool) -> bool:
        """Promise (or stop promising) that names are never shown for this round.

        Refused (False) once a device holds a name: phones were told one thing and
        voted on it. Never lifted for a round already voted with names hidden.
        """
        with self._lock:
            if on == self.names_hidden:
                return True
            if self._claims or (not on and self.paper.names_hidden):
                return False
            self.names_hidden = on
        return True

    def update_paper(self, paper: BallotPaper) -> None:
        """The workshop changed while voting is open (a person added, renamed or removed; the round's pillars).

        Phones see the new list on their next request. A device whose person was
        removed must pick a name again, and a ballot for pillars no longer voted on
        is asked for again rather than half saved.
        """
        with self._lock:
            self.paper = paper
            self.names_hidden = self.names_hidden or paper.names_hidden
            for pid in [p for p in self._claims if p not in paper.names]:
                token = self._claims.pop(pid)
                if token in self._devices:
                    self._devices[token].participant = None
                    self._devices[token].released = True
            pillars = set(paper.pillar_ids)
            for pid in [p for p, ballot in self._ballots.items() if p not in paper.names or set(ballot) != pillars]:
                del self._ballots[pid]
        self.on_change()

    def claims(self) -> dict[str, bool]:
        """Participant id -> claimed by a device, for the facilitator's screen."""
        with self._lock:
            return {pid: pid in self._claims for pid in self.paper.names}

    def release(self, participant_id: str) -> bool:
        """The facilitator frees a name (its phone died): another device may claim it. True if it was claimed."""
        with self._lock:
            token = self._claims.pop(participant_id, None)
            if token is not None and token in self._devices:
                self._devices[token].participant = None
                self._devices[token].released = True
        if token is not None:
            self.on_change()
        return token is not None

    # ------------------------------------------------------------------ joining
    def join(self, address: str, code: str) -> str:
        """Check the room code (wrong ones limited per address) and return a new device token."""
        now = self.clock()
        with self._lock:
            recent = [t for t in self._wrong.get(address, []) if now - t < WRONG_CODE_WINDOW_S]
            if len(recent) >= WRONG_CODE_LIMIT:
                wait = int(WRONG_CODE_WINDOW_S - (now - recent[0])) + 1
                raise RoomError(429, f"Too many wrong room codes from this device: wait {wait} seconds")
            if not secrets.compare_digest(code.encode("utf-8", "replace"), self.code.encode()):
                recent.append(now)
                self._wrong[address] = recent
                raise RoomError(403, "Wrong room code: check the code on the screen")
            self._wrong.pop(address, None)
            if len(self._devices) >= MAX_DEVICES:
                raise RoomError(503, "The room is full: ask the facilitator")
            token = secrets.token_urlsafe(24)
            self._devices[token] = _Device(token)
            return token

    def device(self, token: str | None) -> _Device:
        """The device of a token, or 401 (no token, or one this room never gave)."""
        with self._lock:
            dev = self._devices.get(token or "")
        if dev is None:
            raise RoomError(401, "Enter the room code first")
        return dev

    def claim(self, token: str | None, participant_id: str | None) -> str:
        """Tie a name to this device; returns the participant id."""
        dev = self.device(token)
        with self._lock:
            if dev.participant is not None:
                if participant_id in (None, dev.participant):
                    return dev.participant
                raise RoomError(409, "This device already votes under another name: ask the facilitator to "
                                "release it")
            if participant_id not in self.paper.names:
                raise RoomError(400, "Unknown name: pick your name from the list")
            elif participant_id in self._claims:
                raise RoomError(409, "That name is already taken on another device: ask the facilitator "
                                "to release it if it is yours")
            self._claims[participant_id] = dev.token
            dev.participant = participant_id
            dev.released = False
        self.on_change()
        return participant_id

    # ------------------------------------------------------------------ voting
    def vote(self, token: str | None, choices: dict[str, Choice]) -> None:
        """Cast this device's ballot (choices already checked for shape) through the owner's callable."""
        dev = self.device(token)
        if dev.participant is None:
            raise RoomError(409, "Your name was released by the facilitator: pick it again" if dev.released
                            else "Pick your name first")
        with self._cast_lock:  # one ballot at a time: the owner's workshop is not shared between threads
            if not self._open:
                raise RoomError(409, "Voting is closed: your ballot was not saved")
            with self._lock:
                if self._claims.get(dev.participant) != dev.token:
                    raise RoomError(409, "Your name was released by the facilitator: pick it again")
                who = dev.participant
                hidden = self.names_hidden
            if set(choices) != set(self.paper.pillar_ids):
                raise RoomError(409, "The ballot changed on the laptop: check your choices again")
            try:
                voted = self.cast(who, choices, hidden)
            except (BallotRefused, ValueError, KeyError) as exc:
                raise RoomError(409 if isinstance(exc, KeyError) else 400, str(exc).strip("'\"")) from None
            with self._lock:
                self._ballots[who] = dict(choices)
                self.voted = frozenset(voted)
        self.on_change()
        try:  # outside the cast lock: ballots arriving meanwhile share the next save
            self.settle()
        except BallotRefused as exc:
            raise RoomError(503, str(exc)) from None

    def state_for(self, token: str | None) -> dict:
        """Everything one device may see: the paper, the names, and only its own ballot."""
        dev = self.device(token)
        paper = self.paper
        with self._lock:
            me = dev.participant
            own = self._ballots.get(me) if me else None
            names = [{"id": pid, "name": name, "taken": pid in self._claims and self._claims[pid] != dev.token}
                     for pid, name in paper.names.items()]
            is_open = self._open
            hidden = self.names_hidden
        ballot = None if own is None else {pid: {"stage": s, "comment": c} for pid, (s, c) in own.items()}
        label = None if me is None else paper.names.get(me, "?")
        return {"round": paper.round, "title": paper.title, "open": is_open, "names_hidden": hidden,
                "me": None if me is None else {"id": me, "label": label},
                "names": names, "stages": list(paper.stages), "pillars": list(paper.pillars),
                "ballot": ballot}


def new_room_code() -> str:
    """Six random digits: quick to type on a phone's number pad, a million to guess from."""
    return f"{secrets.randbelow(10 ** ROOM_CODE_DIGITS):0{ROOM_CODE_DIGITS}d}"


def voted_ids(workshop: Workshop, round_number: int) -> frozenset[str]:
    """Who has rated every pillar of the round (for a CastBallot to return)."""
    return frozenset(round_progress(workshop, round_number).voted)
