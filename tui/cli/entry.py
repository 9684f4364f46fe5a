"""The ``newsmark`` console script: which parser, then one command run with every failure
as one line on stderr and an :class:`~tui.cli.status.ExitStatus`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from annotations.errors import NewsmarkError
from annotations.schema import TagSchema

from ..startup import pause_collection, resume_collection
from .argv import GLOBAL_OPTIONS, VALUE_OPTIONS, error_line
from .printing import is_stdout_failure, silence_stdout
from .registry import NAMES
from .status import ExitStatus
from .urls import is_url, needs_resolving, resolve_urls

if TYPE_CHECKING:
    import argparse

    from .common import Handler


def first_positional(argv: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value: the command, or a path."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--":
            continue
        elif arg.startswith("-"):
            skip = arg in VALUE_OPTIONS
        else:
            return arg
    return None


def no_such_command_or_file(name: str) -> str:
    """The one line for a first argument that is neither a command nor a path."""
    import difflib

    close = difflib.get_close_matches(name, NAMES, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{name}: no such command or file ({hint}commands: {', '.join(NAMES)}; newsmark --help)"


def merge_global_options(args: argparse.Namespace) -> None:
    """An option given before the command counts where the command's own is not given.
    ``--annotator`` says who you are wherever it stands (``export`` and ``brief`` pick
    records with ``--by``, and refuse an ``--annotator`` meant to pick them). An option a command has no use for is ignored (a
    shell alias ``newsmark --db ~/team-store`` serves every command)."""
    for dest in GLOBAL_OPTIONS.values():
        given = getattr(args, f"global_{dest}", None)
        if given is None:
            continue
        if hasattr(args, dest) and getattr(args, dest, None) is None:
            setattr(args, dest, given)


def _help_schema(argv: Sequence[str]) -> TagSchema:
    """The tags a help text lists: the config's, or the defaults if it cannot be read."""
    from annotations.config import resolve_settings

    from ..reserved_keys import tag_key_problem

    config = next((argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--config"), None)
    try:
        return resolve_settings(config=config, key_check=tag_key_problem).schema
    except NewsmarkError:
        return TagSchema()


def reader_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """``newsmark PATH`` (one path or URL and no option) as :func:`~tui.cli.parser.build_open_parser`
    parses it, without importing argparse or building the parser (3 ms of CPU, 1% of the
    reader's start); None for any other command line, which the parser reads."""
    if len(argv) != 1 or argv[0].startswith("-") or argv[0] in NAMES:
        return None
    from .commands import opening

    parsed = SimpleNamespace(db=None, config=None, refresh=False, annotator_name=None, paths=list(argv), handler=opening.run)
    return cast("argparse.Namespace", parsed)  # the same attributes: see tests/test_cli_reader_args.py


def _parse(argv: Sequence[str], *, opening: bool, wants_help: bool, first: str | None) -> argparse.Namespace:
    """The command line parsed (``newsmark PATH`` without the parser)."""
    quick = reader_args(argv) if opening else None
    if quick is not None:
        return quick
    from .parser import build_open_parser, build_parser

    only = first if first in NAMES else None  # one command's module, not every one's
    parser = build_open_parser() if opening else build_parser(_help_schema(argv) if wants_help else None, only)
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsmark`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    first = first_positional(argv)
    wants_help = "-h" in argv or "--help" in argv
    opening = first is not None and first not in NAMES and not wants_help
    if opening and first is not None and not os.path.lexists(first) and not is_url(first):
        error_line(no_such_command_or_file(first))
        return ExitStatus.ERROR
    pause_collection()  # the reader resumes it after its first frame: see tui.startup
    try:
        args = _parse(argv, opening=opening, wants_help=wants_help, first=first)
        merge_global_options(args)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            return ExitStatus.ERROR
        return run_handler(_resolving_urls(handler), args)
    finally:
        resume_collection(freeze=False)


def _resolving_urls(handler: Handler) -> Handler:
    """``handler``, run once each URL naming an article is the path of its page's kept copy
    (the one place URLs become files: see :mod:`tui.cli.urls`)."""

    def run(args: argparse.Namespace) -> ExitStatus:
        if needs_resolving(args):  # what fetching imports stays off the start path otherwise
            resolve_urls(args)
        return handler(args)

    return run


def run_handler(handler: Handler, args: argparse.Namespace) -> ExitStatus:
    """Run one command; every failure becomes one line on stderr and a status.

    The line is inert whatever the failure quotes (a file name may hold newlines and
    escape sequences): see :func:`~annotations.errors.escape_controls`.
    """
    try:
        code = handler(args)
        sys.stdout.flush()  # a full output fails here, not in the interpreter's last flush
        return code
    except NewsmarkError as error:
        error_line(str(error))
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        error_line("interrupted")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing more to say.
        silence_stdout()
        return ExitStatus.OK
    except Exception as error:
        if is_stdout_failure(error):
            silence_stdout()
            error_line(f"standard output: cannot write: {error.strerror if isinstance(error, OSError) else error}")
            return ExitStatus.ERROR
        if os.environ.get("NEWSMARK_DEBUG"):
            raise
        error_line(f"internal error: {type(error).__name__}: {' '.join(str(error).split())} (set NEWSMARK_DEBUG=1 for details)")
        return ExitStatus.INTERNAL
