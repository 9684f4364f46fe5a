"""The scalars of newsmark's export layout: each string, number and tag list written in a
style PyYAML reads back as the same value, and read back only when written so.

A string is plain where PyYAML's resolver says ``str``, otherwise a JSON-escaped
double-quoted scalar; multi-line notes may be literal blocks. The readers raise
:class:`NotCanonical` for any scalar the writers would not have written exactly so
(see :mod:`annotations.exchange.yaml_layout`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import yaml

# no space or colon last (one pattern: a second search for the end scanned the whole text).
_PLAIN = re.compile(
    "[A-Za-z0-9_./(](?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]*"
    "[^\\s:\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069])?\\Z"
)
# Plain items of a flow list ([claim, figure]) hold none of the flow indicators.
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
# Characters YAML will not take raw in a double-quoted scalar (non-printable, or line
# breaks), and the bidi embedding, override and isolate controls: YAML takes those raw,
# but an export is read in terminals and editors too, where they would reorder what is
# shown (a path from the file system may hold them, article text keeps them). Written as
# \u escapes, they read back as the same text.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_BLOCK_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


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


# -- scalars ------------------------------------------------------------------------


def _reads_as_string(value: str) -> bool:
    """Whether PyYAML's resolver reads the plain scalar ``value`` as a string."""
    pattern = _IMPLICIT.get(value[:1])
    return pattern is None or pattern.match(value) is None


def scalar(value: object) -> str:
    """A one-line YAML scalar that PyYAML reads back as exactly ``value`` (a string)."""
    if not isinstance(value, str):
        raise NotCanonical
    return scalar_text(value)


@lru_cache(maxsize=65536)
def scalar_text(value: str) -> str:
    """A one-line scalar for a value known to be a string (remembered: exports repeat text)."""
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


def block_scalar(value: object, indent: str) -> str | None:
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


def int_scalar(value: object) -> str:
    """A whole number (never a bool) as YAML writes it."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise NotCanonical
    return str(value)


def tag_list(value: object) -> str:
    """A list of tag names as a one-line flow list."""
    if not isinstance(value, list):
        raise NotCanonical
    return f"[{', '.join(_flow_item(t) for t in value)}]"


@lru_cache(maxsize=65536)
def read_scalar(text: str) -> str:
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


def read_int(text: str) -> int:
    """The whole number a scalar holds, if :func:`int_scalar` writes it so."""
    if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
        return int(text)  # the common case, as _DECIMAL takes it, without the pattern
    if not _DECIMAL.match(text):
        raise NotCanonical
    return int(text)


def read_tags(text: str) -> list[str]:
    """The tag names a flow list holds, if :func:`tag_list` writes it so."""
    if not (text.startswith("[") and text.endswith("]")):
        raise NotCanonical
    inner = text[1:-1]
    items = inner.split(", ") if inner else []
    values = [json.loads(item) if item.startswith('"') else item for item in items]
    if tag_list(values) != text:
        raise NotCanonical
    return values


class Lines:
    """The lines of a document being read, with a cursor."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.index = 0

    def peek(self) -> str | None:
        """The next line, or None at the end."""
        return self.lines[self.index] if self.index < len(self.lines) else None

    def take(self, prefix: str) -> str:
        """The rest of the next line, which must start with ``prefix``."""
        line = self.peek()
        if line is None or not line.startswith(prefix):
            raise NotCanonical
        self.index += 1
        return line[len(prefix) :]

    def block(self, header: str, indent: str) -> str:
        """A literal block scalar's value; it must be written as :func:`block_scalar` writes it."""
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
        if block_scalar(value, indent) != "\n".join([header, *self.lines[start : self.index]]):
            raise NotCanonical
        return value
