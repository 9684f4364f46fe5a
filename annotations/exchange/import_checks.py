"""An imported record checked field by field against the record schema
(:data:`~annotations.store.records.RECORD_SPECS`): each field's check is chosen once from
its kind and rules, and text fields are cleaned as they enter. A failed check raises
:class:`~annotations.errors.ImportFormatError` naming the file, the record and the field.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError
from annotations.formats.hygiene import clean_field, clean_heading, clean_line, strip_controls
from annotations.schema import is_tag_name
from annotations.store.records import (
    OPTIONAL_SPECS,
    RECORD_SPECS,
    Default,
    FieldSpec,
    MaxLength,
    NonEmpty,
    Pattern,
    Record,
    TagNames,
    Timestamp,
    parse_timestamp,
)
from annotations.store.spans import sound_span

#: How each imported text field is cleaned as it enters (see annotations.formats.hygiene):
#: what a person wrote by the field rules (a note keeps its tabs and line breaks, an
#: annotator is one line); copies of article text by the article's own rule, so an
#: export of what newsmark stored comes back byte for byte. An article's ``path`` is a
#: one-line field: a path that came from a file system is written escaped in exports
#: (see :mod:`annotations.exchange.yaml_scalars`) and comes back as it was, while control
#: characters a file holds raw are removed, so the store never holds them. ``id`` names a
#: record and is kept as it is (it is shown escaped wherever it is shown).
CLEANERS: dict[str, Callable[[str], str]] = {
    "path": clean_line,
    "title": clean_heading,
    "section_title": clean_heading,
    "text": strip_controls,
    "note": clean_field,
    "rationale": clean_field,
    "annotator": clean_line,
    "by": clean_line,
    "exact": strip_controls,
    "prefix": strip_controls,
    "suffix": strip_controls,
    "quote": strip_controls,
}


#: How far ahead of this machine's clock an imported stamp may be. Clocks drift and are
#: set in the wrong time zone, by hours; a record stamped further ahead would win every
#: later merge ("newer wins") and could never be corrected, so it is refused.
MAX_AHEAD = _dt.timedelta(days=1)


def latest_acceptable(now: _dt.datetime | None = None) -> _dt.datetime:
    """The latest ``created`` or ``updated`` stamp an import takes: :data:`MAX_AHEAD` after
    ``now`` (this machine's clock by default)."""
    return (now or _dt.datetime.now(_dt.timezone.utc)) + MAX_AHEAD


def stamped_ahead(record: Record, limit: _dt.datetime) -> bool:
    """Whether ``record`` (checked) is stamped after ``limit`` (see :func:`latest_acceptable`)."""
    return any(parse_timestamp(record[name]) > limit for name in ("created", "updated"))


class Where:
    """Builds the 'article 2 (path), annotation 5 (id)' part of an error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> ImportFormatError:
        """The error for ``problem`` at ``where`` in this file (raised by the caller)."""
        return ImportFormatError(self.path, f"{where}: {problem}")


Check = Callable[[Any, Where, str], Any]


def _text_check(spec: FieldSpec) -> Check:
    non_empty = spec.rule(NonEmpty) is not None
    limit = spec.rule(MaxLength)
    wanted = "non-empty text" if non_empty else "text"
    clean = CLEANERS.get(spec.name)
    default = spec.rule(Default)
    pattern = spec.rule(Pattern)
    matches = re.compile(pattern.regex).match if pattern is not None else None

    def check(value: Any, where: Where, label: str) -> str:
        if value is None and default is not None:  # an export written before the field existed
            return str(default.value)
        if matches is not None and (not isinstance(value, str) or not matches(value)):
            raise where.fail(label, f"field '{spec.name}' must be {pattern.what if pattern else 'text'}")
        if isinstance(value, str) and clean is not None:
            value = clean(value)
        if not isinstance(value, str) or (non_empty and not value):
            raise where.fail(label, f"field '{spec.name}' must be {wanted}")
        if limit is not None and len(value) > limit.value:
            raise where.fail(label, f"field '{spec.name}' is too long")
        return value

    return check


def _integer_check(spec: FieldSpec) -> Check:
    minimum = spec.minimum

    def check(value: Any, where: Where, label: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise where.fail(label, f"field '{spec.name}' must be a whole number >= {minimum}")
        return value

    return check


def _timestamp_check(spec: FieldSpec) -> Check:
    def check(value: Any, where: Where, label: str) -> str:
        try:
            if isinstance(value, _dt.datetime):  # an unquoted timestamp in a hand-edited file
                value = (
                    (value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc))
                    .astimezone(_dt.timezone.utc)
                    .strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                )
        except (ValueError, OverflowError):
            raise where.fail(label, f"field '{spec.name}' is out of range: {value!r}") from None
        if not isinstance(value, str):
            raise where.fail(label, f"field '{spec.name}' must be an ISO 8601 timestamp")
        try:
            parse_timestamp(value).astimezone(_dt.timezone.utc)
        except (ValueError, OverflowError):
            raise where.fail(label, f"field '{spec.name}' is not an ISO 8601 timestamp: {value!r}") from None
        return value

    return check


def _tag_names_check(spec: FieldSpec) -> Check:
    def check(value: Any, where: Where, label: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(t, str) and is_tag_name(t) for t in value):
            raise where.fail(label, f"field '{spec.name}' must be a list of tag names")
        return list(dict.fromkeys(value))

    return check


def _mapping_check(spec: FieldSpec) -> Check:
    fields = _checks(spec.fields)
    names = ", ".join(sub.name for sub in spec.fields)

    def check(value: Any, where: Where, label: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise where.fail(label, f"field '{spec.name}' must be a mapping with {names}")
        return _apply_checks(fields, value, where, f"{label}, {spec.name}")

    return check


def _mappings_check(spec: FieldSpec) -> Check:
    """A list of mappings (evidence, status history, links), each checked field by field."""
    fields = _checks(spec.fields)
    names = ", ".join(sub.name for sub in spec.fields)

    def check(value: Any, where: Where, label: str) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise where.fail(label, f"field '{spec.name}' must be a list of mappings with {names}")
        return [_apply_checks(fields, item, where, f"{label}, {spec.name} {index}") for index, item in enumerate(value, start=1)]

    return check


def _check_for(spec: FieldSpec) -> Check:
    """The check of one field, chosen once from its kind and rules (a missing field with
    a default takes it: an export written before the field existed)."""
    check = _kind_check(spec)
    if not spec.has_default:
        return check
    default = spec.default

    def check_or_default(value: Any, where: Where, label: str) -> Any:
        return default if value is None else check(value, where, label)

    return check_or_default


def _kind_check(spec: FieldSpec) -> Check:
    if spec.kind is dict:
        return _mapping_check(spec)
    if spec.kind is list and spec.fields:
        return _mappings_check(spec)
    if spec.kind is int:
        return _integer_check(spec)
    if spec.rule(TagNames) is not None:
        return _tag_names_check(spec)
    if spec.rule(Timestamp) is not None:
        return _timestamp_check(spec)
    return _text_check(spec)


def _checks(specs: tuple[FieldSpec, ...]) -> list[tuple[str, Check]]:
    return [(spec.name, _check_for(spec) if not spec.optional else _optional(_check_for(spec))) for spec in specs]


class _Missing:
    """What an optional field's check returns where the field is missing: left out."""


_MISSING = _Missing()


def _optional(check: Check) -> Check:
    """``check`` for a field only some mappings carry (a link's ``span``): missing, it is left out."""

    def check_if_there(value: Any, where: Where, label: str) -> Any:
        return _MISSING if value is None else check(value, where, label)

    return check_if_there


def _apply_checks(checks: list[tuple[str, Check]], item: dict[str, Any], where: Where, label: str) -> dict[str, Any]:
    """Each field checked by its kind and rules, in schema order."""
    checked = {name: check(item.get(name), where, label) for name, check in checks}
    return {name: value for name, value in checked.items() if value is not _MISSING}


#: The record's checks, derived from :data:`~annotations.store.records.RECORD_SPECS`.
_RECORD_CHECKS = _checks(RECORD_SPECS)
_ID_CHECK = dict(_RECORD_CHECKS)["id"]
#: The checks of the fields only some records carry (``span``).
_OPTIONAL_CHECKS = _checks(OPTIONAL_SPECS)


def validate_record(item: Any, label: str, where: Where, orphan: bool) -> Record:
    """One record of an export checked and cleaned; ``orphan``: listed under ``orphans``."""
    if not isinstance(item, dict):
        raise where.fail(label, "must be a mapping")
    if isinstance(item.get("id"), str):
        label = f"{label} ({item['id']})"
    _ID_CHECK(item.get("id"), where, label)  # first: a record is named by its id
    record = _apply_checks(_RECORD_CHECKS, item, where, label)
    selector = record["selector"]
    if selector["end"] < selector["start"]:
        raise where.fail(f"{label}, selector", "'end' is before 'start'")
    for name, check in _OPTIONAL_CHECKS:  # only where the record carries it (a span)
        if item.get(name) is not None:
            record[name] = check(item[name], where, label)
    if not sound_span(record):  # type: ignore[arg-type]
        raise where.fail(f"{label}, span", "'quote' is not the characters 'start' to 'end' of 'text'")
    record["orphan"] = orphan
    if orphan != (record["anchor"] == "orphan"):  # where it is listed says which it is
        record["anchor"] = "orphan" if orphan else "exact"
    return record  # type: ignore[return-value]


def completeness(document: dict[str, Any], path: Path) -> str | None:
    """The annotator whose every record a split file holds (``annotator:`` with
    ``complete: true`` in its header), or None for any other export; one field without
    the other, or a wrong value, is refused."""
    complete, annotator = document.get("complete"), document.get("annotator")
    if complete is None and annotator is None:
        return None
    if complete is not True:
        raise ImportFormatError(path, "header field 'complete' must be true, with 'annotator' naming whose records the file holds")
    name = CLEANERS["annotator"](annotator) if isinstance(annotator, str) else ""
    if not name:
        raise ImportFormatError(path, "header field 'annotator' must be non-empty text where 'complete' is true")
    return name


def refuse_others(path: Path, annotator: str, records: list[Record]) -> None:
    """A complete file of ``annotator`` holds no one else's record."""
    for record in records:
        if record["annotator"] != annotator:
            raise ImportFormatError(
                path, f"holds a record by {record['annotator']!r} ({record['id']}) but says it is complete for {annotator!r} alone"
            )
