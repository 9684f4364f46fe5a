"""The folder of fetched web pages: one copy per URL, so an article read from the web
reads the same offline later and its annotations stay attached to that copy.

A copy is ``<host>-<slug>-<hash>.html`` (``news.example-harbour-dredging-3f9a2c7e1b.html``:
a person recognises it, and the hash of the URL keeps two pages apart) with a sidecar
``<same name>.json`` holding the URL, the final URL after redirects (both without a
user name and password, which are never kept; the query is kept as written), the fetch time and
the charset the headers named. A page is kept only once it has been fetched whole and
an article was found in it: a failed fetch stores nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit, urlunsplit

from annotations.errors import ArticleError
from annotations.formats.loader import parse_body
from annotations.store.permissions import PRIVATE_FILE, PRIVATE_FOLDER
from annotations.store.storage import atomic_write_bytes
from annotations.web.fetch import FetchedPage, FetchLimits, WebError, fetch_page
from annotations.web.targets import TargetPolicy, without_userinfo

#: The environment variable naming the folder of fetched pages (default: the user data folder's ``pages``).
PAGES_ENV = "NEWSMARK_PAGES"
#: The longest slug taken from a URL's path.
MAX_SLUG = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def default_pages_folder() -> Path:
    """Where fetched pages are kept: ``$NEWSMARK_PAGES``, else ``pages`` in the platform's user data folder."""
    import os

    from platformdirs import user_data_path

    given = os.environ.get(PAGES_ENV)
    return Path(given) if given else user_data_path("newsmark") / "pages"


def page_name(url: str) -> str:
    """The file name of the copy of ``url``: ``<host>-<slug>-<hash>.html`` (the hash of
    :func:`same_page_url`, so one page has one copy however its URL is written; host and
    slug at most :data:`MAX_SLUG` characters each, so the name fits any file system)."""
    url = same_page_url(url)
    parts = urlsplit(url)
    host = _NOT_SLUG.sub("-", parts.hostname or "page").strip("-")[:MAX_SLUG].strip("-") or "page"
    words = [w for w in parts.path.split("/") if w]
    slug = _NOT_SLUG.sub("-", re.sub(r"\.[a-z0-9]{1,5}$", "", words[-1].lower()) if words else "").strip("-")[:MAX_SLUG].strip("-")
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return "-".join(part for part in (host, slug, digest) if part) + ".html"


def same_page_url(url: str) -> str:
    """``url`` as every way of writing the same page writes it: no fragment (``#top`` is a
    place in the page), scheme and host in lower case, no default port (``:443`` for
    https, ``:80`` for http), no user name or password (never kept: see
    :func:`~annotations.web.targets.without_userinfo`). Path and query are left as they
    are (they are case-sensitive).

    Raises :class:`WebError` for a URL that does not parse (``http://[::1``)."""
    try:
        parts = urlsplit(urldefrag(url).url)
    except ValueError as error:
        raise WebError(url, f"not a URL newsmark can fetch: {error}") from None
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        try:
            port = parts.port
        except ValueError:  # not a port: left as written (the fetch refuses such a URL)
            return without_userinfo(urldefrag(url).url)
        keep_port = port is not None and port != _DEFAULT_PORTS.get(scheme)
        netloc = host + (f":{port}" if keep_port else "")
    return urlunsplit((scheme, netloc, parts.path, parts.query, ""))


@dataclass(frozen=True)
class WebPages:
    """The folder of fetched pages."""

    folder: Path

    @classmethod
    def default(cls) -> WebPages:
        """The user's folder of fetched pages (see :func:`default_pages_folder`)."""
        return cls(default_pages_folder())

    def path_of(self, url: str) -> Path:
        """Where the copy of ``url`` is (or would be) kept."""
        return self.folder / page_name(url)

    def sidecar_of(self, url: str) -> Path:
        """Where what is known of the copy of ``url`` (URL, fetch time...) is kept."""
        return self.path_of(url).with_suffix(".json")

    def get(self, url: str, *, refresh: bool = False, limits: FetchLimits | None = None, policy: TargetPolicy | None = None) -> Path:
        """The copy of ``url``: the one kept, or (if none, or ``refresh``) a new one fetched.

        Raises :class:`WebError` (``URL: reason``) if the page cannot be fetched or holds
        no article; nothing is kept then, and an older copy stays as it was.
        """
        path = self.path_of(url)
        if path.is_file() and not refresh:
            return path
        return self.keep(fetch_page(url, limits, policy=policy))

    def keep(self, page: FetchedPage) -> Path:
        """Keep a fetched page if an article is found in it; its path."""
        path = self.path_of(page.url)
        try:
            parse_body(page.content, path, "html")
        except ArticleError as error:
            raise WebError(page.url, error.reason) from None
        sidecar = {
            "url": page.url,
            "final_url": page.final_url,
            "fetched": page.fetched,
            "content_type": page.content_type,
            "charset": page.charset,
        }
        try:
            self.folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            atomic_write_bytes(path, page.content, mode=PRIVATE_FILE)
            sidecar_text = json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n"
            atomic_write_bytes(self.sidecar_of(page.url), sidecar_text.encode("utf-8"), mode=PRIVATE_FILE)
        except OSError as error:
            raise WebError(page.url, f"cannot keep the page in {self.folder}: {error.strerror or error}") from None
        return path

    def sidecar(self, url: str) -> dict[str, object] | None:
        """What is known of the kept copy of ``url`` (``None`` if there is none or it is unreadable)."""
        try:
            data = json.loads(self.sidecar_of(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None


def kept_source(path: str | Path) -> list[tuple[str, str]]:
    """Where and when the page kept at ``path`` was fetched, as ``(label, value)`` lines
    for the info panel: the URL asked for, the URL it ended at if redirected, the time
    ([] for a file that is not a kept copy: no sidecar beside it, or not one of ours)."""
    try:
        data = json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or not isinstance(data.get("url"), str) or not isinstance(data.get("fetched"), str):
        return []
    asked = without_userinfo(data["url"])  # a copy kept before user names were left out shows none either
    lines = [("Fetched from", asked)]
    final = data.get("final_url")
    if isinstance(final, str) and without_userinfo(final) != asked:
        lines.append(("Redirected to", without_userinfo(final)))
    lines.append(("Fetched", data["fetched"]))
    return lines
