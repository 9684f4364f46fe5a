"""``newsmark grade FILE N [--span WORDS] CODE``: a source's Admiralty grade."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..claim_targets import add_target_arguments, target_of
from ..common import UsageError, article_annotations, leaves_no_new_store, open_store, read_article, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "grade"
SUMMARY = "grade a source: reliability A-F, credibility 1-6 (B2)"
DESCRIPTION = (
    "Grade your source (a sentence or words you tagged source) with the Admiralty code: a letter for the "
    "source's reliability (A completely reliable, B usually reliable, C fairly reliable, D not usually "
    "reliable, E unreliable, F cannot be judged) and a digit for the information's credibility (1 confirmed "
    "by other sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged)."
)
EXAMPLES = (
    "newsmark grade article.txt 9 B2",
    "newsmark grade article.txt 4 --span 'Dr. Hanna Lee' A1",
    "newsmark grade article.txt 9 --remove",
)


def register(subparsers: Subcommands) -> None:
    """Add ``grade`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER)
    add_target_arguments(parser, "whose source is graded")
    parser.add_argument("code", metavar="CODE", nargs="?", help="the grade: a letter A-F and a digit 1-6, such as B2")
    parser.add_argument("--remove", action="store_true", help="remove the grade instead")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Set (or remove) the grade, as one change."""
    from annotations.store.holding import LockMode
    from annotations.store.verdicts import parse_grade

    if (args.code is None) == (not args.remove):
        raise UsageError(None, "grade: give a CODE such as B2, or --remove")
    code = parse_grade(args.code) if args.code is not None else None
    settings = settings_for(args)
    article = read_article(args.file, settings)
    target = target_of(args, article, NAME)
    with open_store(settings, LockMode.ARTICLES) as store:
        change = article_annotations(store, article, settings).set_grade(target, code)
    print(
        f"{escape_controls(change.label)} ({escape_controls(article.title)})" if change else f"unchanged ({escape_controls(article.title)})"
    )
    return ExitStatus.OK
