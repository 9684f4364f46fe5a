"""Printing Rich renderables for the headless commands: fitted to a terminal, or at full
width with no trailing padding when another program reads the output."""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Any

#: What a write to a full, over-quota or failing output gives (``> /dev/full``).
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})
#: The width output is laid out in when piped: wide enough never to cut or wrap a line.
PIPED_WIDTH = 100_000


def print_renderable(renderable: Any) -> None:
    """Print a Rich renderable on stdout: fitted to a terminal, or, piped, at its full
    width with no padding at the ends of lines (another program reads it)."""
    from rich.console import Console

    if sys.stdout.isatty():
        Console(highlight=False, emoji=False, markup=False).print(renderable, soft_wrap=False)
        return
    buffer = io.StringIO()
    console = Console(file=buffer, width=PIPED_WIDTH, color_system=None, highlight=False, emoji=False, markup=False)
    console.print(renderable, soft_wrap=False)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def is_stdout_failure(error: BaseException) -> bool:
    """Whether ``error`` is a failed write to stdout (``> /dev/full``, a full disk): a
    write to an open stream names no file, and every file newsmark opens itself is
    named in its errors or turned into a one-line error where it is written."""
    return isinstance(error, OSError) and error.filename is None and error.errno in _OUTPUT_ERRNOS


def silence_stdout() -> None:
    """Point stdout at the null device, so that what is still buffered for a reader that
    went away or an output that is full is dropped instead of failing again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
