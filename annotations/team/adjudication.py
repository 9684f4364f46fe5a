"""Adjudication: the sentences where annotators disagree, settled one by one into a
final layer (an annotator of its own, ``final`` unless the config's ``final_annotator:``
names another), which exports and imports like any annotator's records.

Taking a reading gives the final layer's record on the sentence exactly that reading's
tags and note; toggling a tag adds it to, or removes it from, the final layer's record
alone (so the final reading can combine tags from several readings). Each is one change
of the final annotator, saved before it returns and undone by :meth:`Adjudication.undo`
(kept across restarts like every undo history).

The final layer's whole-sentence record *is* its reading: one with no tag (taking an
empty reading, or toggling the last tag off) is kept, and says the sentence is settled
with no tag (a record like any other: exported, imported, re-anchored; it shows no tag
anywhere). Tags on words (spans) are not adjudicated yet: the disputes, the readings and
the final layer here are whole-sentence records only.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import Change, open_in_file
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.views import RecordView
from annotations.team.readings import agree, readers


@dataclass(frozen=True)
class Reading:
    """One annotator's reading of a sentence: their tags and note (none if no record)."""

    annotator: str
    tags: tuple[str, ...]
    note: str


def disputed(view: RecordView, final: str) -> list[int]:
    """The sentences on which the annotators who read the article (the final layer left
    out) gave different tags, in order."""
    who = readers(view, exclude={final})
    if len(who) < 2:
        return []
    return [n for n in sorted(view.by_sentence) if not agree(view, n, who)]


def readings_of(view: RecordView, sentence: int, final: str) -> list[Reading]:
    """Every reader's reading of ``sentence`` (the final layer left out), by annotator."""
    given = {r["annotator"]: r for r in view.at(sentence)}
    result = []
    for name in readers(view, exclude={final}):
        record = given.get(name)
        result.append(Reading(name, tuple(record["tags"]) if record else (), record["note"] if record else ""))
    return result


class Adjudication:
    """The final layer of one open article, and the disputes it settles."""

    def __init__(self, store: Store, article: Article, file: ArticleFile, *, final: str, schema: TagSchema) -> None:
        self.final = final
        self.layer = open_in_file(store, article, file, annotator=final, schema=schema)
        """The final annotator's annotations of the article (the reader's store file)."""
        self.sentences = disputed(self.layer.view, final)
        """The disputed sentences, fixed when adjudication starts (settling one keeps it listed)."""

    def readings(self, sentence: int) -> list[Reading]:
        """The readers' readings of ``sentence``."""
        return readings_of(self.layer.view, sentence, self.final)

    def settled(self, sentence: int) -> Reading | None:
        """The final layer's reading of ``sentence``, if it has one (no tags: settled with no tag)."""
        record = next((r for r in self.layer.view.at(sentence) if r["annotator"] == self.final), None)
        return Reading(self.final, tuple(record["tags"]), record["note"]) if record else None

    def agreed_not_final(self) -> dict[int, list[str]]:
        """The sentences every reader tagged alike (with some tag) that the final layer has
        no record on, with those tags: what the settled reading holds without a dispute."""
        who = readers(self.layer.view, exclude={self.final})
        if len(who) < 2:
            return {}
        found: dict[int, list[str]] = {}
        for number in sorted(self.layer.view.by_sentence):
            if self.settled(number) is None and agree(self.layer.view, number, who):
                first = self.readings(number)[0]  # all alike
                if first.tags:
                    found[number] = list(first.tags)
        return found

    def take_agreed(self) -> Change:
        """Copy every agreed reading the final layer lacks into it (one undoable change),
        with the note when every reader wrote the same one, so the final layer exports as
        the whole settled reading, not only the disputes."""
        agreed = self.agreed_not_final()
        if not agreed:
            return Change("take agreed readings", ())
        notes = {}
        for number in agreed:
            written = {reading.note for reading in self.readings(number)}
            if len(written) == 1 and "" not in written:
                notes[number] = written.pop()
        return self.layer.add_each(agreed, label="take agreed readings", notes=notes)

    def take(self, sentence: int, reading: Reading) -> Change:
        """Make ``reading`` the final layer's reading of ``sentence`` (one undoable change;
        a reading of no tag settles the sentence with no tag)."""
        current = self.settled(sentence)
        remove = [t for t in (current.tags if current else ()) if t not in reading.tags]
        return self.layer.edits.edit([sentence], add=list(reading.tags), remove=remove, note=reading.note, keep_untagged=True)

    def toggle(self, sentence: int, tag: str) -> Change:
        """Add ``tag`` to the final layer's reading of ``sentence``, or remove it if there
        (one undoable change; the reading's other tags and note stay; the last tag removed
        leaves the sentence settled with no tag)."""
        current = self.settled(sentence)
        if current is not None and tag in current.tags:
            return self.layer.edits.edit([sentence], remove=[tag], keep_untagged=True)
        return self.layer.edit([sentence], add=[tag])

    def unsettled(self) -> list[int]:
        """The disputed sentences the final layer has no reading of yet, in order."""
        return [n for n in self.sentences if self.settled(n) is None]

    def undo(self) -> Change:
        """Undo the final layer's last change."""
        return self.layer.undo()
