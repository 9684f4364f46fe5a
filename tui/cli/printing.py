"""Printing Rich renderables for the headless commands: fitted to a terminal, or at full
width with no trailing padding when another program reads the output."""

from __future__ import annotations

import io
import sys
from typing import Any

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
