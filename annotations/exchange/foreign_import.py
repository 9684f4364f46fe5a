"""Another tool's annotations of one article made newsmark records, ready to merge.

Each :class:`~annotations.exchange.foreign.ForeignAnnotation` is anchored
(:mod:`annotations.exchange.quote_anchoring`): words inside a sentence become a span
record on it; words covering or crossing sentences a record on each sentence they
touch, grouped as a range; a quote found only alike is marked ``fuzzy`` (kept quote),
and one not found an orphan holding the quote, tags and note (triage shows it). Tags
match the schema's names case-insensitively or through ``--tag-map``; others are
left out and listed. Record ids come from the annotation's id (a W3C ``urn:uuid:`` id
is the record's id itself), so importing the same file again changes nothing: the
records then go through the ordinary merge by id
(:func:`~annotations.exchange.importing.import_articles`).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.exchange.export import build_export
from annotations.exchange.foreign import LEFT_OUT, ForeignAnnotation
from annotations.exchange.importing import ArticleImport, validate_export
from annotations.exchange.quote_anchoring import Collapsed, collapse, find_quote, place, sentence_near
from annotations.model import Article, Sentence, storable_path
from annotations.schema import TagSchema
from annotations.store.identity import content_hash
from annotations.store.records import MAX_NOTE_CHARS, Record, Selector, exported, new_record
from annotations.store.spans import record_key, span_of

#: uuid5 namespace of record ids made from another tool's annotation ids.
NAMESPACE = uuid.UUID("0c4b7d3e-5d8a-4f0e-b3a9-6a2f1e9d7c41")


@dataclass
class ForeignSummary:
    """What an import of another tool's file found, for the summary line."""

    imported: int = 0
    spans: int = 0
    sentences: int = 0
    orphaned: int = 0
    fuzzy: int = 0
    empty: int = 0
    """Annotations left with neither a known tag nor a note: not imported."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Annotations that quote no words, by reason (:data:`~annotations.exchange.foreign.LEFT_OUT`)."""
    skipped_tags: set[str] = field(default_factory=set)
    apart: dict[str, int] = field(default_factory=dict)
    """Annotations kept apart under another annotator name (by that name): their author
    already had another record on those words (:class:`KeptApart`)."""

    def line(self) -> str:
        """``imported N annotation(s): S as spans, T on sentences, O orphaned …``."""
        line = (
            f"imported {self.imported} annotation(s): {self.spans} as spans, {self.sentences} on sentences, "
            f"{self.orphaned} orphaned (see 'newsmark orphans')"
        )
        if self.fuzzy:
            line += f", {self.fuzzy} found only alike (fuzzy: confirm in triage)"
        if self.apart:
            names = ", ".join(f"{count} as {name!r}" for name, count in sorted(self.apart.items()))
            line += f"; kept apart from records already on those words: {names}"
        left = [f"{count} {LEFT_OUT[reason][count != 1]}" for reason, count in sorted(self.left_out.items()) if count]
        if self.empty:
            left.append(f"{self.empty} with neither a known tag nor a note")
        if left:
            line += f"; left out: {', '.join(left)}"
        if self.skipped_tags:
            line += f"; skipped tags: {', '.join(sorted(self.skipped_tags))} (map them with --tag-map THEIRS=OURS)"
        return line


class KeptApart:
    """Gives each imported annotation records of its own: never one that merges into a
    record already there (records of one annotator on one sentence, or on the same words,
    are merged when the article is opened; see :func:`~annotations.store.reanchoring.merge_changes`).

    An annotation imported before keeps the annotator its records have (its id names
    it, so importing again changes nothing). Another whose author already has a record on
    those words (stored, or made from an earlier annotation of the file) is kept under
    ``NAME (TOOL)`` (``NAME (TOOL 2)``, … if that is taken too)."""

    def __init__(self, stored: Iterable[Record], tool: str, summary: ForeignSummary) -> None:
        self.tool = tool
        self.summary = summary
        self.annotator_of: dict[str, str] = {}
        self.taken: dict[tuple[int, str, int, int], str] = {}
        for record in stored:
            self._hold(record)

    def _hold(self, record: Record) -> None:
        self.annotator_of[record["id"]] = record["annotator"]
        if not record.get("orphan"):
            self.taken.setdefault(record_key(record), record["id"])

    def settle(self, records: list[Record]) -> list[Record]:
        """``records`` (one annotation's) under an annotator none of them merges under."""
        if not records:
            return records
        known = self.annotator_of.get(records[0]["id"])
        name = known if known is not None else self._free_name(records)
        if known is None and name != records[0]["annotator"]:
            self.summary.apart[name] = self.summary.apart.get(name, 0) + 1
        for record in records:
            record["annotator"] = name
            self._hold(record)
        return records

    def _free_name(self, records: list[Record]) -> str:
        base = records[0]["annotator"]
        for number in itertools.count(1):
            name = base if number == 1 else f"{base} ({self.tool})" if number == 2 else f"{base} ({self.tool} {number - 1})"
            if all(self.taken.get(record_key({**record, "annotator": name}), record["id"]) == record["id"] for record in records):
                return name
        raise AssertionError("unreachable")  # pragma: no cover


class TagMapper:
    """Another tool's tags as the schema's: by name, case-insensitively, or by ``mapping``."""

    def __init__(self, schema: TagSchema, mapping: Mapping[str, str]) -> None:
        self.schema = schema
        self.known = {name.casefold(): name for name in schema.names}
        self.mapping = {theirs.casefold(): ours for theirs, ours in mapping.items()}

    def tags(self, tags: Iterable[str], skipped: set[str]) -> list[str]:
        """The schema's tags for ``tags`` (in schema order, once each); the others added to ``skipped``."""
        mapped: list[str] = []
        for tag in tags:
            key = tag.strip().casefold()
            ours = self.mapping.get(key) or self.known.get(key)
            if ours is None:
                skipped.add(tag.strip())
            else:
                mapped.append(ours)
        return self.schema.sort(mapped)


def record_id(annotation_id: str, part: int = 0) -> str:
    """The id of the ``part``-th record (from 0) an annotation becomes: a ``urn:uuid:``
    id's UUID for the first, else a UUID made from the id and the part (stable)."""
    if part == 0 and annotation_id.lower().startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(annotation_id[len("urn:uuid:") :]))
        except ValueError:
            pass
    return str(uuid.uuid5(NAMESPACE, f"{annotation_id}#{part}" if part else annotation_id))


class RecordMaker:
    """Records of one article from another tool's annotations."""

    def __init__(self, article: Article, mapper: TagMapper, summary: ForeignSummary, *, annotator: str | None, default: str) -> None:
        """``annotator``: every record's (``--annotator``), else each annotation's author,
        else ``default``."""
        self.article = article
        self.mapper = mapper
        self.annotator = annotator
        self.default = default
        self.summary = summary
        self._flat: Collapsed | None = None

    def records(self, annotation: ForeignAnnotation) -> list[Record]:
        """The records ``annotation`` becomes (none if it says nothing newsmark keeps)."""
        tags = self.mapper.tags(annotation.tags, self.summary.skipped_tags)
        note = annotation.note.strip()[:MAX_NOTE_CHARS]
        if not tags and not note:
            self.summary.empty += 1
            return []
        self.summary.imported += 1
        if self._flat is None:
            self._flat = collapse(self.article.text)
        found = find_quote(self.article.text, annotation.exact, annotation.prefix, annotation.suffix, annotation.position, self._flat)
        placement = place(self.article, found) if found is not None else None
        if found is None or placement is None:
            self.summary.orphaned += 1
            return [self._orphan(annotation, tags, note)]
        self.summary.fuzzy += found.fuzzy
        made: list[Record] = []
        group = annotation.group or (record_id(annotation.id, -1) if len(placement.sentences) > 1 else "")
        for part, sentence in enumerate(placement.sentences):
            record = self._base(annotation, sentence, tags, note, part)
            record["group"] = group
            if placement.words is not None:
                record["span"] = span_of(sentence.text, *placement.words)
            if found.fuzzy:
                record["anchor"] = f"fuzzy {found.score:.2f}"
                record["quote"] = annotation.exact.strip()  # the words as the other tool quoted them
            made.append(record)
        if placement.words is not None:
            self.summary.spans += 1
        else:
            self.summary.sentences += 1
        return made

    def _base(self, annotation: ForeignAnnotation, sentence: Sentence, tags: list[str], note: str, part: int) -> Record:
        record = new_record(self.article, sentence, self.annotator or annotation.user or self.default, annotation.created)
        record["id"] = record_id(annotation.id, part)
        record["tags"] = tags
        record["note"] = note
        record["updated"] = annotation.updated
        return record

    def _orphan(self, annotation: ForeignAnnotation, tags: list[str], note: str) -> Record:
        """An annotation whose quote is not in the article: an orphan keeping it. It never
        was on a sentence: its selector has no position (``start`` and ``end`` 0: the
        other tool's positions count in its page, not in this text), its sentence and
        section are the first ones as placeholders, with no section title."""
        record = self._base(annotation, sentence_near(self.article, None), tags, note, 0)
        record["group"] = annotation.group
        record["text"] = annotation.exact.strip()
        record["section"], record["section_title"] = 1, ""
        selector: Selector = {
            "exact": annotation.exact.strip(),
            "prefix": annotation.prefix,
            "suffix": annotation.suffix,
            "start": 0,
            "end": 0,
        }
        record["selector"] = selector
        record["orphan"] = True
        record["anchor"] = "orphan"
        return record


def article_import(article: Article, records: list[Record], path: str | Path) -> list[ArticleImport]:
    """``records`` of ``article`` as an import of the file at ``path``, validated as any
    export's records are (a record an import would refuse is refused here too)."""
    entry: dict[str, Any] = {
        "title": article.title,
        "path": storable_path(article.path),
        "sha256": article.sha256,
        "content": content_hash(article) or "",
        "meta": dict(article.meta),
        "annotations": [exported(r) for r in records if not r["orphan"]],
        "orphans": [exported(r) for r in records if r["orphan"]],
    }
    if not entry["content"]:
        del entry["content"]
    return validate_export(dict(build_export([entry])), path)  # type: ignore[list-item]
