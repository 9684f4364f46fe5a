"""Candidates from articles held in memory: every sentence sharing a content stem.

For a handful of articles (the dev and labelled sets, a folder named on the command line
when the corpus index is not there); the corpus index answers for a whole library.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import NewsmarkError
from annotations.model import Article
from annotations.store.identity import content_hash

from .matching import Candidate, same_file
from .terms import terms

if TYPE_CHECKING:
    from annotations.sentences.cache import SentenceCache


class SentencePool:
    """Every sentence of some articles, found by its stems; stems weighed by how few
    sentences hold them."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._sentences: list[Candidate] = []
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        for article in articles:
            content = content_hash(article) or ""
            for sentence in article.sentences:
                index = len(self._sentences)
                self._sentences.append(Candidate(article.path, article.title, sentence.number, sentence.text, content))
                for stem in terms(sentence.text).stems:
                    self._by_stem[stem].append(index)

    @classmethod
    def load(
        cls, paths: Iterable[str | Path], *, cache: SentenceCache | None = None, skipped: Callable[[NewsmarkError], None] | None = None
    ) -> SentencePool:
        """The pool of the articles at ``paths``, their sentences cached in ``cache`` (the
        default one if None). An article that cannot be read raises, or with ``skipped``
        is left out and handed to it."""
        from annotations.formats.loader import load_article
        from annotations.sentences.cache import SentenceCache

        cache = cache or SentenceCache.default()
        articles: list[Article] = []
        for path in paths:
            try:
                articles.append(load_article(path, cache=cache))
            except NewsmarkError as error:
                if skipped is None:
                    raise
                skipped(error)
        return cls(articles)

    def __len__(self) -> int:
        return len(self._sentences)

    def sentences_of(self, path: str) -> list[Candidate]:
        """The sentences of the article at ``path``, in order."""
        return [c for c in self._sentences if same_file(c.path, path)]

    def candidates(self, text: str, exclude: str) -> Iterable[Candidate]:
        """Every sentence sharing a content stem with ``text`` (``exclude`` is left to the matcher)."""
        found: set[int] = set()
        for stem in terms(text).stems:
            found.update(self._by_stem.get(stem, ()))
        return (self._sentences[index] for index in sorted(found))

    def weight(self, stem: str) -> float:
        """The stem's inverse document frequency over the pool's sentences (smoothed)."""
        return math.log((len(self._sentences) + 1) / (len(self._by_stem.get(stem, ())) + 0.5))
