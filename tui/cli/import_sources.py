"""Which article another tool's annotations are on (``newsmark import --from``).

An annotation names its page by an IRI (W3C ``target.source``, Hypothesis ``uri``). In
this order it is: the page kept for that URL (``newsmark add URL`` or opened by URL); a
stored article whose front matter or page names that URL (``url``: the canonical URL),
or that was fetched from it; the stored article whose plain text has the hash of a
``urn:sha256:`` IRI (what ``export --format w3c`` names an article that is no web
page); a ``file:`` IRI's file. ``--article PATH|URL`` names it for every annotation.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from annotations.errors import NewsmarkError

from .urls import is_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.config import Settings
    from annotations.model import Article
    from annotations.store.folder import Store


class NoArticle(NewsmarkError):
    """No article found for an annotation's page."""


def _same_url(url: str) -> str | None:
    from annotations.web.fetch import WebError
    from annotations.web.pages import same_page_url

    try:
        return same_page_url(url).rstrip("/")
    except WebError:
        return None


class ArticleFinder:
    """The articles a file's annotations are on, each read once."""

    def __init__(self, store: Store, settings: Settings, args: argparse.Namespace) -> None:
        self.store = store
        self.settings = settings
        self.args = args
        self._read: dict[str, Article] = {}

    def named(self, value: str) -> Article:
        """The article ``--article`` names: a file, or a URL's page (fetched if not kept)."""
        if is_url(value):
            from annotations.web.pages import WebPages

            from .urls import target_policy

            path = WebPages.default().get(value, refresh=bool(getattr(self.args, "refresh", False)), policy=target_policy(self.args))
            return self._article(str(path))
        return self._article(value)

    def for_source(self, source: str | None) -> Article:
        """The article an annotation's ``source`` names; :class:`NoArticle` if none."""
        path = self._path_for(source) if source else None
        if path is None:
            shown = source or "(no source)"
            raise NoArticle(self.args.files[0], f"no article found for {shown}: name it with --article PATH|URL")
        return self._article(path)

    def _path_for(self, source: str) -> str | None:
        if source.startswith("urn:sha256:"):
            return self._stored_path(lambda meta: meta.get("content") == source[len("urn:sha256:") :])
        if source.startswith("file:"):
            path = Path(unquote(urlsplit(source).path))
            return str(path) if path.is_file() else None
        if not is_url(source):
            return None
        from annotations.exchange.w3c_export import kept_url
        from annotations.web.pages import WebPages

        kept = WebPages.default().path_of(source)
        if kept.is_file():
            return str(kept)
        wanted = _same_url(source)
        if wanted is None:
            return None

        def names_url(meta: dict[str, object]) -> bool:
            page_meta = meta.get("meta")
            urls = [page_meta.get("url") if isinstance(page_meta, dict) else None, kept_url(str(meta.get("path", "")))]
            return any(isinstance(url, str) and _same_url(url) == wanted for url in urls)

        return self._stored_path(names_url)

    def _stored_path(self, matches: Callable[[dict[str, object]], bool]) -> str | None:
        """The path of the first stored article (by store file name) that ``matches``
        and is still a file."""
        for article_file in self.store.stored_files():
            meta = article_file.meta
            path = meta.get("path")
            if matches(meta) and isinstance(path, str) and Path(path).is_file():
                return path
        return None

    def _article(self, path: str) -> Article:
        if path not in self._read:
            from .common import read_article

            self._read[path] = read_article(path, self.settings)
        return self._read[path]
