"""``newsmark redo FILE``: redo the last undone change."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..common import leaves_no_new_store
from ..status import ExitStatus
from .history import step

if TYPE_CHECKING:
    from ..parser import Subcommands

NAME = "redo"
SUMMARY = "redo the last undone change"
DESCRIPTION = "Redo the change you last undid in an article."
EXAMPLES = ("newsmark redo article.txt",)


def register(subparsers: Subcommands) -> None:
    """Add ``redo`` and its argument."""
    from ..parser import Shared

    parser = subparsers.add(NAME, SUMMARY, DESCRIPTION, EXAMPLES, shared=Shared.WRITER)
    parser.add_argument("file", metavar="FILE")
    parser.set_defaults(handler=run)


@leaves_no_new_store
def run(args: argparse.Namespace) -> ExitStatus:
    """Redo the last undone change; ``NOTHING_TO_DO`` when there is none."""
    return step(args, forward=True)
