"""What keeps ``newsmark serve`` to the analyst who started it: a secret token, the served
``Host`` and a same-origin ``Origin``, checked on every request (page, websocket, static
files, downloads), as notebook servers do.

Without it any web page the analyst visits could open ``ws://127.0.0.1:PORT/ws`` (browsers
let a page open a websocket to any address), and a DNS-rebinding page could even read the
reader's page; either would read articles and tag them as the analyst.

- The token (``secrets.token_urlsafe``, or the one ``--token``/``serve_token:`` fixes) comes
  in the printed URL's ``?token=``; the first request that brings it gets an HttpOnly,
  SameSite=Strict cookie, which the page's websocket and static files then carry (the
  page's script builds the websocket address itself, so the token cannot ride in it).
  Tokens are compared with :func:`hmac.compare_digest`.
- ``Host`` must name the served address (the URL printed), which defeats DNS rebinding.
- ``Origin``, when a browser sends one (it always does on a websocket), must be the served
  origin: a page elsewhere gets 403 before the websocket is upgraded.

textual-serve has no public hook for middlewares: :class:`GuardedServer` overrides its
internal ``Server._make_app`` to add one to the aiohttp application it builds (pyproject
keeps textual-serve below 2 for this; a test fails if the hook stops being called).
"""

from __future__ import annotations

import hmac
import secrets
import string
from dataclasses import dataclass, field
from urllib.parse import SplitResult, quote, urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler
from textual_serve.server import Server

#: Fewer characters than this make a token a password one could guess.
MIN_TOKEN_LENGTH = 16
#: Characters a token may hold: those that need no quoting in a URL.
TOKEN_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def new_token() -> str:
    """A fresh secret for one ``serve``: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def token_problem(token: str) -> str | None:
    """Why ``token`` cannot protect a server (None: it can)."""
    if len(token) < MIN_TOKEN_LENGTH:
        return f"must be at least {MIN_TOKEN_LENGTH} characters"
    if not set(token) <= TOKEN_CHARACTERS:
        return "may hold only letters, digits and - . _ ~"
    return None


def _host_and_port(netloc: str, scheme: str) -> tuple[str, int | None] | None:
    """``(host, port)`` of an address as ``Host`` or a URL gives it, or None if it is not one."""
    try:
        parts: SplitResult = urlsplit(f"//{netloc}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return None
    return parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS.get(scheme)


def public_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the address browsers open (None: it can): it must be http(s), a host, no path."""
    given = urlsplit(url)
    if given.scheme not in _DEFAULT_PORTS or _host_and_port(given.netloc, given.scheme) is None:
        return "not an http:// or https:// address"
    if given.path.strip("/") or given.query or given.fragment:
        return "has a path"
    return None


@dataclass(frozen=True)
class Guard:
    """The checks for one server published at ``public_url`` with secret ``token``."""

    public_url: str
    token: str
    cookie: str = field(init=False)

    def __post_init__(self) -> None:
        published = urlsplit(self.public_url)
        port = published.port or _DEFAULT_PORTS.get(published.scheme, 0)
        object.__setattr__(self, "cookie", f"newsmark-serve-{port}")

    @property
    def url(self) -> str:
        """The address to open: the page with the token, as ``serve`` prints it."""
        return f"{self.public_url.rstrip('/')}/?token={quote(self.token, safe='')}"

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request's ``Host`` names the served address."""
        published = urlsplit(self.public_url)
        scheme = published.scheme
        return host is not None and _host_and_port(host, scheme) == _host_and_port(published.netloc, scheme)

    def origin_allowed(self, origin: str | None) -> bool:
        """Whether a request's ``Origin`` (None: none sent, as by a non-browser client) is the served one."""
        if origin is None:
            return True
        published = urlsplit(self.public_url)
        given = urlsplit(origin)
        return given.scheme == published.scheme and self.host_allowed(given.netloc) and not given.path.strip("/")

    def token_matches(self, given: str | None) -> bool:
        """Whether ``given`` is the token, compared in constant time."""
        return given is not None and hmac.compare_digest(given.encode("utf-8", "surrogatepass"), self.token.encode("utf-8"))

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused (None: it may pass)."""
        if not self.host_allowed(request.headers.get("Host")):
            return "this server answers only to the address newsmark serve printed"
        if not self.origin_allowed(request.headers.get("Origin")):
            return "requests from other sites are refused"
        if not (self.token_matches(request.query.get("token")) or self.token_matches(request.cookies.get(self.cookie))):
            return "open the address newsmark serve printed, with its ?token="
        return None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse with 403 what :meth:`refusal` refuses; otherwise answer, remembering a good token in a cookie."""
        reason = self.refusal(request)
        if reason is not None:
            raise web.HTTPForbidden(text=f"403 Forbidden: {reason}\n")
        brought_token = "token" in request.query
        response = await handler(request)
        if brought_token and not response.prepared:
            secure = urlsplit(self.public_url).scheme == "https"
            response.set_cookie(self.cookie, self.token, path="/", httponly=True, samesite="Strict", secure=secure)
        return response


class GuardedServer(Server):
    """textual-serve's server with a :class:`Guard` in front of every route."""

    def __init__(self, command: str, *, guard: Guard, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=guard.public_url)
        self.guard = guard

    async def _make_app(self) -> web.Application:
        """textual-serve's application (an internal of textual-serve 1.x) with the guard added."""
        app = await super()._make_app()
        app.middlewares.append(self.guard.middleware)
        return app
