"""One annotation record in newsmark's export layout, written and read line by line.

The record's fields come one per line in the order of
:data:`~annotations.store.records.RECORD_SPECS` (the selector's fields nested under it);
both plans below are built once from the schema. Reading takes the common case (every
field on its one line) in one pass, and anything else field by field; text not written
by :func:`write_record` raises :class:`NotCanonical`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from annotations.exchange.yaml_scalars import (
    Lines,
    NotCanonical,
    block_scalar,
    int_scalar,
    read_int,
    read_scalar,
    read_tags,
    scalar,
    scalar_text,
    tag_list,
)
from annotations.store.records import ASSESSMENT_FIELDS, DEFAULTS, OPTIONAL_SPECS, RECORD_SPECS, FieldSpec, Multiline

_RECORD_INDENT = "    "
_NESTED_INDENT = "      "


def _note(value: object) -> str:
    block = block_scalar(value, _NESTED_INDENT)
    return block if block is not None else scalar(value)


def _writer(spec: FieldSpec) -> Callable[[object], str]:
    """How one field's value is written after ``name: ``, chosen once per field."""
    if spec.kind is int:
        return int_scalar
    if spec.kind is list:
        return tag_list
    if spec.rule(Multiline) is not None:
        return _note
    return scalar


# A record's fields as written, in schema order: (line prefix, name, writer, nested fields).
_WRITE_PLAN: list[tuple[str, str, Callable[[object], str] | None, list[tuple[str, str, Callable[[object], str]]]]] = [
    (
        "  - " if index == 0 else _RECORD_INDENT,
        spec.name,
        None if spec.kind is dict else _writer(spec),
        [(f"{_NESTED_INDENT}{sub.name}: ", sub.name, _writer(sub)) for sub in spec.fields],
    )
    for index, spec in enumerate(RECORD_SPECS)
]
_RECORD_NAMES = [spec.name for spec in RECORD_SPECS]
_NESTED_NAMES = {spec.name: [sub.name for sub in spec.fields] for spec in RECORD_SPECS if spec.kind is dict}


# The fields only some records carry (``span``), after the others when present: (name,
# its fields as written: line prefix, name, writer; as read: line prefix, name, reader).
_OPTIONAL_WRITE = [
    (spec.name, [(f"{_NESTED_INDENT}{sub.name}: ", sub.name, _writer(sub)) for sub in spec.fields]) for spec in OPTIONAL_SPECS
]
_OPTIONAL_NAMES = [spec.name for spec in OPTIONAL_SPECS]


#: Written as JSON escapes though a JSON string may hold them raw: what YAML does not take
#: raw (DEL, C1 controls, and U+2028/U+2029, which PyYAML reads as line breaks), and the
#: bidi controls (as the JSON export writes them).
_ESCAPED_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def json_line(value: object) -> str:
    """An assessment field's value (status, evidence, links...) as one line of JSON, which
    YAML reads as the same value (flow style, double-quoted strings)."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return _ESCAPED_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def read_json_line(text: str) -> Any:
    """A value :func:`json_line` wrote; :class:`NotCanonical` for anything else."""
    try:
        return json.loads(text)
    except ValueError:
        raise NotCanonical from None


def _write_optional(record: dict[str, Any], append: Callable[[str], None]) -> None:
    """The lines of the optional fields ``record`` carries (a span, one line a field; an
    assessment field, one line of JSON)."""
    for name, nested in _OPTIONAL_WRITE:
        if name not in record:
            continue
        value = record[name]
        if name in ASSESSMENT_FIELDS:
            append(f"{_RECORD_INDENT}{name}: {json_line(value)}")
            continue
        if not isinstance(value, dict) or list(value) != [sub_name for _, sub_name, _ in nested]:
            raise NotCanonical
        append(f"{_RECORD_INDENT}{name}:")
        for sub_prefix, sub_name, sub_write in nested:
            append(sub_prefix + sub_write(value[sub_name]))


def write_record(record: dict[str, Any], out: list[str]) -> None:
    """Append ``record``'s lines to ``out``; :class:`NotCanonical` for a record of another shape."""
    names = list(record)
    extra = names[len(_RECORD_NAMES) :]
    if names[: len(_RECORD_NAMES)] != _RECORD_NAMES or extra != [name for name in _OPTIONAL_NAMES if name in extra]:
        raise NotCanonical
    append = out.append
    for prefix, name, write, nested in _WRITE_PLAN:
        value = record[name]
        if write is scalar:  # most fields: text, written without a second call when it is
            append(f"{prefix}{name}: {scalar_text(value) if type(value) is str else scalar(value)}")
        elif write is not None:
            append(f"{prefix}{name}: {write(value)}")
        else:
            if not isinstance(value, dict) or list(value) != _NESTED_NAMES[name]:
                raise NotCanonical
            append(f"{prefix}{name}:")
            for sub_prefix, sub_name, sub_write in nested:
                sub_value = value[sub_name]
                append(sub_prefix + (scalar_text(sub_value) if sub_write is scalar and type(sub_value) is str else sub_write(sub_value)))
    if extra:
        _write_optional(record, append)


def _reader(spec: FieldSpec) -> Callable[[str], Any]:
    if spec.kind is int:
        return read_int
    if spec.kind is list:
        return read_tags
    return read_scalar


# What a record looks like line by line: (line prefix, field, reader, field of the selector?)
_ROWS: list[tuple[str, str, Callable[[str], Any] | None, bool]] = []
for _index, _spec in enumerate(RECORD_SPECS):
    _prefix = "  - " if _index == 0 else _RECORD_INDENT
    if _spec.kind is dict:
        _ROWS.append((f"{_prefix}{_spec.name}:", _spec.name, None, False))
        _ROWS.extend((f"{_NESTED_INDENT}{sub.name}: ", sub.name, _reader(sub), True) for sub in _spec.fields)
    else:
        _ROWS.append((f"{_prefix}{_spec.name}: ", _spec.name, _reader(_spec), False))
_MULTILINE = frozenset(spec.name for spec in RECORD_SPECS if spec.rule(Multiline) is not None)
_ROW_PREFIXES = [prefix for prefix, _, _, _ in _ROWS]
_ROW_COUNT = len(_ROWS)
# The rows of a record whose multi-line fields fit on one line, read in one pass (the
# common case, and the hot loop of an import): (row index, prefix length, reader, field).
_TOP_ROWS = [(i, len(prefix), read, name) for i, (prefix, name, read, nested) in enumerate(_ROWS) if read is not None and not nested]
_NESTED_ROWS = [(i, len(prefix), read, name) for i, (prefix, name, read, nested) in enumerate(_ROWS) if read is not None and nested]
_NESTED_NAME = next(name for _, name, read, _ in _ROWS if read is None)
# The selector is the last field: a record read in one pass is in schema order as built.
_NESTED_LAST = _RECORD_NAMES[-1] == _NESTED_NAME
_BLOCK_ROWS = [i for i, (_, name, read, _) in enumerate(_ROWS) if name in _MULTILINE and read is not None]


def read_record(lines: Lines) -> dict[str, Any]:
    """One record, every field on the line where :func:`dump` writes it."""
    start = lines.index
    rows = lines.lines[start : start + _ROW_COUNT]
    if (
        len(rows) == _ROW_COUNT
        and all(map(str.startswith, rows, _ROW_PREFIXES))
        and rows[_ROW_PREFIXES.index(f"{_RECORD_INDENT}{_NESTED_NAME}:")] == f"{_RECORD_INDENT}{_NESTED_NAME}:"
        and not any(rows[i][len(_ROW_PREFIXES[i]) :].startswith("|") for i in _BLOCK_ROWS)
    ):
        record = {name: read(rows[i][length:]) for i, length, read, name in _TOP_ROWS}
        record[_NESTED_NAME] = {name: read(rows[i][length:]) for i, length, read, name in _NESTED_ROWS}
        lines.index = start + _ROW_COUNT
        if not _NESTED_LAST:
            record = {name: record[name] for name in _RECORD_NAMES}
        _read_optional(lines, record)
        following = lines.peek()
        if following is not None and following.startswith(_RECORD_INDENT):
            raise NotCanonical
        return record
    return _read_record_line_by_line(lines)


_OPTIONAL_READ = [
    (spec.name, [(f"{_NESTED_INDENT}{sub.name}: ", sub.name, _reader(sub)) for sub in spec.fields]) for spec in OPTIONAL_SPECS
]


def _read_optional(lines: Lines, record: dict[str, Any]) -> None:
    """The optional fields (``span``, the assessment) a record carries after the others, as written."""
    for name, nested in _OPTIONAL_READ:
        if name in ASSESSMENT_FIELDS:
            following = lines.peek()
            if following is not None and following.startswith(f"{_RECORD_INDENT}{name}: "):
                lines.index += 1
                record[name] = read_json_line(following[len(_RECORD_INDENT) + len(name) + 2 :])
            continue
        if lines.peek() == f"{_RECORD_INDENT}{name}:":
            lines.index += 1
            record[name] = {sub_name: read(lines.take(prefix)) for prefix, sub_name, read in nested}


def _read_record_line_by_line(lines: Lines) -> dict[str, Any]:
    """A record with a block scalar, or written before a field with a default existed
    (or not in the layout at all: then NotCanonical)."""
    record: dict[str, Any] = {}
    nested: dict[str, Any] = {}
    rows = lines.lines
    for prefix, name, read, in_selector in _ROWS:
        if lines.index >= len(rows):
            raise NotCanonical
        row = rows[lines.index]
        if read is None:  # the selector's own line
            if row != prefix:
                raise NotCanonical
            lines.index += 1
            record[name] = nested
            continue
        if not row.startswith(prefix):
            if name in DEFAULTS and not in_selector:  # written before the field existed
                record[name] = DEFAULTS[name]
                continue
            raise NotCanonical
        value = row[len(prefix) :]
        lines.index += 1
        if name in _MULTILINE and value.startswith("|"):
            (nested if in_selector else record)[name] = lines.block(value, _NESTED_INDENT)
        else:
            (nested if in_selector else record)[name] = read(value)
    _read_optional(lines, record)
    following = lines.peek()
    if following is not None and following.startswith(_RECORD_INDENT):
        raise NotCanonical
    return record
