"""Helpers shared by tests."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotations.exchange.export import build_export, dump_export, entries_from_store
from annotations.store.folder import LockMode, Store


def export_store(root: Path, *, tags: list[str] | None = None, annotators: list[str] | None = None, fmt: str = "yaml") -> bytes:
    """Export a whole store the way ``newsmark export`` does when given no files."""
    with Store(root, mode=LockMode.READ) as store:
        entries = list(entries_from_store(store, tags or [], annotators or []))
    return dump_export(build_export(entries), fmt)


def hours_ahead(hours: float) -> str:
    """A record stamp ``hours`` after this machine's clock: a colleague's clock running
    ahead, within the day an import accepts."""
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


REPO = Path(__file__).resolve().parent.parent

# A CLI-style writer: holds the store until told (a line on stdin, or stdin closed), and
# on "note" saves one before letting go.
HOLDER = """
import sys
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

store = Store(sys.argv[1])
print("locked", flush=True)
if sys.stdin.readline().strip() == "note" and len(sys.argv) > 2:
    notes = open_article(store, load_article(sys.argv[2]), annotator="cli", schema=TagSchema())
    notes.edit([2], add=["concern"], note="acknowledged by the CLI")
    print("saved", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def child(script: str, *args: str, ready: str) -> Iterator[subprocess.Popen[str]]:
    """A Python child running ``script``, once it has printed ``ready``; killed at the end."""
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == ready
        yield process
    finally:
        process.kill()
        process.wait()


def assert_valid_spans(paragraph: str, spans: list[tuple[int, int]]) -> None:
    """Sentence spans increase, never overlap, are stripped, and cover every non-space character."""
    assert spans or not paragraph.strip()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(paragraph)
        piece = paragraph[start:end]
        assert piece == piece.strip()
        assert paragraph[previous_end:start].strip() == ""
        previous_end = end
    assert paragraph[previous_end:].strip() == ""
