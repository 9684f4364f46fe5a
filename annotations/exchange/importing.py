"""Import newsmark exports: safe loading, strict validation, merge by record id."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError
from annotations.exchange.export import EXPORT_VERSION
from annotations.exchange.formats import format_of_file
from annotations.exchange.import_review import Difference, differing_fields, taken_from_file
from annotations.files import read_user_file
from annotations.formats.frontmatter import MAX_META_BYTES, MetaError, meta_size, plain_meta
from annotations.formats.hygiene import clean_field, clean_heading, clean_line, strip_controls
from annotations.schema import is_tag_name
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.identity import find_article_file, remember
from annotations.store.records import (
    RECORD_SPECS,
    ArticleRef,
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

#: Larger files are refused before they are read (100,000 annotations export to ~67 MB).
MAX_IMPORT_BYTES = 80 * 1024 * 1024
_SHA256 = re.compile(r"\A[0-9a-f]{64}\Z")  # \Z: no newline after it, as $ allows

#: How each imported text field is cleaned as it enters (see annotations.formats.hygiene):
#: what a person wrote by the field rules (a note keeps its tabs and line breaks, an
#: annotator is one line); copies of article text by the article's own rule, so an
#: export of what newsmark stored comes back byte for byte. ``path`` and ``id`` name
#: things and are kept as they are (they are shown escaped wherever they are shown).
_CLEANERS: dict[str, Callable[[str], str]] = {
    "title": clean_heading,
    "section_title": clean_heading,
    "text": strip_controls,
    "note": clean_field,
    "annotator": clean_line,
    "exact": strip_controls,
    "prefix": strip_controls,
    "suffix": strip_controls,
    "quote": strip_controls,
}


@dataclass
class ArticleImport:
    """One validated article of an import file."""

    title: str
    path: str
    sha256: str
    meta: dict[str, Any]
    records: list[Record]
    content: str | None = None
    """The hash of the article's normalized text (exports before it existed have none)."""


@dataclass
class ImportSummary:
    """What an import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    articles: set[str] = field(default_factory=set)
    kept: list[Difference] = field(default_factory=list)
    """Records whose imported version differs but was not taken (the store's was kept)."""

    def line(self) -> str:
        """The one-line summary printed by ``newsmark import``."""
        line = f"imported {len(self.articles)} article(s): {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.kept:
            line += f", {len(self.kept)} differ (kept the store's; --take-file takes the file's)"
        return line


def load_export_file(path: str | Path) -> list[ArticleImport]:
    """Read and validate one export file; raise :class:`ImportFormatError` naming the problem."""
    path = Path(path)
    try:
        raw = read_user_file(path, ImportFormatError, what="an export file", max_bytes=MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise ImportFormatError(path, "no such file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError(path, "not UTF-8 text") from None
    try:
        document, own_layout = format_of_file(path).load(text, path)
    except RecursionError:
        raise ImportFormatError(path, "nested too deeply to be an export") from None
    except (ValueError, OverflowError) as error:  # e.g. a number of thousands of digits
        raise ImportFormatError(path, f"cannot be read: {' '.join(str(error).split())[:200]}") from None
    if own_layout:  # only the meta mappings went through a general YAML parser
        for article in document["articles"]:
            _reject_shared_nodes(article.get("meta"), path)
    else:
        _reject_shared_nodes(document, path)
    return validate_export(document, path)


def _reject_shared_nodes(document: Any, path: Path) -> None:
    """Refuse YAML aliases: a list or mapping reached twice ("billion laughs")."""
    seen: set[int] = set()
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, dict)):
            if id(node) in seen:
                raise ImportFormatError(path, "YAML aliases (&anchor/*alias) are not accepted in an export")
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)


class _Where:
    """Builds the 'article 2 (path), annotation 5 (id)' part of an error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> ImportFormatError:
        return ImportFormatError(self.path, f"{where}: {problem}")


def validate_export(document: Any, path: str | Path) -> list[ArticleImport]:
    """Check an export document against schema version 1."""
    where = _Where(Path(path))
    if not isinstance(document, dict) or "newsmark_export" not in document:
        raise ImportFormatError(path, "not a newsmark export (no 'newsmark_export' version at the top)")
    version = document["newsmark_export"]
    if version != EXPORT_VERSION or isinstance(version, bool):
        raise ImportFormatError(path, f"export version {version!r} is not supported (this newsmark reads version {EXPORT_VERSION})")
    articles = document.get("articles")
    if not isinstance(articles, list):
        raise ImportFormatError(path, "'articles' must be a list")
    validated = [_validate_article(article, index, where) for index, article in enumerate(articles, start=1)]
    _refuse_repeated_ids(validated, where)
    return validated


def _refuse_repeated_ids(articles: list[ArticleImport], where: _Where) -> None:
    """An id names one record: two in one file would make the result depend on their order."""
    seen: dict[str, str] = {}
    for index, article in enumerate(articles, start=1):
        for number, record in enumerate(article.records, start=1):
            place = f"article {index} ({article.path}), record {number}"
            first = seen.setdefault(record["id"], place)
            if first != place:
                raise where.fail(place, f"id {record['id']!r} is used twice in this file (first in {first}); ids must be unique")


def _validate_article(article: Any, index: int, where: _Where) -> ArticleImport:
    label = f"article {index}"
    if not isinstance(article, dict):
        raise where.fail(label, "must be a mapping")
    if isinstance(article.get("path"), str):
        label = f"article {index} ({article['path']})"
    for name in ("title", "path", "sha256"):
        if not isinstance(article.get(name), str) or not article[name]:
            raise where.fail(label, f"field '{name}' must be non-empty text")
    for name in ("sha256", "content"):
        if (name in article or name == "sha256") and not (isinstance(article[name], str) and _SHA256.match(article[name])):
            raise where.fail(label, f"field '{name}' must be 64 lowercase hex digits")
    title = _CLEANERS["title"](article["title"])
    if not title:
        raise where.fail(label, "field 'title' must be non-empty text")
    meta = _clean_meta(article.get("meta", {}), where, label)
    records: list[Record] = []
    for key, orphan in (("annotations", False), ("orphans", True)):
        items = article.get(key, [])
        if not isinstance(items, list):
            raise where.fail(label, f"field '{key}' must be a list")
        for number, item in enumerate(items, start=1):
            records.append(_validate_record(item, f"{label}, {key[:-1]} {number}", where, orphan))
    return ArticleImport(title, article["path"], article["sha256"], meta, records, article.get("content"))


def _clean_meta(meta: Any, where: _Where, label: str) -> dict[str, Any]:
    """An article's meta checked as plain data, its keys and text cleaned, its size bounded."""
    if not isinstance(meta, dict):
        raise where.fail(label, "field 'meta' must be a mapping")
    _check_plain(meta, where, f"{label}, meta")
    try:
        plain = plain_meta(meta)
    except MetaError as error:
        raise where.fail(label, f"meta {error}") from None
    if meta_size(plain) > MAX_META_BYTES:
        raise where.fail(label, f"field 'meta' is too large (at most {MAX_META_BYTES // 1024} KB)")
    return plain


def _check_plain(value: Any, where: _Where, label: str, depth: int = 0) -> None:
    if depth > 20:
        raise where.fail(label, "nested too deeply")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise where.fail(label, f"key {key!r} must be text")
            _check_plain(item, where, label, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_plain(item, where, label, depth + 1)
    elif not isinstance(value, (str, int, float, bool, type(None))):
        raise where.fail(label, f"value of type {type(value).__name__} is not plain data")


Check = Callable[[Any, "_Where", str], Any]


def _text_check(spec: FieldSpec) -> Check:
    non_empty = spec.rule(NonEmpty) is not None
    limit = spec.rule(MaxLength)
    wanted = "non-empty text" if non_empty else "text"
    clean = _CLEANERS.get(spec.name)
    default = spec.rule(Default)
    pattern = spec.rule(Pattern)
    matches = re.compile(pattern.regex).match if pattern is not None else None

    def check(value: Any, where: _Where, label: str) -> str:
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

    def check(value: Any, where: _Where, label: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise where.fail(label, f"field '{spec.name}' must be a whole number >= {minimum}")
        return value

    return check


def _timestamp_check(spec: FieldSpec) -> Check:
    def check(value: Any, where: _Where, label: str) -> str:
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
    def check(value: Any, where: _Where, label: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(t, str) and is_tag_name(t) for t in value):
            raise where.fail(label, f"field '{spec.name}' must be a list of tag names")
        return list(dict.fromkeys(value))

    return check


def _mapping_check(spec: FieldSpec) -> Check:
    fields = _checks(spec.fields)
    names = ", ".join(sub.name for sub in spec.fields)

    def check(value: Any, where: _Where, label: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise where.fail(label, f"field '{spec.name}' must be a mapping with {names}")
        return _apply_checks(fields, value, where, f"{label}, {spec.name}")

    return check


def _check_for(spec: FieldSpec) -> Check:
    """The check of one field, chosen once from its kind and rules (a missing field with
    a default takes it: an export written before the field existed)."""
    check = _kind_check(spec)
    if not spec.has_default:
        return check
    default = spec.default

    def check_or_default(value: Any, where: _Where, label: str) -> Any:
        return default if value is None else check(value, where, label)

    return check_or_default


def _kind_check(spec: FieldSpec) -> Check:
    if spec.kind is dict:
        return _mapping_check(spec)
    if spec.kind is int:
        return _integer_check(spec)
    if spec.rule(TagNames) is not None:
        return _tag_names_check(spec)
    if spec.rule(Timestamp) is not None:
        return _timestamp_check(spec)
    return _text_check(spec)


def _checks(specs: tuple[FieldSpec, ...]) -> list[tuple[str, Check]]:
    return [(spec.name, _check_for(spec)) for spec in specs]


def _apply_checks(checks: list[tuple[str, Check]], item: dict[str, Any], where: _Where, label: str) -> dict[str, Any]:
    """Each field checked by its kind and rules, in schema order."""
    return {name: check(item.get(name), where, label) for name, check in checks}


#: The record's checks, derived from :data:`~annotations.store.records.RECORD_SPECS`.
_RECORD_CHECKS = _checks(RECORD_SPECS)
_ID_CHECK = dict(_RECORD_CHECKS)["id"]


def _validate_record(item: Any, label: str, where: _Where, orphan: bool) -> Record:
    if not isinstance(item, dict):
        raise where.fail(label, "must be a mapping")
    if isinstance(item.get("id"), str):
        label = f"{label} ({item['id']})"
    _ID_CHECK(item.get("id"), where, label)  # first: a record is named by its id
    record = _apply_checks(_RECORD_CHECKS, item, where, label)
    selector = record["selector"]
    if selector["end"] < selector["start"]:
        raise where.fail(f"{label}, selector", "'end' is before 'start'")
    record["orphan"] = orphan
    if orphan != (record["anchor"] == "orphan"):  # where it is listed says which it is
        record["anchor"] = "orphan" if orphan else "exact"
    return record  # type: ignore[return-value]


def import_articles(store: Store, imports: list[ArticleImport], *, take_file: bool = False) -> ImportSummary:
    """Merge validated articles into ``store``: by record id, the newer ``updated`` wins.

    A record that is not newer but differs in what a person edits (see
    :mod:`~annotations.exchange.import_review`) is kept as stored and reported in
    :attr:`ImportSummary.kept`, or with ``take_file`` taken from the file, stamped newer.
    Each article's records are saved in one durable write; importing the same file
    twice changes nothing. An article another process writes when the import starts is
    refused before any is written; each article is locked only while it is merged (an
    import of thousands of articles holds one at a time), so one another process takes
    meanwhile stops the import there: what was merged before stays, and importing the
    same files again merges the rest.
    """
    summary = ImportSummary()
    found = {article.path: find_article_file(store, article.path, content=article.content, sha256=article.sha256) for article in imports}
    store.require_free({found[article.path].path.stem: article.path for article in imports})
    previous: ArticleFile | None = None
    for article in imports:
        if previous is not None:
            store.release_article(previous)  # one article lock (and file) at a time
        summary.articles.add(article.path)
        # Resolved again now, under the article's content lock: an article imported just
        # before (the same text exported from another path) has its file by now.
        article_file = previous = find_article_file(store, article.path, content=article.content, sha256=article.sha256, write=True)
        ref: ArticleRef = {"sha256": article.sha256, "path": article.path, "title": article.title}
        changes: list[Record] = []
        for imported in article.records:
            record = imported.copy()
            record["article"] = ref
            existing = article_file.record(record["id"])
            if existing is None:
                summary.added += 1
                changes.append(record)
            elif parse_timestamp(record["updated"]) > parse_timestamp(existing["updated"]):
                summary.updated += 1
                changes.append(record)
            elif not (differing := differing_fields(existing, record)):
                summary.unchanged += 1
            elif take_file:
                summary.updated += 1
                changes.append(taken_from_file(existing, record))
            else:
                summary.kept.append(Difference(article.path, existing["sentence"], record["id"], differing))
        if not changes and article_file.exists:
            continue
        with article_file.transaction():
            if not article_file.exists:
                known = {"content": article.content} if article.content else {}
                article_file.set_meta(path=article.path, sha256=article.sha256, **known, title=article.title, meta=article.meta, position=1)
            article_file.put_many(changes)
        remember(store, article_file, path=article.path, content=article.content, sha256=article.sha256)
    if previous is not None:
        store.release_article(previous)
    return summary
