"""Where a sentence cited as evidence (``PATH#N`` with its words) is now.

A sentence's number is not where it stays: an edit of its article moves or removes it.
Its words, kept when it was cited, find it again, as Hypothesis anchors a quote by its
exact text: the sentence numbered N if its words are still those, else the one with those
words nearest N, else none (it is gone, and said so, never another sentence's words).

Answers are kept by the item and the article file's size and time, so asking again (the
verdict panel asks on every cursor move) costs a ``stat``; :func:`known` answers only from
what is kept, for a caller that must not read an article (the UI thread). Nothing here
raises: a value that is not ``PATH#N`` or an article that cannot be read is an answer too.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING, NamedTuple

from ..errors import NewsmarkError
from ..formats.loader import load_article
from ..store.verdicts import cited_words
from .evidence_refs import SENTENCE_REF

if TYPE_CHECKING:
    from ..sentences.cache import SentenceCache

_ESCAPED_BYTE = re.compile(rb"\\x([0-9a-f]{2})")


class CitedNow(NamedTuple):
    """Where a cited sentence is now: its path, the number it was cited as (None: the
    value is not ``PATH#N``), its number now (None: gone, or unreadable) and why, when
    that is not simply the number cited."""

    path: str
    cited: int | None
    number: int | None
    why: str = ""

    def describe(self) -> str:
        """``PATH#N``, or what became of it: moved, gone or unreadable."""
        if self.cited is None:
            return f"{self.path} ({self.why})"
        if self.number is None:
            return f"{self.path}#{self.cited} ({self.why})"
        if self.number != self.cited:
            return f"{self.path}#{self.number} (sentence {self.cited} when cited; {self.why})"
        return f"{self.path}#{self.cited}"


_Key = tuple[str, str, int, int]
_lock = threading.Lock()
_answers: dict[_Key, CitedNow] = {}
#: The most answers kept (each small; a brief of many claims asks once per item).
_KEPT = 256


def cited_now(value: str, quote: str, cache: SentenceCache | None = None) -> CitedNow:
    """Where the sentence ``value`` (``PATH#N``) cited with the words ``quote`` is in its
    article now (read if its answer is not kept). An item kept before words were (no
    ``quote``) stays at N."""
    found = known(value, quote)
    if found is not None:
        return found
    ref = SENTENCE_REF.match(value)
    assert ref is not None  # known() answered every value that is not PATH#N
    path, number = _file_path(ref["path"]), int(ref["number"])
    try:
        info = os.stat(path)
    except OSError as error:
        return CitedNow(ref["path"], number, None, f"its article cannot be read: {error.strerror or error}")
    try:
        texts = [sentence.text for sentence in load_article(path, cache=cache).sentences]
    except (NewsmarkError, OSError) as error:
        answer = CitedNow(ref["path"], number, None, f"its article cannot be read: {getattr(error, 'reason', None) or error}")
    else:
        answer = _found(ref["path"], number, cited_words(quote), texts)
    with _lock:
        if len(_answers) >= _KEPT:
            del _answers[next(iter(_answers))]
        _answers[(value, quote, info.st_size, info.st_mtime_ns)] = answer
    return answer


def known(value: str, quote: str) -> CitedNow | None:
    """:func:`cited_now`'s answer when it needs no article read (a ``stat`` at most):
    a value that is not ``PATH#N``, an item without words, a missing file, or an answer
    kept for the file as it is; else None."""
    ref = SENTENCE_REF.match(value)
    if ref is None:
        return CitedNow(value, None, None, "not a sentence of an article: PATH#N")
    number = int(ref["number"])
    if not cited_words(quote):
        return CitedNow(ref["path"], number, number)
    try:
        info = os.stat(_file_path(ref["path"]))
    except FileNotFoundError:
        return CitedNow(ref["path"], number, None, "no article at this path now")
    except OSError as error:
        return CitedNow(ref["path"], number, None, f"its article cannot be read: {error.strerror or error}")
    with _lock:
        return _answers.get((value, quote, info.st_size, info.st_mtime_ns))


def _found(path: str, number: int, words: str, texts: list[str]) -> CitedNow:
    if 1 <= number <= len(texts) and _same(texts[number - 1], words):
        return CitedNow(path, number, number)
    places = [n for n, text in enumerate(texts, start=1) if _same(text, words)]
    if not places:
        return CitedNow(path, number, None, "gone: its article was edited since it was cited")
    return CitedNow(path, number, min(places, key=lambda n: abs(n - number)), "its article was edited since")


def _same(text: str, words: str) -> bool:
    """Whether a sentence is the one cited: its words as kept (:func:`cited_words`) are ``words``."""
    return len(text) >= len(words) and cited_words(text) == words


def _file_path(stored: str) -> str:
    """The file a stored path names: as written, or with its ``\\xNN`` (bytes of a name
    that are not UTF-8, as the store writes them) made bytes again."""
    if os.path.lexists(stored) or "\\x" not in stored:
        return stored
    raw = _ESCAPED_BYTE.sub(lambda m: bytes([int(m[1], 16)]), stored.encode("utf-8", "surrogateescape"))
    return os.fsdecode(raw)


def forget() -> None:
    """Drop every kept answer (tests)."""
    with _lock:
        _answers.clear()
