"""``newsmark stats [FILE...] [--json | --csv]``: a table of tag counts per article."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..common import article_annotations, open_store, read_named_articles, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.exchange.stats import ArticleStats

    from ..parser import Subcommands

NAME = "stats"
SUMMARY = "tag counts per article"
DESCRIPTION = (
    "A table of tag counts per article (of every stored article, or of the FILEs), with totals; --json or --csv for other programs."
)
EXAMPLES = ("newsmark stats", "newsmark stats --csv > counts.csv", "newsmark stats --json article.txt")


def register(subparsers: Subcommands) -> None:
    """Add ``stats`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.READER, lists_tags=True)
    parser.add_argument("files", metavar="FILE", nargs="*")
    machine = parser.add_mutually_exclusive_group()
    machine.add_argument("--json", action="store_true", help="print JSON: each article's counts and the totals")
    machine.add_argument("--csv", action="store_true", help="print CSV: one row per article")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Print the counts: a table, or JSON or CSV."""
    from annotations.exchange.stats import article_stats, stored_stats
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    rows: list[ArticleStats] = []
    articles = read_named_articles(args.files, settings)
    with open_store(settings, LockMode.READ) as store:
        if articles:
            for article in articles:
                annotations = article_annotations(store, article, settings)
                rows.append(article_stats(annotations.article.title, annotations.article.path, annotations.view))
        else:
            rows.extend(stored_stats(store, settings.sentence_cache))
    rows.sort(key=lambda r: r.path)
    if args.json or args.csv:
        from annotations.exchange.stats import stats_csv, stats_json

        sys.stdout.write(stats_json(rows, settings.schema) if args.json else stats_csv(rows, settings.schema))
        return ExitStatus.OK
    from ..printing import print_renderable
    from ..stats_table import render_stats

    print_renderable(render_stats(rows, settings.schema))
    return ExitStatus.OK
