"""``newsmark check FILE N [--span WORDS] --status STATUS [--evidence E]... [--note TEXT]``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from annotations.errors import escape_controls

from ..claim_targets import add_target_arguments, evidence_of, target_of
from ..common import article_annotations, leaves_no_new_store, open_store, read_article, settings_for
from ..status import ExitStatus

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "check"
SUMMARY = "set a claim's status, with evidence and a rationale"
DESCRIPTION = (
    "Set the status of your claim (a sentence or words you tagged with a checkable tag: claim or figure "
    "by default) on the verdict scale, as one undoable change. Each --evidence is a web address, PATH#N "
    "(sentence N of an article in the store) or text; --note sets the verdict's rationale."
)
EXAMPLES = (
    "newsmark check article.txt 8 --status checking",
    "newsmark check article.txt 8 --status false --evidence https://stats.example.org/q3 --note 'The office says 5.2%'",
    "newsmark check article.txt 8 --status verified --evidence other.txt#4",
    "newsmark check article.txt 19 --span 'about 300,000 shells' --status unverifiable",
)


def register(subparsers: Subcommands) -> None:
    """Add ``check`` and its arguments."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER)
    add_target_arguments(parser, "whose claim is checked")
    parser.add_argument(
        "--status", metavar="STATUS", required=True, help="a status of the verdict scale (unverified, checking, verified, ...)"
    )
    parser.add_argument("--evidence", metavar="E", action="append", default=[], help="a URL, PATH#N or text (repeat for more)")
    parser.add_argument("--note", metavar="TEXT", help="the verdict's rationale ('' clears it)")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Set the status (with evidence and rationale) as one change."""
    from annotations.store.holding import LockMode

    settings = settings_for(args)
    settings.schema.verdicts.require(args.status)
    article = read_article(args.file, settings)
    target = target_of(args, article, NAME)
    with open_store(settings, LockMode.ARTICLES) as store:
        evidence = [evidence_of(value, settings, store) for value in args.evidence]
        annotations = article_annotations(store, article, settings)
        before = annotations.assessment(target) if annotations.verdicts.checkable(target) else None
        change = annotations.set_status(target, args.status, args.note, evidence)
    print(
        f"{escape_controls(change.label)} ({escape_controls(article.title)})" if change else f"unchanged ({escape_controls(article.title)})"
    )
    if before is not None and args.note is None and before.rationale and before.status != args.status:
        kept = escape_controls(" ".join(before.rationale.split()))
        print(
            f"newsmark: warning: the rationale written for {before.status} is kept: {kept!r} (--note TEXT replaces it, --note '' clears it)",
            file=sys.stderr,
        )
    return ExitStatus.OK
