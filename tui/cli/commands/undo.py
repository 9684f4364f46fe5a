"""``newsmark undo FILE``: undo your last change to an article."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..common import leaves_no_new_store
from ..status import ExitStatus
from .history import step

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "undo"
SUMMARY = "undo your last change to an article"
DESCRIPTION = "Undo your last change to an article (the reader's and the command line's changes share one history, kept across restarts)."
EXAMPLES = ("newsmark undo article.txt",)


def register(subparsers: Subcommands) -> None:
    """Add ``undo`` and its argument."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER)
    parser.add_argument("file", metavar="FILE")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Undo your last change to an article; ``NOTHING_TO_DO`` when there is none."""
    return step(args, forward=False)
