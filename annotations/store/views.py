"""One article's records as everything that reads the store sees them.

The reader, the library, ``export`` and ``stats`` all need the same split of an
article's records: those anchored on a sentence (by sentence), the orphans that lost
theirs, and which sentences carry a tag. :class:`RecordView` is that split, made once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable

from annotations.store.records import Record
from annotations.store.spans import span_order


def record_order(record: Record) -> tuple[int, int, int, str, str]:
    """How records are listed and exported: by sentence, then its whole-sentence records
    before its spans (by their words' offsets), annotator, id."""
    span = record.get("span")
    start, end = (span["start"], span["end"]) if span is not None else (-1, -1)
    return (record["sentence"], start, end, record["annotator"], record["id"])


def keep_record(record: Record, tags: Collection[str], annotators: Collection[str]) -> bool:
    """The ``--tag`` / ``--annotator`` filters (either empty means all)."""
    if tags and not set(record["tags"]) & set(tags):
        return False
    return not annotators or record["annotator"] in annotators


class RecordView:
    """An article's records split into anchored (by sentence) and orphans, with the
    tagged and noted sentences and the annotators kept alongside (the status line asks
    for their counts on every key). Anchored span records are kept apart from the
    whole-sentence ones (:attr:`spans`); a sentence with a tagged span is tagged."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.by_sentence: dict[int, list[Record]] = defaultdict(list)
        """Whole-sentence records by sentence."""
        self.spans: dict[int, list[Record]] = defaultdict(list)
        """Span records by sentence."""
        self._orphans: list[Record] = []
        self._tagged: set[int] = set()
        self._noted: set[int] = set()
        self._annotators: Counter[str] = Counter()
        """Records per annotator, anchored and orphaned."""
        for record in records:
            self._annotators[record["annotator"]] += 1
            if record.get("orphan"):
                self._orphans.append(record)
            else:
                self._holder(record)[record["sentence"]].append(record)
                if record["tags"]:
                    self._tagged.add(record["sentence"])
                if record["note"]:
                    self._noted.add(record["sentence"])

    def _holder(self, record: Record) -> dict[int, list[Record]]:
        """Where an anchored record is kept: :attr:`spans` or :attr:`by_sentence`."""
        return self.spans if "span" in record else self.by_sentence

    def at(self, sentence: int) -> list[Record]:
        """Every annotator's whole-sentence record on ``sentence``."""
        return self.by_sentence.get(sentence, [])

    def tags_at(self, sentence: int) -> set[str]:
        """Every annotator's tags on ``sentence``, as a whole or on its words, each once
        (how ``stats`` and the reader's panels count a sentence under a tag)."""
        return {t for held in (self.by_sentence, self.spans) for r in held.get(sentence, ()) for t in r["tags"]}

    def spans_at(self, sentence: int) -> list[Record]:
        """Every annotator's span records on ``sentence``, by their words' offsets
        (start, end), then annotator and id."""
        return sorted(self.spans.get(sentence, []), key=span_order)

    def anchored(self) -> list[Record]:
        """Records on a sentence of the current text (spans too), in :func:`record_order`."""
        return sorted((r for held in (self.by_sentence, self.spans) for rs in held.values() for r in rs), key=record_order)

    def orphans(self) -> list[Record]:
        """Records whose sentence no longer occurs in the article's text, in :func:`record_order`."""
        return sorted(self._orphans, key=record_order)

    def all(self) -> list[Record]:
        """Anchored records (spans too) and orphans together, unsorted."""
        return [r for held in (self.by_sentence, self.spans) for rs in held.values() for r in rs] + self._orphans

    def tagged_sentences(self) -> list[int]:
        """Numbers of sentences with at least one tag."""
        return sorted(self._tagged)

    @property
    def tagged_count(self) -> int:
        """How many sentences have a tag."""
        return len(self._tagged)

    @property
    def noted_count(self) -> int:
        """How many sentences have a note (from any annotator)."""
        return len(self._noted)

    @property
    def annotator_count(self) -> int:
        """How many annotators have a record on the article (orphans too)."""
        return len(self._annotators)

    def has_annotator(self, annotator: str) -> bool:
        """Whether ``annotator`` has a record on the article (orphans too)."""
        return annotator in self._annotators

    def filtered(self, tags: Collection[str], annotators: Collection[str]) -> RecordView:
        """The records that pass :func:`keep_record` (this view itself when nothing is filtered)."""
        if not tags and not annotators:
            return self
        return RecordView(r for r in self.all() if keep_record(r, tags, annotators))

    def apply(self, changes: Iterable[tuple[Record | None, Record | None]]) -> None:
        """Update the view for changed records: ``(old, new)`` pairs, either side None
        for a record added or removed (a change costs its sentences, not the article)."""
        touched: set[int] = set()
        for old, new in changes:
            if old is not None:
                self._count_annotator(old["annotator"], -1)
                if old.get("orphan"):
                    self._orphans = [r for r in self._orphans if r["id"] != old["id"]]
                else:
                    held = self._holder(old)
                    held[old["sentence"]] = [r for r in held[old["sentence"]] if r["id"] != old["id"]]
                    touched.add(old["sentence"])
            if new is not None:
                self._count_annotator(new["annotator"], 1)
                if new.get("orphan"):
                    self._orphans.append(new)
                else:
                    self._holder(new)[new["sentence"]].append(new)
                    touched.add(new["sentence"])
        for sentence in touched:
            self._recount(sentence)

    def _count_annotator(self, annotator: str, step: int) -> None:
        self._annotators[annotator] += step
        if self._annotators[annotator] <= 0:
            del self._annotators[annotator]

    def _recount(self, sentence: int) -> None:
        """Whether ``sentence`` is tagged and noted, after a change to its records."""
        records: list[Record] = []
        for held in (self.by_sentence, self.spans):
            if held.get(sentence):
                records += held[sentence]
            else:
                held.pop(sentence, None)
        _keep(self._tagged, sentence, any(r["tags"] for r in records))
        _keep(self._noted, sentence, any(r["note"] for r in records))

    def __len__(self) -> int:
        return sum(len(rs) for held in (self.by_sentence, self.spans) for rs in held.values()) + len(self._orphans)


def _keep(numbers: set[int], number: int, wanted: bool) -> None:
    """Add ``number`` to ``numbers`` if ``wanted``, else take it out."""
    if wanted:
        numbers.add(number)
    else:
        numbers.discard(number)
