"""The WSGI application phones talk to: the static page, and a small JSON API that checks everything.

Every answer to a bad request is a 4xx with {"error": "one line"}; nothing is
stored and the server goes on serving. Without the room code a device gets only
the code form (join.html): the voting page and its script are served to a device
that has joined, and names, pillars and its own ballot come from the API, which
needs the device's cookie too. The QR code carries the code (`/?code=…`), so a
scan joins at once and is redirected to the clean address.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from workshop_app.core.ballots import Choice
from workshop_app.core.limits import COMMENT_MAX
from workshop_app.core.validation import InvalidText, clean_text
from workshop_app.paths import data_dir
from workshop_app.phone.room import Room, RoomError

#: Largest JSON body the API reads: a full ballot of 20 pillars with long comments fits many times over.
MAX_BODY = 64 * 1024
COOKIE = "mw_device"
_HTML = "text/html; charset=utf-8"
#: Files served to a device that has joined (the voting page); the style sheet also styles the code form.
_STATIC = {"/": ("index.html", _HTML),
           "/index.html": ("index.html", _HTML),
           "/app.js": ("app.js", "text/javascript; charset=utf-8"),
           "/style.css": ("style.css", "text/css; charset=utf-8")}
_PUBLIC = frozenset({"/style.css"})
_SECURITY_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
]

StartResponse = Callable[..., Any]


def static_dir() -> Path:
    """Where the participant page lives (resources/phone, also inside a frozen app)."""
    return data_dir("resources") / "phone"


class PhoneApp:
    """WSGI callable over one Room. Routes: GET / (page), GET /api/state, POST /api/join|claim|ballot."""

    def __init__(self, room: Room, static: Path | None = None) -> None:
        self.room = room
        self.static = static or static_dir()
        self._files: dict[str, bytes] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        try:
            if path in _STATIC:
                if method not in ("GET", "HEAD"):
                    raise RoomError(405, "Use GET for the page")
                name, kind = _STATIC[path]
                if path not in _PUBLIC and not self._joined(environ):
                    return self._join_page(environ, start_response, path)
                return self._answer(start_response, 200, self._file(name), kind)
            if not path.startswith("/api/"):
                raise RoomError(404, "No such page")
            return self._answer_json(start_response, 200, self._api(method, path[5:], environ))
        except RoomError as exc:
            return self._answer_json(start_response, exc.status, {"error": str(exc)})
        except _Joined as joined:
            return self._answer_json(start_response, 200, joined.body, cookie=joined.token)

    # ------------------------------------------------------------------ API
    def _api(self, method: str, action: str, environ: dict[str, Any]) -> dict[str, Any]:
        routes = {"state": "GET", "join": "POST", "claim": "POST", "ballot": "POST"}
        if action not in routes:
            raise RoomError(404, f"Unknown request '{action[:40]}'")
        if method != routes[action]:
            raise RoomError(405, f"Use {routes[action]} for /api/{action}")
        token = _cookie(environ)
        if action == "state":
            return self.room.state_for(token)
        body = _json_body(environ)
        if action == "join":
            code = body.get("code")
            if not isinstance(code, str) or not code.strip():
                raise RoomError(400, "Enter the room code shown on the screen")
            address = str(environ.get("REMOTE_ADDR", "?"))
            token = self.room.join(address, "".join(code.split()))
            raise _Joined(token, self.room.state_for(token))
        if action == "claim":
            participant = body.get("participant")
            if participant is not None and not isinstance(participant, str):
                raise RoomError(400, "participant must be a name's id from the list")
            self.room.claim(token, participant)
            return self.room.state_for(token)
        self.room.device(token)  # 401 before a word about the ballot's shape
        self.room.vote(token, parse_choices(body, self.room))
        return {"saved": True, **self.room.state_for(token)}

    # ------------------------------------------------------------------ the code form
    def _joined(self, environ: dict[str, Any]) -> bool:
        try:
            self.room.device(_cookie(environ))
        except RoomError:
            return False
        return True

    def _join_page(self, environ: dict[str, Any], start_response: StartResponse, path: str) -> list[bytes]:
        """The code form, or (with `?code=` from the QR code or the form) a join and a redirect to the page."""
        if path != "/" and path != "/index.html":
            raise RoomError(401, "Enter the room code first")
        query = parse_qs(str(environ.get("QUERY_STRING", "")), max_num_fields=4)
        code = "".join((query.get("code") or [""])[0].split())[:40]
        if not code:
            return self._form(start_response, 200, "")
        try:
            token = self.room.join(str(environ.get("REMOTE_ADDR", "?")), code)
        except RoomError as exc:
            return self._form(start_response, exc.status, str(exc))
        headers = [("Location", "/"), ("Content-Length", "0"), *_SECURITY_HEADERS, _set_cookie(token)]
        start_response("303 See Other", headers)
        return [b""]

    def _form(self, start_response: StartResponse, status: int, error: str) -> list[bytes]:
        page = self._file("join.html").decode("utf-8").replace("{error}", html.escape(error))
        return self._answer(start_response, status, page.encode("utf-8"), _HTML)

    # ------------------------------------------------------------------ answers
    def _file(self, name: str) -> bytes:
        if name not in self._files:
            try:
                self._files[name] = (self.static / name).read_bytes()
            except OSError:
                raise RoomError(500, "The voting page is missing from this installation") from None
        return self._files[name]

    def _answer(self, start_response: StartResponse, status: int, body: bytes, kind: str,
                cookie: str | None = None) -> list[bytes]:
        headers = [("Content-Type", kind), ("Content-Length", str(len(body))), *_SECURITY_HEADERS]
        if cookie is not None:
            headers.append(_set_cookie(cookie))
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body]

    def _answer_json(self, start_response: StartResponse, status: int, data: dict[str, Any],
                     cookie: str | None = None) -> list[bytes]:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return self._answer(start_response, status, body, "application/json; charset=utf-8", cookie)


class _Joined(Exception):
    """A successful join: answered with the new device's cookie."""

    def __init__(self, token: str, body: dict[str, Any]) -> None:
        self.token = token
        self.body = body


def _set_cookie(token: str) -> tuple[str, str]:
    return ("Set-Cookie", f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict")


def _cookie(environ: dict[str, Any]) -> str | None:
    raw = environ.get("HTTP_COOKIE", "")
    if not raw:
        return None
    try:
        jar = SimpleCookie(raw)
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else None


def _json_body(environ: dict[str, Any]) -> dict[str, Any]:
    """The request's JSON object, or a 4xx naming what is wrong with it."""
    kind = str(environ.get("CONTENT_TYPE", "")).split(";")[0].strip().lower()
    if kind != "application/json":
        raise RoomError(415, "Send the request as application/json")
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise RoomError(400, "Content-Length is not a number") from None
    if length > MAX_BODY:
        raise RoomError(413, f"The request is too large ({length:,} bytes, at most {MAX_BODY:,})")
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RoomError(400, "The request is not valid JSON") from None
    if not isinstance(data, dict):
        raise RoomError(400, "The request must be a JSON object")
    return data


def parse_choices(body: dict[str, Any], room: Room) -> dict[str, Choice]:
    """{"choices": {pillar id: {"stage": 1..k or null, "comment": text}}} -> checked choices, or a 400."""
    choices = body.get("choices")
    if not isinstance(choices, dict):
        raise RoomError(400, "The ballot has no choices")
    paper = room.paper
    names = {p["id"]: p["name"] for p in paper.pillars}
    unknown = [str(p)[:40] for p in choices if p not in names]
    if unknown:
        raise RoomError(400, f"Unknown pillar: {', '.join(unknown[:5])}")
    missing = [names[p] for p in paper.pillar_ids if p not in choices]
    if missing:
        raise RoomError(400, f"The ballot has no choice for: {', '.join(missing)}")
    out: dict[str, Choice] = {}
    for pid in paper.pillar_ids:
        entry = choices[pid]
        if not isinstance(entry, dict):
            raise RoomError(400, f"{names[pid]}: the choice must be an object with a stage")
        stage = entry.get("stage")
        if stage is not None and (isinstance(stage, bool) or not isinstance(stage, int)):
            raise RoomError(400, f"{names[pid]}: stage must be a whole number 1 to {paper.k} or null")
        if stage is not None and not 1 <= stage <= paper.k:
            raise RoomError(400, f"{names[pid]}: stage must be 1 to {paper.k}")
        comment = entry.get("comment", "")
        if not isinstance(comment, str):
            raise RoomError(400, f"{names[pid]}: the comment must be text")
        try:
            comment = clean_text(comment, f"{names[pid]}: the comment", limit=COMMENT_MAX, multiline=True)
        except InvalidText as exc:
            raise RoomError(400, str(exc)) from None
        out[pid] = (stage, comment)
    return out
