"""Every ``newsmark`` command, in the order ``newsmark --help`` lists them.

A command is one module of :mod:`tui.cli.commands` with ``NAME``, ``register(subparsers)``
and ``run(args) -> ExitStatus``; a new command is one module plus one entry here. The
names are known without importing the modules (the reader's start needs only them).
"""

from __future__ import annotations

import argparse
import importlib
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from .parser import Subcommands
    from .status import ExitStatus

#: Command name: its module in :mod:`tui.cli.commands`.
COMMANDS: dict[str, str] = {
    "parse": "parse",
    "tag": "tag",
    "undo": "undo",
    "redo": "redo",
    "export": "export",
    "brief": "brief",
    "import": "import_",
    "stats": "stats",
    "serve": "serve",
    "agree": "agree",
    "orphans": "orphans",
    "add": "add",
    "suggest": "suggest",
}
#: The commands' names, in order.
NAMES = tuple(COMMANDS)


class Command(Protocol):
    """What a command's module provides."""

    NAME: str

    def register(self, subparsers: Subcommands) -> None:
        """Add the command's parser (its arguments, help and ``run``) to ``subparsers``."""
        ...

    def run(self, args: argparse.Namespace) -> ExitStatus:
        """Do what the command line asks."""
        ...


def command(name: str) -> Command:
    """The module of command ``name`` (imported now: each imports little until it runs)."""
    return cast(Command, importlib.import_module(f"{__package__}.commands.{COMMANDS[name]}"))
