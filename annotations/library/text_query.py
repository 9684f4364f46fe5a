"""A search query as a user types it, read by newsmark itself (never handed to an engine's
own query parser, so no character of it has a meaning the user did not ask for).

- words: every one must be in the sentence (case and accents ignored: ``Kim`` finds
  ``kím``);
- ``"quoted phrases"``: the words next to each other, in order;
- ``prefix*``: a word starting so (``minist*`` finds ``minister`` and ``ministry``);
- ``-word`` (or ``-"a phrase"``): sentences without it.

Any other punctuation separates words as it does in the text: ``U.S.`` and ``7,000`` are
phrases of their parts (``u s``, ``7 000``), so ``300,000`` finds ``300 000`` too, and
``:`` or ``(`` mean nothing. The only errors are an unclosed quote and a query with
nothing to look for (no word, or only words to leave out); each raises
:class:`QuerySyntaxError`, a one-line reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from annotations.errors import NewsmarkError

#: How a text is cut into the index's terms (lower case, accents folded): the index's own analyzer.
Analyze = Callable[[str], list[str]]

_PIECES = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
#: A run of letters and digits: what the index's tokenizer takes as one word.
WORD = re.compile(r"[^\W_]+")
#: A word typed with punctuation after it, then a space or the end (``U.S.``: ``S`` and ``.``).
_TAILED = re.compile(r"([^\W_]+)([.,;:!?'’)\]}»]+)(?=\s|$)")


class QuerySyntaxError(NewsmarkError):
    """A query that cannot be read (an unclosed quote, nothing to search for)."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


@dataclass(frozen=True, slots=True)
class QueryPart:
    """One part of a query: a term or a phrase of terms, perhaps a prefix, perhaps excluded."""

    terms: tuple[str, ...]
    prefix: bool = False
    """Whether the last term is a prefix (``minist*``)."""
    excluded: bool = False
    """Whether sentences holding it are left out (``-word``)."""
    tails: tuple[tuple[str, str], ...] = ()
    """(term, punctuation) for a word typed with punctuation after it (the last ``.`` of
    ``U.S.``): marked too where the text has it."""


def parse_query(query: str, analyze: Analyze) -> list[QueryPart]:
    """The parts of ``query`` (see the module's docstring); raises :class:`QuerySyntaxError`."""
    if query.count('"') % 2:
        raise QuerySyntaxError('a quote (") is not closed')
    parts: list[QueryPart] = []
    for match in _PIECES.finditer(query):
        negated, phrase, star, word = match.groups()
        if word is None:
            part = _part(phrase, analyze, prefix=bool(star), excluded=bool(negated))
        else:
            excluded = word.startswith("-") and len(word) > 1
            text = word[1:] if excluded else word
            part = _part(text.rstrip("*"), analyze, prefix=text.endswith("*"), excluded=excluded)
        if part is not None:
            parts.append(part)
    if not parts:
        raise QuerySyntaxError("nothing to search for: give a word (letters or digits)")
    if all(part.excluded for part in parts):
        raise QuerySyntaxError("a query needs at least one word to find, not only words to leave out")
    return parts


def _part(text: str, analyze: Analyze, *, prefix: bool, excluded: bool) -> QueryPart | None:
    """The part for one word or phrase; None when it holds no letter or digit."""
    terms = tuple(analyze(text))
    if not terms:
        return None
    # A star after punctuation ("7,*") applies to nothing: the word before it is whole.
    tails = tuple(("".join(analyze(word.group(1))), word.group(2)) for word in _TAILED.finditer(text))
    return QueryPart(terms, prefix=prefix and bool(WORD.search(text[-1:])), excluded=excluded, tails=tails)


def marks(text: str, parts: Sequence[QueryPart], analyze: Analyze) -> tuple[tuple[int, int], ...]:
    """Where in ``text`` the words of the query's wanted parts are (start, end in code
    points), in order: what a result shows marked. Words found next to each other with
    only punctuation between are one mark (``300,000``, ``U.S.``, ``country’s``), with
    the punctuation a part ends with as typed (the last ``.`` of ``U.S.``)."""
    whole: set[str] = set()
    prefixes: list[str] = []
    tails: dict[str, set[str]] = {}
    for part in parts:
        if part.excluded:
            continue
        whole.update(part.terms[:-1] if part.prefix else part.terms)
        if part.prefix:
            prefixes.append(part.terms[-1])
        for term, tail in part.tails:
            tails.setdefault(term, set()).add(tail)
    found: list[tuple[int, int]] = []
    for word in WORD.finditer(text):
        term = "".join(analyze(word.group()))
        if term not in whole and not any(term.startswith(prefix) for prefix in prefixes):
            continue
        start, end = word.span()
        if found and _joined(text[found[-1][1] : start]):
            start = found.pop()[0]
        end += max((len(tail) for tail in tails.get(term, ()) if text.startswith(tail, end)), default=0)
        found.append((start, end))
    return tuple(found)


def _joined(gap: str) -> bool:
    """Whether two words with ``gap`` between are one run (``300,000``): punctuation only."""
    return bool(gap) and not any(char.isspace() for char in gap) and WORD.search(gap) is None


def marked(text: str, spans: Iterable[tuple[int, int]], start: str, end: str) -> str:
    """``text`` with ``start`` and ``end`` around each of ``spans`` (in order, not overlapping)."""
    pieces: list[str] = []
    position = 0
    for first, last in spans:
        pieces += [text[position:first], start, text[first:last], end]
        position = last
    pieces.append(text[position:])
    return "".join(pieces)
