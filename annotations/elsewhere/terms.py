"""A sentence's content words as stems, the way the matcher compares sentences.

Words are folded (case, accents), stop words dropped, the rest stemmed with Snowball's
English stemmer (PyStemmer: "shelling" and "shells" are ``shell``), and a few words news
reports use for one another mapped to one stem ("rounds" and "shells", "daily" and "day",
"killed" and "dead"), so paraphrases that share few words still share stems. Capitalised
words not at the start of the sentence are names: they count more (:data:`NAME_WEIGHT`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into
    is it its itself just me more most my no nor not now of off on once only or other our out over own per same she should so some
    such than that the their them then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours said says say told according its it's mr ms mrs dr one two three
    four five six seven eight nine ten new also amid since via across around""".split()
)

#: Words news reports use for one another: each maps to the first of its group (as stems).
SYNONYMS = (
    ("shell", "round", "projectil", "munit", "ammunit"),
    ("day", "daili"),
    ("kill", "dead", "death", "die", "fatal"),
    ("injur", "wound", "hurt"),
    ("rise", "increas", "climb", "grow", "jump", "rose", "soar", "surg"),
    ("fall", "drop", "declin", "decreas", "fell", "slump", "plung"),
    ("strike", "walkout", "stoppag"),
    ("worker", "employe", "staff", "labour", "labor"),
    ("fire", "launch", "shoot", "shot"),
    ("outag", "blackout", "power-cut"),
    ("spend", "cost", "price"),
    ("buy", "purchas", "acquir", "procur"),
    ("build", "construct"),
    ("end", "finish", "conclud"),
    ("start", "begin", "began"),
    ("offici", "author"),
    ("plan", "propos"),
    ("million", "mn"),
    ("month", "monthli"),
    ("week", "weekli"),
    ("year", "annual", "yearli"),
)
_CANONICAL = {word: group[0] for group in SYNONYMS for word in group}
#: How much a name (a capitalised word inside the sentence) counts against another word.
NAME_WEIGHT = 1.5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer  # PyStemmer: Snowball in C (a word in about a microsecond)

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of a lowercase word, news synonyms mapped to one."""
    stemmed: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    return _CANONICAL.get(stemmed, stemmed)


def fold(text: str) -> str:
    """Lowercase without accents ("Café" → "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Terms(NamedTuple):
    """A sentence's content stems, with the stems of its names apart."""

    stems: frozenset[str]
    names: frozenset[str]


def terms(text: str) -> Terms:
    """The content stems of ``text`` and which of them are names."""
    stems: set[str] = set()
    names: set[str] = set()
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        folded = fold(word).replace("’", "'")
        if folded in STOPWORDS or len(folded) < 2:
            continue
        stemmed = stem(folded.removesuffix("'s"))
        stems.add(stemmed)
        if index and word[0].isupper():
            names.add(stemmed)
    return Terms(frozenset(stems), frozenset(names))


def word_stems(text: str) -> list[tuple[str, str]]:
    """Each content word of ``text`` (folded, as a full-text index holds it) with its stem."""
    pairs: list[tuple[str, str]] = []
    for match in _WORD.finditer(text):
        folded = fold(match.group()).replace("’", "'").removesuffix("'s")
        if folded not in STOPWORDS and len(folded) > 1 and "'" not in folded:
            pairs.append((folded, stem(folded)))
    return pairs
