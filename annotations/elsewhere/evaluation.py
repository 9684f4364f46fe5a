"""Precision and recall of the matcher against labelled pairs of sentences.

A labelled set is articles plus pairs of their sentences: pairs that state the same claim
(with whether their numbers agree) and near-misses that share words but not the claim.
Every sentence of a pair is asked for its results over all the set's articles (both ways
round); a result that is a same-claim pair is right, one that is a near-miss is wrong, and a
result of no labelled pair is counted apart (``unlabelled``: the labels do not say).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .matching import MIN_SCORE, CandidateSource, Result, find_elsewhere
from .pool import SentencePool
from .scoring import Numbers

Ref = tuple[str, int]
"""A sentence: its article's file name and its number."""


class LabelledPair(NamedTuple):
    """Two sentences of different articles, and whether they state the same claim (and if
    so whether their numbers agree: None when the labels do not say)."""

    a: Ref
    b: Ref
    same_claim: bool
    numbers: Numbers | None = None


@dataclass
class Report:
    """What the matcher got right and wrong on a labelled set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    unlabelled: int = 0
    numbers_right: int = 0
    numbers_asked: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """The share of labelled results that state the same claim (1.0 with none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """The share of same-claim pairs found (1.0 with none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def numbers_accuracy(self) -> float:
        """The share of found pairs whose same/differs/none is as labelled."""
        return self.numbers_right / self.numbers_asked if self.numbers_asked else 1.0

    def summary(self) -> str:
        """One line of figures."""
        return (
            f"precision {self.precision:.2f} ({self.tp}/{self.tp + self.fp}), recall {self.recall:.2f} ({self.tp}/{self.tp + self.fn}), "
            f"numbers {self.numbers_accuracy:.2f} ({self.numbers_right}/{self.numbers_asked}), unlabelled results {self.unlabelled}"
        )


def evaluate(folder: Path, pairs: Iterable[LabelledPair], *, min_score: float = MIN_SCORE, index_folder: Path | None = None) -> Report:
    """Run the matcher over the articles of ``folder`` for every sentence of ``pairs``:
    candidates from a full-text index of them built in ``index_folder``, or (None) every
    sentence sharing a stem."""
    labels: dict[tuple[Ref, Ref], LabelledPair] = {}
    for pair in pairs:
        labels[(pair.a, pair.b)] = labels[(pair.b, pair.a)] = pair
    names = sorted({ref[0] for key in labels for ref in key})
    pool = SentencePool.load(folder / name for name in names)
    texts = {(Path(c.path).name, c.sentence): c.text for name in names for c in pool.sentences_of(str(folder / name))}
    source: CandidateSource = pool if index_folder is None else _indexed(index_folder, [folder / name for name in names])
    report = Report()
    for query in sorted({key[0] for key in labels}):
        results = find_elsewhere(texts[query], str(folder / query[0]), source, min_score=min_score)
        _count(report, query, {(Path(r.path).name, r.sentence): r for r in results}, labels)
    return report


def _indexed(index_folder: Path, paths: list[Path]) -> CandidateSource:
    from annotations.library.text_index import TextIndex
    from annotations.library.text_scope import Scope

    from .indexed import IndexedSource

    index, scope = TextIndex(index_folder), Scope.of(paths)
    index.update(scope)
    return IndexedSource(index, scope)


def _count(report: Report, query: Ref, found: dict[Ref, Result], labels: dict[tuple[Ref, Ref], LabelledPair]) -> None:
    for (a, b), pair in labels.items():
        if a != query:
            continue
        result = found.get(b)
        if pair.same_claim and result is None:
            report.fn += 1
            report.misses.append(f"missed {a[0]}#{a[1]} → {b[0]}#{b[1]}")
        elif pair.same_claim and result is not None:
            report.tp += 1
            if pair.numbers is not None:
                report.numbers_asked += 1
                report.numbers_right += result.numbers is pair.numbers
                if result.numbers is not pair.numbers:
                    report.misses.append(f"numbers {result.numbers.value}, labelled {pair.numbers.value}: {a[0]}#{a[1]} → {b[0]}#{b[1]}")
        elif result is not None:
            report.fp += 1
            report.misses.append(f"wrongly found {a[0]}#{a[1]} → {b[0]}#{b[1]}")
    report.unlabelled += sum((query, ref) not in labels for ref in found)


def load_dev_pairs(path: Path) -> list[LabelledPair]:
    """The dev set's pairs file (``same_claim``: [a, b, numbers], ``near_miss``: [a, b])."""
    import yaml

    from annotations.safe_yaml import SafeLoader

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    pairs = [LabelledPair(_ref(a), _ref(b), True, Numbers(numbers)) for a, b, numbers in data["same_claim"]]
    pairs += [LabelledPair(_ref(a), _ref(b), False) for a, b in data["near_miss"]]
    return pairs


def _ref(text: str) -> Ref:
    name, _, number = text.rpartition("#")
    return name, int(number)
