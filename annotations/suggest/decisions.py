"""The analyst's decisions on suggestions, kept in the store: ``suggestions.json``.

It holds, per pattern, how many of its suggestions were accepted and rejected, and per
sentence (by the hash of its text, so an edit elsewhere in the article keeps it) the
tags rejected there, which are never proposed again. Written whole, atomically, under
its own lock (``suggestions.lock``): writers of different articles share it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Decisions:
    """The decisions file's content."""

    patterns: dict[str, PatternRecord] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(default_factory=dict)

    def muted(self) -> frozenset[str]:
        """Patterns that stopped suggesting."""
        return frozenset(name for name, record in self.patterns.items() if record.muted)

    def is_rejected(self, text: str, tag: str) -> bool:
        """Whether ``tag`` was rejected on a sentence with this text."""
        return tag in self.rejected.get(sentence_key(text), ())

    def add(self, suggestions: Iterable[tuple[Suggestion, str]], *, accepted: bool) -> None:
        """Count each suggestion (with its sentence's text) as accepted or rejected."""
        for suggestion, text in suggestions:
            for name in suggestion.patterns:
                record = self.patterns.setdefault(name, PatternRecord())
                if accepted:
                    record.accepted += 1
                else:
                    record.rejected += 1
            if not accepted:
                self.rejected.setdefault(sentence_key(text), set()).add(suggestion.tag)

    def to_json(self) -> bytes:
        """The file's bytes."""
        data = {
            "newsmark_suggestions": FORMAT,
            "patterns": {n: {"accepted": r.accepted, "rejected": r.rejected} for n, r in sorted(self.patterns.items())},
            "rejected": {k: sorted(tags) for k, tags in sorted(self.rejected.items())},
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
    return decisions


def record_decisions(store_root: Path, suggestions: Iterable[tuple[Suggestion, str]], *, accepted: bool) -> Decisions:
    """Add decisions on ``suggestions`` (each with its sentence's text) to the store's
    file, durably, and return the file's new content."""
    chosen = list(suggestions)
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
        decisions.add(chosen, accepted=accepted)
        try:
            atomic_write_bytes(path, decisions.to_json(), mode=PRIVATE_FILE)
        except OSError as error:
            raise StoreError(path, f"cannot write: {error.strerror or error}") from None
        return decisions
    finally:
        lock.release()
