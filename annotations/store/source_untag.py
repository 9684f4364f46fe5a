"""Untagging a source that claims are attributed to is refused: an ``attributed-to`` link
leads to a source, and dropping the tag under it would leave the link pointing at a
record that is none (see :mod:`annotations.store.links`). The links go first
(``newsmark link FILE N --to M --as attributed-to --remove``, or ``X`` in the reader),
then the tag; each is its own undoable change."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from annotations.errors import StoreError
from annotations.store.article_state import ArticleState
from annotations.store.links import LinkView, end_of_record, incoming_links, links_into
from annotations.store.records import Record
from annotations.store.verdicts import SOURCE_TAG


def _still_a_source(state: ArticleState, record: Record) -> bool:
    """Whether another annotator's record on the same place keeps the source tag."""
    span = record.get("span")
    there = state.view.at(record["sentence"]) if span is None else state.view.spans_at(record["sentence"])
    return any(
        other["id"] != record["id"] and SOURCE_TAG in other["tags"] and other.get("span") == span and not other.get("orphan")
        for other in there
    )


def _named(link: LinkView, here: str) -> str:
    where = f"sentence {link.other['sentence']}"
    if link.other["path"] != here:
        where = f"{PurePath(link.other['path']).name}#{link.other['sentence']}"
    return f"{where} by {link.annotator}"


def refuse_orphaned_attributions(state: ArticleState, pairs: Sequence[tuple[Record | None, Record | None]]) -> None:
    """One clear error if a change in ``pairs`` (each record before and after) takes the
    source tag off a record that claims are attributed to (and no other annotator's record
    there is a source)."""
    content = state.content or ""
    for old, new in pairs:
        if old is None or SOURCE_TAG not in old["tags"] or (new is not None and SOURCE_TAG in new["tags"]):
            continue
        if _still_a_source(state, old):
            continue
        end = end_of_record(old, content)
        moves = state.moves()
        found = links_into(state.view.all(), end, content, moves) + incoming_links(state.store, end, skip=str(state.file.path), moves=moves)
        attributed = [link for link in found if link.kind == "attributed-to"]
        if attributed:
            claims = ", ".join(_named(link, end["path"]) for link in attributed)
            raise StoreError(
                state.article.path,
                f"sentence {old['sentence']} is the source claims are attributed to ({claims}): "
                "remove those attributed-to links first, then the source tag",
            )
