"""What the learned suggester sees of a sentence: features that carry across articles.

Word unigrams and bigrams (lowercased, numbers folded to a shape, function words left
out alone or in pairs), the patterns that match it, numbers, percentages, years and
months, reporting verbs, quotation marks, and the word families of concern (modal,
negation, doubt, risk, fault, hedge, denial, shortfall, scrutiny, and a negated
expectation: "not clear", "were not consulted"), each cue counted twice.
Each feature is a string; the learner hashes them (no vocabulary to keep).
"""

from __future__ import annotations

import re
from itertools import pairwise

from annotations.suggest.patterns import PatternSet

#: How many times each cue counts beside a sentence's words: the cues carry across
#: articles where one story's words do not (concern's out-of-fold F1 after four analyst
#: articles 0.63 with 1, 0.69 with 2, 0.66 with 3; ``bench_learning.py --cv``).
CUE_WEIGHT = 2
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*%?|[?\"“”«»]")
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_REPORTING = frozenset(
    "said says say told tells reported reports wrote writes according believe believes believed estimate estimates "
    "estimated found find finds showed shows warned warns warn denied denies claimed claims alleged alleges "
    "argued argues insisted admitted confirmed announced stated predicted predicts expect expects fear fears".split()
)
_QUOTES = frozenset('"“”«»')
#: Function words: as unigrams (and bigrams of two) they mark an article's style, not a
#: tag, and a model trained on a few articles leans on them (``bench_learning.py --cv``).
_FUNCTION = frozenset(
    "a an the of in on at to for from by with as and or but that this these those it its is are was were be been being "
    "has have had he she they we i you his her their our my your him them us there here than then so also".split()
)
#: Word families of the concern tag (risk, doubt, fault; docs/tagging-guidelines.md), as
#: cues that carry across articles where the words of one story do not.
_CONCERN_CUES = {
    "c:modal": frozenset("could might may would can't cannot couldn't if unless".split()),
    "c:negation": frozenset("not no never without nor none n't didn't hasn't haven't wasn't weren't isn't".split()),
    "c:doubt": frozenset(
        "unclear whether doubt doubts doubted dispute disputes disputed denied denies deny question questioned questions "
        "unconfirmed unverified skeptical sceptical less conflicting contradict contradicts blamed blame caution cautioned".split()
    ),
    "c:risk": frozenset(
        "risk risks risky threat threats threaten threatens danger dangerous fear fears feared worry worries worried warn "
        "warned warning warnings concern concerns concerned exposed vulnerable unsafe hazard alarm crisis pressure".split()
    ),
    "c:fault": frozenset(
        "failed fail fails failure failures fault faults faulty lack lacked lacking shortage shortages shortfall gap deficit "
        "overrun overruns delay delayed delays neglect neglected lost loss losses leak leaking leaks damage damaged corrosion "
        "deterioration crack cracks weak weakness poor inadequate incomplete missing unfinished breach violation violated "
        "impurity contaminated error errors mistake problem problems inquiry investigation probe".split()
    ),
    "c:hedge": frozenset(
        "less sure optimistic unlikely likely possible possibly probable appeared apparently reportedly allegedly "
        "caution cautions cautioned imperfect".split()
    ),
    "c:denial": frozenset("denied denies deny rejected rejects disputes disputed questioned blamed accused alleged".split()),
    "c:shortfall": frozenset("only less fewer below short without requires required exceed exceeded exposed pain".split()),
    "c:scrutiny": frozenset("inquiry investigation probe examining reviewing audit whether adequate properly".split()),
}
_NEGATION = frozenset("not never no cannot".split())
#: What a negation before it makes an expectation not met ("not clear", "were not
#: consulted", "could not be confirmed"; a participle in -ed too: "had not validated").
_UNMET = frozenset("clear sure known yet enough be been".split())


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
    features = [f"w:{w}" for w in words if w not in _FUNCTION]
    features += [f"b:{a}_{b}" for a, b in pairwise(words) if not (a in _FUNCTION and b in _FUNCTION)]
    features += _cues(words) * CUE_WEIGHT
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
    present = set(words)
    cues += [cue for cue, family in _CONCERN_CUES.items() if present & family]
    if any(a in _NEGATION and (b in _UNMET or b.endswith("ed")) for a, b in pairwise(words)):
        cues.append("c:negated-expectation")
    return cues or ["c:none"]
