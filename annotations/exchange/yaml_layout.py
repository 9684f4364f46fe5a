"""newsmark's own YAML layout for exports: a fast, exact writer and reader.

PyYAML takes ~23 s to dump and ~46 s to load 100,000 annotations here, because it
represents and constructs every scalar in Python. Exports have a fixed shape, so this
module writes it directly, one line per field in the order of
:data:`~annotations.store.records.RECORD_SPECS`, choosing for each string a style that
PyYAML reads back as the same string: plain where PyYAML's resolver says ``str``,
otherwise a JSON-escaped double-quoted scalar, block style for multi-line notes.

The reader accepts only text that :func:`dump` itself would write: every scalar must be
written exactly as :func:`dump` writes its value, and every line must be where
:func:`dump` puts it. Since PyYAML reads :func:`dump`'s output as the document dumped
(tested), the reader's answer is always PyYAML's answer; for anything else (a
hand-edited or forged file) it raises :class:`NotCanonical` and the caller reads the
file with PyYAML's safe loader. The checksum line at the end only tells whether the
file was changed since it was written; it never changes how a line is read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml

from annotations.exchange.export_header import HEADER_FIELDS, LEGEND_FIELDS
from annotations.safe_yaml import SafeDumper, SafeLoader
from annotations.store.records import DEFAULTS, RECORD_SPECS, FieldSpec, Multiline

SEAL = "# newsmark-export-sha256: "
#: An article's ``meta`` (its front matter) is the one value this layout leaves to PyYAML,
#: which needs ~1.4 s and ~135 MB per MB to read and check it. A meta line longer than
#: this, or meta lines longer than :data:`MAX_META_TOTAL` together, are not written in
#: this layout nor read as it: such a document is all YAML, read with the general limit.
MAX_META_LINE = 1024 * 1024
MAX_META_TOTAL = 8 * 1024 * 1024
_SEAL_LINE = re.compile(r"# newsmark-export-sha256: ([0-9a-f]{64})\n\Z")

# Plain scalars we write: no indicator first, no control or YAML-breaking characters,
# no space or colon last (one pattern: a second search for the end scanned the whole text).
_PLAIN = re.compile(
    "[A-Za-z0-9_./(](?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*[^\\s:\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff])?\\Z"
)
# Plain items of a flow list ([claim, figure]) hold none of the flow indicators.
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# Characters YAML will not take raw in a double-quoted scalar (non-printable, or line breaks).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BLOCK_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _implicit_patterns() -> dict[str, re.Pattern[str]]:
    """PyYAML's implicit resolvers (bool, int, float, null, timestamp, merge, value) by
    first character, each set joined into one pattern: a plain scalar that one of them
    matches is not read as a string."""
    by_first: dict[str, list[str]] = {}
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        for _tag, regexp in resolvers:
            by_first.setdefault(first or "", []).append(f"(?:{regexp.pattern})")
    return {first: re.compile("|".join(patterns), re.X) for first, patterns in by_first.items()}


_IMPLICIT = _implicit_patterns()
_JSON = json.JSONDecoder()


class NotCanonical(Exception):
    """The text is not in the layout this module writes; use a general YAML parser."""


class ExportDumper(SafeDumper):  # type: ignore[misc]
    """PyYAML's safe dumper as exports use it: multi-line text in block style, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never write anchors and aliases: each value is written where it is."""
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


ExportDumper.add_representer(str, _represent_str)


def dump_with_pyyaml(document: Any, *, flow: bool = False) -> str:
    """``document`` in YAML by PyYAML (for shapes this layout does not cover, and ``meta``)."""
    width = 1_000_000_000
    return str(yaml.dump(document, Dumper=ExportDumper, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=width))


# -- scalars ------------------------------------------------------------------------


def _reads_as_string(value: str) -> bool:
    """Whether PyYAML's resolver reads the plain scalar ``value`` as a string."""
    pattern = _IMPLICIT.get(value[:1])
    return pattern is None or pattern.match(value) is None


def scalar(value: object) -> str:
    """A one-line YAML scalar that PyYAML reads back as exactly ``value`` (a string)."""
    if not isinstance(value, str):
        raise NotCanonical
    return _scalar(value)


@lru_cache(maxsize=65536)
def _scalar(value: str) -> str:
    return value if _reads_as_plain(value) else _quoted(value)


def _reads_as_plain(value: str) -> bool:
    """Whether ``value`` written plain is read back by PyYAML as the same string."""
    return bool(value and _PLAIN.match(value) and ": " not in value and " #" not in value and _reads_as_string(value))


#: :func:`_reads_as_plain`, remembered for the reader (the writer remembers whole scalars).
_plain_ok = lru_cache(maxsize=65536)(_reads_as_plain)


def _quoted(value: str) -> str:
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _flow_item(value: object) -> str:
    """An item of a one-line flow list, plain only if it holds no flow indicator."""
    if not isinstance(value, str):
        raise NotCanonical
    if _FLOW_PLAIN.match(value) and _reads_as_string(value):
        return value
    return _quoted(value)


def _block(value: object, indent: str) -> str | None:
    """A literal block scalar for a multi-line string, or None if one would not be exact."""
    if not isinstance(value, str) or "\n" not in value or "\r" in value or _BLOCK_UNSAFE.search(value):
        return None
    lines = value.split("\n")
    if value.endswith("\n"):
        lines = lines[:-1]
        chomp = "+" if value.endswith("\n\n") else ""
    else:
        chomp = "-"
    if not lines or not lines[0] or lines[0][0] in " \t" or any(line != line.rstrip(" \t") for line in lines):
        return None
    if chomp == "+" and not any(lines):
        return None
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f"|{chomp}\n{body}"


def _int(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        raise NotCanonical
    return str(value)


def _tags(value: object) -> str:
    if not isinstance(value, list):
        raise NotCanonical
    return f"[{', '.join(_flow_item(t) for t in value)}]"


# -- writing ------------------------------------------------------------------------

_RECORD_INDENT = "    "
_NESTED_INDENT = "      "


def _note(value: object) -> str:
    block = _block(value, _NESTED_INDENT)
    return block if block is not None else scalar(value)


def _writer(spec: FieldSpec) -> Callable[[object], str]:
    """How one field's value is written after ``name: ``, chosen once per field."""
    if spec.kind is int:
        return _int
    if spec.kind is list:
        return _tags
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


def _record(record: dict[str, Any], out: list[str]) -> None:
    if list(record) != _RECORD_NAMES:
        raise NotCanonical
    append = out.append
    for prefix, name, write, nested in _WRITE_PLAN:
        value = record[name]
        if write is scalar:  # most fields: text, written without a second call when it is
            append(f"{prefix}{name}: {_scalar(value) if type(value) is str else scalar(value)}")
        elif write is not None:
            append(f"{prefix}{name}: {write(value)}")
        else:
            if not isinstance(value, dict) or list(value) != _NESTED_NAMES[name]:
                raise NotCanonical
            append(f"{prefix}{name}:")
            for sub_prefix, sub_name, sub_write in nested:
                sub_value = value[sub_name]
                append(sub_prefix + (_scalar(sub_value) if sub_write is scalar and type(sub_value) is str else sub_write(sub_value)))


class _MetaBudget:
    """Counts the meta lines of one document against :data:`MAX_META_LINE` and :data:`MAX_META_TOTAL`."""

    def __init__(self) -> None:
        self.total = 0

    def spend(self, meta_text: str) -> str:
        """``meta_text``, or :class:`NotCanonical` if it is too long for this layout."""
        self.total += len(meta_text)
        if len(meta_text) > MAX_META_LINE or self.total > MAX_META_TOTAL:
            raise NotCanonical
        return meta_text


def _legend(tags: object, out: list[str]) -> None:
    """The header's tag legend: one mapping of :data:`LEGEND_FIELDS` per tag."""
    if not isinstance(tags, list):
        raise NotCanonical
    out.append("tags:" if tags else "tags: []")
    for tag in tags:
        if not isinstance(tag, dict) or list(tag) != list(LEGEND_FIELDS):
            raise NotCanonical
        for index, name in enumerate(LEGEND_FIELDS):
            out.append(f"{'- ' if index == 0 else '  '}{name}: {scalar(tag[name])}")


def _read_header(lines: _Lines, document: dict[str, Any]) -> None:
    """The header fields that :func:`dump` writes between the version and the articles."""
    for key in HEADER_FIELDS:
        line = lines.peek()
        if key != "tags":
            if line is not None and line.startswith(f"{key}: "):
                document[key] = _read_scalar(lines.take(f"{key}: "))
            continue
        if line == "tags: []":
            lines.index += 1
            document["tags"] = []
            continue
        if line != "tags:":
            continue
        lines.index += 1
        tags: list[dict[str, str]] = []
        while (line := lines.peek()) is not None and line.startswith(f"- {LEGEND_FIELDS[0]}: "):
            tags.append({name: _read_scalar(lines.take(f"{'- ' if i == 0 else '  '}{name}: ")) for i, name in enumerate(LEGEND_FIELDS)})
        if not tags:
            raise NotCanonical
        document["tags"] = tags


_ARTICLE_HEAD = ("title", "path", "sha256", "meta")
#: The article's normalized-text hash, between ``sha256`` and ``meta`` when known (older exports lack it).
_CONTENT = "content"
_RECORD_LISTS = ("annotations", "orphans")


def dump(document: dict[str, Any]) -> str:
    """Write an export document (the shape :func:`annotations.exchange.export.build_export` makes).

    Raises :class:`NotCanonical` for a document of another shape.
    """
    keys = list(document)
    header = keys[1:-1]
    if keys[:1] != ["newsmark_export"] or keys[-1:] != ["articles"] or header != [k for k in HEADER_FIELDS if k in header]:
        raise NotCanonical
    out = [f"newsmark_export: {_int(document['newsmark_export'])}"]
    for key in header:
        if key == "tags":
            _legend(document[key], out)
        else:
            out.append(f"{key}: {scalar(document[key])}")
    meta_budget = _MetaBudget()
    articles = document["articles"]
    out.append("articles:" if articles else "articles: []")
    for article in articles:
        keys = list(article)
        head = [*_ARTICLE_HEAD[:3], _CONTENT, _ARTICLE_HEAD[3]] if _CONTENT in article else list(_ARTICLE_HEAD)
        lists = keys[len(head) :]
        if keys[: len(head)] != head or any(k not in _RECORD_LISTS for k in lists) or lists != sorted(lists, key=_RECORD_LISTS.index):
            raise NotCanonical
        out.append(f"- title: {scalar(article['title'])}")
        out.append(f"  path: {scalar(article['path'])}")
        out.append(f"  sha256: {scalar(article['sha256'])}")
        if _CONTENT in article:
            out.append(f"  content: {scalar(article[_CONTENT])}")
        out.append(f"  meta: {meta_budget.spend(dump_with_pyyaml(article['meta'], flow=True).strip())}")
        for key in lists:
            records = article[key]
            out.append(f"  {key}:" if records else f"  {key}: []")
            for record in records:
                _record(record, out)
    body = "\n".join(out) + "\n"
    return body + f"{SEAL}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


# -- reading ------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _read_scalar(text: str) -> str:
    """The string a one-line scalar holds, if :func:`scalar` writes it so (remembered:
    most fields of an export repeat, an annotator, a stamp, a record's text as its quote)."""
    if not text.startswith('"'):
        if not _plain_ok(text):
            raise NotCanonical
        return text
    try:
        value, end = _JSON.raw_decode(text)
    except ValueError:
        raise NotCanonical from None
    if not isinstance(value, str) or end != len(text) or _plain_ok(value):
        raise NotCanonical
    # Without a backslash the text is the value between quotes; the writer escapes only
    # the characters YAML takes raw differently (checked), so it wrote exactly this.
    if ("\\" in text and _quoted(value) != text) or _YAML_UNSAFE.search(text):
        raise NotCanonical
    return value


def _read_int(text: str) -> int:
    if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
        return int(text)  # the common case, as _DECIMAL takes it, without the pattern
    if not _DECIMAL.match(text):
        raise NotCanonical
    return int(text)


def _read_tags(text: str) -> list[str]:
    if not (text.startswith("[") and text.endswith("]")):
        raise NotCanonical
    inner = text[1:-1]
    items = inner.split(", ") if inner else []
    values = [json.loads(item) if item.startswith('"') else item for item in items]
    if _tags(values) != text:
        raise NotCanonical
    return values


class _Lines:
    """The lines of a document being read, with a cursor."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.index = 0

    def peek(self) -> str | None:
        return self.lines[self.index] if self.index < len(self.lines) else None

    def take(self, prefix: str) -> str:
        """The rest of the next line, which must start with ``prefix``."""
        line = self.peek()
        if line is None or not line.startswith(prefix):
            raise NotCanonical
        self.index += 1
        return line[len(prefix) :]

    def block(self, header: str, indent: str) -> str:
        """A literal block scalar's value; it must be written as :func:`_block` writes it."""
        match = re.fullmatch(r"\|([-+]?)", header)
        if not match:
            raise NotCanonical
        start = self.index
        lines: list[str] = []
        while (line := self.peek()) is not None and (line == "" or line.startswith(indent)):
            lines.append(line[len(indent) :])
            self.index += 1
        chomp = match.group(1)
        if chomp == "+":
            value = "\n".join(lines) + "\n"
        else:
            value = "\n".join(lines) + ("" if chomp == "-" else "\n")
        if _block(value, indent) != "\n".join([header, *self.lines[start : self.index]]):
            raise NotCanonical
        return value


def _reader(spec: FieldSpec) -> Callable[[str], Any]:
    if spec.kind is int:
        return _read_int
    if spec.kind is list:
        return _read_tags
    return _read_scalar


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


def _read_record(lines: _Lines) -> dict[str, Any]:
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
        following = lines.peek()
        if following is not None and following.startswith(_RECORD_INDENT):
            raise NotCanonical
        return record if _NESTED_LAST else {name: record[name] for name in _RECORD_NAMES}
    return _read_record_line_by_line(lines)


def _read_record_line_by_line(lines: _Lines) -> dict[str, Any]:
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
    following = lines.peek()
    if following is not None and following.startswith(_RECORD_INDENT):
        raise NotCanonical
    return record


def split_seal(text: str) -> tuple[str, bool | None]:
    """The text without its checksum line, and whether the checksum matches it (None
    if there is no checksum line: a file not written by newsmark, or cut short)."""
    cut = text.rfind("\n" + SEAL)
    if cut < 0:
        return text, None
    body, seal = text[: cut + 1], text[cut + 1 :]
    match = _SEAL_LINE.match(seal)
    if match is None:
        return text, None
    return body, hashlib.sha256(body.encode("utf-8")).hexdigest() == match.group(1)


def load(text: str) -> dict[str, Any]:
    """Read text written by :func:`dump`; raise :class:`NotCanonical` for anything else."""
    body, _sealed = split_seal(text)
    lines = _Lines(body)
    meta_budget = _MetaBudget()
    document: dict[str, Any] = {"newsmark_export": _read_int(lines.take("newsmark_export: "))}
    _read_header(lines, document)
    articles_line = lines.peek()
    if articles_line not in ("articles:", "articles: []"):
        raise NotCanonical
    lines.index += 1
    articles: list[dict[str, Any]] = []
    document["articles"] = articles
    while lines.peek() is not None:
        article: dict[str, Any] = {
            "title": _read_scalar(lines.take("- title: ")),
            "path": _read_scalar(lines.take("  path: ")),
            "sha256": _read_scalar(lines.take("  sha256: ")),
        }
        if (line := lines.peek()) is not None and line.startswith(f"  {_CONTENT}: "):
            article[_CONTENT] = _read_scalar(lines.take(f"  {_CONTENT}: "))
        meta_text = meta_budget.spend(lines.take("  meta: "))
        try:
            article["meta"] = yaml.load(meta_text, Loader=SafeLoader)
        except yaml.YAMLError:
            raise NotCanonical from None
        if not isinstance(article["meta"], dict) or dump_with_pyyaml(article["meta"], flow=True).strip() != meta_text:
            raise NotCanonical
        for key in _RECORD_LISTS:
            header = lines.peek()
            if header not in (f"  {key}:", f"  {key}: []"):
                continue
            lines.index += 1
            records: list[dict[str, Any]] = []
            while (line := lines.peek()) is not None and line.startswith("  - "):
                records.append(_read_record(lines))
            if (header.endswith("[]")) == bool(records):
                raise NotCanonical
            article[key] = records
        articles.append(article)
    if (articles_line == "articles: []") == bool(articles):
        raise NotCanonical
    return document


def is_sealed(text: str) -> bool | None:
    """Whether an export's checksum line matches its text (None: it has none)."""
    return split_seal(text)[1]
