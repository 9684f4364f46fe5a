"""The ``newsmark`` command line: argument parsing, then calls on the core."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from annotations.errors import NewsmarkError, escape_controls

from .startup import pause_collection, resume_collection

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace], int]


def _stdout_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)


def cmd_parse(args: argparse.Namespace) -> int:
    """``newsmark parse FILE [--json]``."""
    from annotations.formats.loader import load_article
    from annotations.sentences.cache import SentenceCache

    article = load_article(args.file, cache=SentenceCache.default())
    if args.json:
        sys.stdout.write(json.dumps(article.to_outline(), ensure_ascii=False, indent=2) + "\n")
    else:
        from .outline import print_outline

        print_outline(article, _stdout_console())
    return EXIT_OK


def _shared_options(*, identity: bool) -> argparse.ArgumentParser:
    """Options every store command accepts, before or after the command name."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--db", metavar="PATH", help="store folder (default: $NEWSMARK_DB, the config's db, or the user data folder)")
    shared.add_argument("--config", metavar="FILE", help="config file (default: $NEWSMARK_CONFIG or the user config folder)")
    if identity:
        shared.add_argument(
            "--annotator",
            dest="annotator_name",
            metavar="NAME",
            help="who is annotating (default: $NEWSMARK_ANNOTATOR, config, login name)",
        )
    return shared


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    from . import commands

    parser = argparse.ArgumentParser(
        prog="newsmark",
        description="Read articles section by section and tag their sentences.",
        epilog="Run 'newsmark PATH...' to open articles or folders in the reader.",
    )
    import annotations

    parser.add_argument("--version", action="version", version=f"newsmark {annotations.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    writer = _shared_options(identity=True)
    reader = _shared_options(identity=False)

    parse = sub.add_parser("parse", help="print an article's sections and numbered sentences")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="print JSON instead of the outline")
    parse.set_defaults(handler=cmd_parse)

    tag = sub.add_parser("tag", parents=[writer], help="tag sentences: SENTENCES is 5, 1-20 or 3,7,9")
    tag.add_argument("file", metavar="FILE")
    tag.add_argument("sentences", metavar="SENTENCES")
    tag.add_argument("tags", metavar="TAG", nargs="*")
    tag.add_argument("--note", metavar="TEXT", help="set this note on the sentences (with --remove: clear it)")
    tag.add_argument("--remove", action="store_true", help="remove the tags (and the note) instead of adding")
    tag.set_defaults(handler=commands.cmd_tag)

    for name, what in (("undo", "undo the last change to an article"), ("redo", "redo the last undone change")):
        history = sub.add_parser(name, parents=[writer], help=what)
        history.add_argument("file", metavar="FILE")
        history.set_defaults(handler=commands.cmd_history)

    export = sub.add_parser("export", parents=[reader], help="export annotations as YAML (schema version 1) or JSON")
    export.add_argument("files", metavar="FILE", nargs="*", help="only these articles (default: every stored article)")
    export.add_argument("--tag", action="append", metavar="T", help="only records with this tag (repeatable)")
    export.add_argument("--annotator", action="append", metavar="A", help="only records by this annotator (repeatable)")
    from annotations.exchange.formats import DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS

    export.add_argument("--format", choices=tuple(EXPORT_FORMATS), default=DEFAULT_EXPORT_FORMAT)
    export.add_argument("-o", "--output", metavar="OUT", default="-", help="output file, written atomically (default: - for stdout)")
    export.set_defaults(handler=commands.cmd_export)

    imp = sub.add_parser("import", parents=[reader], help="merge newsmark exports into the store (by id; newer wins)")
    imp.add_argument("files", metavar="FILE", nargs="+")
    imp.set_defaults(handler=commands.cmd_import)

    stats = sub.add_parser("stats", parents=[reader], help="tag counts per article")
    stats.add_argument("files", metavar="FILE", nargs="*")
    stats.set_defaults(handler=commands.cmd_stats)

    from . import orphans

    orphans.add_parser(sub, writer)
    return parser


SUBCOMMANDS = ("parse", "tag", "undo", "redo", "export", "import", "stats", "orphans")


def build_open_parser() -> argparse.ArgumentParser:
    """The parser of the interactive command, ``newsmark PATH...``."""
    from . import commands

    parser = argparse.ArgumentParser(
        prog="newsmark",
        parents=[_shared_options(identity=True)],
        description="Open articles (files or folders) in the reader. Other commands: "
        + ", ".join(SUBCOMMANDS)
        + " (newsmark COMMAND --help).",
    )
    parser.add_argument("paths", metavar="PATH", nargs="+")
    parser.set_defaults(handler=commands.cmd_open)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsmark`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    opening = first is not None and first not in SUBCOMMANDS and "-h" not in argv and "--help" not in argv
    pause_collection()  # the reader resumes it after its first frame: see tui.startup
    try:
        parser = build_open_parser() if opening else build_parser()
        args = parser.parse_args(argv)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return EXIT_ERROR
        return run_handler(handler, args)
    finally:
        resume_collection(freeze=False)


def run_handler(handler: Handler, args: argparse.Namespace) -> int:
    """Run one command; every failure becomes one line on stderr and a status.

    The line is inert whatever the failure quotes (a file name may hold newlines and
    escape sequences): see :func:`~annotations.errors.escape_controls`.
    """
    try:
        return handler(args)
    except NewsmarkError as error:
        _error_line(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error_line("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        if os.environ.get("NEWSMARK_DEBUG"):
            raise
        _error_line(f"internal error: {type(error).__name__}: {' '.join(str(error).split())} (set NEWSMARK_DEBUG=1 for details)")
        return EXIT_INTERNAL


def _error_line(message: str) -> None:
    """``newsmark: MESSAGE`` on stderr, as one line with every control character escaped."""
    print(f"newsmark: {escape_controls(message)}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
