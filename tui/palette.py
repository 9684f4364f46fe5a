"""Command palette entries that depend on what is typed: ``14`` → "Go to sentence 14"."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

#: The score of "Go to sentence N": above any fuzzy match (Textual's matcher scores "14"
#: against "Go to section 1/4: …" at 5), so a typed number is a sentence first.
_FIRST = 1_000.0


class GoToSentence(Provider):
    """Offers "Go to sentence N" when the query is a sentence number of the reader's article."""

    async def search(self, query: str) -> Hits:
        """One hit for a number in range (the CLI and exports number sentences the same way)."""
        from .screens.reader.screen import ReaderScreen

        screen = self.screen
        text = query.strip().lstrip(":")
        if not isinstance(screen, ReaderScreen) or not text.isdigit():
            return
        number = int(text)
        total = len(screen.article.sentences)
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
