"""What the entry point needs to read a command line before it parses it (the options
every command shares, the one error line), without argparse: ``newsmark PATH`` opens the
reader without importing it (see :func:`tui.cli.entry.reader_args`)."""

from __future__ import annotations

import sys

from annotations.errors import escape_controls

#: The store commands' shared options, accepted before the command name too (option: dest).
GLOBAL_OPTIONS = {"--db": "db", "--config": "config", "--annotator": "annotator_name"}
#: Options that take a value as the next argument (so that value is not the command).
VALUE_OPTIONS = frozenset({"--db", "--config", "--annotator"})


def error_line(message: str) -> None:
    """``newsmark: MESSAGE`` on stderr, as one line with every control character escaped."""
    print(f"newsmark: {escape_controls(message)}", file=sys.stderr)
