"""How alike two sentences are, and whether their numbers and dates agree.

The score (0 to 1) adds three parts, weights measured on the dev set
(``tests/data/elsewhere/dev``, :mod:`annotations.elsewhere.evaluation`), and divides them
by what they add up to (:data:`ALL_PARTS`):

- the weighted Dice overlap of their content stems (:mod:`.terms`), each stem weighted by
  its rarity in the corpus (inverse document frequency) and names by :data:`NAME_WEIGHT`
  more: two sentences about one claim share its rare words and names;
- rapidfuzz's ``token_set_ratio`` of their sorted stems: word order and extra words cost
  little, near spellings still count;
- whether they state a figure of one kind about the same thing (an agreeing value, or the
  same counted word): a claim with another number is still the same claim, marked
  ``differs``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz

from .figures import Figure, Kind, figures
from .terms import NAME_WEIGHT, Terms, terms

#: The parts of the score: stem overlap, fuzzy stem match, a figure about the same thing.
OVERLAP_WEIGHT, FUZZY_WEIGHT, FIGURE_WEIGHT = 0.6, 0.2, 0.15
#: What the parts add up to: the score is their share of it, so a sentence alike in every
#: part (an identical one stating a figure) scores 1, not 0.95 (tryout D16). One without a
#: figure about the same thing cannot earn that part: identical, it scores 0.8 / 0.95 = 0.84.
ALL_PARTS = OVERLAP_WEIGHT + FUZZY_WEIGHT + FIGURE_WEIGHT


class Numbers(str, Enum):
    """Whether a result's numbers and dates agree with the sentence's."""

    SAME = "same"
    DIFFERS = "differs"
    NONE = "none"


@dataclass(frozen=True)
class Profile:
    """What the matcher compares of a sentence: its stems, names and figures."""

    text: str
    terms: Terms
    figures: tuple[Figure, ...]

    @classmethod
    def of(cls, text: str) -> Profile:
        """The profile of ``text`` (kept: a reader asks about the same sentences again)."""
        return _profile(text)


@lru_cache(maxsize=16384)
def _profile(text: str) -> Profile:
    return Profile(text, terms(text), tuple(figures(text)))


def numbers_verdict(mine: Sequence[Figure], theirs: Sequence[Figure]) -> Numbers:
    """``same`` when each of my figures that can be compared agrees with one of theirs,
    ``differs`` when one disagrees, ``none`` when no figure can be compared (either side
    has none of a kind the other has).

    A figure of mine is compared with theirs of its kind: it agrees if one of them overlaps
    it; it disagrees if none does and one of them counts the same word ("7,000 shells",
    "15,000 shells"), or each side has just one figure of that kind; otherwise it is left
    out (another figure of the sentence, not this claim's).
    """
    compared = False
    for figure in mine:
        same_kind = [f for f in theirs if f.kind is figure.kind]
        if not same_kind:
            continue
        if any(figure.agrees(f) for f in same_kind):
            compared = True
            continue
        alone = len(same_kind) == 1 and sum(f.kind is figure.kind for f in mine) == 1
        if alone or (figure.unit and any(f.unit == figure.unit for f in same_kind)):
            return Numbers.DIFFERS
    return Numbers.SAME if compared else Numbers.NONE


def similarity(mine: Profile, theirs: Profile, weight: Callable[[str], float]) -> float:
    """How alike two sentences are, 0 to 1 (see the module's docstring)."""
    overlap = _weighted_dice(mine.terms, theirs.terms, weight)
    if not overlap:
        return 0.0
    fuzzy = fuzz.token_set_ratio(" ".join(sorted(mine.terms.stems)), " ".join(sorted(theirs.terms.stems))) / 100
    parts = OVERLAP_WEIGHT * overlap + FUZZY_WEIGHT * fuzzy + FIGURE_WEIGHT * _same_subject(mine.figures, theirs.figures)
    return parts / ALL_PARTS


def _weighted_dice(mine: Terms, theirs: Terms, weight: Callable[[str], float]) -> float:
    def weighed(stem: str, names: frozenset[str]) -> float:
        return weight(stem) * (NAME_WEIGHT if stem in names else 1.0)

    shared = sum(weighed(s, mine.names | theirs.names) for s in mine.stems & theirs.stems)
    if not shared:
        return 0.0
    total = sum(weighed(s, mine.names) for s in mine.stems) + sum(weighed(s, theirs.names) for s in theirs.stems)
    return 2 * shared / total


def _same_subject(mine: Sequence[Figure], theirs: Sequence[Figure]) -> float:
    """1 when a figure of each is of one kind and agrees or counts the same word; dates and
    years agreeing count too (a plain small number alone does not: "two", "three")."""
    for figure in mine:
        for other in theirs:
            if figure.kind is not other.kind:
                continue
            if figure.unit and figure.unit == other.unit:
                return 1.0
            if figure.agrees(other) and (figure.kind is not Kind.PLAIN or figure.high >= 10):
                return 1.0
    return 0.0
