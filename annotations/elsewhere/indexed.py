"""Candidates from the corpus full-text index (:mod:`annotations.library.text_index`).

The index answers one OR query of the sentence's rarest words in a few milliseconds at
10,000 articles; the matcher then scores the :data:`CANDIDATES` best. A stem weighs its
inverse document frequency in the index (that of the first word seen with that stem), read
once per word.

MinHash/LSH (datasketch) was measured and not added: it estimates the Jaccard similarity of
shingles, so it finds near-copies, while a paraphrase shares few shingles. On the dev set
(26 same-claim pairs) LSH over 128-permutation MinHashes found 22 pairs as candidates with
word stems at threshold 0.1 (20 at 0.2, 8 at 0.5) and 14 with 5-character shingles; the
index's query found all 26. On the blind set, candidates from the index lose no match that
scoring every sentence sharing a stem finds (``benchmarks/eval_elsewhere.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .matching import Candidate
from .terms import word_stems

if TYPE_CHECKING:
    import tantivy

    from annotations.library.text_index import TextIndex
    from annotations.library.text_scope import Scope

#: How many sentences the index hands the matcher for each sentence.
CANDIDATES = 100


class IndexedSource:
    """The index's sentences in ``scope`` (every indexed article with None) as candidates."""

    def __init__(self, index: TextIndex, scope: Scope | None = None, limit: int = CANDIDATES) -> None:
        self.index = index
        self.scope = scope
        self.limit = limit
        self._weights: dict[str, float] = {}
        self._covered: dict[str, bool] = {}
        self._searcher: tantivy.Searcher | None = None

    def candidates(self, text: str, exclude: str) -> Iterable[Candidate]:
        """The sentences sharing most of ``text``'s rarest words, none of ``exclude``'s article."""
        from annotations.library.text_scope import absolute
        from annotations.library.text_search import candidates

        self._searcher = self.index.searcher()
        # The whole index is asked and the scope applied to the hits: limiting the query to
        # a scope checks every indexed article against it first (most of the time at 10,000).
        hits = candidates(self.index, text, None, self.limit, exclude=absolute(exclude))
        found = [Candidate(hit.path, hit.title, hit.sentence, hit.text, hit.content) for hit in hits if self._covers(hit.path)]
        for each in (text, *(c.text for c in found)):
            self._learn(each)
        return found

    def _covers(self, path: str) -> bool:
        if self.scope is None:
            return True
        if path not in self._covered:
            self._covered[path] = self.scope.covers(path)
        return self._covered[path]

    def weight(self, stem: str) -> float:
        """The stem's inverse document frequency in the index (a stem never seen: the rarest)."""
        return self._weights.get(stem, self._rarest())

    def _rarest(self) -> float:
        return math.log(self._documents() + 1) + 1

    def _documents(self) -> int:
        return int(self._searcher.num_docs) if self._searcher is not None else 0

    def _learn(self, text: str) -> None:
        """Weigh the stems of ``text`` not weighed yet."""
        if self._searcher is None:
            return
        total = self._documents()
        for word, stem in word_stems(text):
            if stem in self._weights:
                continue
            frequency = self._searcher.doc_freq("text", word)
            self._weights[stem] = math.log((total + 1) / (frequency + 0.5))
