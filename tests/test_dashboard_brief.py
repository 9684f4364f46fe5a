"""The HTML brief's picture of the corpus: the dashboard's figures as SVG, with their numbers."""

from __future__ import annotations

from pathlib import Path

from .test_brief import parse_html, run
from .test_dashboard import tag_corpus, write_corpus


def brief_of(store_root: Path, paths: list[Path], fmt: str) -> str:
    """``newsmark brief FILE... --format FMT`` as annotator ana (a real process)."""
    done = run("brief", *map(str, paths), "--format", fmt, store=store_root)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_html_brief_ends_with_the_figures_as_svg(tmp_path: Path) -> None:
    store_root = tmp_path / "store"
    paths = write_corpus(tmp_path / "news")
    tag_corpus(store_root, paths)
    document = brief_of(store_root, paths, "html")
    section = document[document.index('<section class="figures">') :]
    assert "<h2>A picture of the corpus</h2>" in section
    assert section.count("<svg") == 4 and "<script" not in document.lower()
    for title in ("Tags per article by publication date", "Claims by status", "Most-cited sources", "Each annotator&#x27;s progress"):
        assert f"<strong>{title}</strong>" in section, title
    assert "unverified 3" in section and "Reuters 2" in section
    assert "ana: 2 opened, 5 read, 4 tagged · bo: — opened, — read, 3 tagged" in section
    assert ">Reuters<" in section  # a bar's label in the SVG
    parsed = parse_html(document)
    assert {"svg", "figure", "figcaption"} <= set(parsed.tags)
    assert brief_of(store_root, paths, "html") == document  # the same store, the same bytes
    assert "<svg" not in brief_of(store_root, paths, "md")


def test_an_html_brief_of_untagged_articles_says_there_is_nothing_to_picture(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "news")
    document = brief_of(tmp_path / "store", paths, "html")
    section = document[document.index('<section class="figures">') :]
    assert "Nothing to picture yet: no article here has been tagged or opened." in section
    assert "<svg" not in section and "<figure" not in section
