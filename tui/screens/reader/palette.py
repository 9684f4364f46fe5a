"""Command palette entries that depend on what is typed: ``14`` → "Go to sentence 14"."""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import Hit, Hits, Provider

#: The score of "Go to sentence N": above any fuzzy match (Textual's matcher scores "14"
#: against "Go to section 1/4: …" at 5), so a typed number is a sentence first.
_FIRST = 1_000.0


@runtime_checkable
class GoesToSentences(Protocol):
    """A screen that can go to a sentence by its number (the reader)."""

    @property
    def sentence_count(self) -> int:
        """How many sentences the article has (so far)."""
        ...

    def go_to_sentence(self, number: int) -> None:
        """Go to sentence ``number``."""
        ...


class GoToSentence(Provider):
    """Offers "Go to sentence N" when the query is a sentence number of the reader's article."""

    async def search(self, query: str) -> Hits:
        """One hit for a number in range (the CLI and exports number sentences the same way)."""
        screen = self.screen
        text = query.strip().lstrip(":")
        if not isinstance(screen, GoesToSentences) or not text.isdigit():
            return
        number = int(text)
        total = screen.sentence_count
        if 1 <= number <= total:
            title = f"Go to sentence {number}"
            yield Hit(
                _FIRST,
                title,
                partial(screen.go_to_sentence, number),
                text=title,
                help=f"The article has sentences 1-{total}",
            )


def go_to_sentence_provider() -> type[Provider]:
    """The provider class, imported only when the palette opens."""
    return GoToSentence


def link_to_article_provider() -> type[Provider]:
    """Link mode's provider (other articles), imported only when the palette opens."""
    from .link_palette import LinkToArticle

    return LinkToArticle


def elsewhere_link_provider() -> type[Provider]:
    """The elsewhere panel's provider (link the claim to the selected result), imported only when the palette opens."""
    from .elsewhere_palette import LinkElsewhereResult

    return LinkElsewhereResult
