"""The ``newsmark`` command line: argument parsing, then calls on the core."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from annotations.errors import NewsmarkError, escape_controls
from annotations.schema import TagSchema

from ..startup import pause_collection, resume_collection
from .status import ExitStatus
from .urls import is_url, needs_resolving, resolve_urls

Handler = Callable[[argparse.Namespace], int]
REFRESH_HELP = "for an http(s):// URL: fetch the page again rather than read the copy kept"


def cmd_parse(args: argparse.Namespace) -> int:
    """``newsmark parse FILE [--json]``."""
    from annotations.formats.loader import load_article
    from annotations.sentences.cache import SentenceCache

    article = load_article(args.file, cache=SentenceCache.default())
    if args.json:
        sys.stdout.write(json.dumps(article.to_outline(), ensure_ascii=False, indent=2) + "\n")
    else:
        from .outline import render_outline
        from .printing import print_renderable

        print_renderable(render_outline(article))
    return ExitStatus.OK


def _shared_options(*, identity: bool) -> argparse.ArgumentParser:
    """Options every store command accepts, before or after the command name."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--db", metavar="PATH", help="store folder (default: $NEWSMARK_DB, the config's db, or the user data folder)")
    shared.add_argument("--config", metavar="FILE", help="config file (default: $NEWSMARK_CONFIG or the user config folder)")
    shared.add_argument("--refresh", action="store_true", help=REFRESH_HELP)
    if identity:
        shared.add_argument(
            "--annotator",
            dest="annotator_name",
            metavar="NAME",
            help="who is annotating (default: $NEWSMARK_ANNOTATOR, config, login name)",
        )
    return shared


class _Parser(argparse.ArgumentParser):
    """An argument parser whose every mistake is one line, as every other error is."""

    def error(self, message: str) -> NoReturn:
        """``newsmark: COMMAND: MESSAGE`` on stderr, exit status 2 (no usage block)."""
        command = self.prog.removeprefix("newsmark").strip()
        _error_line(f"{command}: {message}" if command else message)
        raise SystemExit(ExitStatus.ERROR)


def _command(sub: Any, name: str, schema: TagSchema, parents: Sequence[argparse.ArgumentParser] = ()) -> argparse.ArgumentParser:
    """A subcommand with its help line, description and examples (see :mod:`tui.cli_help`)."""
    from ..cli_help import COMMANDS, epilog

    summary, description, _ = COMMANDS[name]
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        parents=list(parents),
        help=summary,
        description=textwrap.fill(description, 88),
        epilog=epilog(name, schema),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def build_parser(schema: TagSchema | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand (``schema``: the tags its help lists)."""
    from .. import commands
    from ..cli_help import DESCRIPTION, EPILOG, USAGE

    schema = schema or TagSchema()
    parser = _Parser(
        prog="newsmark", usage=USAGE, description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    import annotations

    parser.add_argument("--version", action="version", version=f"newsmark {annotations.__version__}")
    for option, dest in _GLOBAL_OPTIONS.items():  # also before the command: newsmark --db PATH stats
        parser.add_argument(option, dest=f"global_{dest}", metavar="VALUE", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog="newsmark")
    writer = _shared_options(identity=True)
    reader = _shared_options(identity=False)

    parse = _command(sub, "parse", schema)
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="print JSON (each sentence with its number and offsets) instead of the outline")
    parse.add_argument("--refresh", action="store_true", help=REFRESH_HELP)
    parse.set_defaults(handler=cmd_parse)

    tag = _command(sub, "tag", schema, [writer])
    tag.add_argument("file", metavar="FILE")
    tag.add_argument("sentences", metavar="SENTENCES")
    tag.add_argument("tags", metavar="TAG", nargs="*", help="a tag's name or key letter")
    tag.add_argument("--note", metavar="TEXT", help="set this note on the sentences (with --remove: clear it)")
    tag.add_argument("--remove", action="store_true", help="remove the tags (and the note) instead of adding")
    tag.set_defaults(handler=commands.cmd_tag)

    for name in ("undo", "redo"):
        history = _command(sub, name, schema, [writer])
        history.add_argument("file", metavar="FILE")
        history.set_defaults(handler=commands.cmd_history)

    export = _command(sub, "export", schema, [reader])
    export.add_argument("files", metavar="FILE", nargs="*", help="only these articles, or folders of them (default: every stored article)")
    export.add_argument("--tag", action="append", metavar="T", help="only records with this tag (name or key letter; repeatable)")
    export.add_argument("--annotator", action="append", metavar="A", help="only records by this annotator (repeatable)")
    from annotations.exchange.formats import BRIEF_FORMATS, DEFAULT_BRIEF_FORMAT, DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS

    export.add_argument("--format", choices=tuple(EXPORT_FORMATS), default=DEFAULT_EXPORT_FORMAT)
    export.add_argument("-o", "--output", metavar="OUT", default="-", help="output file, written atomically (default: - for stdout)")
    export.add_argument(
        "--timestamp",
        action="store_true",
        help="add the export time (exported:) to the header; without it the same store exports the same bytes",
    )
    export.add_argument(
        "--split",
        metavar="DIR",
        help="write one YAML file per article and annotator into DIR (DIR/<article>-<hash>/<annotator>.yaml; "
        "only your records, or --annotator's), for a shared git repository",
    )
    export.set_defaults(handler=commands.cmd_export)

    brief = _command(sub, "brief", schema, [reader])
    brief.add_argument("files", metavar="FILE", nargs="*", help="only these articles, or folders of them (default: every stored article)")
    brief.add_argument("--tag", action="append", metavar="T", help="only this tag (name or key letter; repeatable)")
    brief.add_argument("--annotator", action="append", metavar="A", help="only records by this annotator (repeatable)")

    brief.add_argument("--format", choices=tuple(BRIEF_FORMATS), default=DEFAULT_BRIEF_FORMAT, help="Markdown (md) or one HTML file (html)")
    brief.add_argument("-o", "--output", metavar="OUT", default="-", help="output file, written atomically (default: - for stdout)")
    brief.add_argument(
        "--timestamp", action="store_true", help="say when the brief was made; without it the same store gives the same bytes"
    )
    brief.set_defaults(handler=commands.cmd_brief)

    imp = _command(sub, "import", schema, [reader])
    imp.add_argument(
        "files", metavar="FILE", nargs="+", help="an export file, or a folder: every export file in it (.yaml, .yml, .json), at any depth"
    )
    imp.add_argument(
        "--take-file",
        action="store_true",
        help="where a record differs from the store's but is not newer (e.g. a note edited by hand), take the file's version",
    )
    imp.set_defaults(handler=commands.cmd_import)

    stats = _command(sub, "stats", schema, [reader])
    stats.add_argument("files", metavar="FILE", nargs="*")
    machine = stats.add_mutually_exclusive_group()
    machine.add_argument("--json", action="store_true", help="print JSON: each article's counts and the totals")
    machine.add_argument("--csv", action="store_true", help="print CSV: one row per article")
    stats.set_defaults(handler=commands.cmd_stats)

    serve = _command(sub, "serve", schema, [writer])
    serve.add_argument(
        "paths", metavar="PATH", nargs="*", help="articles or folders, as for newsmark PATH... (default: the current folder)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.set_defaults(handler=commands.cmd_serve)

    agree = _command(sub, "agree", schema, [reader])
    agree.add_argument("files", metavar="FILE", nargs="*", help="only these articles, or folders of them (default: every stored article)")
    agree.add_argument("--tag", action="append", metavar="T", help="only this tag (name or key letter; repeatable)")
    agree.add_argument("--json", action="store_true", help="print JSON: per tag kappa, alpha, items and the disagreements")
    agree.set_defaults(handler=commands.cmd_agree)

    from .. import orphans
    from .commands import add

    orphans.add_arguments(_command(sub, "orphans", schema, [writer]))
    add.add_arguments(_command(sub, "add", schema))

    from .. import suggest_command

    suggest_command.add_arguments(_command(sub, "suggest", schema, [writer]))
    return parser


SUBCOMMANDS = ("parse", "tag", "undo", "redo", "export", "brief", "import", "stats", "orphans", "agree", "suggest", "serve", "add")
#: Options that take a value as the next argument (so that value is not the command).
_VALUE_OPTIONS = frozenset({"--db", "--config", "--annotator"})
#: The store commands' shared options, accepted before the command name too (option: dest).
_GLOBAL_OPTIONS = {"--db": "db", "--config": "config", "--annotator": "annotator_name"}


def _merge_global_options(args: argparse.Namespace) -> None:
    """An option given before the command counts where the command's own is not given.
    A command whose ``--annotator`` picks records (export, brief) takes an ``--annotator``
    given before it as that (``newsmark --annotator ana export`` is ``newsmark export
    --annotator ana``), never drops it. An option a command has no use for is ignored (a
    shell alias ``newsmark --db ~/team-store`` serves every command)."""
    for dest in _GLOBAL_OPTIONS.values():
        given = getattr(args, f"global_{dest}", None)
        if given is None:
            continue
        if hasattr(args, dest):
            if getattr(args, dest, None) is None:
                setattr(args, dest, given)
        elif dest == "annotator_name" and hasattr(args, "annotator") and args.annotator is None:
            args.annotator = [given]


def build_open_parser() -> argparse.ArgumentParser:
    """The parser of the interactive command, ``newsmark PATH...``."""
    from .. import commands

    parser = _Parser(
        prog="newsmark",
        parents=[_shared_options(identity=True)],
        description="Open articles (files, folders or http(s):// URLs of web pages) in the reader. Other commands: "
        + ", ".join(SUBCOMMANDS)
        + " (newsmark COMMAND --help).",
    )
    parser.add_argument("paths", metavar="PATH", nargs="+")
    parser.set_defaults(handler=commands.cmd_open)
    return parser


def first_positional(argv: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value: the command, or a path."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--":
            continue
        elif arg.startswith("-"):
            skip = arg in _VALUE_OPTIONS
        else:
            return arg
    return None


def no_such_command_or_file(name: str) -> str:
    """The one line for a first argument that is neither a command nor a path."""
    import difflib

    close = difflib.get_close_matches(name, SUBCOMMANDS, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{name}: no such command or file ({hint}commands: {', '.join(SUBCOMMANDS)}; newsmark --help)"


def _help_schema(argv: Sequence[str]) -> TagSchema:
    """The tags a help text lists: the config's, or the defaults if it cannot be read."""
    from annotations.config import resolve_settings
    from annotations.errors import NewsmarkError

    config = next((argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--config"), None)
    try:
        return resolve_settings(config=config).schema
    except NewsmarkError:
        return TagSchema()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsmark`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    first = first_positional(argv)
    wants_help = "-h" in argv or "--help" in argv
    opening = first is not None and first not in SUBCOMMANDS and not wants_help
    if opening and first is not None and not os.path.lexists(first) and not is_url(first):
        _error_line(no_such_command_or_file(first))
        return ExitStatus.ERROR
    pause_collection()  # the reader resumes it after its first frame: see tui.startup
    try:
        parser = build_open_parser() if opening else build_parser(_help_schema(argv) if wants_help else None)
        args = parser.parse_args(argv)
        _merge_global_options(args)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return ExitStatus.ERROR
        return run_handler(_resolving_urls(handler), args)
    finally:
        resume_collection(freeze=False)


def _resolving_urls(handler: Handler) -> Handler:
    """``handler``, run once each URL naming an article is the path of its page's kept copy
    (the one place URLs become files: see :mod:`tui.cli.urls`)."""

    def run(args: argparse.Namespace) -> int:
        if needs_resolving(args):  # what fetching imports stays off the start path otherwise
            resolve_urls(args)
        return handler(args)

    return run


def run_handler(handler: Handler, args: argparse.Namespace) -> int:
    """Run one command; every failure becomes one line on stderr and a status.

    The line is inert whatever the failure quotes (a file name may hold newlines and
    escape sequences): see :func:`~annotations.errors.escape_controls`.
    """
    try:
        return handler(args)
    except NewsmarkError as error:
        _error_line(str(error))
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        _error_line("interrupted")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitStatus.OK
    except Exception as error:
        if os.environ.get("NEWSMARK_DEBUG"):
            raise
        _error_line(f"internal error: {type(error).__name__}: {' '.join(str(error).split())} (set NEWSMARK_DEBUG=1 for details)")
        return ExitStatus.INTERNAL


def _error_line(message: str) -> None:
    """``newsmark: MESSAGE`` on stderr, as one line with every control character escaped."""
    print(f"newsmark: {escape_controls(message)}", file=sys.stderr)
