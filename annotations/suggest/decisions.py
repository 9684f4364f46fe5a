"""The analyst's decisions on suggestions, kept in the store: ``suggestions.json``.

It holds, per pattern, how many of its suggestions were accepted and rejected, and per
sentence (by the hash of its text, so an edit elsewhere in the article keeps it) the
tags rejected there, which are never proposed again. Each decision is also kept by
pattern and sentence (``decided``), so a pattern is counted once per sentence however
often its suggestion is accepted there (a bulk accept, an accept again after an undo),
and a decision can be taken back exactly: a :class:`DecisionStep` says what one accept
or reject changed, and undoing it (see :mod:`annotations.suggest.deciding`) puts that
back. Written whole, atomically, under its own lock (``suggestions.lock``): writers of
different articles share it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.errors import StoreError, StoreLockedError
from annotations.store.locking import LockTimeout, WriterLock
from annotations.store.permissions import PRIVATE_FILE
from annotations.store.storage import atomic_write_bytes
from annotations.suggest.model import Suggestion

FILE_NAME = "suggestions.json"
LOCK_NAME = "suggestions.lock"
FORMAT = 1
#: Decisions a pattern needs before it can be muted.
MIN_DECISIONS = 10
#: A pattern with enough decisions whose share of accepted ones is below this stops suggesting.
MIN_PRECISION = 0.3
#: Seconds a writer waits for another writer of the file.
WAIT = 3.0
ACCEPTED, REJECTED = "accepted", "rejected"
"""A pattern's verdict on one sentence."""


def sentence_key(text: str) -> str:
    """The key of a sentence's text in the decisions file."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass
class PatternRecord:
    """One pattern's decisions."""

    accepted: int = 0
    rejected: int = 0

    @property
    def decided(self) -> int:
        """How many of its suggestions were decided."""
        return self.accepted + self.rejected

    @property
    def precision(self) -> float | None:
        """The share of its decided suggestions that were accepted (None before any)."""
        return self.accepted / self.decided if self.decided else None

    @property
    def muted(self) -> bool:
        """Whether the analyst's decisions have turned it off."""
        precision = self.precision
        return self.decided >= MIN_DECISIONS and precision is not None and precision < MIN_PRECISION


@dataclass(frozen=True)
class Verdict:
    """One pattern's decision on one sentence, as a step changed it (None: undecided)."""

    pattern: str
    key: str
    was: str | None
    now: str | None


@dataclass(frozen=True)
class RejectMark:
    """Whether a tag is rejected on one sentence, as a step changed it."""

    key: str
    tag: str
    was: bool
    now: bool


@dataclass
class DecisionStep:
    """What one accept or reject changed in the decisions: undone, it is put back."""

    verdicts: list[Verdict] = field(default_factory=list)
    marks: list[RejectMark] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.verdicts or self.marks)

    def to_json(self) -> dict[str, Any]:
        """The step as an undo step keeps it."""
        return {
            "verdicts": [[v.pattern, v.key, v.was, v.now] for v in self.verdicts],
            "marks": [[m.key, m.tag, m.was, m.now] for m in self.marks],
        }

    @classmethod
    def from_json(cls, data: object) -> DecisionStep:
        """The step an undo step kept (what is not one is left out: the undo still works)."""
        step = cls()
        if not isinstance(data, dict):
            return step
        for row in data.get("verdicts", ()):
            if isinstance(row, list) and len(row) == 4 and all(v in (None, ACCEPTED, REJECTED) for v in row[2:]):
                step.verdicts.append(Verdict(str(row[0]), str(row[1]), row[2], row[3]))
        for row in data.get("marks", ()):
            if isinstance(row, list) and len(row) == 4:
                step.marks.append(RejectMark(str(row[0]), str(row[1]), bool(row[2]), bool(row[3])))
        return step


@dataclass
class Decisions:
    """The decisions file's content."""

    patterns: dict[str, PatternRecord] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(default_factory=dict)
    decided: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each pattern's verdict by sentence key (decisions from before it was kept are in
    ``patterns``' counts only)."""

    def muted(self) -> frozenset[str]:
        """Patterns that stopped suggesting."""
        return frozenset(name for name, record in self.patterns.items() if record.muted)

    def is_rejected(self, text: str, tag: str) -> bool:
        """Whether ``tag`` was rejected on a sentence with this text."""
        return tag in self.rejected.get(sentence_key(text), ())

    def add(self, suggestions: Iterable[tuple[Suggestion, str]], *, accepted: bool) -> DecisionStep:
        """Count each suggestion (with its sentence's text) as accepted or rejected: each
        pattern once per sentence, whatever it was before (a rejected tag is marked too);
        what changed, to take it back."""
        now = ACCEPTED if accepted else REJECTED
        step = DecisionStep()
        seen: set[tuple[str, str]] = set()
        for suggestion, text in suggestions:
            key = sentence_key(text)
            for name in suggestion.patterns:
                was = self.decided.get(name, {}).get(key)
                if (name, key) not in seen and was != now:
                    step.verdicts.append(Verdict(name, key, was, now))
                seen.add((name, key))
            mark = RejectMark(key, suggestion.tag, was=False, now=True)
            if not accepted and suggestion.tag not in self.rejected.get(key, ()) and mark not in step.marks:
                step.marks.append(mark)
        self.replay(step)
        return step

    def replay(self, step: DecisionStep, *, undo: bool = False) -> None:
        """Make the decisions as ``step`` left them (``undo``: as it found them)."""
        for verdict in step.verdicts:
            self._set_verdict(verdict.pattern, verdict.key, verdict.was if undo else verdict.now)
        for mark in step.marks:
            tags = self.rejected.setdefault(mark.key, set())
            if mark.was if undo else mark.now:
                tags.add(mark.tag)
            else:
                tags.discard(mark.tag)
            if not tags:
                del self.rejected[mark.key]

    def _set_verdict(self, pattern: str, key: str, verdict: str | None) -> None:
        """Set one pattern's verdict on one sentence, its counts following."""
        verdicts = self.decided.setdefault(pattern, {})
        record = self.patterns.setdefault(pattern, PatternRecord())
        was = verdicts.pop(key, None)
        if was == ACCEPTED:  # a count from an edited file never goes below 0
            record.accepted = max(0, record.accepted - 1)
        elif was == REJECTED:
            record.rejected = max(0, record.rejected - 1)
        if verdict is not None:
            verdicts[key] = verdict
            record.accepted += verdict == ACCEPTED
            record.rejected += verdict == REJECTED
        if not verdicts:
            del self.decided[pattern]

    def to_json(self) -> bytes:
        """The file's bytes."""
        data = {
            "newsmark_suggestions": FORMAT,
            "patterns": {n: {"accepted": r.accepted, "rejected": r.rejected} for n, r in sorted(self.patterns.items())},
            "rejected": {k: sorted(tags) for k, tags in sorted(self.rejected.items())},
            "decided": {n: dict(sorted(v.items())) for n, v in sorted(self.decided.items())},
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def decisions_path(store_root: Path) -> Path:
    """Where a store keeps its decisions on suggestions."""
    return store_root / FILE_NAME


def read_decisions(store_root: Path) -> Decisions:
    """The store's decisions (none if it has no file yet); a damaged file is refused in one line."""
    path = decisions_path(store_root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Decisions()
    except OSError as error:
        raise StoreError(path, f"cannot read: {error.strerror or error}") from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise StoreError(path, "not a newsmark suggestions file (not valid JSON)") from None
    return _parse(data, path)


def _parse(data: object, path: Path) -> Decisions:
    if not isinstance(data, dict) or data.get("newsmark_suggestions") != FORMAT:
        raise StoreError(path, f"not a newsmark suggestions file (version {FORMAT} expected)")
    patterns, rejected = data.get("patterns", {}), data.get("rejected", {})
    if not isinstance(patterns, dict) or not isinstance(rejected, dict):
        raise StoreError(path, "patterns and rejected must be mappings")
    decisions = Decisions()
    for name, counts in patterns.items():
        if not isinstance(counts, dict) or not all(
            isinstance(counts.get(k, 0), int) and counts.get(k, 0) >= 0 for k in ("accepted", "rejected")
        ):
            raise StoreError(path, f"patterns: {name}: accepted and rejected must be counts")
        decisions.patterns[str(name)] = PatternRecord(counts.get("accepted", 0), counts.get("rejected", 0))
    for key, tags in rejected.items():
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise StoreError(path, f"rejected: {key}: must be a list of tags")
        decisions.rejected[str(key)] = set(tags)
    decided = data.get("decided", {})
    if not isinstance(decided, dict) or not all(
        isinstance(v, dict) and all(x in (ACCEPTED, REJECTED) for x in v.values()) for v in decided.values()
    ):
        raise StoreError(path, "decided must map each pattern to verdicts (accepted or rejected) by sentence")
    decisions.decided = {str(name): {str(k): str(x) for k, x in verdicts.items()} for name, verdicts in decided.items()}
    return decisions


def record_decisions(store_root: Path, suggestions: Iterable[tuple[Suggestion, str]], *, accepted: bool) -> Decisions:
    """Add decisions on ``suggestions`` (each with its sentence's text) to the store's
    file, durably, and return the file's new content."""
    return record_step(store_root, suggestions, accepted=accepted)[0]


def record_step(store_root: Path, suggestions: Iterable[tuple[Suggestion, str]], *, accepted: bool) -> tuple[Decisions, DecisionStep]:
    """Add decisions on ``suggestions`` to the store's file, durably: its new content, and
    what changed (to keep in the undo step, see :func:`replay_step`)."""
    chosen = list(suggestions)
    found: list[DecisionStep] = []
    decisions = _update(store_root, lambda d: found.append(d.add(chosen, accepted=accepted)))
    return decisions, found[0]


def replay_step(store_root: Path, step: DecisionStep, *, undo: bool) -> Decisions:
    """Take back (``undo``) or make again what ``step`` changed in the store's file, durably."""
    return _update(store_root, lambda d: d.replay(step, undo=undo))


def _update(store_root: Path, change: Callable[[Decisions], None]) -> Decisions:
    """Read the store's file, ``change`` it and write it back, under its lock."""
    path = decisions_path(store_root)
    lock = WriterLock(store_root / LOCK_NAME, folder=False)
    try:
        lock.acquire(WAIT)
    except LockTimeout:
        raise StoreLockedError(path, None, what="the suggestions file") from None
    except OSError as error:
        raise StoreError(path, f"cannot write: {error.strerror or error}") from None
    try:
        decisions = read_decisions(store_root)
        change(decisions)
        try:
            atomic_write_bytes(path, decisions.to_json(), mode=PRIVATE_FILE)
        except OSError as error:
            raise StoreError(path, f"cannot write: {error.strerror or error}") from None
        return decisions
    finally:
        lock.release()
