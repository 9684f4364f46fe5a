"""``newsmark link FILE N [--span WORDS] --to [FILE2#]M --as KIND [--remove]``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..claim_targets import add_target_arguments, link_end_of, target_of
from ..common import article_annotations, leaves_no_new_store, open_store, read_article, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "link"
SUMMARY = "link a claim to its source, or to a claim it corroborates or contradicts"
DESCRIPTION = (
    "Link your claim (sentence N, or words of it) to another record: --as attributed-to its source (a record "
    "tagged source), or --as corroborates / contradicts another claim, in this article (--to M) or in another "
    "article of the store (--to FILE2#M). The link is stored once and shown from both ends."
)
EXAMPLES = (
    "newsmark link article.txt 7 --to 9 --as attributed-to",
    "newsmark link article.txt 7 --to other.txt#3 --as contradicts",
    "newsmark link article.txt 7 --to 9 --to-span 'Dr. Hanna Lee' --as attributed-to",
    "newsmark link article.txt 7 --to 9 --as attributed-to --remove",
)


def register(subparsers: Subcommands) -> None:
    """Add ``link`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER)
    add_target_arguments(parser, "whose claim the link starts from")
    parser.add_argument("--to", metavar="[FILE2#]M", required=True, help="the other end: sentence M here, or of FILE2")
    parser.add_argument("--to-span", metavar="WORDS", help="the other end is these exact words of sentence M")
    parser.add_argument("--as", dest="kind", metavar="KIND", required=True, help="attributed-to, corroborates or contradicts")
    parser.add_argument("--remove", action="store_true", help="remove the link instead")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Add (or remove) the link, as one change."""
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    article = read_article(args.file, settings)
    target = target_of(args, article, NAME)
    other = link_end_of(args.to, article, settings, args.to_span)
    with open_store(settings, LockMode.ARTICLES) as store:
        annotations = article_annotations(store, article, settings)
        change = (annotations.unlink if args.remove else annotations.link)(target, other, args.kind)
    title = escape_controls(article.title)
    print(f"{escape_controls(change.label)} ({title})" if change else f"unchanged: the link is there already ({title})")
    return ExitStatus.OK
