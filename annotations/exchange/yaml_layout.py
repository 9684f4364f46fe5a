"""A fast, exact YAML writer and reader for newsmark's own export layout.

PyYAML takes ~23 s to dump and ~46 s to load 100,000 annotations here, because it
represents and constructs every scalar in Python. Exports have a fixed shape, so this
module writes it directly, choosing for each string a style PyYAML reads back to the
same value (plain only where PyYAML's resolver says ``str``; otherwise a JSON-escaped
double-quoted scalar; block style for multi-line notes). The reader accepts exactly
that layout and raises :class:`NotCanonical` for anything else, so hand-edited files
fall back to PyYAML's safe loader: never a different answer, only a slower one.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

import yaml

from annotations.safe_yaml import SafeLoader

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
# Plain scalars we write: no indicator first, no ": " or " #", no flow or quote characters.
_PLAIN = re.compile("[A-Za-z0-9_./(][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*\\Z")
_PLAIN_END = re.compile(r"[^\s:]\Z")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# Characters YAML will not take raw in a double-quoted scalar (non-printable, or line breaks).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BLOCK_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")

RECORD_INT_FIELDS = frozenset({"sentence", "section", "start", "end"})


class NotCanonical(Exception):
    """The text is not in the layout this module writes; use a general YAML parser."""


def scalar(value: object) -> str:
    """A one-line YAML scalar that PyYAML reads back as exactly ``value`` (a string)."""
    if not isinstance(value, str):
        raise NotCanonical
    return _scalar(value)


@lru_cache(maxsize=65536)
def _scalar(value: str) -> str:
    if value and _PLAIN.match(value) and _PLAIN_END.search(value) and ": " not in value and " #" not in value and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG:
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


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


def _flow(value: Any) -> str:
    from annotations.exchange.export import ExportDumper

    return yaml.dump(value, Dumper=ExportDumper, allow_unicode=True, sort_keys=False, default_flow_style=True, width=1_000_000_000).strip()


def _int(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        raise NotCanonical
    return str(value)


def _record(record: dict[str, Any], out: list[str]) -> None:
    first = True
    for key, value in record.items():
        prefix = "  - " if first else "    "
        first = False
        if key == "selector":
            out.append(f"{prefix}selector:")
            if not isinstance(value, dict) or not value:
                raise NotCanonical
            for skey, svalue in value.items():
                out.append(f"      {skey}: {_int(svalue) if skey in RECORD_INT_FIELDS else scalar(svalue)}")
        elif key == "tags":
            if not isinstance(value, list):
                raise NotCanonical
            out.append(f"{prefix}tags: [{', '.join(scalar(t) for t in value)}]")
        elif key in RECORD_INT_FIELDS:
            out.append(f"{prefix}{key}: {_int(value)}")
        elif key == "note":
            block = _block(value, "      ")
            out.append(f"{prefix}note: {block if block is not None else scalar(value)}")
        else:
            out.append(f"{prefix}{key}: {scalar(value)}")


def dump(document: dict[str, Any]) -> str:
    """Write an export document (the shape :func:`annotations.exchange.export.build_export` makes).

    Raises :class:`NotCanonical` for a document of another shape.
    """
    out = [f"newsmark_export: {document['newsmark_export']}"]
    articles = document["articles"]
    if not articles:
        out.append("articles: []")
    else:
        out.append("articles:")
    for article in articles:
        out.append(f"- title: {scalar(article['title'])}")
        out.append(f"  path: {scalar(article['path'])}")
        out.append(f"  sha256: {scalar(article['sha256'])}")
        out.append(f"  meta: {_flow(article['meta'])}")
        for key in ("annotations", "orphans"):
            if key not in article:
                continue
            records = article[key]
            if not records:
                out.append(f"  {key}: []")
                continue
            out.append(f"  {key}:")
            for record in records:
                _record(record, out)
    body = "\n".join(out) + "\n"
    # A checksum of everything above: a reader that finds it intact knows every scalar
    # was written by dump(), so it can skip re-checking how YAML would read each one.
    return body + f"{_SEAL}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


_SEAL = "# newsmark-export-sha256: "


def _sealed_body(text: str) -> tuple[str, bool]:
    """The text without its checksum line, and whether the checksum matched."""
    cut = text.rfind("\n" + _SEAL, 0, len(text) - 1)
    if cut < 0 or not text.endswith("\n"):
        return text, False
    body, seal = text[:cut + 1], text[cut + 1 + len(_SEAL):-1]
    return body, hashlib.sha256(body.encode("utf-8")).hexdigest() == seal


# -- reading ------------------------------------------------------------------

_KEY_VALUE = re.compile(r"([a-z_0-9]+): ?(.*)\Z")


def _read_scalar(text: str) -> str:
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError:
            raise NotCanonical from None
        if not isinstance(value, str):
            raise NotCanonical
        return value
    if scalar(text) != text:
        raise NotCanonical
    return text


def _read_sealed_scalar(text: str) -> str:
    """A scalar of a file whose checksum matched: dump() made it, so plain means itself."""
    if text.startswith('"'):
        return _read_scalar(text)
    return text


def _read_int(text: str) -> int:
    if not _DECIMAL.match(text):
        raise NotCanonical
    return int(text)


def _read_tags(text: str) -> list[str]:
    if not (text.startswith("[") and text.endswith("]")):
        raise NotCanonical
    inner = text[1:-1]
    return [_read_scalar(item) for item in inner.split(", ")] if inner else []


class _Lines:
    def __init__(self, text: str, trusted: bool = False) -> None:
        self.trusted = trusted
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.index = 0

    def peek(self) -> str | None:
        return self.lines[self.index] if self.index < len(self.lines) else None

    def take(self, prefix: str) -> tuple[str, str]:
        line = self.peek()
        if line is None or not line.startswith(prefix):
            raise NotCanonical
        match = _KEY_VALUE.match(line[len(prefix):])
        if not match:
            raise NotCanonical
        self.index += 1
        return match.group(1), match.group(2)

    def block(self, header: str, indent: str) -> str:
        match = re.fullmatch(r"\|([-+]?)", header)
        if not match:
            raise NotCanonical
        lines: list[str] = []
        while (line := self.peek()) is not None and (line == "" or line.startswith(indent)):
            lines.append(line[len(indent):])
            self.index += 1
        chomp = match.group(1)
        if chomp == "+":
            return "\n".join(lines) + "\n"
        if lines and lines[-1] == "":
            raise NotCanonical  # we never write trailing blank lines without "+"
        return "\n".join(lines) + ("" if chomp == "-" else "\n")


_RECORD_KEYS = frozenset({"sentence", "section", "section_title", "text", "tags", "note", "annotator", "created", "updated", "id", "selector"})
_SELECTOR_KEYS = frozenset({"exact", "prefix", "suffix", "start", "end"})


def _split(line: str, indent: int, keys: frozenset[str]) -> tuple[str, str]:
    """``key: value`` after exactly ``indent`` characters of prefix; the key must be known."""
    key, colon, value = line[indent:].partition(":")
    if not colon or key not in keys or (value and value[0] != " "):
        raise NotCanonical
    return key, value[1:]


# The 16 lines of a record as dump() writes it when its note fits on one line.
_RECORD_LAYOUT = (
    "  - sentence: ", "    section: ", "    section_title: ", "    text: ", "    tags: ", "    note: ",
    "    annotator: ", "    created: ", "    updated: ", "    id: ", "    selector:",
    "      exact: ", "      prefix: ", "      suffix: ", "      start: ", "      end: ",
)
_STRING_ROWS = ((2, "section_title"), (3, "text"), (5, "note"), (6, "annotator"), (7, "created"), (8, "updated"), (9, "id"))


def _read_record_in_layout(lines: _Lines) -> dict[str, Any] | None:
    """The common case in one pass over 16 known lines; None if the record differs."""
    start = lines.index
    rows = lines.lines[start:start + 16]
    if len(rows) < 16 or rows[10] != "    selector:" or rows[5].startswith("    note: |"):
        return None
    for row, prefix in zip(rows, _RECORD_LAYOUT):
        if not row.startswith(prefix):
            return None
    after = lines.lines[start + 16] if start + 16 < len(lines.lines) else None
    if after is not None and after.startswith("    "):
        return None
    values = [row[len(prefix):] for row, prefix in zip(rows, _RECORD_LAYOUT)]
    read = _read_sealed_scalar if lines.trusted else _read_scalar
    record: dict[str, Any] = {"sentence": _read_int(values[0]), "section": _read_int(values[1])}
    for index, key in _STRING_ROWS:
        record[key] = read(values[index])
    record["tags"] = _read_tags(values[4])
    record["selector"] = {
        "exact": read(values[11]),
        "prefix": read(values[12]),
        "suffix": read(values[13]),
        "start": _read_int(values[14]),
        "end": _read_int(values[15]),
    }
    lines.index = start + 16
    return {key: record[key] for key in _RECORD_ORDER}


_RECORD_ORDER = ("sentence", "section", "section_title", "text", "tags", "note", "annotator", "created", "updated", "id", "selector")


def _read_record(lines: _Lines) -> dict[str, Any]:
    """One record: the hot loop of an import, so plain string tests rather than regexes."""
    fast = _read_record_in_layout(lines)
    if fast is not None:
        return fast
    record: dict[str, Any] = {}
    rows = lines.lines
    line = rows[lines.index]
    if not line.startswith("  - "):
        raise NotCanonical
    key, value = _split(line, 4, _RECORD_KEYS)
    lines.index += 1
    while True:
        if key in record:
            raise NotCanonical
        if key == "selector":
            if value:
                raise NotCanonical
            selector: dict[str, Any] = {}
            while lines.index < len(rows) and rows[lines.index].startswith("      "):
                skey, svalue = _split(rows[lines.index], 6, _SELECTOR_KEYS)
                lines.index += 1
                selector[skey] = _read_int(svalue) if skey in RECORD_INT_FIELDS else _read_scalar(svalue)
            record["selector"] = selector
        elif key in RECORD_INT_FIELDS:
            record[key] = _read_int(value)
        elif key == "tags":
            record[key] = _read_tags(value)
        elif key == "note" and value.startswith("|"):
            record[key] = lines.block(value, "      ")
        else:
            record[key] = _read_scalar(value)
        if lines.index >= len(rows):
            return record
        line = rows[lines.index]
        if not line.startswith("    ") or line.startswith("     "):
            return record
        key, value = _split(line, 4, _RECORD_KEYS)
        lines.index += 1


def load(text: str) -> dict[str, Any]:
    """Read text written by :func:`dump`; raise :class:`NotCanonical` for anything else."""
    body, sealed = _sealed_body(text)
    lines = _Lines(body, trusted=sealed)
    key, value = lines.take("")
    if key != "newsmark_export":
        raise NotCanonical
    document: dict[str, Any] = {"newsmark_export": _read_int(value)}
    key, articles_value = lines.take("")
    if key != "articles" or articles_value not in ("", "[]"):
        raise NotCanonical
    articles: list[dict[str, Any]] = []
    document["articles"] = articles
    while lines.peek() is not None:
        article: dict[str, Any] = {}
        key, value = lines.take("- ")
        if key != "title":
            raise NotCanonical
        article["title"] = _read_scalar(value)
        for expected in ("path", "sha256"):
            key, value = lines.take("  ")
            if key != expected:
                raise NotCanonical
            article[key] = _read_scalar(value)
        key, value = lines.take("  ")
        if key != "meta":
            raise NotCanonical
        try:
            article["meta"] = yaml.load(value, Loader=SafeLoader)
        except yaml.YAMLError:
            raise NotCanonical from None
        while (line := lines.peek()) is not None and line.startswith("  ") and not line.startswith("  - "):
            key, value = lines.take("  ")
            if key not in ("annotations", "orphans") or key in article or value not in ("", "[]"):
                raise NotCanonical
            records: list[dict[str, Any]] = []
            while (line := lines.peek()) is not None and line.startswith("  - "):
                records.append(_read_record(lines))
            if (value == "[]") == bool(records):
                raise NotCanonical
            article[key] = records
        articles.append(article)
    if (articles_value == "[]") == bool(articles):
        raise NotCanonical
    return document
