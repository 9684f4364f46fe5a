"""Shared fixtures: the project's own sample articles and article builders, and the
helpers UI tests wait and look with (public Textual API only)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.pilot import Pilot
    from textual.worker import Worker

# Tests never write into the checkout: Hypothesis keeps no database and stores its
# caches in a temporary folder instead of ./.hypothesis.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="newsmark-hypothesis-"))
settings.register_profile("newsmark", database=None)
settings.load_profile("newsmark")

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"

# The real sample's shape (leading break, a lede, two-line headings, an empty section
# from a double break, a boilerplate trailer) in our own words: 4 sections, 2/5/5/5.
REAL_SHAPE_ARTICLE = "\n".join(
    ["|"]
    + [f"Lede paragraph {i} reports that officials met on the {i}th to discuss supply lines." for i in (1, 2)]
    + ["The First Heading", "A Subtitle for the U.S. Officials"]
    + [f"Section one paragraph {i} says deliveries rose. U.S. officials agreed." for i in range(1, 6)]
    + ["|", "Second Heading", "Second Subtitle"]
    + [f"Section two paragraph {i} notes that approx. 300,000 shells arrived." for i in range(1, 6)]
    + ["|", "|", "Third Heading", "Third Subtitle"]
    + [f'Section three paragraph {i} quotes an analyst who said "it matters."' for i in range(1, 6)]
    + ["Most Commented"]
)


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test (and its subprocesses) away from the real user's config and data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    for name in ("NEWSMARK_DB", "NEWSMARK_CONFIG", "NEWSMARK_ANNOTATOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def samples() -> Path:
    """The folder of sample articles shipped with newsmark (read-only)."""
    return SAMPLES


@pytest.fixture
def write_article(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write bytes or text to an article file under ``tmp_path`` and return its path."""

    def write(content: str | bytes, name: str = "article.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    """A store folder under ``tmp_path`` (created by the first writer)."""
    return tmp_path / "store"


@pytest.fixture
def article_copy(tmp_path: Path, samples: Path) -> Path:
    """A private copy of a sample article, free to edit."""
    path = tmp_path / "artillery-pipeline.txt"
    path.write_bytes((samples / "artillery-pipeline.txt").read_bytes())
    return path


# -- UI tests: wait for a condition, see what was notified ------------------------------

#: A bound on any wait, not its expected length: a wait ends as soon as its condition holds.
WAIT_LIMIT = 60.0


async def wait_until(pilot: Pilot[Any], condition: Callable[[], object], what: str, timeout: float = WAIT_LIMIT) -> None:
    """Let the app run until ``condition()`` is true; fail naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        await pilot.pause()


class Notice(NamedTuple):
    """One notification the app showed (a toast)."""

    message: str
    severity: str


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[Notice]:
    """Every notification the app shows during the test, in order, as it is made.

    ``Widget.notify`` and ``Screen.notify`` call ``App.notify``, so wrapping the app's
    method sees them all; the toasts are still shown.
    """
    from tui.app import NewsmarkApp

    shown: list[Notice] = []
    original = NewsmarkApp.notify

    def notify(self: NewsmarkApp, message: str, *, severity: str = "information", **options: Any) -> None:
        shown.append(Notice(str(message), severity))
        original(self, message, severity=severity, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(NewsmarkApp, "notify", notify)
    return shown


def workers_started(monkeypatch: pytest.MonkeyPatch, owner: type[DOMNode]) -> list[Worker[object]]:
    """Every worker ``owner`` (a widget or screen class) starts with ``run_worker`` from now
    on, in order (to check how they are described: Textual's default is the work's repr)."""
    started: list[Worker[object]] = []
    original = owner.run_worker

    def run_worker(self: DOMNode, *args: object, **kwargs: object) -> Worker[object]:
        worker: Worker[object] = original(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(worker)
        return worker

    monkeypatch.setattr(owner, "run_worker", run_worker)
    return started
