"""Reading the Hypothesis API's JSON: a search response (``{"total": …, "rows": […]}``)
or a list of annotations, as ``GET /api/search`` and ``GET /api/annotations/{id}`` give them.

Of each annotation: ``id``, ``uri`` (the page), the ``TextQuoteSelector`` of its first
target (a ``TextPositionSelector`` as a hint, since the browser counted in the whole
page), ``tags``, ``text`` (the note), ``user`` (``acct:NAME@host``: NAME), ``created``
and ``updated``. Page notes and replies quote nothing and are counted, not imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError
from annotations.exchange.foreign import ForeignAnnotation, ForeignFile, account_name, quote_selectors, stamp, text_of


def rows_of(data: Any, path: Path) -> list[Any]:
    """The annotations of a Hypothesis response: its ``rows``, a list, or one annotation."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return list(data["rows"])
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "target" in data and "id" in data:
        return [data]
    raise ImportFormatError(path, "not Hypothesis API JSON (neither a search response with 'rows' nor a list of annotations)")


def _quote(row: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None, tuple[int, int] | None]:
    targets = row.get("target")
    for target in targets if isinstance(targets, list) else []:
        if isinstance(target, dict):
            quote, position = quote_selectors(target.get("selector"))
            if quote is not None:
                source = target.get("source")
                return (source if isinstance(source, str) else None), quote, position
    return None, None, None


def parse(data: Any, path: Path, now: str) -> ForeignFile:
    """The quoted annotations of a Hypothesis response (``now``: the time of those without one)."""
    annotations: list[ForeignAnnotation] = []
    unquoted = 0
    for number, row in enumerate(rows_of(data, path), start=1):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"]:
            raise ImportFormatError(path, f"annotation {number} is not a Hypothesis annotation (no 'id')")
        source, quote, position = _quote(row)
        if quote is None or row.get("references"):
            unquoted += 1
            continue
        tags: list[Any] = row["tags"] if isinstance(row.get("tags"), list) else []
        created = stamp(row.get("created"), now)
        uri = row.get("uri")
        annotations.append(
            ForeignAnnotation(
                id=f"hypothesis:{row['id']}",
                source=uri if isinstance(uri, str) and uri else source,
                exact=quote["exact"],
                prefix=text_of(quote.get("prefix")),
                suffix=text_of(quote.get("suffix")),
                position=position,
                tags=tuple(tag for tag in tags if isinstance(tag, str)),
                note=text_of(row.get("text")),
                user=account_name(text_of(row.get("user"))),
                created=created,
                updated=stamp(row.get("updated"), created),
            )
        )
    return ForeignFile(annotations, unquoted)
