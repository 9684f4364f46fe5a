"""Sentences in other articles that state the same thing as a sentence, ranked.

Candidates come from a :class:`CandidateSource` (the articles' sentences held in memory,
:class:`~annotations.elsewhere.pool.SentencePool`, or the corpus full-text index); each is
scored by :func:`~annotations.elsewhere.scoring.similarity`, those at least
:data:`MIN_SCORE` kept, best first, with whether their numbers agree.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple, Protocol

from .scoring import ALL_PARTS, Numbers, Profile, numbers_verdict, similarity

#: The lowest score listed (measured on the dev set as 0.35 of the parts' 0.95, before the
#: score was their share: the same results; see the README's Elsewhere section).
MIN_SCORE = 0.35 / ALL_PARTS
#: How many results are listed at most.
LIMIT = 10


class Candidate(NamedTuple):
    """A sentence of some article that may state the same thing."""

    path: str
    title: str
    sentence: int
    text: str
    content: str = ""
    """Its article's content hash (the store's identity of it); "" when not known."""


class Result(NamedTuple):
    """A sentence of another article stating the same thing: how alike (0 to 1), and
    whether its numbers agree."""

    path: str
    title: str
    sentence: int
    text: str
    score: float
    numbers: Numbers

    def as_json(self) -> dict[str, object]:
        """``{"path", "title", "sentence", "text", "score", "numbers"}``."""
        return {
            "path": self.path,
            "title": self.title,
            "sentence": self.sentence,
            "text": self.text,
            "score": round(self.score, 4),
            "numbers": self.numbers.value,
        }


class CandidateSource(Protocol):
    """Where candidates come from, and how much each stem weighs (its rarity)."""

    def candidates(self, text: str, exclude: str) -> Iterable[Candidate]:
        """Sentences that may state what ``text`` states, none of the article at ``exclude``."""
        ...

    def weight(self, stem: str) -> float:
        """How much a shared ``stem`` says (its inverse document frequency)."""
        ...


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (as written, or once resolved)."""
    return a == b or _resolved(a) == _resolved(b)


@lru_cache(maxsize=4096)
def _resolved(path: str) -> str:
    return os.path.realpath(path)


def find_elsewhere(
    text: str, path: str, source: CandidateSource, *, content: str | None = None, limit: int = LIMIT, min_score: float = MIN_SCORE
) -> list[Result]:
    """The sentences of articles other than ``path`` that state what ``text`` states, best
    first; none of a file whose text is the article's (its ``content`` hash: the store
    holds such a copy as the same article, see :mod:`annotations.store.identity`)."""
    mine = Profile.of(text)
    if not mine.terms.stems:
        return []
    results: list[Result] = []
    seen: set[tuple[str, int]] = set()
    for candidate in source.candidates(text, path):
        if (candidate.path, candidate.sentence) in seen or same_file(candidate.path, path) or (content and candidate.content == content):
            continue
        seen.add((candidate.path, candidate.sentence))
        theirs = Profile.of(candidate.text)
        score = similarity(mine, theirs, source.weight)
        if score >= min_score:
            numbers = numbers_verdict(mine.figures, theirs.figures)
            results.append(Result(candidate.path, candidate.title, candidate.sentence, candidate.text, score, numbers))
    results.sort(key=lambda r: (-r.score, r.path, r.sentence))
    return results[:limit]
