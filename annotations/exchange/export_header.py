"""The header of an export: which newsmark wrote it, the tags it speaks of, (only
when asked for) when, and (only in a split file) whose records it holds, all of them.

``generator`` and ``tags`` depend only on the newsmark version and the tag schema, so
the same store still exports the same bytes; ``exported``, the time, would change them
on every export and is written only with ``newsmark export --timestamp``.

``annotator`` and ``complete: true`` are written only by ``export --split``: the file
holds every record ``annotator`` has on each of its articles, none left out, so an import
makes that annotator's records of those articles equal the file, removals included. An
export without them (filtered, several annotators, or written before they existed) only
adds and updates.
"""

from __future__ import annotations

from typing import Any

from annotations.schema import TagSchema
from annotations.store.records import utc_now

#: The header's fields, in the order they follow ``newsmark_export``.
HEADER_FIELDS = ("generator", "exported", "annotator", "complete", "tags")
#: The fields of each tag in the legend.
LEGEND_FIELDS = ("name", "key", "description")


def generator() -> str:
    """``newsmark <version>``."""
    import annotations

    return f"newsmark {annotations.__version__}"


def export_header(schema: TagSchema, *, timestamp: bool = False, complete_for: str | None = None) -> dict[str, Any]:
    """The header fields for an export made with ``schema`` (and the time, if asked);
    ``complete_for``: the annotator whose every record on its articles the file holds."""
    header: dict[str, Any] = {"generator": generator()}
    if timestamp:
        header["exported"] = utc_now()
    if complete_for is not None:
        header["annotator"] = complete_for
        header["complete"] = True
    header["tags"] = [{"name": tag.name, "key": tag.key, "description": tag.description} for tag in schema.tags]
    return header


def with_header(document: dict[str, Any], header: dict[str, Any] | None) -> dict[str, Any]:
    """``document`` with ``header``'s fields between its version and its articles."""
    if not header:
        return document
    rest = {key: value for key, value in document.items() if key != "newsmark_export"}
    return {"newsmark_export": document["newsmark_export"], **header, **rest}
