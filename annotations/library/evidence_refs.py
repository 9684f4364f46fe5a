"""What typed evidence is, one rule for the command line and the reader: a web address
(``url``), ``PATH#N`` naming a sentence of an article in the store (``sentence``,
checked and kept with the article's full path and the sentence's words, which find it
again after an edit: :mod:`annotations.library.cited`), or anything else (``text``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NewsmarkError
from ..formats.loader import load_article
from ..model import storable_path
from ..store.links import end_of, records_at_end
from ..store.verdicts import Cited

if TYPE_CHECKING:
    from ..sentences.cache import SentenceCache
    from ..store.folder import Store

_URL = re.compile(r"^https?://")
#: ``PATH#N``: a sentence of an article, as evidence names it.
SENTENCE_REF = re.compile(r"^(?P<path>.+)#(?P<number>[0-9]+)$")


class EvidenceError(NewsmarkError):
    """Typed evidence that names a sentence no article of the store has."""


def evidence_item(value: str, store: Store, cache: SentenceCache | None = None, *, streams: bool = False) -> Cited:
    """Typed evidence, as kept (a sentence with its words); :class:`EvidenceError` (or the
    article's own error) for a ``PATH#N`` whose file cannot be read, whose sentence is out
    of range or whose article has no annotations in the store. A relative ``PATH`` is
    read from the current folder and kept as the article's full path."""
    if _URL.match(value.strip()):
        return Cited("url", value.strip())
    found = SENTENCE_REF.match(value.strip())
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
