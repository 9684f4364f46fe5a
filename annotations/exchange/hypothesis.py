"""Reading the Hypothesis API's JSON: a search response (``{"total": …, "rows": […]}``)
or a list of annotations, as ``GET /api/search`` and ``GET /api/annotations/{id}`` give them.

Of each annotation: ``id``, ``uri`` (the page), the ``TextQuoteSelector`` of its first
target (a ``TextPositionSelector`` as a hint, since the browser counted in the whole
page), ``tags``, ``text`` (the note), ``user`` (``acct:NAME@host``: NAME), ``created``
and ``updated``. Page notes (no selector) and replies quote nothing and are counted,
not imported; a row of the wrong shape is refused, naming it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError
from annotations.exchange.foreign import (
    ForeignAnnotation,
    ForeignFile,
    Malformed,
    account_name,
    quote_selectors,
    repeated,
    stamp,
    text_of,
    unquoted_reason,
)


def rows_of(data: Any, path: Path) -> list[Any]:
    """The annotations of a Hypothesis response: its ``rows``, a list, or one annotation."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return list(data["rows"])
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "target" in data and "id" in data:
        return [data]
    raise ImportFormatError(path, "not Hypothesis API JSON (neither a search response with 'rows' nor a list of annotations)")


def _quote(row: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None, tuple[int, int] | None, str]:
    """The source, quote selector and position hint of the first target that quotes, and
    why none does (a page note: no target has a selector; else positions only or other
    selectors)."""
    targets = row.get("target")
    if not isinstance(targets, list):
        raise Malformed("its 'target' is not a list of targets")
    position: tuple[int, int] | None = None
    selectors: list[Any] = []
    for target in targets:
        if not isinstance(target, dict):
            raise Malformed("a target is not an object")
        quote, hint = quote_selectors(target.get("selector"))
        if quote is not None:
            source = target.get("source")
            return (source if isinstance(source, str) else None), quote, hint, ""
        position = position or hint
        found = target.get("selector")
        selectors.extend(found if isinstance(found, list) else [found] if found else [])
    return None, None, None, "page note" if not selectors else unquoted_reason(selectors, position)


def _checked(row: dict[str, Any]) -> list[str]:
    """The row's tags; :class:`Malformed` where ``tags``, ``text``, ``uri`` or ``user``
    have the wrong shape (a tag or a note would be lost)."""
    tags = row.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise Malformed("its 'tags' is not a list of text")
    for name in ("text", "uri", "user"):
        if row.get(name) is not None and not isinstance(row[name], str):
            raise Malformed(f"its '{name}' is not text")
    return tags


def parse(data: Any, path: Path, now: str) -> ForeignFile:
    """The quoted annotations of a Hypothesis response (``now``: the time of those without
    one). A row of the wrong shape is one error line naming it; a row repeated as it is
    (overlapping pages) is read once."""
    annotations: list[ForeignAnnotation] = []
    left_out: Counter[str] = Counter()
    seen: dict[str, tuple[int, Any]] = {}
    for number, row in enumerate(rows_of(data, path), start=1):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"]:
            raise ImportFormatError(path, f"annotation {number} is not a Hypothesis annotation (no 'id')")
        if repeated(seen, number, row, path, "row"):
            continue
        try:
            tags = _checked(row)
            source, quote, position, reason = _quote(row)
        except Malformed as error:
            raise ImportFormatError(path, f"annotation {number} ({row['id']}): {error}") from None
        if row.get("references"):
            reason = "reply"
        if quote is None or reason:
            left_out[reason] += 1
            continue
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
                tags=tuple(tags),
                note=text_of(row.get("text")),
                user=account_name(text_of(row.get("user"))),
                created=created,
                updated=stamp(row.get("updated"), created),
            )
        )
    return ForeignFile(annotations, dict(left_out))
