"""Precision and recall of the matcher against labelled sentences.

A labelled set is a folder of articles and queries: a sentence of one article, the
sentences of the others that state the same claim (each with whether its numbers agree)
and near-misses that share words but not the claim. Each query sentence is asked for its
results over all the set's articles. A result among its matches is right; a near-miss is
wrong; any other result is wrong too when the set's lists are complete (``complete``),
else counted apart as ``unlabelled`` (the labels do not say).

Two formats are read: the dev set's pairs (:func:`load_dev_queries`, both ways round) and
the blind set's queries (:func:`load_queries`, complete lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from annotations.scores import Counts

from .matching import MIN_SCORE, CandidateSource, Result, find_elsewhere
from .pool import SentencePool
from .scoring import Numbers

Ref = tuple[str, int]
"""A sentence: its article's file name and its number."""


class Query(NamedTuple):
    """A sentence, the sentences of other articles stating its claim (with how their numbers
    compare), its near-misses, and whether ``matches`` lists every match there is."""

    sentence: Ref
    matches: dict[Ref, Numbers]
    near_misses: frozenset[Ref] = frozenset()
    complete: bool = False


@dataclass
class Report(Counts):
    """What the matcher got right and wrong on a labelled set (``tp``: results among the
    matches, ``fp``: wrong results, ``fn``: matches not found)."""

    unlabelled: int = 0
    near_misses_found: int = 0
    numbers_right: int = 0
    numbers_asked: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def numbers_accuracy(self) -> float:
        """The share of found pairs whose same/differs/none is as labelled."""
        return self.numbers_right / self.numbers_asked if self.numbers_asked else 1.0

    def summary(self) -> str:
        """One line of figures."""
        return (
            f"precision {self.precision:.2f} ({self.tp}/{self.tp + self.fp}), recall {self.recall:.2f} ({self.tp}/{self.tp + self.fn}), "
            f"numbers {self.numbers_accuracy:.2f} ({self.numbers_right}/{self.numbers_asked}), "
            f"near-misses listed {self.near_misses_found}, unlabelled results {self.unlabelled}"
        )


def evaluate(folder: Path, queries: Iterable[Query], *, min_score: float = MIN_SCORE, index_folder: Path | None = None) -> Report:
    """Run the matcher over the articles of ``folder`` for every query: candidates from a
    full-text index of them built in ``index_folder``, or (None) every sentence sharing a stem."""
    queries = list(queries)
    paths = sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md"))
    pool = SentencePool.load(paths)
    texts = {(Path(c.path).name, c.sentence): c.text for path in paths for c in pool.sentences_of(str(path))}
    source: CandidateSource = pool if index_folder is None else _indexed(index_folder, paths)
    report = Report()
    for query in queries:
        name, _ = query.sentence
        results = find_elsewhere(texts[query.sentence], str(folder / name), source, min_score=min_score)
        _count(report, query, {(Path(r.path).name, r.sentence): r for r in results})
    return report


def _indexed(index_folder: Path, paths: list[Path]) -> CandidateSource:
    from annotations.library.text_index import TextIndex
    from annotations.library.text_scope import Scope

    from .indexed import IndexedSource

    index, scope = TextIndex(index_folder), Scope.of(paths)
    index.update(scope)
    return IndexedSource(index, scope)


def _count(report: Report, query: Query, found: dict[Ref, Result]) -> None:
    asked = f"{query.sentence[0]}#{query.sentence[1]}"
    for ref, numbers in query.matches.items():
        result = found.get(ref)
        if result is None:
            report.fn += 1
            report.misses.append(f"missed {asked} → {ref[0]}#{ref[1]}")
            continue
        report.tp += 1
        report.numbers_asked += 1
        report.numbers_right += result.numbers is numbers
        if result.numbers is not numbers:
            report.misses.append(f"numbers {result.numbers.value}, labelled {numbers.value}: {asked} → {ref[0]}#{ref[1]}")
    for ref in found:
        if ref in query.matches:
            continue
        if ref in query.near_misses:
            report.near_misses_found += 1
        if ref in query.near_misses or query.complete:
            report.fp += 1
            report.misses.append(f"wrongly found {asked} → {ref[0]}#{ref[1]}")
        else:
            report.unlabelled += 1


def _yaml(path: Path) -> Any:
    import yaml

    from annotations.safe_yaml import SafeLoader

    return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)


def load_dev_queries(path: Path) -> list[Query]:
    """The dev set's pairs file (``same_claim``: [a, b, numbers], ``near_miss``: [a, b]) as
    queries both ways round (a pair's numbers read the same from either side)."""
    data = _yaml(path)
    matches: dict[Ref, dict[Ref, Numbers]] = {}
    near: dict[Ref, set[Ref]] = {}
    for a, b, numbers in data["same_claim"]:
        matches.setdefault(_ref(a), {})[_ref(b)] = Numbers(numbers)
        matches.setdefault(_ref(b), {})[_ref(a)] = Numbers(numbers)
    for a, b in data["near_miss"]:
        near.setdefault(_ref(a), set()).add(_ref(b))
        near.setdefault(_ref(b), set()).add(_ref(a))
    return [Query(ref, matches.get(ref, {}), frozenset(near.get(ref, ()))) for ref in sorted(matches.keys() | near.keys())]


def load_queries(path: Path) -> list[Query]:
    """A labelled set's ``pairs.yaml`` of queries with complete lists of matches:
    ``queries: [{query: {path, sentence}, matches: [{path, sentence, numbers}], near_misses: [{path, sentence}]}]``."""
    queries = []
    for entry in _yaml(path)["queries"]:
        asked = entry["query"]
        matches = {(m["path"], int(m["sentence"])): Numbers(m["numbers"]) for m in entry.get("matches") or []}
        near = frozenset((m["path"], int(m["sentence"])) for m in entry.get("near_misses") or [])
        queries.append(Query((asked["path"], int(asked["sentence"])), matches, near, complete=True))
    return queries


def _ref(text: str) -> Ref:
    name, _, number = text.rpartition("#")
    return name, int(number)
