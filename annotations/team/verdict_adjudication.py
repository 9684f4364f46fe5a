"""Adjudicating verdicts: the claims whose readers set different statuses, and taking one
reader's verdict into the final layer (see :mod:`annotations.team.adjudication`).

A verdict dispute is at a place (a sentence, or the same words in it) where two or more
readers (the final layer left out) set a status on their claim there and the statuses
differ. Taking a reader's verdict makes the final layer's record at the place hold that
reader's status, rationale, evidence, grade and links, with one entry in its status
history (by the final annotator, from its own status before); where the final layer has
no reading of the place yet, it takes the reader's tags and note too. One undoable
change of the final annotator.
"""

from __future__ import annotations

from collections.abc import Callable

from annotations.errors import StoreError
from annotations.store.article_annotations import ArticleAnnotations, Change
from annotations.store.records import Record, StatusChange, assessment, utc_now, with_assessment
from annotations.store.spans import Words
from annotations.store.verdicts import own_record, where
from annotations.store.views import RecordView
from annotations.team.readings import readers

Place = int | Words


def _place_of(record: Record) -> Place:
    span = record.get("span")
    return record["sentence"] if span is None else Words(record["sentence"], span["start"], span["end"])


def verdict_disputes(view: RecordView, final: str) -> list[Place]:
    """The places where the readers (not ``final``) who set a status on their record there
    gave different ones, or those who graded the source there different grades."""
    who = set(readers(view, exclude={final}))
    given: dict[tuple[str, Place], set[str]] = {}
    for record in view.anchored():
        if record["annotator"] not in who:
            continue
        for field in ("status", "grade"):
            if record.get(field):
                given.setdefault((field, _place_of(record)), set()).add(str(record[field]))
    differ = {place for (_, place), values in given.items() if len(values) > 1}
    return [place for place in dict.fromkeys(place for _, place in given) if place in differ]


def reader_record(view: RecordView, place: Place, annotator: str) -> Record | None:
    """``annotator``'s record at ``place`` (None if they have none)."""
    for record in view.at(place) if isinstance(place, int) else view.spans_at(place.sentence):
        if record["annotator"] == annotator and _place_of(record) == place:
            return record
    return None


def take_verdict(layer: ArticleAnnotations, place: Place, annotator: str) -> Change:
    """Make the final layer's (``layer``'s) verdict at ``place`` the one ``annotator`` gave,
    its tags and note staying (one undoable change; with no reading of the place yet, the
    reader's tags and note come too)."""
    taken = reader_record(layer.view, place, annotator)
    if taken is None or "status" not in taken:
        raise StoreError(layer.article.path, f"{annotator} set no status on {where(layer.state, place)}")
    settled = own_record(layer.state, place)
    if settled is not None and settled["tags"] and not set(settled["tags"]) & set(layer.schema.checkable):
        raise StoreError(
            layer.article.path, f"the final reading of {where(layer.state, place)} is no claim: take a reading with a claim first"
        )
    label = f"take {annotator}'s verdict on {where(layer.state, place)}: {taken['status']}"
    return layer.verdicts.change_one(label, place, _taking(layer, taken, whole=False), keep_untagged=True)


def take_reading(layer: ArticleAnnotations, place: Place, annotator: str) -> Change:
    """Make the final layer's record at ``place`` ``annotator``'s reading: tags, note and
    verdict (none if they gave none), one undoable change; a reading of no tag settles the
    place with no tag."""
    taken = reader_record(layer.view, place, annotator)
    if taken is None:
        raise StoreError(layer.article.path, f"{annotator} has no reading of {where(layer.state, place)}")
    label = f"take {annotator}'s reading on {where(layer.state, place)}"
    return layer.verdicts.change_one(label, place, _taking(layer, taken, whole=True), keep_untagged=True)


def _taking(layer: ArticleAnnotations, taken: Record, *, whole: bool) -> Callable[[Record], None]:
    """What taking ``taken`` does to the final layer's record: its assessment (and with
    ``whole``, or on a record of no reading yet, its tags and note), with one history entry
    by the final annotator where the status changes."""
    fields = assessment(taken)
    default = layer.schema.verdicts.default.name

    def mutate(record: Record) -> None:
        before = str(record.get("status") or default)
        history = list(record.get("status_history", []))
        if whole or not record["tags"]:
            record["tags"] = list(taken["tags"])
            record["note"] = taken["note"]
        with_assessment(record, fields)
        after = str(fields.get("status") or default)
        if before != after:
            entry: StatusChange = {"by": layer.annotator, "at": utc_now(), "from": before, "to": after}
            history.append(entry)
        if history:
            record["status_history"] = history
        else:
            record.pop("status_history", None)

    return mutate
