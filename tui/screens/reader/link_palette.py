"""The command palette in link mode: the other end of a link in another article, named
by typing ``PATH#N`` or picked among the library's and the store's articles (its sentence then asked)."""

from __future__ import annotations

import asyncio
import re
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ...shown import inert

#: The score of a typed ``PATH#N``: above any fuzzy match of an article's title.
_FIRST = 1_000.0
#: Added to an article's match in link mode: linking is what the palette is opened for
#: then, so "Link to a sentence of: TITLE" comes before "Open article: TITLE".
_LINKING = 100.0
_TYPED = re.compile(r"(\S.*)#([1-9][0-9]*)")


@runtime_checkable
class LinksElsewhere(Protocol):
    """A screen that links to other articles (the reader, in link mode)."""

    @property
    def linking(self) -> bool:
        """Whether link mode is on."""
        ...

    def link_articles(self) -> list[tuple[str, str]]:
        """``(title, path)`` of each other article the library lists or the store holds (may read the store)."""
        ...

    def link_to_article(self, path: str, number: int | None) -> None:
        """Link to sentence ``number`` of the article at ``path`` (None: ask which)."""
        ...


class LinkToArticle(Provider):
    """In link mode: "Link to PATH#N" for a typed ``PATH#N``, "Link to a sentence of: TITLE" for each library article."""

    _articles: list[tuple[str, str]] | None = None

    def _screen(self) -> LinksElsewhere | None:
        screen = self.screen
        return screen if isinstance(screen, LinksElsewhere) and screen.linking else None

    async def startup(self) -> None:
        """The articles to offer, read once off the event loop (they come from the store)."""
        screen = self._screen()
        self._articles = await asyncio.to_thread(screen.link_articles) if screen is not None else []

    def _offered(self) -> list[tuple[str, str]]:
        return self._articles or []

    async def discover(self) -> Hits:
        """Every library article, before anything is typed."""
        screen = self._screen()
        if screen is None:
            return
        for title, path in self._offered():
            yield DiscoveryHit(f"Link to a sentence of: {inert(title)}", partial(screen.link_to_article, path, None), help=inert(path))

    async def search(self, query: str) -> Hits:
        """A typed ``PATH#N`` first, then the articles whose title matches."""
        screen = self._screen()
        if screen is None:
            return
        typed = _TYPED.fullmatch(query.strip())
        if typed is not None:
            path, number = typed.group(1), int(typed.group(2))
            title = f"Link to {inert(path)}#{number}"
            yield Hit(_FIRST, title, partial(screen.link_to_article, path, number), text=title)
        matcher = self.matcher(query)
        for title, path in self._offered():
            label = f"Link to a sentence of: {inert(title)}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(_LINKING + score, matcher.highlight(label), partial(screen.link_to_article, path, None), help=inert(path))
