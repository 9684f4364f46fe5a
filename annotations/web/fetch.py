"""Fetch one web page over HTTP(S): timeouts, a bounded number of redirects, a size limit,
a clear user agent, HTML only. httpx is imported on first use (never on the reader's
start path). Every failure is a :class:`WebError` naming the URL and the reason."""

from __future__ import annotations

import codecs
import contextlib
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from annotations.errors import ConfigError, NewsmarkError
from annotations.formats.decoding import web_codec
from annotations.web import is_url
from annotations.web.targets import Address, Resolver, TargetError, TargetPolicy, host_problem, resolve, without_userinfo

__all__ = ["FetchLimits", "FetchedPage", "WebError", "fetch_page", "is_url"]

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import httpx

#: Seconds to look a host up, to connect, and to wait for each part of the answer; the whole fetch's limit is four times it.
DEFAULT_TIMEOUT = 20.0
#: Pages larger than this (bytes, decoded) are refused.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Redirects followed before giving up.
MAX_REDIRECTS = 5
#: Environment variables that change the limits (tests use small ones).
TIMEOUT_ENV = "NEWSMARK_WEB_TIMEOUT"
MAX_BYTES_ENV = "NEWSMARK_WEB_MAX_BYTES"
Number = TypeVar("Number", int, float)
#: Content encodings newsmark decodes itself, within the size limit (whatever httpx could decode).
DECODED_ENCODINGS = ("gzip", "deflate")
#: Content types that are web pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class WebError(NewsmarkError):
    """A page that cannot be fetched or read: shown as ``URL: reason``."""


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much one fetch may take."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = MAX_REDIRECTS

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> FetchLimits:
        """The defaults, or ``$NEWSMARK_WEB_TIMEOUT`` (seconds) and ``$NEWSMARK_WEB_MAX_BYTES`` where set."""
        import os

        environ = os.environ if environ is None else environ
        return cls(
            timeout=_positive(environ, TIMEOUT_ENV, float, DEFAULT_TIMEOUT),
            max_bytes=_positive(environ, MAX_BYTES_ENV, int, DEFAULT_MAX_BYTES),
        )


def _positive(environ: Mapping[str, str], name: str, kind: Callable[[str], Number], default: Number) -> Number:
    """The positive number the environment variable ``name`` holds, else ``default``."""
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise ConfigError(name, f"not a number: {text!r}") from None
    if value <= 0:
        raise ConfigError(name, f"must be more than 0, not {text}")
    return value


@dataclass(frozen=True)
class FetchedPage:
    """A page as fetched: its bytes (UTF-8 when the headers named another charset) and where it came from."""

    url: str
    final_url: str
    content: bytes
    content_type: str
    charset: str | None
    """The charset the response headers named (``None``: the page says, or detection decides)."""
    fetched: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"))


def user_agent() -> str:
    """``newsmark/<version>``: how newsmark introduces itself to web servers."""
    import annotations

    return f"newsmark/{annotations.__version__}"


def fetch_page(
    url: str, limits: FetchLimits | None = None, *, policy: TargetPolicy | None = None, resolver: Resolver | None = None
) -> FetchedPage:
    """Fetch the web page at ``url``; raise :class:`WebError` for anything but an HTML page
    of at most ``limits.max_bytes`` that arrived within the time limits, from addresses
    ``policy`` allows (see :mod:`~annotations.web.targets`).

    The whole fetch, host lookups included, ends within four times ``limits.timeout``;
    each lookup, connection and read within ``limits.timeout``. ``resolver`` looks host
    names up (the system's resolver unless given). The URL is named in errors and kept
    without its user name and password."""
    import httpx

    limits = limits or FetchLimits.from_environ()
    shown = without_userinfo(url)
    watchdog = _Watchdog(4 * limits.timeout)
    try:
        with httpx.Client(
            follow_redirects=False,  # followed one by one below: each target is checked before it is fetched
            timeout=httpx.Timeout(limits.timeout),
            # No connection reused for another target: each request goes to its own host's checked address and TLS name.
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={
                "User-Agent": user_agent(),
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                "Accept-Encoding": ", ".join(DECODED_ENCODINGS),
            },
        ) as client:
            return _Fetch(client, shown, limits, policy or TargetPolicy(), resolver, watchdog).run(url)
    except TargetError as error:
        raise WebError(shown, error.reason) from None
    except httpx.HTTPError as error:
        raise WebError(shown, _failure(error, limits, watchdog)) from None
    finally:
        watchdog.stop()


def _failure(error: httpx.HTTPError, limits: FetchLimits, watchdog: _Watchdog) -> str:
    """Why a fetch failed, in words."""
    import httpx

    if watchdog.expired:
        return f"too slow (not complete within {watchdog.seconds:g} seconds)"
    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {limits.timeout:g} seconds (timed out)"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {_reason(error)}"
    if isinstance(error, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return f"not a URL newsmark can fetch: {_reason(error)}"
    return f"fetch failed: {_reason(error)}"


@dataclass
class _Fetch:
    """One fetch: the URL's target, then each redirect's, looked up, checked and asked in turn."""

    client: httpx.Client
    shown: str
    limits: FetchLimits
    policy: TargetPolicy
    resolver: Resolver | None
    watchdog: _Watchdog

    def run(self, url: str) -> FetchedPage:
        """The page at ``url``, redirects followed."""
        target = _first_target(url)
        from_public = False
        for _ in range(self.limits.max_redirects + 1):
            host = target.raw_host.decode("ascii")
            port = target.port or (443 if target.scheme == "https" else 80)
            addresses = resolve(host, port, min(self.limits.timeout, self.watchdog.remaining()), self.resolver)
            public = self.policy.check(host, addresses, redirected_from_public=from_public)
            response = self._send(target, addresses)
            try:
                location = response.headers.get("location") if response.is_redirect else None
                if location is None:
                    return _read(self.shown, response, self.limits, without_userinfo(str(target)), self.watchdog)
            finally:
                response.close()
            target = _redirect_target(target, location)
            from_public = public
        raise TargetError(None, f"more than {self.limits.max_redirects} redirects")

    def _send(self, target: httpx.URL, addresses: list[Address]) -> httpx.Response:
        """The answer of the first of ``addresses`` that takes the connection: the request
        goes to the address looked up and checked (never to a second lookup's), naming
        the host in its ``Host`` header and TLS handshake."""
        import httpx

        host = target.raw_host.decode("ascii")
        for index, address in enumerate(addresses):
            request = self.client.build_request(
                "GET",
                target.copy_with(host=str(address)),
                headers={"Host": target.netloc.decode("ascii")},
                extensions={"trace": self.watchdog.trace, "sni_hostname": host},
                timeout=httpx.Timeout(max(min(self.limits.timeout, self.watchdog.remaining()), 0.001)),
            )
            try:
                return self.client.send(request, stream=True)
            except httpx.ConnectError:
                if index == len(addresses) - 1:
                    raise
        raise TargetError(None, f"host not found: {host} (no address)")


def _first_target(url: str) -> httpx.URL:
    """``url`` parsed, its host checked (``http:///x`` names none, ``a..b`` is no host name)."""
    import httpx

    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError) as error:
        raise TargetError(None, f"not a URL newsmark can fetch: {_reason(error)}") from None
    if target.scheme not in ("http", "https"):
        raise TargetError(None, "not a URL newsmark can fetch (http:// and https:// only)")
    problem = host_problem(target.raw_host.decode("ascii"))
    if problem is not None:
        raise TargetError(None, f"not a URL newsmark can fetch: {problem}")
    return target


def _redirect_target(target: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect from ``target`` to ``location`` leads, if newsmark fetches it."""
    import httpx

    written = without_userinfo(location)
    try:
        following = target.join(location)
    except (httpx.InvalidURL, UnicodeError) as error:
        raise TargetError(None, f"redirected to {written}, which is not a URL newsmark can fetch: {_reason(error)}") from None
    shown = written if "://" in location else without_userinfo(str(following))
    if following.scheme not in ("http", "https"):
        raise TargetError(None, f"redirected to {shown}, which newsmark does not fetch (http:// and https:// only)")
    problem = host_problem(following.raw_host.decode("ascii"))
    if problem is not None:
        raise TargetError(None, f"redirected to {shown}, which is not a URL newsmark can fetch: {problem}")
    return following


class _Watchdog:
    """The whole fetch's deadline. At it, every connection the fetch opened is shut down,
    which ends a read blocked on a server that sends a byte now and then (httpx's
    timeouts bound each read, not their sum)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left before the deadline (0 once it passed)."""
        return max(self.deadline - time.monotonic(), 0.0)

    def trace(self, event: str, info: Mapping[str, Any]) -> None:
        """httpcore's trace hook: note each connection's socket as it is opened."""
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        sock = info["return_value"].get_extra_info("socket")
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def stop(self) -> None:
        """The fetch is over: no deadline to keep."""
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """End every read and write on ``sock`` (a socket closed already needs nothing)."""
    with contextlib.suppress(OSError):  # closed already: nothing left to stop
        sock.shutdown(socket.SHUT_RDWR)


def _read(url: str, response: httpx.Response, limits: FetchLimits, final_url: str, watchdog: _Watchdog) -> FetchedPage:
    """Check the answer's status, type and size, and read its body."""
    if response.status_code >= 400:
        raise WebError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise WebError(url, f"not a web page (content type {media_type})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise WebError(url, f"too big ({int(declared):,} bytes; the limit is {limits.max_bytes:,})")
    decoder = _BoundedDecoder(url, response.headers.get("content-encoding", ""), limits.max_bytes)
    for raw in response.iter_raw():  # decoded here, never more than the limit at once: a gzip bomb stays small
        decoder.feed(raw)
        if time.monotonic() > watchdog.deadline:
            break
    if watchdog.expired or time.monotonic() > watchdog.deadline:  # the watchdog's shutdown reads as the end of a body
        raise WebError(url, f"too slow (not complete within {watchdog.seconds:g} seconds)")
    content = decoder.finish()
    charset = response.charset_encoding
    return FetchedPage(url, final_url, _as_utf8(content, charset), media_type or "text/html", charset)


class _BoundedDecoder:
    """A response body decoded (gzip, deflate or none) as it arrives, refused as soon as the
    decoded bytes pass ``max_bytes``: zlib never gives more than the room left at once, so
    a small compressed body that decodes to gigabytes takes no more memory than the limit."""

    def __init__(self, url: str, content_encoding: str, max_bytes: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip().lower() not in ("", "identity")]
        if len(codings) > 1 or (codings and codings[0] not in (*DECODED_ENCODINGS, "x-gzip")):
            raise WebError(url, f"compressed as {content_encoding.strip()}, which newsmark does not decode")
        self.url = url
        self.coding = codings[0] if codings else None
        self.max_bytes = max_bytes
        self.size = 0
        self.chunks: list[bytes] = []
        self._zlib: Any = None
        if self.coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> None:
        """Decode and keep one piece of the body."""
        if not data:
            return
        if self.coding is None:
            self._keep(data)
            return
        if self._zlib is None:  # deflate: a zlib stream as the standard says, or raw deflate as some servers send
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if _zlib_header(data) else -zlib.MAX_WBITS)
        while data and not self._zlib.eof:
            try:
                out = self._zlib.decompress(data, self.max_bytes - self.size + 1)
            except zlib.error as error:
                raise WebError(self.url, f"damaged {self.coding} data ({error})") from None
            self._keep(out)
            data = self._zlib.unconsumed_tail

    def finish(self) -> bytes:
        """The whole decoded body."""
        if self._zlib is not None:
            try:
                self._keep(self._zlib.flush())
            except zlib.error as error:
                raise WebError(self.url, f"damaged {self.coding} data ({error})") from None
        return b"".join(self.chunks)

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise WebError(self.url, f"too big (more than {self.max_bytes:,} bytes)")
        self.chunks.append(data)


def _zlib_header(data: bytes) -> bool:
    """Whether ``data`` starts with a zlib header (RFC 1950) rather than raw deflate."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _as_utf8(content: bytes, charset: str | None) -> bytes:
    """``content`` in UTF-8 when the headers named another charset it decodes in (the
    copy kept must read the same offline, where no header says how to decode it). A
    byte-order mark decides over the header, as in browsers."""
    codec = web_codec(charset) if charset else None
    if codec is None or codec == "utf_8" or content.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content
    try:
        return content.decode(codec).encode("utf-8")
    except UnicodeDecodeError:
        return content


def _reason(error: Exception) -> str:
    """An exception's message as one line (its type's name if it has none)."""
    return " ".join(str(error).split()) or type(error).__name__
