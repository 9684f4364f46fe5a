"""The ``newsmark`` command line: one module per command (:mod:`tui.cli.commands`), the
parser built from their registry, one :class:`~tui.cli.status.ExitStatus`.

Importing this package imports nothing heavy: each command imports what it needs when
it runs.
"""

from __future__ import annotations

from .entry import main

__all__ = ["main"]
