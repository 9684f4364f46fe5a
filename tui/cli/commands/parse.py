"""``newsmark parse FILE [--json]``: an article's sections and numbered sentences."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "parse"
SUMMARY = "print an article's sections and numbered sentences"
DESCRIPTION = (
    "Print the article's sections and numbered sentences (the numbers the other commands and exports use). "
    '--json prints {"title", "meta", "sections": [{"title", "subtitles", "paragraphs": '
    '[[{"n", "text", "start", "end"}, ...], ...]}]}: each sentence with its number and its offsets '
    "(code points in the article's normalized text)."
)
EXAMPLES = ("newsmark parse article.txt", "newsmark parse --json article.txt | jq '.sections[0].paragraphs[0][0]'")


def register(subparsers: Subcommands) -> None:
    """Add ``parse`` and its arguments."""
    from ..parser import REFRESH_HELP

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES)
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print JSON (each sentence with its number and offsets) instead of the outline")
    parser.add_argument("--refresh", action="store_true", help=REFRESH_HELP)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Print the outline, or the JSON, of ``args.file``."""
    from annotations.formats.loader import load_article
    from annotations.sentences.cache import SentenceCache

    article = load_article(args.file, cache=SentenceCache.default(), streams=True)
    if args.json:
        sys.stdout.write(json.dumps(article.to_outline(), ensure_ascii=False, indent=2) + "\n")
    else:
        from ..outline import render_outline
        from ..printing import print_renderable

        print_renderable(render_outline(article))
    return ExitStatus.OK
