"""Every annotation in the store, across articles, and the filters an analyst narrows them by.

"Every concern I noted this week" without opening each article: :func:`store_annotations`
reads each article's store file once (read-only) and gives one
:class:`AnnotationItem` per record, newest first; :class:`AnnotationFilter` keeps
those of some tags, some annotators and some words.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotations.errors import StoreError
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.records import GRADE_PATTERN, parse_timestamp

_NEVER = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)


@dataclass(frozen=True, slots=True)
class AnnotationItem:
    """One record of one article, as the overview lists it."""

    article_path: str
    article_title: str
    record_id: str
    sentence: int
    section_title: str
    text: str
    tags: tuple[str, ...]
    note: str
    annotator: str
    updated: str
    moment: _dt.datetime
    """``updated`` as a moment (UTC), for ordering stamps written with different offsets."""
    orphan: bool
    """The record lost its sentence (the article's text changed): it has no place to open at."""
    haystack: str = field(repr=False, compare=False)
    """Sentence, note, title and section title case-folded, for word filters."""
    words: tuple[int, int] | None = None
    """For a span record: the offsets of its words in :attr:`text` (None: the whole sentence)."""
    status: str = ""
    """Its status as set ("" where none was: a claim is then at the scale's first, ``unverified``)."""
    grade: str = ""
    """A source's grade (``B2``; "" if ungraded)."""

    @property
    def tagged_words(self) -> str | None:
        """For a span record, the words it tags; None for a record of the whole sentence."""
        return None if self.words is None else self.text[self.words[0] : self.words[1]]


def store_annotations(store: Store, current: Mapping[str, Sequence[str]] | None = None) -> tuple[list[AnnotationItem], list[str]]:
    """Every record in ``store``, newest first (by ``updated``), and one line per store
    file that could not be read (named, and skipped).

    ``current`` gives, per store file, the paths its article is at now (what a library
    found by the article's content): an article moved or renamed since it was last
    opened is named and opened at its current path, not at the one its store file holds.
    """
    items: list[AnnotationItem] = []
    problems: list[str] = []
    for path in store.stored_paths():
        try:
            items.extend(_items_of(path, (current or {}).get(str(path), ())))
        except StoreError as error:
            problems.append(str(error))
    items.sort(key=lambda item: (item.moment, item.article_path, item.sentence), reverse=True)
    return items, problems


def _items_of(path: Path, current: Sequence[str]) -> Iterator[AnnotationItem]:
    stored = ArticleFile.open(path, read_only=True, bulk=True)
    try:
        meta = stored.meta
        article_path = str(meta.get("path", ""))
        title = str(meta.get("title", "")) or article_path
        if current and article_path not in current:
            article_path = current[0]
        for record in stored.records():
            if not record["tags"] and not record["note"]:
                continue
            yield AnnotationItem(
                article_path=article_path,
                article_title=title,
                record_id=record["id"],
                sentence=record["sentence"],
                section_title=record["section_title"],
                text=record["text"],
                tags=tuple(record["tags"]),
                note=record["note"],
                annotator=record["annotator"],
                updated=record["updated"],
                moment=_moment(record["updated"]),
                orphan=bool(record.get("orphan")),
                haystack="\n".join((record["text"], record["note"], title, record["section_title"])).casefold(),
                words=(record["span"]["start"], record["span"]["end"]) if "span" in record else None,
                status=record.get("status", ""),
                grade=record.get("grade", ""),
            )
    finally:
        stored.close()


def _moment(stamp: str) -> _dt.datetime:
    try:
        return parse_timestamp(stamp).astimezone(_dt.timezone.utc)
    except (ValueError, OverflowError):
        return _NEVER


@dataclass(frozen=True)
class AnnotationFilter:
    """Which annotations to show: every part narrows (they combine with AND): tagged with
    every one of ``tags``, by every one of ``annotators`` (so two names match nothing),
    holding every one of ``words`` (in the sentence, the note, the article's or section's
    title), changed ``since`` a moment, at one of ``statuses`` and graded one of
    ``grades`` (a reliability letter, ``E``, or a whole grade, ``B2``).

    A claim (a record with one of the ``checkable`` tags) with no status set is at
    ``unset``, the scale's first status."""

    tags: frozenset[str] = frozenset()
    annotators: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    since: _dt.datetime | None = None
    statuses: frozenset[str] = frozenset()
    grades: frozenset[str] = frozenset()
    checkable: frozenset[str] = frozenset({"claim", "figure"})
    unset: str = "unverified"

    @classmethod
    def parse(cls, query: str, tags: frozenset[str] = frozenset()) -> AnnotationFilter:
        """A filter from typed text: ``@name`` picks an annotator, ``#tag`` a tag,
        ``status:false`` a status, ``grade:E`` (or ``grade:E,F``, ``grade:B2``) grades, any
        other word must occur (case ignored); ``tags`` are added to those typed, and an
        annotation must carry every one of them (but only one status or grade: any of those typed)."""
        annotators: set[str] = set()
        typed_tags: set[str] = {tag.casefold() for tag in tags}
        words: list[str] = []
        statuses: set[str] = set()
        grades: set[str] = set()
        for token in query.split():
            folded = token.casefold()
            if token.startswith("@") and len(token) > 1:
                annotators.add(folded[1:])
            elif token.startswith("#") and len(token) > 1:
                typed_tags.add(folded[1:])
            elif folded.startswith("status:") and len(token) > 7:
                statuses.update(part for part in folded[7:].split(",") if part)
            elif folded.startswith("grade:") and len(token) > 6:
                grades.update(part.upper() for part in folded[6:].split(",") if part)
            else:
                words.append(folded)
        return cls(frozenset(typed_tags), frozenset(annotators), tuple(words), statuses=frozenset(statuses), grades=frozenset(grades))

    def __bool__(self) -> bool:
        return bool(self.tags or self.annotators or self.words or self.since or self.statuses or self.grades)

    def matches(self, item: AnnotationItem) -> bool:
        """Whether ``item`` passes every part of the filter."""
        if self.tags and not self.tags <= {tag.casefold() for tag in item.tags}:
            return False
        if self.annotators and self.annotators != {item.annotator.casefold()}:
            return False
        if self.since is not None and item.moment < self.since:
            return False
        if self.statuses and self.status_of(item) not in self.statuses:
            return False
        if self.grades and not (item.grade and (item.grade in self.grades or item.grade[0] in self.grades)):
            return False
        return all(word in item.haystack for word in self.words)

    def status_of(self, item: AnnotationItem) -> str:
        """``item``'s status, case-folded: as set, else ``unset`` for a claim, else "" (no status at all)."""
        if item.status:
            return item.status.casefold()
        return self.unset.casefold() if self.checkable & {tag.casefold() for tag in item.tags} else ""

    def unknown(self, statuses: Sequence[str]) -> list[str]:
        """What the filter asks for that no record can have, one reason each (as the command
        line says it): a status not among ``statuses`` (the scale's), a grade that is not a
        letter A-F or a grade such as ``B2``."""
        known = {name.casefold() for name in statuses}
        reasons = [f"unknown status {s!r} (known: {', '.join(statuses)})" for s in sorted(self.statuses - known)]
        wrong = sorted(g for g in self.grades if not re.match(GRADE_PATTERN, g) and not re.match(r"^[A-F]$", g))
        reasons += [f"{g!r} is not a grade: a letter A-F, or with a digit 1-6 (B2)" for g in wrong]
        return reasons

    def apply(self, items: list[AnnotationItem]) -> list[AnnotationItem]:
        """The items that match, in their order."""
        return [item for item in items if self.matches(item)] if self else items
