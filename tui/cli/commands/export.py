"""``newsmark export [FILE...] [--tag T]... [--by A]... [--all] [--format F] [-o OUT|-] [--split DIR]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import NewsmarkError, escape_controls

from ..common import UsageError, open_articles, open_store, read_named_articles, settings_for, tag_names, write_result
from ..picking import add_pick_options, picked, record_counts, warn_nothing_picked
from ..status import ExitStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence
    from typing import Any

    from annotations.config import Settings
    from annotations.exchange.export import ArticleEntry
    from annotations.store.article_annotations import ArticleAnnotations
    from annotations.store.folder import Store

    from ..parser import Subcommands

NAME = "export"
SUMMARY = "export annotations as YAML (schema version 1), JSON, CSV, W3C Web Annotation or ClaimReview"
DESCRIPTION = (
    "Export annotations: of every stored article, or only of the FILEs (folders: every article in them) re-read "
    "from disk. YAML and JSON hold the whole record; CSV is one row per annotation for spreadsheets; w3c is a W3C "
    "Web Annotation collection (JSON-LD) for Hypothesis and other annotation tools; claimreview is schema.org "
    "ClaimReview JSON-LD of every claim with a final verdict, for publishing."
)
EXAMPLES = (
    "newsmark export -o all.yaml",
    "newsmark export ~/news/ --tag concern --by ana",
    "newsmark export article.txt --format csv -o article.csv",
    "newsmark export article.txt --format w3c -o article.jsonld",
    "newsmark export --split ~/team-repo",
    "newsmark export --split ~/team-repo --by ana --by bo",
    "newsmark export --format claimreview --by final -o reviews.jsonld",
)


def register(subparsers: Subcommands) -> None:
    """Add ``export`` and its arguments (the formats: the export-format registry's)."""
    from annotations.exchange.formats import DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS

    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER, lists_tags=True)
    parser.add_argument("files", metavar="FILE", nargs="*", help="only these articles, or folders of them (default: every stored article)")
    parser.add_argument("--tag", action="append", metavar="T", help="only records with this tag (name or key letter; repeatable)")
    add_pick_options(parser, default="everyone's; with --split: yours, --annotator's")
    parser.add_argument(
        "--format",
        choices=tuple(EXPORT_FORMATS),
        default=DEFAULT_EXPORT_FORMAT,
        help=f"file format (default: {DEFAULT_EXPORT_FORMAT}; csv is one row per annotation; w3c a W3C Web Annotation collection)",
    )
    parser.add_argument("-o", "--output", metavar="OUT", default="-", help="output file, written atomically (default: - for stdout)")
    parser.add_argument(
        "--organisation", metavar="NAME", help="with --format claimreview: who publishes the reviews (config: organisation:)"
    )
    parser.add_argument(
        "--review-url", metavar="URL", help="with --format claimreview: each review's address, {id} for its id (config: review_url:)"
    )
    parser.add_argument(
        "--timestamp",
        action="store_true",
        help="add the export time (exported:) to the header; without it the same store exports the same bytes",
    )
    parser.add_argument(
        "--split",
        metavar="DIR",
        help="write one YAML file per article and annotator into DIR (DIR/<article>-<hash>/<annotator>.yaml; "
        "your records, --annotator's if given; --by or --all for others'), for a shared git repository",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Write the export to ``-o`` (stdout by default), or one file per article and annotator."""
    from annotations.exchange.export import export_annotations
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    tags = settings.schema.require(tag_names(args.tag, settings.schema))
    if args.split is not None:
        return split_export(args, settings)
    annotators = picked(args, NAME)
    extra = _claimreview(args, settings)
    articles = read_named_articles(args.files, settings)
    with open_store(settings, LockMode.READ) as store:
        opened = open_articles(store, articles, settings) if articles else None
        result = export_annotations(
            store,
            opened,
            tags=tags,
            annotators=annotators,
            fmt=args.format,
            cache=settings.sentence_cache,
            schema=settings.schema,
            timestamp=args.timestamp,
            extra=extra,
        )
        held = record_counts(stored_entries(store, opened, (), settings), tags) if annotators and not result.annotations else None
    if held is not None:
        warn_nothing_picked(annotators, held, tags)
    summary = result.summary if extra is None else _reviews_summary(len(json.loads(result.data)))
    write_result(result.data, args.output, summary, "export")
    return ExitStatus.OK


def _reviews_summary(count: int) -> Callable[[str], str]:
    """What a ClaimReview export says it wrote."""

    def summary(target: str) -> str:
        return f"exported {count} claim review(s) to {target}"

    return summary


def _claimreview(args: argparse.Namespace, settings: Settings) -> dict[str, Any] | None:
    """What a ClaimReview export needs beyond the records (None for other formats): the
    organisation and review URL (options over the config), checked."""
    given = [name for name, value in (("--organisation", args.organisation), ("--review-url", args.review_url)) if value is not None]
    if args.format != "claimreview":
        if given:
            raise UsageError(None, f"export: {given[0]} goes with --format claimreview")
        return None
    from annotations.exchange.claimreview import SETTINGS_KEY, review_settings

    organisation = args.organisation if args.organisation is not None else settings.organisation
    review_url = args.review_url if args.review_url is not None else settings.review_url
    given_as = (args.organisation is not None, args.review_url is not None)
    checked = review_settings(settings.schema, organisation, review_url, settings.config_path, settings.final_annotator, options=given_as)
    return {SETTINGS_KEY: checked.as_document()}


def split_export(args: argparse.Namespace, settings: Settings) -> ExitStatus:
    """``newsmark export --split DIR``: one file per article and annotator (see annotations.team.split),
    of the FILEs and FOLDERs named or every stored article."""
    from annotations.store.holding import LockMode
    from annotations.team.split import split_export as write_split

    clashing = [name for name, given in (("--tag", args.tag), ("--timestamp", args.timestamp), ("-o", args.output != "-")) if given]
    if args.format != "yaml":
        clashing.append("--format")
    if clashing:
        raise UsageError(args.split, f"--split writes whole YAML files; it does not take {', '.join(clashing)}")
    folder = Path(args.split)
    if folder.exists() and not folder.is_dir():
        raise UsageError(folder, "is not a folder")
    annotators = list(args.by or [settings.annotator])
    articles = read_named_articles(args.files, settings)
    with open_store(settings, LockMode.READ) as store:
        opened = open_articles(store, articles, settings) if articles else None
        # every article, with everyone's records: the split keeps each annotator's own, and
        # empties their file of an article where they have none left
        entries = stored_entries(store, opened, (), settings, every=True)
        counts = record_counts(entries)
        if args.all:
            annotators = sorted(counts)
        held = counts if not any(counts[name] for name in annotators) else None
        try:  # the store stays open: a named article's older text's folder is known by its store file
            result = write_split(
                entries,
                folder,
                annotators,
                settings.schema,
                whole_store=not articles,
                article_key=store_key(store),
                authors=store_authors(store, settings.annotator),
            )
        except OSError as error:
            raise NewsmarkError(error.filename or folder, f"cannot write the export: {error.strerror or error}") from None
    print(escape_controls(result.line(folder)), file=sys.stderr)
    for warning in result.warnings:
        print(f"newsmark: warning: {escape_controls(warning)}", file=sys.stderr)
    if held is not None:
        warn_nothing_picked(annotators, held)
    return ExitStatus.OK


def store_key(store: Store) -> Callable[[str, str | None, str | None], str]:
    """The key of the store file holding an article named by its path and hashes (as an import finds it)."""
    from annotations.store.identity import find_article_file

    def key(path: str, content: str | None, sha256: str | None) -> str:
        return find_article_file(store, path, content=content, sha256=sha256).path.stem

    return key


def store_authors(store: Store, annotator: str) -> Callable[[ArticleEntry], frozenset[str]]:
    """Whose records of an article this store makes: ``annotator`` (you), and whoever
    changed the article's records here (the final layer where you adjudicated it)."""
    from annotations.store.identity import find_article_file

    def authors(entry: ArticleEntry) -> frozenset[str]:
        found = find_article_file(store, entry["path"], content=entry.get("content"), sha256=entry["sha256"])
        return frozenset({annotator, *(found.local_authors() if found.exists else ())})

    return authors


def stored_entries(
    store: Store, opened: Sequence[ArticleAnnotations] | None, annotators: Collection[str], settings: Settings, *, every: bool = False
) -> list[ArticleEntry]:
    """The export entries of the ``opened`` articles, or of every stored one (``every``:
    those without records too), by ``annotators`` (every one if empty)."""
    from annotations.exchange.export import entries_for_articles, entries_from_store

    if opened is not None:
        return list(entries_for_articles(opened, (), annotators))
    return list(entries_from_store(store, (), annotators, settings.sentence_cache, every=every))
