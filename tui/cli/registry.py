"""Every ``newsmark`` command, in the order ``newsmark --help`` lists them.

A command is one module of :mod:`tui.cli.commands` with ``NAME``, ``register(subparsers)``
and ``run(args) -> ExitStatus``; a new command is one module plus one entry here. The
names are known without importing the modules (the reader's start needs only them).
"""

from __future__ import annotations

import importlib
from types import ModuleType

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
    "search": "search",
    "check": "check",
    "grade": "grade",
    "link": "link",
    "claims": "claims",
    "elsewhere": "elsewhere",
}
#: The commands' names, in order.
NAMES = tuple(COMMANDS)


def module(name: str) -> ModuleType:
    """The module of command ``name`` (imported now: each imports little until it runs;
    what it provides: :class:`tui.cli.parser.Command`)."""
    return importlib.import_module(f"{__package__}.commands.{COMMANDS[name]}")
