"""What the learned suggester sees of a sentence: features that carry across articles.

Word unigrams and bigrams (lowercased, numbers folded to a shape), the patterns that
match it, numbers, percentages, years and months, reporting verbs and quotation marks.
Each feature is a string; the learner hashes them (no vocabulary to keep).
"""

from __future__ import annotations

import re
from itertools import pairwise

from annotations.suggest.patterns import PatternSet

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*%?|[?\"“”«»]")
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_REPORTING = frozenset(
    "said says say told tells reported reports wrote writes according believe believes believed estimate estimates "
    "estimated found find finds showed shows warned warns warn denied denies claimed claims alleged alleges "
    "argued argues insisted admitted confirmed announced stated predicted predicts expect expects fear fears".split()
)
_QUOTES = frozenset('"“”«»')


def _shape(token: str) -> str:
    """A number's shape (``#``, ``#%``, ``YEAR``) instead of the number itself."""
    if token.endswith("%"):
        return "#%"
    digits = token.replace(",", "").replace(".", "")
    if len(digits) == 4 and digits[:2] in ("18", "19", "20"):
        return "YEAR"
    return "#"


def tokens(text: str) -> list[str]:
    """The sentence's words, lowercased, numbers as their shape."""
    found = []
    for token in _TOKEN.findall(text):
        found.append(_shape(token) if token[0].isdigit() else token.lower())
    return found


def sentence_features(text: str, patterns: PatternSet) -> list[str]:
    """Every feature of a sentence (repeats allowed: a count)."""
    words = tokens(text)
    features = [f"w:{w}" for w in words]
    features += [f"b:{a}_{b}" for a, b in pairwise(words)]
    features += _cues(words)
    encoded = text.encode("utf-8", "surrogatepass")
    for tag_patterns in patterns.values():
        features += [f"p:{p.name}" for p in tag_patterns if p.find(encoded) is not None]
    return features


def _cues(words: list[str]) -> list[str]:
    cues = []
    if any(w in ("#", "#%", "YEAR") for w in words):
        cues.append("c:number")
    if "#%" in words:
        cues.append("c:percent")
    if "YEAR" in words or any(w in _MONTHS for w in words):
        cues.append("c:date")
    if any(w in _REPORTING for w in words):
        cues.append("c:reporting-verb")
    if any(w in _QUOTES for w in words):
        cues.append("c:quote")
    if "?" in words:
        cues.append("c:question")
    return cues or ["c:none"]
