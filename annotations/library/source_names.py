"""Who a ``source``-tagged sentence cites: the names the dashboard's most-cited sources count.

The tagged words when the tag is on words; else the sentence's attribution, first found
in this order (quotations are left out: a verb inside one is not the attribution):

- a spokesperson *for* X (``A spokesman for the U.S. Department of Defense declined…``): X;
- ``according to NAME``;
- ``"…," said NAME`` (the verb right after a quotation);
- ``NAME said``: the subject of a verb of saying (said, says, told, added, warned,
  denied… see :data:`VERBS`): ``…, police said``; ``Dr. Hanna Lee, a researcher…, said``
  (the name, not the role in apposition); ``The mayor, Lukas Brandner, said`` (the name in
  apposition, not the role).

A name is tidied: a title dropped (``Dr.``, ``Mr.``, ``Judge``), a role before a
capitalised name dropped (``board member Ana Ruiz``, ``the startup Orbital Forge``), a
relative clause or a participle cut off (``officials who spoke on Tuesday``,
``a report released by…``). A pronoun (he, she, it, they, several…) names nobody: it
counts under :data:`PRONOUN`; a sentence with none of these forms under :data:`UNNAMED`.
:func:`count_sources` counts one source however it is written (``Mr. Jonas Berg``,
``Jonas Berg``, and ``Berg`` once one full name ends so).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

#: What a source-tagged sentence that names nobody is grouped under.
UNNAMED = "(no name found)"
#: What a source named only by a pronoun (``He said``) is grouped under.
PRONOUN = "(unnamed: pronoun)"
#: A longer phrase is no name (the pattern caught a clause, not a subject).
MAX_WORDS = 8
#: The verbs of saying whose subject (or, after a quotation, whose object) is the source
#: (not the forms that are as often nouns: "Western estimates put…", "reports", "claims").
VERBS = (
    "said says say told tells tell added adds stated reported announced announces confirmed confirms wrote warned warns "
    "warn argued argues argue noted note estimated estimate insisted insists explained explains claimed claim denied "
    "denies deny disputed dispute believe believes expect expects admitted admits acknowledged replied asked described "
    "declined fear worry cautioned caution concluded predicted recommended found showed rejected accused blamed "
    "questioned welcomed"
).split()
_VERBS = frozenset(VERBS)
#: Words that stand for a source named elsewhere: never a name.
PRONOUNS = frozenset("he she it they we i you him her them us this these those several some others many both most all few each".split())
#: Titles dropped before a name (and roles written as one: ``Director Annika Berg``).
TITLES = frozenset(
    "mr mrs ms mx dr prof professor sir dame judge justice rev sen senator rep gov governor gen general col capt lt sgt "
    "president minister mayor chancellor commissioner inspector sheriff director chair chairman chairwoman chief "
    "historian economist analyst researcher engineer operator teacher lawyer spokesman spokeswoman spokesperson".split()
)
_PREPOSITIONS = frozenset("of for from at with by in on to near outside inside across".split())
_PARTICLES = frozenset("of for the de van von der den da du la le al bin and &".split())
_FINITE = frozenset("is are was were be been being will would could can should may might must has have had do does did".split())
_RELATIVE = frozenset("who whom which that whose where when while".split())
_OPENERS = frozenset("and but or so as because though although when after before if then while".split())
_TIME = re.compile(
    r"(?i:on|in|last|this|since|during)\s+(?:\d|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|week|month|year|morning|evening|night)\b)"
)
_VERB = re.compile(rf"\b(?:{'|'.join(VERBS)})\b")
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")
_SPOKESPERSON = re.compile(r"\b(?i:spokes(?:man|woman|person)|representative)\s+(?:for|of)\s+(?P<rest>.+)")
_ACCORDING = re.compile(r"\b(?i:according to)\s+(?P<rest>.+)")
_INVERTED = re.compile(rf"[\"“”],?\s*(?:{'|'.join(VERBS)})\s+(?P<rest>.+)")
_CLAUSE_END = re.compile(r"[,;:!?\"“”()—–]")
_TRAILING_AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|did|does|not|never|also|long|now|still|already|later|then|previously|again|earlier|repeatedly|publicly))+\s*$"
)
_PARTICIPLE = re.compile(r"\w+(?:ed|en|wn)")
"""A past participle (``released``, ``seen``, ``shown``), cut off with what follows it when a
preposition or a time does (``a report released by…``, ``a study published last year``)."""
_AFTER_PARTICIPLE = frozenset("by alongside with in on at last this to from earlier online yesterday".split())
_SHORT_FORMS = "mr mrs ms mx dr prof rev sen rep gov gen col capt lt sgt st jr sr co inc ltd corp".split()
_ABBREVIATION = re.compile(rf"(?:[A-Za-z]\.)+|(?i:{'|'.join(_SHORT_FORMS)})\.")
"""A word whose full stop is its own (``Dr.``, ``U.S.``), not the sentence's."""
_STRIP = '.,;:!?"“”‘()[]—–'
"""Punctuation around a word (not an apostrophe: ``the employers' association``)."""


def source_name(record: Mapping[str, Any]) -> str:
    """Who a ``source``-tagged record names (see the module's doc): a name, :data:`PRONOUN` or :data:`UNNAMED`."""
    span = record.get("span")
    if isinstance(span, Mapping) and isinstance(span.get("quote"), str) and span["quote"].strip():
        return tidy_name(span["quote"]) or UNNAMED
    return attribution(str(record.get("text", "")))


def attribution(sentence: str) -> str:
    """The source ``sentence`` attributes what it says to (see the module's doc)."""
    text = _QUOTATION.sub('"', sentence)
    for pattern in (_SPOKESPERSON, _ACCORDING, _INVERTED):
        found = pattern.search(text)
        phrase = _noun_phrase(found.group("rest")) if found else None
        if phrase:
            return tidy_name(phrase) or UNNAMED
    subject = _subject_of_saying(text)
    return (tidy_name(subject) or UNNAMED) if subject else UNNAMED


def _noun_phrase(text: str) -> str | None:
    """The noun phrase ``text`` begins with: up to a clause's end, a relative clause, a
    participle with ``by``, a time, a verb, or a new phrase (``Reuters the deal…``)."""
    words: list[str] = []
    tokens = text.split()
    for number, token in enumerate(tokens):
        word = token if _ABBREVIATION.fullmatch(token) else token.rstrip(_STRIP)
        if _ends_phrase(words, word, tokens[number + 1 :]):
            break
        words.append(word)
        if word != token or not word:
            break
    return " ".join(words) if 0 < len(words) <= MAX_WORDS else None


def _ends_phrase(words: list[str], word: str, rest: list[str]) -> bool:
    """Whether ``word`` (followed by ``rest``) no longer belongs to the phrase ``words``."""
    low = word.lower()
    if low in _RELATIVE or low in _FINITE or low in _VERBS:
        return True
    if not words:
        return False
    if low in ("the", "a", "an") and words[-1].lower() not in _PREPOSITIONS:
        return True  # a new phrase: "according to Reuters the deal is done"
    if rest and rest[0] in _AFTER_PARTICIPLE and _PARTICIPLE.fullmatch(low):
        return True  # "a report released by the ministry"
    return bool(_TIME.match(" ".join([word, *rest[:1]])))


def _subject_of_saying(text: str) -> str | None:
    """The subject of the first verb of saying that has a plausible one."""
    for verb in _VERB.finditer(text):
        before = text[: verb.start()]
        if re.search(r"\bto\s*$", before):
            continue  # an infinitive: "declined to say"
        subject = _subject(_TRAILING_AUXILIARY.sub(" ", " " + before))
        if subject:
            return subject
    return None


def _subject(before: str) -> str | None:
    """The subject at the end of ``before`` (the text up to the verb), its apposition sorted out."""
    chunks = [chunk.strip() for chunk in _CLAUSE_END.split(before)]
    if len(chunks) > 2 and not chunks[-1]:  # "X, Y, said": Y is X's apposition
        head, apposition = chunks[-3], chunks[-2]
        chosen = apposition if _is_proper_name(apposition.split()) or not head else head
    else:
        chosen = chunks[-1]
    words = _cut(chosen.split())
    while words and words[0].lower() in _OPENERS:
        words = words[1:]
    if not 0 < len(words) <= MAX_WORDS or any(word.lower() in _FINITE for word in words):
        return None
    return " ".join(words)


def _cut(words: list[str]) -> list[str]:
    """The subject among ``words`` (which end where its verb begins): up to a relative
    clause led by "who" (``researchers who examined the site``) or a participle, or the
    subject inside a clause led by "that" (``effects that doctors``)."""
    for number in range(len(words) - 1, -1, -1):
        if words[number].lower() in ("that", "which", "whom") and number + 1 < len(words):
            return words[number + 1 :]
    for number, word in enumerate(words):
        after = words[number + 1 : number + 2]
        if number and (word.lower() in _RELATIVE or (after and after[0] in _AFTER_PARTICIPLE and _PARTICIPLE.fullmatch(word))):
            return words[:number]
    return words


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_proper_name(words: list[str]) -> bool:
    """Capitalised words (particles between them), not led by a determiner (``The mayor``)."""
    if not words or words[0].lower() in ("the", "a", "an", "its", "his", "her", "their", "our", "my", "this"):
        return False
    return _is_capitalised(words[0]) and all(_is_capitalised(word) or word.lower() in _PARTICLES for word in words)


def tidy_name(phrase: str) -> str | None:
    """``phrase`` as a source's name: titles and a role before a name dropped,
    :data:`PRONOUN` for a pronoun, None when nothing is left."""
    words = [word for word in (word.strip(_STRIP) if not _ABBREVIATION.fullmatch(word) else word for word in phrase.split()) if word]
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return PRONOUN
    words = _drop_title(_drop_role(words))
    return " ".join(words).rstrip(",;:") or None


def _drop_role(words: list[str]) -> list[str]:
    """The capitalised name that ends ``words`` when a role or a determiner leads it
    (``board member Ana Ruiz``, ``the U.S. Department of Defense``), not a preposition
    (``Parents at Eastbrook Primary`` stays whole)."""
    start = len(words)
    while start > 0 and (_is_capitalised(words[start - 1]) or (start < len(words) and words[start - 1].lower() in _PARTICLES - {"the"})):
        start -= 1
    while start < len(words) and not _is_capitalised(words[start]):
        start += 1  # a run begins with a capitalised word, not a particle
    lead = [word.lower() for word in words[:start] if word.lower() not in ("the", "a", "an")]
    if start in (0, len(words)) or (lead and lead[-1] in _PREPOSITIONS):
        return words
    return words[start:]


def _drop_title(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].rstrip(".").lower() in TITLES and _is_capitalised(words[1]):
        words = words[1:]
    return words


def same_source(name: str) -> str:
    """The key one source is counted under, however it is written: case, apostrophes,
    spacing, a title and a leading "the" aside."""
    words = (tidy_name(name.replace("’", "'")) or "").casefold().split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def count_sources(names: Iterable[str]) -> Counter[str]:
    """How often each source is cited among ``names`` (as :func:`source_name` gives them),
    each under its first spelling, capitalised; a lone surname joins the one full name
    (two or more capitalised words) that ends with it, if only one does."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for name in names:
        key = same_source(name) if name not in (PRONOUN, UNNAMED) else name
        spelled.setdefault(key, name[:1].upper() + name[1:])
        counts[key] += 1
    for key in [key for key in counts if " " not in key and key not in (PRONOUN, UNNAMED)]:
        full = [other for other in counts if other.split()[-1] == key and other != key and _is_proper_name(spelled[other].split())]
        if len(full) == 1:
            counts[full[0]] += counts.pop(key)
    return Counter({spelled[key]: count for key, count in counts.items()})
