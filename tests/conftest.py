"""Shared fixtures: the project's own sample articles and article builders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

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
    + [f"Section three paragraph {i} quotes an analyst who said \"it matters.\"" for i in range(1, 6)]
    + ["Most Commented"]
)


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test (and its subprocesses) away from the real user's config and data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
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
