"""What an import found that the ``updated`` rule alone would hide.

By record id the newer ``updated`` wins; a record whose file version is not newer but
says something else (a note edited by hand, which leaves ``updated`` as it was, or an
older version) is a *difference*: reported with what was kept, or, when asked, taken
from the file and stamped newer than the store's. Tags follow one rule with ``newsmark
tag``: a tag this newsmark's schema does not know is refused, naming it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotations.errors import ConfigError, ImportFormatError
from annotations.exchange.import_checks import latest_acceptable, stamped_ahead
from annotations.schema import TagSchema
from annotations.store.records import Record, stamp_after, utc_now

#: The fields a person changes in an export, compared when ``updated`` says nothing changed.
EDITABLE_FIELDS = ("tags", "note", "status", "rationale", "evidence", "grade", "links")


@dataclass(frozen=True)
class Difference:
    """A record whose imported version differs from the stored one, which was kept."""

    article: str
    sentence: int
    record_id: str
    fields: tuple[str, ...]
    older: bool = False
    """Whether the file's version is older than the store's (an earlier export: the store
    moved on since), rather than one of the same time edited by hand."""

    def line(self) -> str:
        """One line for the import's report."""
        if self.older:
            return (
                f"older: {self.article}, sentence {self.sentence} ({self.record_id}): {', '.join(self.fields)}; kept the store's newer one"
            )
        return f"differs: {self.article}, sentence {self.sentence} ({self.record_id}): {', '.join(self.fields)}; kept the store's"


def differing_fields(stored: Record, imported: Record) -> tuple[str, ...]:
    """The editable fields in which ``imported`` says something else than ``stored``."""
    differing = []
    for name in EDITABLE_FIELDS:
        mine: Any = stored.get(name)
        theirs: Any = imported.get(name)
        same = set(mine or ()) == set(theirs or ()) if name == "tags" else mine == theirs
        if not same:
            differing.append(name)
    return tuple(differing)


def taken_from_file(stored: Record, imported: Record) -> Record:
    """The file's version of a record, stamped newer than the stored one, so that it
    stays the newer one wherever both versions meet again; stamped now if the stored one
    is stamped more than a day ahead (taken before imports refused such stamps), so that
    the record is not frozen at a time no edit can pass."""
    record = imported.copy()
    now = utc_now()
    record["updated"] = now if stamped_ahead(stored, latest_acceptable()) else stamp_after(stored["updated"], now)
    return record


def refuse_unknown_tags(path: str | Path, articles: Iterable[tuple[str, Iterable[Record]]], schema: TagSchema) -> None:
    """Raise :class:`ImportFormatError` naming the first record (by article and id) that
    holds a tag (or a status) ``schema`` does not know, in the words ``newsmark tag``
    (``newsmark check``) uses."""
    for index, (article_path, records) in enumerate(articles, start=1):
        for number, record in enumerate(records, start=1):
            try:
                schema.require(record["tags"])
                if "status" in record:
                    schema.verdicts.require(record["status"])
            except ConfigError as error:
                raise ImportFormatError(
                    path, f"article {index} ({article_path}), record {number} ({record['id']}): {error.reason}"
                ) from None
