"""The ``newsmark`` command line: argument parsing, then calls on the core."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from annotations.errors import NewsmarkError

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace], int]


def _stdout_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)


def cmd_parse(args: argparse.Namespace) -> int:
    """``newsmark parse FILE [--json]``."""
    from annotations.article import load_article

    article = load_article(args.file)
    if args.json:
        sys.stdout.write(json.dumps(article.to_outline(), ensure_ascii=False, indent=2) + "\n")
    else:
        from .outline import print_outline

        print_outline(article, _stdout_console())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="newsmark",
        description="Read articles section by section and tag their sentences.",
        epilog="Run 'newsmark PATH...' to open articles in the reader.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    parse = sub.add_parser("parse", help="print an article's sections and numbered sentences")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="print JSON instead of the outline")
    parse.set_defaults(handler=cmd_parse)
    return parser


SUBCOMMANDS = ("parse",)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsmark`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_ERROR
    return run_handler(handler, args)


def run_handler(handler: Handler, args: argparse.Namespace) -> int:
    """Run one command; every failure becomes one line on stderr and a status."""
    try:
        return handler(args)
    except NewsmarkError as error:
        print(f"newsmark: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsmark: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("NEWSMARK_DEBUG"):
            raise
        print(f"newsmark: internal error: {type(error).__name__}: {error} (set NEWSMARK_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
