"""``newsmark brief [FILE...] [--tag T]... [--by A]... [--all] [--suggested] [--format md|html] [-o OUT|-]``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from annotations.errors import NewsmarkError, escape_controls

from ..common import UsageError, open_articles, open_store, read_named_articles, settings_for, tag_names, write_result
from ..picking import add_pick_options, picked, record_counts, warn_nothing_picked
from ..status import ExitStatus

if TYPE_CHECKING:
    from annotations.config import Settings
    from annotations.model import Article

    from ..parser import Subcommands

NAME = "brief"
SUMMARY = "a brief to hand on: tagged sentences by tag, with notes (Markdown or HTML)"
DESCRIPTION = (
    "A brief of the annotations (of every stored article, or only of the FILEs re-read from disk): the articles "
    "covered, counts per tag, the sentences annotators disagree on, then one heading per tag (in the config's "
    "order) quoting each tagged sentence with its article, section, number and notes. Once an article is "
    "adjudicated (it has a final layer) the brief shows its final reading and says so at the top: the final "
    "layer's tags on the sentences it settled, everyone's elsewhere (--all: everyone's everywhere; --by final: "
    "the final layer alone). --suggested adds, last, what the suggestion patterns propose that nobody tagged "
    "(named FILEs only). --format html writes one "
    "standalone, printable HTML file. Article and note text stays literal in both. The same store gives the "
    "same bytes unless --timestamp."
)
EXAMPLES = (
    "newsmark brief article.txt -o brief.md",
    "newsmark brief ~/news/ --tag claim --tag figure",
    "newsmark brief ~/news/ --by ana --by bo",
    "newsmark brief article.txt --all --suggested",
    "newsmark brief --format html -o brief.html",
)


def register(subparsers: Subcommands) -> None:
    """Add ``brief`` and its arguments (the formats: the brief-format registry's)."""
    from annotations.exchange.formats import BRIEF_FORMATS, DEFAULT_BRIEF_FORMAT

    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER, lists_tags=True)
    parser.add_argument("files", metavar="FILE", nargs="*", help="only these articles, or folders of them (default: every stored article)")
    parser.add_argument("--tag", action="append", metavar="T", help="only this tag (name or key letter; repeatable)")
    add_pick_options(parser, default="the final reading where an article has a final layer, else everyone's")
    parser.add_argument(
        "--suggested",
        action="store_true",
        help="add, after the analysts' tags, what the suggestion patterns propose that nobody tagged (only with FILEs)",
    )
    parser.add_argument(
        "--format", choices=tuple(BRIEF_FORMATS), default=DEFAULT_BRIEF_FORMAT, help="Markdown (md) or one HTML file (html)"
    )
    parser.add_argument("-o", "--output", metavar="OUT", default="-", help="output file, written atomically (default: - for stdout)")
    parser.add_argument(
        "--timestamp", action="store_true", help="say when the brief was made; without it the same store gives the same bytes"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Write the brief to ``-o`` (stdout by default)."""
    from annotations.exchange.brief import make_brief
    from annotations.exchange.brief_content import gather_entries
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    tags = settings.schema.require(tag_names(args.tag, settings.schema))
    annotators = picked(args, NAME)
    if args.suggested and not args.files:
        raise UsageError(f"{NAME} --suggested", "suggestions are made from an article's text: name the FILEs (or folders) to brief")
    articles = read_named_articles(args.files, settings)
    with open_store(settings, LockMode.READ) as store:
        opened = open_articles(store, articles, settings) if articles else None
        result = make_brief(
            store,
            opened,
            schema=settings.schema,
            tags=tags,
            annotators=annotators,
            fmt=args.format,
            cache=settings.sentence_cache,
            suggested=brief_suggestions(settings, [o.article for o in opened]) if opened and args.suggested else None,
            timestamp=args.timestamp,
            final=settings.final_annotator,
            prefer_final=not args.all,
            switch=_switch(args),
            reader=settings.annotator,
        )
        held = (
            record_counts(gather_entries(store, opened, cache=settings.sentence_cache), tags)
            if annotators and not result.sentences
            else None
        )
    if held is not None:
        warn_nothing_picked(annotators, held, tags)
    write_result(result.data, args.output, result.summary, "brief")
    return ExitStatus.OK


def _switch(args: argparse.Namespace) -> str:
    """How to see the other reading than the one these arguments show (for the brief's top line)."""
    if args.by:
        return "leave out --by for it"
    if args.all:
        return "leave out --all for it"
    return "everyone's tags: --all"


def brief_suggestions(settings: Settings, articles: list[Article]) -> dict[str, dict[int, list[str]]] | None:
    """What the suggestion patterns propose for ``articles`` (rejections left out), for a
    brief's *only suggested*; None when the config turns suggestions off."""
    if not settings.suggestions:
        print("newsmark: warning: no suggestions in the brief: the config turns them off (suggestions: false)", file=sys.stderr)
        return None
    from annotations.suggest.engine import suggested_tags

    try:
        return suggested_tags(settings.schema, settings.suggest_patterns, settings.store_path, articles)
    except NewsmarkError as error:  # the brief is still wanted: without its "only suggested" part
        print(f"newsmark: warning: no suggestions in the brief: {escape_controls(str(error))}", file=sys.stderr)
        return None
