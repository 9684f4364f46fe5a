"""The background processes the app starts (the library's text index, the reader's learned
suggester): each a ``python -m MODULE`` child talking JSON lines over its pipes, niced so
that the keys come first."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

#: How much lower a child's priority is than the app's.
NICENESS = 10


def start_child(module: str, *args: str) -> subprocess.Popen[str]:
    """Start ``python -m module args…`` with text pipes for its input and output (its
    errors thrown away; bytes that are not UTF-8 kept as surrogates), niced."""
    process = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
    )
    with contextlib.suppress(AttributeError, OSError):  # not on Windows; a process already gone
        os.setpriority(os.PRIO_PROCESS, process.pid, NICENESS)
    return process
