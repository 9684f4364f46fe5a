"""What typed evidence is, one rule for the command line and the reader: a web address
(``url``), ``PATH#N`` naming a sentence of an article in the store (``sentence``,
checked and kept with the article's full path and the sentence's words), or anything
else (``text``); and where a cited sentence is now (:func:`cited_now`).

A sentence's number is not where it stays: an edit of its article moves or removes it.
Its words, kept when it was cited, find it again, as Hypothesis anchors a quote by its
exact text: the sentence numbered N if its words are still those, else the one with those
words nearest N, else none (it is gone, and said so, never another sentence's words)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import NewsmarkError
from ..formats.loader import load_article
from ..model import storable_path
from ..store.links import end_of, records_at_end
from ..store.verdicts import Cited, cited_words

if TYPE_CHECKING:
    from ..sentences.cache import SentenceCache
    from ..store.folder import Store

_URL = re.compile(r"^https?://")
_SENTENCE_REF = re.compile(r"^(?P<path>.+)#(?P<number>[0-9]+)$")


class EvidenceError(NewsmarkError):
    """Typed evidence that names a sentence no article of the store has."""


def evidence_item(value: str, store: Store, cache: SentenceCache | None = None, *, streams: bool = False) -> Cited:
    """Typed evidence, as kept (a sentence with its words); :class:`EvidenceError` (or the
    article's own error) for a ``PATH#N`` whose file cannot be read, whose sentence is out
    of range or whose article has no annotations in the store. A relative ``PATH`` is
    read from the current folder and kept as the article's full path."""
    if _URL.match(value.strip()):
        return Cited("url", value.strip())
    found = _SENTENCE_REF.match(value.strip())
    if found is None or not looks_like_a_file(found["path"]):
        return Cited("text", value)
    article = load_article(found["path"], cache=cache, streams=streams)
    number, total = int(found["number"]), len(article.sentences)
    if not 1 <= number <= total:
        raise EvidenceError(article.path, f"sentence {number} is out of range 1-{total}")
    if records_at_end(store, end_of(article, 1)) is None:
        raise EvidenceError(article.path, "no annotations of this article are in the store (open it or tag a sentence first)")
    return Cited("sentence", f"{storable_path(article.path)}#{number}", article.sentence(number).text)


def looks_like_a_file(path: str) -> bool:
    """Whether ``PATH`` of ``PATH#N`` names a file (one that exists, or one word with a
    suffix or a folder): ``report.txt#4`` is a sentence, ``see page#4`` text."""
    return Path(path).is_file() or (not any(c.isspace() for c in path) and (bool(Path(path).suffix) or "/" in path))


class CitedNow(NamedTuple):
    """Where a cited sentence (``PATH#N``) is now: its number (None: gone, or its article
    cannot be read) and, when that is not simply N, why."""

    path: str
    number: int | None
    why: str = ""

    def describe(self, cited: int) -> str:
        """``PATH#N``, or what became of sentence ``cited``: moved, gone or unreadable."""
        if self.number is None:
            return f"{self.path}#{cited} ({self.why})"
        if self.number != cited:
            return f"{self.path}#{self.number} (sentence {cited} when cited; {self.why})"
        return f"{self.path}#{cited}"


def cited_now(value: str, quote: str, cache: SentenceCache | None = None) -> CitedNow:
    """Where the sentence ``value`` (``PATH#N``) cited with the words ``quote`` is in its
    article now. An item kept before words were (no ``quote``) stays at N."""
    found = _SENTENCE_REF.match(value)
    if found is None:
        raise ValueError(f"not a sentence of an article (PATH#N): {value!r}")
    path, number = found["path"], int(found["number"])
    if not quote:
        return CitedNow(path, number)
    try:
        texts = _sentence_texts(path, cache)
    except FileNotFoundError:
        return CitedNow(path, None, "no article at this path now")
    except (NewsmarkError, OSError) as error:
        return CitedNow(path, None, f"its article cannot be read: {getattr(error, 'reason', None) or error}")
    words = cited_words(quote)
    if 1 <= number <= len(texts) and _same(texts[number - 1], words):
        return CitedNow(path, number)
    places = [n for n, text in enumerate(texts, start=1) if _same(text, words)]
    if not places:
        return CitedNow(path, None, "gone: its article was edited since it was cited")
    return CitedNow(path, min(places, key=lambda n: abs(n - number)), "its article was edited since")


def _same(text: str, words: str) -> bool:
    """Whether a sentence is the one cited: its words as kept (:func:`cited_words`) are ``words``."""
    return len(text) >= len(words) and cited_words(text) == words


#: The sentences of articles read for cited evidence, by path and the file's size and time.
_READ: dict[tuple[str, int, int], tuple[str, ...]] = {}


def _sentence_texts(path: str, cache: SentenceCache | None) -> tuple[str, ...]:
    """The sentences of the article at ``path``, read again only when the file changed
    (the verdict panel asks on every cursor move)."""
    info = Path(path).stat()
    key = (path, info.st_size, info.st_mtime_ns)
    texts = _READ.get(key)
    if texts is None:
        texts = tuple(sentence.text for sentence in load_article(path, cache=cache).sentences)
        if len(_READ) >= 16:
            del _READ[next(iter(_READ))]
        _READ[key] = texts
    return texts
