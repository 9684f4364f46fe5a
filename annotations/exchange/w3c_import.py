"""Reading W3C Web Annotation JSON-LD: one ``Annotation``, a list of them, an
``AnnotationPage`` or an ``AnnotationCollection`` (its pages embedded).

Of each annotation: its ``id``; its first target with a ``TextQuoteSelector`` (its
``source`` names the article, a ``TextPositionSelector`` is a hint); ``TextualBody``
bodies with ``purpose: tagging`` (or without a purpose, on a ``tagging`` annotation) as
tags, others (and ``bodyValue``) as the note; the creator's name (or nickname, or an
``acct:`` IRI); ``created`` and ``modified``; and the range a newsmark export names
(:data:`~annotations.exchange.w3c_export.GROUP_PROPERTY`).
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
from annotations.exchange.w3c_export import GROUP_PROPERTY


def items_of(data: Any, path: Path) -> list[Any]:
    """The annotations of a W3C document, whatever its shape; one-line error if none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFormatError(path, "not W3C Web Annotation JSON (neither an annotation, a list, a page nor a collection)")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    if "AnnotationPage" in kinds:
        return _page_items(data, path)
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        if first is None:
            return []
        if not isinstance(first, dict):
            raise ImportFormatError(path, "the collection's first page is not embedded (only a link): download the pages")
        items: list[Any] = []
        page: Any = first
        while isinstance(page, dict):
            items.extend(_page_items(page, path))
            page = page.get("next")
        return items
    raise ImportFormatError(path, "not W3C Web Annotation JSON (no type Annotation, AnnotationPage or AnnotationCollection)")


def _page_items(page: dict[str, Any], path: Path) -> list[Any]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise ImportFormatError(path, "an AnnotationPage's 'items' must be a list")
    return items


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("type", node.get("@type"))
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def _target(annotation: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None, tuple[int, int] | None, str]:
    """The source, quote selector and position hint of the first target that quotes; and
    why none does (a key of :data:`~annotations.exchange.foreign.LEFT_OUT`)."""
    targets = annotation.get("target")
    first_source: str | None = None
    reasons: list[str] = []
    for target in targets if isinstance(targets, list) else [targets]:
        if isinstance(target, str):
            first_source = first_source or target
            reasons.append("whole")
            continue
        if not isinstance(target, dict):
            continue
        source = target.get("source")
        source = source.get("id") if isinstance(source, dict) else source
        quote, position = quote_selectors(target.get("selector"))
        if quote is not None:
            return (source if isinstance(source, str) else None), quote, position, ""
        reasons.append(unquoted_reason(target.get("selector"), position))
        first_source = first_source or (source if isinstance(source, str) else None)
    return first_source, None, None, min(reasons, key=["positions", "other", "whole"].index, default="other")


def _bodies(annotation: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Tags and note texts of an annotation's bodies."""
    motivation = annotation.get("motivation")
    tagging = "tagging" in (motivation if isinstance(motivation, list) else [motivation])
    tags: list[str] = []
    notes: list[str] = [annotation["bodyValue"]] if isinstance(annotation.get("bodyValue"), str) else []
    bodies = annotation.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purpose = body.get("purpose")
        if purpose == "assessing":
            continue  # a verdict or a grade (newsmark's own exports carry those): never a note
        if purpose == "tagging" or (purpose is None and tagging):
            tags.append(body["value"])
        else:
            notes.append(body["value"])
    return tags, notes


def _creator(annotation: dict[str, Any]) -> str:
    creator = annotation.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    if isinstance(creator, dict):
        name = creator.get("name") or creator.get("nickname") or creator.get("id")
        return account_name(name) if isinstance(name, str) else ""
    return account_name(creator) if isinstance(creator, str) else ""


def parse(data: Any, path: Path, now: str) -> ForeignFile:
    """The quoted annotations of a W3C document (``now``: the time of those without one)."""
    annotations: list[ForeignAnnotation] = []
    left_out: Counter[str] = Counter()
    seen: dict[str, tuple[int, Any]] = {}
    for number, item in enumerate(items_of(data, path), start=1):
        if not isinstance(item, dict) or "Annotation" not in _types(item):
            raise ImportFormatError(path, f"item {number} is not an Annotation")
        if not isinstance(item.get("id"), str) or not item["id"]:
            raise ImportFormatError(path, f"annotation {number} has no 'id' (the model requires one IRI)")
        if repeated(seen, number, item, path, "item"):
            continue
        try:
            source, quote, position, reason = _target(item)
        except Malformed as error:
            raise ImportFormatError(path, f"annotation {number} ({item['id']}): {error}") from None
        if quote is None:
            left_out[reason] += 1
            continue
        tags, notes = _bodies(item)
        created = stamp(item.get("created"), now)
        group = text_of(item.get(GROUP_PROPERTY)).removeprefix("urn:uuid:")
        annotations.append(
            ForeignAnnotation(
                id=item["id"],
                source=source,
                exact=quote["exact"],
                prefix=text_of(quote.get("prefix")),
                suffix=text_of(quote.get("suffix")),
                position=position,
                tags=tuple(tags),
                note="\n\n".join(n for n in notes if n.strip()),
                user=_creator(item),
                created=created,
                updated=stamp(item.get("modified"), created),
                group=group,
            )
        )
    return ForeignFile(annotations, dict(left_out))
