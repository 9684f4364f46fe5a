"""Fetch one web page over HTTP(S): timeouts, a bounded number of redirects, a size limit,
a clear user agent, HTML only. httpx is imported on first use (never on the reader's
start path). Every failure is a :class:`WebError` naming the URL and the reason."""

from __future__ import annotations

import codecs
import socket
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from annotations.errors import ConfigError, NewsmarkError
from annotations.formats.decoding import web_codec
from annotations.web import is_url

__all__ = ["FetchLimits", "FetchedPage", "WebError", "fetch_page", "is_url"]

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import httpx

#: Seconds to connect, and to wait for each part of the answer; also the whole fetch's limit times four.
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


def fetch_page(url: str, limits: FetchLimits | None = None) -> FetchedPage:
    """Fetch the web page at ``url``; raise :class:`WebError` for anything but an HTML page
    of at most ``limits.max_bytes`` that arrived within the time limits."""
    import httpx

    limits = limits or FetchLimits.from_environ()
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=limits.max_redirects,
                timeout=httpx.Timeout(limits.timeout),
                headers={
                    "User-Agent": user_agent(),
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": ", ".join(DECODED_ENCODINGS),
                },
            ) as client,
            client.stream("GET", url) as response,
        ):
            return _read(url, response, limits)
    except httpx.TimeoutException:
        raise WebError(url, f"no answer within {limits.timeout:g} seconds (timed out)") from None
    except httpx.TooManyRedirects:
        raise WebError(url, f"more than {limits.max_redirects} redirects") from None
    except httpx.ConnectError as error:
        if _caused_by(error, socket.gaierror):
            raise WebError(url, f"host not found: {httpx.URL(url).host} (DNS lookup failed)") from None
        raise WebError(url, f"cannot connect: {_reason(error)}") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        target = _requested(error)
        if target is not None and target != httpx.URL(url):
            raise WebError(url, f"redirected to {target}, which newsmark does not fetch (http:// and https:// only)") from None
        raise WebError(url, f"not a URL newsmark can fetch: {_reason(error)}") from None
    except httpx.HTTPError as error:
        raise WebError(url, f"fetch failed: {_reason(error)}") from None


def _read(url: str, response: httpx.Response, limits: FetchLimits) -> FetchedPage:
    """Check the answer's status, type and size, and read its body."""
    if response.status_code >= 400:
        raise WebError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise WebError(url, f"not a web page (content type {media_type})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise WebError(url, f"too big ({int(declared):,} bytes; the limit is {limits.max_bytes:,})")
    deadline = time.monotonic() + 4 * limits.timeout
    decoder = _BoundedDecoder(url, response.headers.get("content-encoding", ""), limits.max_bytes)
    for raw in response.iter_raw():  # decoded here, never more than the limit at once: a gzip bomb stays small
        decoder.feed(raw)
        if time.monotonic() > deadline:
            raise WebError(url, f"too slow (not complete within {4 * limits.timeout:g} seconds)")
    content = decoder.finish()
    charset = response.charset_encoding
    return FetchedPage(url, str(response.url), _as_utf8(content, charset), media_type or "text/html", charset)


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


def _requested(error: Exception) -> httpx.URL | None:
    """The URL of the request that failed (a redirect's target, perhaps), if httpx knows it."""
    try:
        return error.request.url  # type: ignore[attr-defined, no-any-return]
    except (AttributeError, RuntimeError):
        return None


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether ``kind`` is somewhere in the chain of exceptions that led to ``error``."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _reason(error: Exception) -> str:
    """An exception's message as one line (its type's name if it has none)."""
    return " ".join(str(error).split()) or type(error).__name__
