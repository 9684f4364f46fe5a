"""``newsmark import FILE --from w3c|hypothesis``: another tool's annotations into the store.

Everything is read, found and anchored before anything is written: a file that is not
such JSON, an annotation whose article is not found (and no ``--article``), or a
``--tag-map`` naming no tag of ours is one error line, and the store stays as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from .common import UsageError, open_store, tag_names
from .status import ExitStatus

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.exchange.foreign import ForeignAnnotation
    from annotations.model import Article
    from annotations.schema import TagSchema
    from annotations.store.folder import Store
    from annotations.store.records import Record

    from .import_sources import ArticleFinder


def tag_map(values: list[str] | None, schema: TagSchema) -> dict[str, str]:
    """``--tag-map THEIRS=OURS`` options as a mapping; a :class:`UsageError` for one
    without ``=`` or whose OURS is no tag of the schema."""
    from annotations.errors import ConfigError

    mapping: dict[str, str] = {}
    given: dict[str, tuple[str, str]] = {}  # their tag, casefolded: the option that mapped it, our tag
    for value in values or []:
        theirs, equals, ours = value.partition("=")
        if not equals or not theirs.strip() or not ours.strip():
            raise UsageError("--tag-map", f"{value!r} is not THEIRS=OURS")
        name = tag_names([ours.strip()], schema)[0]
        try:
            schema.require([name])
        except ConfigError as error:
            raise UsageError("--tag-map", f"{value!r}: {error.reason}") from None
        key = theirs.strip().casefold()
        first, ours_before = given.setdefault(key, (value, name))
        if ours_before != name:
            raise UsageError("--tag-map", f"{first!r} and {value!r} map one tag (tags match in any case) to two tags")
        mapping[theirs.strip()] = name
    return mapping


def by_article(
    annotations: list[ForeignAnnotation], finder: ArticleFinder, named: str | None
) -> dict[str, tuple[Article, list[ForeignAnnotation]]]:
    """The annotations grouped by the article each is on (all on ``named`` if given)."""
    grouped: dict[str, tuple[Article, list[ForeignAnnotation]]] = {}
    placed: defaultdict[str, list[ForeignAnnotation]] = defaultdict(list)
    for annotation in annotations:
        article = finder.named(named) if named is not None else finder.for_source(annotation.source)
        grouped.setdefault(article.path, (article, placed[article.path]))
        placed[article.path].append(annotation)
    return grouped


def stored_records(store: Store, article: Article) -> list[Record]:
    """The records the store holds for ``article`` (none if it holds nothing)."""
    from annotations.store.identity import content_hash, find_article_file

    found = find_article_file(store, article.path, content=content_hash(article), sha256=article.sha256)
    return found.records() if found.exists else []


def import_foreign(args: argparse.Namespace, settings: Settings) -> ExitStatus:
    """Read, anchor and merge one file of another tool's annotations; print what it did."""
    from annotations.exchange.foreign import parse_file
    from annotations.exchange.foreign_import import ForeignSummary, KeptApart, RecordMaker, TagMapper, article_import
    from annotations.exchange.importing import import_articles, refused_line
    from annotations.store.holding import LockMode
    from annotations.store.records import utc_now

    from .import_sources import ArticleFinder

    if len(args.files) != 1:
        raise UsageError(args.files[1], "--from imports one file at a time")
    path = args.files[0]
    mapper = TagMapper(settings.schema, tag_map(args.tag_map, settings.schema))
    foreign = parse_file(args.from_tool, path, utc_now(), streams=True)
    summary = ForeignSummary(left_out=foreign.left_out)
    with open_store(settings, LockMode.ARTICLES) as store:
        finder = ArticleFinder(store, settings, args)
        imports = []
        for article, annotations in by_article(foreign.annotations, finder, args.article).values():
            maker = RecordMaker(article, mapper, summary, annotator=args.annotator_name, default=settings.annotator)
            apart = KeptApart(stored_records(store, article), args.from_tool, summary)
            records = [record for annotation in annotations for record in apart.settle(maker.records(annotation))]
            if records:
                loaded = article_import(article, records, path)
                if (refused := refused_line(path, loaded)) is not None:
                    print(f"newsmark: warning: {escape_controls(refused)}", file=sys.stderr)
                imports.extend(loaded)
        merged = import_articles(store, imports, take_file=args.take_file, keep=settings.annotator, final=settings.final_annotator)
    print(escape_controls(f"{path}: {summary.line()}"))
    print(merged.line())
    for difference in merged.kept:
        print(escape_controls(difference.line()))
    return ExitStatus.OK
