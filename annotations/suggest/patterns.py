"""Suggestion patterns: the built-in YAML file, a user's file over it, validated.

A pattern file maps each tag to a list of patterns (see ``defaults.yaml`` for the
layout). Every problem is refused with one line naming the file and the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from annotations.errors import ConfigError
from annotations.schema import TagSchema, is_tag_name
from annotations.suggest.regex import SPACE, WORD, Regex, RegexError, compile_regex, escape

#: The largest pattern file read (a pattern file is a few KB).
MAX_PATTERN_BYTES = 1_000_000
_PATTERN_FIELDS = frozenset({"id", "words", "regex", "unless", "case", "disabled"})
_TAG_FIELDS = frozenset({"patterns", "replace", "like"})
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern of one tag: ``name`` is ``tag/id``."""

    tag: str
    id: str
    matcher: Regex
    veto: Regex | None = None

    @property
    def name(self) -> str:
        """``tag/id``: how decisions and reasons name the pattern."""
        return f"{self.tag}/{self.id}"

    def match(self, text: str) -> str | None:
        """The words of ``text`` this pattern matches (None if it does not, or is vetoed)."""
        words = self.find(text.encode("utf-8", "surrogatepass"))
        return None if words is None else words.decode("utf-8", "replace")

    def find(self, text: bytes) -> bytes | None:
        """The words of UTF-8 ``text`` this pattern matches (None if it does not, or is
        vetoed): a sentence is encoded once for all the patterns."""
        found = self.matcher.find(text)
        if found is None or (self.veto is not None and self.veto.find(text) is not None):
            return None
        return found


PatternSet = dict[str, tuple[Pattern, ...]]
"""Patterns by tag name."""


def builtin_text() -> str:
    """The built-in pattern file's text (package data)."""
    return resources.files("annotations.suggest").joinpath("defaults.yaml").read_text(encoding="utf-8")


def load_patterns(schema: TagSchema, user_file: Path | None = None) -> PatternSet:
    """The patterns for ``schema``'s tags, in schema order: the built-in ones, then
    ``user_file`` over them.

    Built-in patterns of tags the schema lacks are left out; a user's file may name only
    the schema's tags.
    """
    builtin = _parse_file(_load_yaml(builtin_text(), "built-in patterns"), "built-in patterns", None)
    raw: dict[str, dict[str, dict[str, Any]]] = {tag: dict(patterns) for tag, patterns in builtin.items() if schema.get(tag)}
    if user_file is not None:
        text = _read(user_file)
        for tag, spec in _parse_file(_load_yaml(text, user_file), user_file, schema).items():
            raw[tag] = spec
    return {
        tag: tuple(_compile(tag, pid, spec) for pid, spec in raw[tag].items() if not spec.get("disabled"))
        for tag in schema.names
        if tag in raw
    }


def _read(path: Path) -> str:
    from annotations.files import read_user_file

    try:
        data = read_user_file(path, ConfigError, what="pattern file", max_bytes=MAX_PATTERN_BYTES)
    except FileNotFoundError:
        raise ConfigError(path, "no such pattern file (suggest_patterns: in the config)") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "a pattern file must be UTF-8 text") from None


def _load_yaml(text: str, where: str | Path) -> object:
    import yaml

    from annotations.safe_yaml import SafeLoader, error_line

    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        line = error_line(error, text)
        at = f" at line {line}" if line is not None else ""
        raise ConfigError(where, f"not valid YAML{at}: {getattr(error, 'problem', None) or error}") from None


def _parse_file(data: object, where: str | Path, schema: TagSchema | None) -> dict[str, dict[str, dict[str, Any]]]:
    """Raw patterns by tag and id; with a ``schema``, as a user's file over the built-ins."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(where, "a pattern file maps each tag to a list of patterns")
    builtin = None if schema is None else _parse_file(_load_yaml(builtin_text(), "built-in patterns"), "built-in patterns", None)
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for tag, value in data.items():
        if not isinstance(tag, str) or not is_tag_name(tag):
            raise ConfigError(where, f"{tag!r}: not a tag name")
        if schema is not None and schema.get(tag) is None:
            raise ConfigError(where, f"{tag}: no such tag in the config (known: {', '.join(schema.names)})")
        base, items = _tag_entry(tag, value, builtin, where)
        result[tag] = {**base, **_parse_patterns(tag, items, where)}
    return result


def _tag_entry(
    tag: str, value: object, builtin: dict[str, dict[str, dict[str, Any]]] | None, where: str | Path
) -> tuple[dict[str, dict[str, Any]], object]:
    """A tag's entry: the patterns it starts from (the built-in tag's, or those it is
    ``like``; none when it replaces them or for the built-ins themselves) and its own."""
    if not isinstance(value, Mapping):
        return ({} if builtin is None else dict(builtin.get(tag, {}))), value
    unknown = sorted(str(k) for k in value if k not in _TAG_FIELDS)
    if unknown:
        raise ConfigError(where, f"{tag}: unknown field {unknown[0]!r} (known: like, patterns, replace)")
    like = value.get("like")
    base: dict[str, dict[str, Any]] = {}
    if like is not None:
        if builtin is None or not isinstance(like, str) or like not in builtin:
            raise ConfigError(where, f"{tag}: like: names no built-in tag (built-in: {', '.join(builtin or ())})")
        base = dict(builtin[like])
    elif builtin is not None and not value.get("replace"):
        base = dict(builtin.get(tag, {}))
    return base, value.get("patterns", [])


def _parse_patterns(tag: str, items: object, where: str | Path) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        raise ConfigError(where, f"{tag}: must be a list of patterns (each with id and words or regex)")
    patterns: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items, start=1):
        at = f"{tag}[{index}]"
        if not isinstance(item, Mapping):
            raise ConfigError(where, f"{at}: a pattern is a mapping with id and words or regex")
        unknown = sorted(str(k) for k in item if k not in _PATTERN_FIELDS)
        if unknown:
            raise ConfigError(where, f"{at}: unknown field {unknown[0]!r} (known: {', '.join(sorted(_PATTERN_FIELDS))})")
        pid = item.get("id")
        if not isinstance(pid, str) or not _ID.match(pid):
            raise ConfigError(where, f"{at}: id must be 1-48 lowercase letters, digits, '-' or '_'")
        if pid in patterns:
            raise ConfigError(where, f"{at} ({pid}): the id is used twice")
        if not item.get("disabled"):
            _check_pattern(item, f"{at} ({pid})", where)
        patterns[pid] = dict(item)
    return patterns


def _check_pattern(item: Mapping[str, Any], at: str, where: str | Path) -> None:
    """An enabled pattern's matcher: words or regex, and what it must not match (``unless``)."""
    if ("words" in item) == ("regex" in item):
        raise ConfigError(where, f"{at}: give words or regex (one of them)")
    _check_matcher(item, at, where)
    if "unless" in item:
        unless = item["unless"]
        if not isinstance(unless, Mapping) or ("words" in unless) == ("regex" in unless) or set(unless) - {"words", "regex"}:
            raise ConfigError(where, f"{at}: unless: must be a mapping with words or regex")
        _check_matcher(unless, f"{at} unless", where)


def _check_matcher(spec: Mapping[str, Any], at: str, where: str | Path) -> None:
    if "words" in spec:
        words = spec["words"]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(where, f"{at}: words must be a list of words or phrases")
    elif not isinstance(spec["regex"], str) or not spec["regex"]:
        raise ConfigError(where, f"{at}: regex must be text")
    try:
        compiled = _regex(spec, case=False)
    except RegexError as error:
        what = "regex is not valid" if "regex" in spec else "words make too big a regex"
        raise ConfigError(where, f"{at}: {what}: {error}{_hint(str(error))}") from None
    if compiled.find(b"") is not None:
        raise ConfigError(where, f"{at}: regex matches the empty text (it would match every sentence)")


def _hint(reason: str) -> str:
    """What to do about RE2's reason, where Python's ``re`` would have taken the regex."""
    if reason.startswith(("invalid perl operator", "invalid escape sequence")):
        return " (patterns are RE2 regexes: no lookarounds or backreferences, \\z for the end; see the README)"
    return ""


def _regex(spec: Mapping[str, Any], case: bool) -> Regex:
    if "regex" in spec:
        return compile_regex(str(spec["regex"]), case=case)
    # Phrases matched whole: between non-word characters (or the ends), longest first, in
    # group 1 (RE2 has no lookbehind for Python's (?<!\w)phrase(?!\w)).
    phrases = sorted((w.strip() for w in spec["words"]), key=len, reverse=True)
    body = "|".join(f"[{SPACE}]+".join(escape(part) for part in phrase.split()) for phrase in phrases)
    return compile_regex(rf"(?:^|[^{WORD}])({body})(?:[^{WORD}]|$)", case=case, group=1)


def _compile(tag: str, pid: str, spec: Mapping[str, Any]) -> Pattern:
    case = bool(spec.get("case", False))
    veto = _regex(spec["unless"], case) if "unless" in spec else None
    return Pattern(tag=tag, id=pid, matcher=_regex(spec, case), veto=veto)
