"""Whether a record read from a store file has the record schema's shape
(:data:`~annotations.store.records.RECORD_SPECS`, and ``span`` where it has one)."""

from __future__ import annotations

from typing import Any, cast

from annotations.store.records import ALL_SPECS, ASSESSMENT_FIELDS, RECORD_SPECS, SPAN_SPEC, FieldSpec


def _fields_problem(fields: tuple[FieldSpec, ...], value: dict[str, Any]) -> str | None:
    """What is wrong with a mapping's fields (one missing that may be missing is not)."""
    for sub in fields:
        if sub.name not in value and (sub.optional or sub.has_default):
            continue
        problem = _kind_problem(sub, value.get(sub.name))
        if problem is not None:
            return problem
    return None


def _kind_problem(spec: FieldSpec, value: object) -> str | None:
    if spec.kind is dict:
        if not isinstance(value, dict):
            return f"field '{spec.name}' is not a mapping"
        return _fields_problem(spec.fields, value)
    if spec.kind is list and spec.fields:  # a list of mappings (evidence, links)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return f"field '{spec.name}' is not a list of mappings"
        return next((problem for item in value if (problem := _fields_problem(spec.fields, item)) is not None), None)
    if spec.kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif spec.kind is list:
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    else:
        ok = isinstance(value, str)
    return None if ok else f"field '{spec.name}' is not {_KIND_NAMES[spec.kind]}"


_KIND_NAMES: dict[type, str] = {int: "a whole number", list: "a list of text", str: "text"}


def stored_record_problem(doc: object) -> str | None:
    """What is wrong with the shape of a record read from a store file, or None: every
    field of the schema with the right kind, and a mapping for ``article``."""
    if (
        isinstance(doc, dict)
        and _exactly_sound(doc)
        and ("span" not in doc or _span_sound(doc["span"]))
        and not any(name in doc for name in ASSESSMENT_FIELDS)
    ):
        return None  # the common case, checked in one pass (an export opens every file)
    if not isinstance(doc, dict):
        return "not a mapping"
    for spec in ALL_SPECS:
        if spec.name not in doc:
            if spec.has_default or spec.optional:
                continue
            return f"no field '{spec.name}'"
        problem = _kind_problem(spec, doc[spec.name])
        if problem is not None:
            return problem
    if not isinstance(doc.get("article", {}), dict) or not isinstance(doc.get("orphan", False), bool):
        return "field 'article' or 'orphan' has the wrong kind"
    return None


def _exact_kinds(specs: tuple[FieldSpec, ...]) -> tuple[tuple[str, type, tuple[Any, ...]], ...]:
    """(name, kind, the same for its fields) of each field, for :func:`_exactly_sound`."""
    return tuple((spec.name, spec.kind, _exact_kinds(spec.fields)) for spec in specs)


_EXACT_KINDS = _exact_kinds(RECORD_SPECS)
#: (name, kind) of each field of a span, for :func:`_span_sound`.
_SPAN_KINDS = tuple((spec.name, spec.kind) for spec in SPAN_SPEC.fields)


def _span_sound(span: object) -> bool:
    """Whether a span has every field with exactly its kind (one flat pass: an article
    may hold tens of thousands of spans, each checked as its file opens)."""
    if type(span) is not dict:
        return False
    get = cast(dict[str, Any], span).get
    return all(type(get(name)) is kind for name, kind in _SPAN_KINDS)


def _exactly_sound(doc: dict[str, Any], kinds: tuple[tuple[str, type, tuple[Any, ...]], ...] = _EXACT_KINDS) -> bool:
    """Whether every field of ``doc`` is present with exactly its kind (as JSON reads
    them): then :func:`stored_record_problem` finds nothing; otherwise it looks closer."""
    for name, kind, fields in kinds:
        value = doc.get(name)
        if type(value) is not kind:
            return False
        if kind is list and not all(type(item) is str for item in cast(list[Any], value)):
            return False
        if fields and not _exactly_sound(cast(dict[str, Any], value), fields):
            return False
    if kinds is not _EXACT_KINDS:
        return True
    return type(doc.get("article", {})) is dict and type(doc.get("orphan", False)) is bool
