"""Searching the text index: a user's query (:func:`search`), or the sentences that share a
given sentence's most distinctive words (:func:`candidates`, where finding the same
claim elsewhere starts), both ranked by BM25 and limited to a :class:`Scope`."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotations.library.text_index import IndexDamaged, TextIndex, analyzer
from annotations.library.text_query import QueryPart, marks, parse_query
from annotations.library.text_scope import Scope, utf8

if TYPE_CHECKING:
    import tantivy

#: How many of a sentence's words :func:`candidates` asks for (the rarest in the corpus).
CANDIDATE_TERMS = 12
#: Words too common to tell a claim by (numbers are kept: they are the claim).
STOP_WORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in is it its more most "
    "not of on or our said says she than that the their them then there these they this to was "
    "we were which while who will with would you".split()
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One sentence found: where it is, its text, its score and the words that matched."""

    path: str
    title: str
    section: int
    section_label: str
    sentence: int
    """Its number as ``newsmark parse`` and the reader number it (1-based)."""
    text: str
    score: float
    marks: tuple[tuple[int, int], ...] = ()
    """Where the query's words are in ``text`` (start, end in code points)."""
    content: str = ""
    """Its article's content hash, the store's identity of it (see :mod:`annotations.store.identity`)."""


@dataclass(frozen=True, slots=True)
class Articles:
    """Which sentences a search keeps, as the store tells them: by article (its content
    hashes, which find its files wherever they are, its path, and its sentences' numbers);
    ``keep`` decides each sentence found (an article's file found by its path may be
    another article's by its content)."""

    sentences: Sequence[tuple[Collection[str], str, Collection[int]]] = ()
    keep: Callable[[Hit], bool] = lambda hit: True


def search(index: TextIndex, query: str, scope: Scope | None = None, limit: int | None = 20, *, among: Articles | None = None) -> list[Hit]:
    """The best ``limit`` sentences (all, with None) for ``query`` (see
    :mod:`~annotations.library.text_query`), in ``scope`` when given, of the articles
    ``among`` names when given (wherever their files are in ``scope``: a moved or copied
    article is found by its content).

    Raises :class:`~annotations.library.text_query.QuerySyntaxError` for a query that
    cannot be read.
    """
    import tantivy

    analyze = analyzer().analyze
    parts = parse_query(query, analyze)
    schema = index.open().schema
    clauses = [(tantivy.Occur.MustNot if part.excluded else tantivy.Occur.Must, _part_query(schema, part)) for part in parts]
    if among is not None:
        clauses.append((tantivy.Occur.Must, _among_query(schema, among)))
    if among is None:
        hits = _run(index, tantivy.Query.boolean_query(clauses), scope, limit)
    else:  # all of them, those kept: the best ``limit`` then (marked: those alone)
        hits = [hit for hit in _run(index, tantivy.Query.boolean_query(clauses), scope, None) if among.keep(hit)][:limit]
    return [_with_marks(hit, marks(hit.text, parts, analyze)) for hit in hits]


def candidates(index: TextIndex, text: str, scope: Scope | None = None, limit: int = 50, *, exclude: str | None = None) -> list[Hit]:
    """Sentences sharing the most of ``text``'s distinctive words (any of its
    :data:`CANDIDATE_TERMS` rarest, stop words left out; a number's parts are words:
    ``300,000`` and ``300 000`` share ``300`` and ``000``), best first; none from the
    article file ``exclude``. Fast at any corpus size: one OR query of a few terms."""
    import tantivy

    terms = list(dict.fromkeys(term for term in analyzer().analyze(text) if term not in STOP_WORDS))
    if not terms:
        return []
    index.open()
    searcher = index.searcher()
    rarest = sorted(terms, key=lambda term: searcher.doc_freq("text", term))[:CANDIDATE_TERMS]
    schema = index.open().schema
    query = tantivy.Query.boolean_query([(tantivy.Occur.Should, tantivy.Query.term_query(schema, "text", term)) for term in rarest])
    if exclude is not None and utf8(exclude):  # a name not UTF-8 is never indexed: nothing to leave out
        unwanted = tantivy.Query.term_query(schema, "path", exclude)
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, unwanted)])
    found = set(rarest)
    analyze = analyzer().analyze
    return [_with_marks(hit, marks(hit.text, [QueryPart((term,)) for term in found], analyze)) for hit in _run(index, query, scope, limit)]


def _part_query(schema: tantivy.Schema, part: QueryPart) -> tantivy.Query:
    """The engine's query for one part: a term, a phrase, a prefix or a phrase ending in one."""
    import tantivy

    if len(part.terms) == 1:
        if part.prefix:
            return tantivy.Query.regex_query(schema, "text", re.escape(part.terms[0]) + ".*")
        return tantivy.Query.term_query(schema, "text", part.terms[0])
    if part.prefix:
        return tantivy.Query.phrase_prefix_query(schema, "text", list(part.terms))
    return tantivy.Query.phrase_query(schema, "text", list(part.terms))


def _among_query(schema: tantivy.Schema, among: Articles) -> tantivy.Query:
    """The sentences ``among`` names (scoring nothing)."""
    import tantivy

    should, must = tantivy.Occur.Should, tantivy.Occur.Must
    articles = []
    for contents, path, numbers in among.sentences:
        files = [
            (should, tantivy.Query.term_set_query(schema, "content", sorted(contents))),
            (should, tantivy.Query.term_query(schema, "path", path)),
        ]
        wanted = tantivy.Query.term_set_query(schema, "number", sorted(numbers))
        articles.append((should, tantivy.Query.boolean_query([(must, tantivy.Query.boolean_query(files)), (must, wanted)])))
    return tantivy.Query.const_score_query(tantivy.Query.boolean_query(articles), 0.0)


def _run(index: TextIndex, query: tantivy.Query, scope: Scope | None, limit: int | None) -> list[Hit]:
    """The hits of ``query`` among the indexed articles in ``scope``, best first.

    The engine is asked for the best hits of all first (a library's 10,000 paths are not
    looked at one by one); only when some of them lie outside the scope is it asked again,
    for the scope's articles alone."""
    import tantivy

    searcher = index.searcher()
    hits = _fetch(index, searcher, query, scope, limit)
    if hits is not None:
        return hits
    assert scope is not None
    wanted = sorted(path for path in index.articles() if scope.covers(path))
    if not wanted:
        return []
    within = tantivy.Query.term_set_query(index.open().schema, "path", wanted)
    narrowed = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.const_score_query(within, 0.0))]
    )
    return _fetch(index, searcher, narrowed, scope, limit) or []


def _fetch(index: TextIndex, searcher: tantivy.Searcher, query: tantivy.Query, scope: Scope | None, limit: int | None) -> list[Hit] | None:
    """The best ``limit`` hits of ``query`` in ``scope``; None when some were left out and
    the engine may hold more (ask again, narrowed)."""
    known = index.articles()
    asked = max(searcher.num_docs if limit is None else limit, 1)
    try:
        found = [
            (score, searcher.doc(address)) for score, address in searcher.search(query, asked, count=False).hits
        ]  # no count: ~10% less
    except ValueError:
        raise IndexDamaged(index.folder, "the search index is damaged (its files cannot be read)") from None
    hits: list[Hit] = []
    for score, document in found:
        path = str(document["path"][0])
        if path not in known or (scope is not None and not scope.covers(path)):
            continue  # another folder's article, or indexed by an update cut short before it listed the article
        number, section = int(document["number"][0]), int(document["section"][0])
        title, label = (_stored_text(document, field) for field in ("title", "label"))
        content = str(document["content"][0]) if document["content"] else ""
        hits.append(Hit(path, title, section, label, number, str(document["text"][0]), float(score), content=content))
    return None if len(hits) < len(found) == asked and limit is not None else hits


def _stored_text(document: tantivy.Document, field: str) -> str:
    """A field stored as UTF-8 bytes, as text ("" when it has none)."""
    values = document[field]
    return bytes(values[0]).decode(errors="replace") if values else ""


def _with_marks(hit: Hit, spans: Sequence[tuple[int, int]]) -> Hit:
    """``hit`` with where its words matched."""
    return Hit(hit.path, hit.title, hit.section, hit.section_label, hit.sentence, hit.text, hit.score, tuple(spans), hit.content)
