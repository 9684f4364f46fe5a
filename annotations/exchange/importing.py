"""Import newsmark exports: safe loading, strict validation, merge by record id.

Each record's fields are checked by :mod:`annotations.exchange.import_checks`; what a
person edited in a record that is not newer is compared by
:mod:`annotations.exchange.import_review`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError
from annotations.exchange.export import EXPORT_VERSION
from annotations.exchange.formats import format_of_file
from annotations.exchange.import_checks import (
    CLEANERS,
    Where,
    completeness,
    latest_acceptable,
    refuse_others,
    stamped_ahead,
    validate_record,
)
from annotations.exchange.import_review import Difference, differing_fields, taken_from_file
from annotations.files import read_user_file
from annotations.formats.frontmatter import MAX_META_BYTES, MetaError, meta_size, plain_meta
from annotations.store.article_file import ArticleFile
from annotations.store.folder import Store
from annotations.store.identity import find_article_file, remember
from annotations.store.records import ArticleRef, Record, instant, parse_timestamp

#: Larger files are refused before they are read (100,000 annotations export to ~67 MB).
MAX_IMPORT_BYTES = 80 * 1024 * 1024
_SHA256 = re.compile(r"\A[0-9a-f]{64}\Z")  # \Z: no newline after it, as $ allows


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
    refused: int = 0
    """How many of its records were left out: stamped more than a day ahead of this
    machine's clock (:data:`~annotations.exchange.import_checks.MAX_AHEAD`)."""
    complete_for: str | None = None
    """The annotator whose every record on this article the file holds (a split file's
    header says so), else None: only then does an import remove records."""
    ids: frozenset[str] = frozenset()
    """The id of every record the file holds for the article (those refused too)."""


@dataclass
class ImportSummary:
    """What an import did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    articles: set[str] = field(default_factory=set)
    """The store's files of the articles imported: one per article, however many files name it."""
    kept: list[Difference] = field(default_factory=list)
    """Records whose imported version differs but was not taken (the store's was kept)."""
    left_out: int = 0
    """The importer's own records that the file holds and this store deleted since (an
    own file older than the store): not brought back."""
    final_kept: int = 0
    """Final-layer records of an article this store adjudicates that a complete final file
    no longer holds: kept (made here since, or removed by another adjudicator)."""
    added_by: dict[str, int] = field(default_factory=dict)
    """How many records were added, by annotator (the importer's own, added, were made in
    another store under the same name)."""

    def line(self) -> str:
        """The one-line summary printed by ``newsmark import``."""
        line = (
            f"imported {len(self.articles)} article(s): {self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
        )
        if self.left_out:
            line += f", {self.left_out} removed in this store left out"
        edited = sum(not difference.older for difference in self.kept)
        if edited:
            line += f", {edited} differ (kept the store's; --take-file takes the file's)"
        if len(self.kept) - edited:
            line += f", {len(self.kept) - edited} older than the store's (kept the store's)"
        return line


def load_export_file(path: str | Path, *, streams: bool = False) -> list[ArticleImport]:
    """Read and validate one export file; raise :class:`ImportFormatError` naming the problem.

    Only a regular file is read, unless ``streams`` (a path the user named may be a pipe:
    ``import <(command)``; see :func:`~annotations.files.read_user_file`)."""
    path = Path(path)
    try:
        raw = read_user_file(path, ImportFormatError, what="an export file", max_bytes=MAX_IMPORT_BYTES, streams=streams)
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


def validate_export(document: Any, path: str | Path, *, now: _dt.datetime | None = None) -> list[ArticleImport]:
    """Check an export document against schema version 1; leave out (and count in
    :attr:`ArticleImport.refused`) records stamped more than a day after ``now`` (this
    machine's clock by default)."""
    where = Where(Path(path))
    if not isinstance(document, dict) or "newsmark_export" not in document:
        raise ImportFormatError(path, "not a newsmark export (no 'newsmark_export' version at the top)")
    version = document["newsmark_export"]
    if version != EXPORT_VERSION or isinstance(version, bool):
        raise ImportFormatError(path, f"export version {version!r} is not supported (this newsmark reads version {EXPORT_VERSION})")
    articles = document.get("articles")
    if not isinstance(articles, list):
        raise ImportFormatError(path, "'articles' must be a list")
    complete_for = completeness(document, Path(path))
    validated = [_validate_article(article, index, where) for index, article in enumerate(articles, start=1)]
    _refuse_repeated_ids(validated, where)
    limit = latest_acceptable(now)
    for article in validated:
        if complete_for is not None:
            refuse_others(Path(path), complete_for, article.records)
            article.complete_for, article.ids = complete_for, frozenset(record["id"] for record in article.records)
        kept = [record for record in article.records if not stamped_ahead(record, limit)]
        article.refused, article.records = len(article.records) - len(kept), kept
    return validated


def refused_line(path: str | Path, articles: list[ArticleImport]) -> str | None:
    """The one line an import prints for a file whose records were refused as stamped
    too far ahead (``None`` if none was)."""
    refused = sum(article.refused for article in articles)
    if not refused:
        return None
    return (
        f"{path}: {refused} record(s) refused: stamped more than a day ahead of this machine's clock "
        "(the file's other records are imported)"
    )


def _refuse_repeated_ids(articles: list[ArticleImport], where: Where) -> None:
    """An id names one record: two in one file would make the result depend on their order."""
    seen: dict[str, str] = {}
    for index, article in enumerate(articles, start=1):
        for number, record in enumerate(article.records, start=1):
            place = f"article {index} ({article.path}), record {number}"
            first = seen.setdefault(record["id"], place)
            if first != place:
                raise where.fail(place, f"id {record['id']!r} is used twice in this file (first in {first}); ids must be unique")


def _validate_article(article: Any, index: int, where: Where) -> ArticleImport:
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
    title, path = CLEANERS["title"](article["title"]), CLEANERS["path"](article["path"])
    for name, value in (("title", title), ("path", path)):
        if not value:
            raise where.fail(label, f"field '{name}' must be non-empty text")
    meta = _clean_meta(article.get("meta", {}), where, label)
    return ArticleImport(title, path, article["sha256"], meta, _article_records(article, label, where), article.get("content"))


def _article_records(article: dict[str, Any], label: str, where: Where) -> list[Record]:
    """An article's annotations, then its orphans, each record checked."""
    records: list[Record] = []
    for key, orphan in (("annotations", False), ("orphans", True)):
        items = article.get(key, [])
        if not isinstance(items, list):
            raise where.fail(label, f"field '{key}' must be a list")
        for number, item in enumerate(items, start=1):
            records.append(validate_record(item, f"{label}, {key[:-1]} {number}", where, orphan))
    return records


def _clean_meta(meta: Any, where: Where, label: str) -> dict[str, Any]:
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


def _check_plain(value: Any, where: Where, label: str, depth: int = 0) -> None:
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


def import_articles(
    store: Store, imports: list[ArticleImport], *, take_file: bool = False, keep: str | None = None, final: str | None = None
) -> ImportSummary:
    """Merge validated articles into ``store``: by record id, the newer ``updated`` wins.

    A record that is not newer but differs in what a person edits (see
    :mod:`~annotations.exchange.import_review`) is kept as stored and reported in
    :attr:`ImportSummary.kept`, or with ``take_file`` taken from the file, stamped newer.
    An article from a complete file (:attr:`ArticleImport.complete_for`) also loses that
    annotator's stored records that the file does not hold (nor any other complete file
    of theirs in this import), unless they are ``keep``'s, or the final layer's (``final``)
    where this store adjudicated the article: the importing annotator's own store is where
    their removals are made, and their own file may be older than it (see :func:`_authors`).
    Nobody else's records are touched.
    Each article's records are saved in one durable write; importing the same file
    twice changes nothing. An article another process writes when the import starts is
    refused before any is written; each article is locked only while it is merged (an
    import of thousands of articles holds one at a time), so one another process takes
    meanwhile stops the import there: what was merged before stays, and importing the
    same files again merges the rest.
    """
    summary = ImportSummary()
    held = _held_ids(imports)
    found = {article.path: find_article_file(store, article.path, content=article.content, sha256=article.sha256) for article in imports}
    store.require_free({found[article.path].path.stem: _known_as(found[article.path], article.path) for article in imports})
    previous: ArticleFile | None = None
    for article in imports:
        if previous is not None:
            store.release_article(previous)  # one article lock (and file) at a time
        # Resolved again now, under the article's content lock: an article imported just
        # before (the same text exported from another path) has its file by now.
        article_file = previous = find_article_file(store, article.path, content=article.content, sha256=article.sha256, write=True)
        summary.articles.add(str(article_file.path))
        authors = _authors(article_file, keep, final)
        changes = _changes(article, article_file, summary, take_file=take_file, keep=authors)
        gone = _removals(article, article_file, held, authors)
        summary.removed += len(gone)
        if final is not None and article.complete_for == final and final in authors and article_file.exists:
            # this store adjudicates the article: its decisions the file lacks are kept (newer
            # here), but another adjudicator may have removed them: said, not done
            summary.final_kept += len(_removals(article, article_file, held, authors - {final}))
        if not changes and not gone and article_file.exists:
            continue
        with article_file.transaction():
            if not article_file.exists:
                known = {"content": article.content} if article.content else {}
                article_file.set_meta(path=article.path, sha256=article.sha256, **known, title=article.title, meta=article.meta)
            article_file.put_many(changes)
            article_file.apply((record_id, None) for record_id in gone)
            article_file.drop_steps(set(gone))
        remember(store, article_file, path=article.path, content=article.content, sha256=article.sha256)
    if previous is not None:
        store.release_article(previous)
    return summary


def _held_ids(imports: list[ArticleImport]) -> dict[str, frozenset[str]]:
    """By annotator, the ids that any complete file of theirs in this import holds. Two
    such files of one article (two folders a merge brought, or the folder of its older
    text that an export of named files left) remove only what neither holds, whatever
    the order they are read in; an id names one record, so ids of other articles do no harm."""
    held: dict[str, frozenset[str]] = {}
    for article in imports:
        if article.complete_for is not None:
            held[article.complete_for] = held.get(article.complete_for, frozenset()) | article.ids
    return held


def _authors(article_file: ArticleFile, keep: str | None, final: str | None) -> frozenset[str]:
    """Whose records of this article this store makes and removes: the importer
    (``keep``), and the final layer (``final``) where this store adjudicated the article
    (changed its final records here): the adjudicator imports under her own name, and
    the final layer's file in the repository may be older than her latest decisions. A
    file of theirs, complete or not, never removes what this store made since, nor brings
    back what it removed."""
    authors = {keep} if keep is not None else set()
    if final is not None and article_file.exists and final in article_file.local_authors():
        authors.add(final)
    return frozenset(authors)


def _removals(article: ArticleImport, article_file: ArticleFile, held: dict[str, frozenset[str]], keep: frozenset[str]) -> list[str]:
    """The ids of the stored records of a complete file's annotator that the file (and
    every other complete file of theirs in this import) no longer holds; none for an
    annotator in ``keep`` (see :func:`_authors`)."""
    who = article.complete_for
    if who is None or who in keep or not article_file.exists:
        return []
    return [record["id"] for record in article_file.records() if record["annotator"] == who and record["id"] not in held[who]]


def _changes(
    article: ArticleImport, article_file: ArticleFile, summary: ImportSummary, *, take_file: bool, keep: frozenset[str]
) -> list[Record]:
    """The records of ``article`` to write over ``article_file``'s (new, newer, or taken
    from the file), each counted in ``summary``. A record of an annotator in ``keep``
    (the importer, and whoever changed the article's records here: see :func:`_authors`)
    that this store deleted after it was last changed is left out: this store is where
    their removals are made, and a file of theirs may be older than it."""
    ref: ArticleRef = {"sha256": article.sha256, "path": article.path, "title": article.title}
    changes: list[Record] = []
    deleted = article_file.deleted() if keep and article_file.exists else {}
    for imported in article.records:
        record = imported.copy()
        record["article"] = ref
        existing = article_file.record(record["id"])
        if existing is None and record["annotator"] in keep and _deleted_since(deleted.get(record["id"]), record):
            summary.left_out += 1
        elif existing is None:
            summary.added += 1
            summary.added_by[record["annotator"]] = summary.added_by.get(record["annotator"], 0) + 1
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
            older = parse_timestamp(record["updated"]) < parse_timestamp(existing["updated"])
            summary.kept.append(Difference(article.path, existing["sentence"], record["id"], differing, older))
    return changes


def _deleted_since(deleted_at: str | None, record: Record) -> bool:
    """Whether a record was deleted (at ``deleted_at``) after it was last changed."""
    return deleted_at is not None and instant(deleted_at) >= instant(record["updated"])


def _known_as(article_file: ArticleFile, path: str) -> str:
    """The article as this store knows it (the path it was last opened at here), for a
    message; the file's ``path`` (a colleague's machine's, maybe) when the store has none."""
    if article_file.exists:
        known = article_file.meta.get("path")
        if isinstance(known, str) and known:
            return known
    return path
