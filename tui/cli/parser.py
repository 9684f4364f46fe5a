"""The ``newsmark`` argument parsers: the commands' parser, built from the registry of
commands (each command declares its own arguments, summary, description and examples),
and the parser of ``newsmark PATH...``, which opens the reader or the library."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from enum import Enum
from typing import Any, NoReturn, Protocol, cast

from annotations.schema import TagSchema

from . import registry
from .argv import GLOBAL_OPTIONS as GLOBAL_OPTIONS
from .argv import VALUE_OPTIONS as VALUE_OPTIONS
from .argv import error_line as error_line
from .status import ExitStatus

USAGE = """newsmark PATH...                  open articles (one file: the reader; folders or several: the library)
       newsmark COMMAND [OPTIONS] ...   (newsmark COMMAND --help for each)"""

DESCRIPTION = """Read news articles sentence by sentence, tag sentences and add notes; keep them in a
store and export them.

  newsmark article.txt              read and tag one article
  newsmark ~/news/                  a library of every article in a folder
  newsmark https://news.example/a   read a web page's article (a copy is kept to read offline)"""

EPILOG = "Errors are one line on stderr naming the file and the reason, with exit status 2."

REFRESH_HELP = "for an http(s):// URL: fetch the page again rather than read the copy kept"


class Shared(Enum):
    """Which of the options every store command shares a command takes."""

    #: None (``parse``, ``add``).
    NONE = "none"
    #: ``--db``, ``--config``: a command that reads the store and names no article (``import``).
    STORE = "store"
    #: Those and ``--refresh``: a command that reads the store and may name articles by URL.
    READER = "reader"
    #: Those and ``--annotator``: a command that writes as someone.
    WRITER = "writer"


class Parser(argparse.ArgumentParser):
    """An argument parser whose every mistake is one line, as every other error is."""

    def error(self, message: str) -> NoReturn:
        """``newsmark: COMMAND: MESSAGE`` on stderr, exit status 2 (no usage block)."""
        command = self.prog.removeprefix("newsmark").strip()
        error_line(f"{command}: {message}" if command else message)
        raise SystemExit(ExitStatus.ERROR)


class OneName(argparse.Action):
    """``--annotator NAME``, given once: a second one is refused (it used to add a name
    to the records ``export`` and ``brief`` pick; that is ``--by`` now)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: str | None = None) -> None:
        """Keep the name; refuse a second one."""
        if getattr(namespace, self.dest, None) is not None:
            raise argparse.ArgumentError(
                self, "given twice: it names who you are, one name (to pick records by several: --by NAME, repeatable)"
            )
        setattr(namespace, self.dest, values)


def shared_options(*, identity: bool, urls: bool = True) -> argparse.ArgumentParser:
    """Options every store command accepts, before or after the command name (``--refresh``
    only where an argument may be an article's URL)."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--db", metavar="PATH", help="store folder (default: $NEWSMARK_DB, the config's db, or the user data folder)")
    shared.add_argument("--config", metavar="FILE", help="config file (default: $NEWSMARK_CONFIG or the user config folder)")
    if urls:
        shared.add_argument("--refresh", action="store_true", help=REFRESH_HELP)
    if identity:
        shared.add_argument(
            "--annotator",
            dest="annotator_name",
            metavar="NAME",
            action=OneName,
            help="who you are (default: $NEWSMARK_ANNOTATOR, config, login name): what you tag is saved as NAME, "
            "export --split writes NAME's records; it picks no records (export and brief pick with --by NAME)",
        )
    return shared


def tags_line(schema: TagSchema) -> str:
    """``claim (c), figure (f), …``: each tag with its key letter."""
    return ", ".join(f"{tag.name} ({tag.key})" for tag in schema.tags)


class Command(Protocol):
    """What a command's module provides (listed in :mod:`tui.cli.registry`)."""

    NAME: str
    SUMMARY: str

    def register(self, subparsers: Subcommands) -> None:
        """Add the command's parser (its arguments, help and ``run``) to ``subparsers``."""
        ...

    def run(self, args: argparse.Namespace) -> ExitStatus:
        """Do what the command line asks."""
        ...


class Subcommands:
    """What a command's ``register`` adds its parser to: the subparsers, with the help's
    tags and the shared options."""

    def __init__(self, action: Any, schema: TagSchema) -> None:
        self._action = action
        self._schema = schema
        self._shared = {
            Shared.NONE: [],
            Shared.STORE: [shared_options(identity=False, urls=False)],
            Shared.READER: [shared_options(identity=False)],
            Shared.WRITER: [shared_options(identity=True)],
        }

    def add(
        self,
        name: str,
        summary: str,
        description: str,
        examples: Sequence[str],
        *,
        shared: Shared = Shared.NONE,
        lists_tags: bool = False,
    ) -> argparse.ArgumentParser:
        """A command's parser: its one-line ``summary`` (in ``newsmark --help``), its
        ``description`` and ``examples`` (in ``newsmark NAME --help``, with the tags and
        their key letters if ``lists_tags``)."""
        lines = ["examples:", *(f"  {example}" for example in examples)]
        if lists_tags:
            lines += ["", f"tags (name and key letter): {tags_line(self._schema)}"]
        parser: argparse.ArgumentParser = self._action.add_parser(
            name,
            parents=self._shared[shared],
            help=summary,
            description=textwrap.fill(description, 88),
            epilog="\n".join(lines),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return parser


class VersionAction(argparse.Action):
    """``--version``: ``newsmark VERSION`` on stdout, then exit. The version is read only
    then: reading it imports importlib.metadata, ~40 ms of CPU that every other command
    would pay for a string it never prints (``benchmarks/bench_search.py``)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, default: Any = argparse.SUPPRESS) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help="show program's version number and exit")

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: str | None = None
    ) -> NoReturn:
        import annotations

        sys.stdout.write(f"newsmark {annotations.__version__}\n")
        parser.exit()


def build_parser(schema: TagSchema | None = None, only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command of the registry (``schema``: the tags its help
    lists), or with command ``only`` alone when that is the one run (the others' modules
    are not imported then)."""
    parser = Parser(
        prog="newsmark", usage=USAGE, description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action=VersionAction)
    for option, dest in GLOBAL_OPTIONS.items():  # also before the command: newsmark --db PATH stats
        parser.add_argument(option, dest=f"global_{dest}", metavar="VALUE", help=argparse.SUPPRESS)
    action = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog="newsmark")
    subcommands = Subcommands(action, schema or TagSchema())
    for name in registry.NAMES if only is None else (only,):
        cast(Command, registry.module(name)).register(subcommands)
    return parser


def build_open_parser() -> argparse.ArgumentParser:
    """The parser of the interactive command, ``newsmark PATH...``."""
    from .commands import opening

    parser = Parser(
        prog="newsmark",
        parents=[shared_options(identity=True)],
        description="Open articles (files, folders or http(s):// URLs of web pages) in the reader. Other commands: "
        + ", ".join(registry.NAMES)
        + " (newsmark COMMAND --help).",
    )
    parser.add_argument("paths", metavar="PATH", nargs="+")
    parser.set_defaults(handler=opening.run)
    return parser
