"""Adjudication: the sentences where annotators disagree, settled one by one into a
final layer (an annotator of its own, ``final`` unless the config's ``final_annotator:``
names another), which exports and imports like any annotator's records.

A dispute is at a *place*: a whole sentence (its number), or words inside one (a
:class:`~annotations.store.spans.Words`, the very same offsets in every reading: spans
on other words are other places). Taking a reading gives the final layer's record at the
place exactly that reading's tags and note; toggling a tag adds it to, or removes it
from, the final layer's record alone (so the final reading can combine tags from several
readings). Each is one change of the final annotator, saved before it returns and undone
by :meth:`Adjudication.undo` (kept across restarts like every undo history).

The final layer's record at a place *is* its reading: one with no tag (taking an empty
reading, or toggling the last tag off) is kept, and says the place is settled with no tag
(a record like any other: exported, imported, re-anchored; it shows no tag anywhere).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import Change, open_in_file
from annotations.store.article_file import ArticleFile
from annotations.store.assessment_merge import merged_assessment
from annotations.store.folder import Store
from annotations.store.records import Record, assessment
from annotations.store.spans import Words
from annotations.store.views import RecordView
from annotations.team.readings import agree, readers
from annotations.team.verdict_adjudication import reader_record, take_reading, take_verdict, verdict_disputes

Place = int | Words
"""Where a dispute is: a whole sentence (its number), or words inside one."""


@dataclass(frozen=True)
class Reading:
    """One annotator's reading of a place: their tags and note (none if no record)."""

    annotator: str
    tags: tuple[str, ...]
    note: str
    status: str = ""
    """The status the annotator set on the claim here ("" if none: see :mod:`annotations.store.verdicts`)."""
    grade: str = ""
    """The grade the annotator gave the source here ("" if none)."""


def sentence_of(place: Place) -> int:
    """The sentence a place is in."""
    return place if isinstance(place, int) else place.sentence


def disputed(view: RecordView, final: str) -> list[int]:
    """The sentences on which the annotators who read the article (the final layer left
    out) gave different whole-sentence tags, and those where they now agree on tags the
    final layer's decision there is not (it was taken before they changed their minds:
    a decision no reader gives any more is shown again), in order."""
    who = readers(view, exclude={final})
    if len(who) < 2:
        return []
    return [n for n in sorted(view.by_sentence) if not agree(view, n, who) or _outdated(view, n, who, final)]


def _outdated(view: RecordView, sentence: int, who: list[str], final: str) -> bool:
    """Whether the final layer settled ``sentence`` otherwise than every reader (who agree) tags it now."""
    records = {r["annotator"]: frozenset(r["tags"]) for r in view.at(sentence)}
    return final in records and records[final] != records.get(who[0], frozenset())


def disputed_words(view: RecordView, final: str) -> list[Words]:
    """The words (the same offsets) the readers (the final layer left out) gave different
    tags, by sentence and offsets: a span one reader tagged and another did not too."""
    who = readers(view, exclude={final})
    if len(who) < 2:
        return []
    found: list[Words] = []
    for number in sorted(view.spans):
        given: dict[Words, dict[str, frozenset[str]]] = defaultdict(dict)
        for record in view.spans_at(number):
            span = record["span"]
            given[Words(number, span["start"], span["end"])][record["annotator"]] = frozenset(record["tags"])
        found += [words for words, tags in given.items() if len({tags.get(name, frozenset()) for name in who}) > 1]
    return found


def disputes(view: RecordView, final: str) -> list[Place]:
    """Every disputed place, by sentence: its whole-sentence dispute first, then its words."""
    places: list[Place] = [*disputed(view, final), *disputed_words(view, final)]
    return sorted(places, key=lambda place: (sentence_of(place), *((-1, -1) if isinstance(place, int) else place[1:])))


def records_at(view: RecordView, place: Place) -> list[Record]:
    """Every annotator's record at ``place`` (the whole sentence, or exactly those words)."""
    if isinstance(place, int):
        return view.at(place)
    return [r for r in view.spans_at(place.sentence) if (r["span"]["start"], r["span"]["end"]) == place[1:]]


def readings_of(view: RecordView, place: Place, final: str) -> list[Reading]:
    """Every reader's reading of ``place`` (the final layer left out), by annotator."""
    given = {r["annotator"]: r for r in records_at(view, place)}
    result = []
    for name in readers(view, exclude={final}):
        record = given.get(name)
        tags, note = (tuple(record["tags"]), record["note"]) if record else ((), "")
        result.append(Reading(name, tags, note, _status(record), _grade(record)))
    return result


class Adjudication:
    """The final layer of one open article, and the disputes it settles."""

    def __init__(self, store: Store, article: Article, file: ArticleFile, *, final: str, schema: TagSchema) -> None:
        self.final = final
        self.layer = open_in_file(store, article, file, annotator=final, schema=schema)
        """The final annotator's annotations of the article (the reader's store file)."""
        self.places = _with_verdicts(disputes(self.layer.view, final), verdict_disputes(self.layer.view, final))
        """The disputed places (tags, or verdicts: see :mod:`annotations.team.verdict_adjudication`),
        fixed when adjudication starts (settling one keeps it listed)."""

    @property
    def sentences(self) -> list[int]:
        """The sentences disputed as a whole (see :attr:`places` for words too)."""
        return [place for place in self.places if isinstance(place, int)]

    def readings(self, place: Place) -> list[Reading]:
        """The readers' readings of ``place``."""
        return readings_of(self.layer.view, place, self.final)

    def settled(self, place: Place) -> Reading | None:
        """The final layer's reading of ``place``, if it has one (no tags: settled with no tag)."""
        record = next((r for r in records_at(self.layer.view, place) if r["annotator"] == self.final), None)
        return Reading(self.final, tuple(record["tags"]), record["note"], _status(record), _grade(record)) if record else None

    def agreed_not_final(self) -> dict[int, list[str]]:
        """The sentences every reader tagged alike (with some tag) that the final layer has
        no record on, with those tags: what the settled reading holds without a dispute."""
        who = readers(self.layer.view, exclude={self.final})
        if len(who) < 2:
            return {}
        found: dict[int, list[str]] = {}
        verdicts_differ = set(verdict_disputes(self.layer.view, self.final))  # a claim whose statuses differ is no agreement
        for number in sorted(self.layer.view.by_sentence):
            if number not in verdicts_differ and self.settled(number) is None and agree(self.layer.view, number, who):
                first = self.readings(number)[0]  # all alike
                if first.tags:
                    found[number] = list(first.tags)
        return found

    def take_agreed(self) -> Change:
        """Copy every agreed reading the final layer lacks into it (one undoable change),
        with the note when every reader wrote the same one and the readers' verdicts,
        grades and links (merged: see :mod:`annotations.store.assessment_merge`; they do
        not differ, or the place is a dispute), so the final layer exports as the whole
        settled reading, not only the disputes."""
        agreed = self.agreed_not_final()
        if not agreed:
            return Change("take agreed readings", ())
        notes = {}
        for number in agreed:
            written = {reading.note for reading in self.readings(number)}
            if len(written) == 1 and "" not in written:
                notes[number] = written.pop()
        assessments = {number: merged_assessment(self.layer.view.at(number)) for number in agreed}
        return self.layer.edits.add_each(agreed, label="take agreed readings", notes=notes, assessments=assessments)

    def take(self, place: Place, reading: Reading) -> Change:
        """Make ``reading`` the final layer's reading of ``place`` (one undoable change;
        a reading of no tag settles the place with no tag), its verdict included."""
        current = self.settled(place)
        taken = reader_record(self.layer.view, place, reading.annotator)
        if (taken is not None and assessment(taken)) or (current is not None and _assessed(records_at(self.layer.view, place), self.final)):
            return take_reading(self.layer, place, reading.annotator)  # its verdict comes too (or the final's goes)
        remove = [t for t in (current.tags if current else ()) if t not in reading.tags]
        return self._edit(place, add=list(reading.tags), remove=remove, note=reading.note)

    def toggle(self, place: Place, tag: str) -> Change:
        """Add ``tag`` to the final layer's reading of ``place``, or remove it if there
        (one undoable change; the reading's other tags and note stay; the last tag removed
        leaves the place settled with no tag)."""
        current = self.settled(place)
        if current is not None and tag in current.tags:
            return self._edit(place, remove=[tag])
        return self._edit(place, add=[tag])

    def _edit(self, place: Place, *, add: Sequence[str] = (), remove: Sequence[str] = (), note: str | None = None) -> Change:
        """One change to the final layer's record at ``place``, kept with no tag."""
        edits = self.layer.edits
        if isinstance(place, int):
            return edits.edit([place], add=add, remove=remove, note=note, keep_untagged=True)
        return edits.edit_span(place, add=add, remove=remove, note=note, keep_untagged=True)

    def take_verdict(self, place: Place, annotator: str) -> Change:
        """Make ``annotator``'s verdict (status, rationale, evidence, grade, links) the final
        layer's at ``place`` (one undoable change; see :func:`take_verdict`)."""
        return take_verdict(self.layer, place, annotator)

    def unsettled(self) -> list[Place]:
        """The disputed places the final layer has no reading of yet, in order."""
        return [place for place in self.places if self.settled(place) is None]

    def undo(self) -> Change:
        """Undo the final layer's last change."""
        return self.layer.undo()

    def undo_at(self) -> tuple[Change, Place | None]:
        """Undo the final layer's last change; with it the first disputed place whose final
        reading it changed (None when it changed none: agreed readings taken, say)."""
        before = {place: self.settled(place) for place in self.places}
        change = self.layer.undo()
        return change, next((place for place in self.places if self.settled(place) != before[place]), None)


def _with_verdicts(places: list[Place], verdicts: list[Place]) -> list[Place]:
    """The tag disputes and the verdict disputes, each place once, by sentence then words."""
    every = places + [place for place in verdicts if place not in places]
    return sorted(every, key=lambda place: (sentence_of(place), *((-1, -1) if isinstance(place, int) else place[1:])))


def _status(record: Record | None) -> str:
    return str(record.get("status", "")) if record is not None else ""


def _grade(record: Record | None) -> str:
    return str(record.get("grade", "")) if record is not None else ""


def _assessed(records: list[Record], annotator: str) -> bool:
    """Whether ``annotator``'s record among ``records`` holds an assessment (a verdict, a grade, links)."""
    return any(record["annotator"] == annotator and assessment(record) for record in records)
