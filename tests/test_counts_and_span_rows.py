"""Counts are written with their plural rule (``1 article``, ``2 articles``) in the library
title, the outline and the article's details; the annotations overview's row for a span
record shows the words it tags, not the sentence's start. Pilot and a real subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.metadata import article_info, counted
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import find_words
from tui.app import NewsmarkApp
from tui.screens.annotations import AnnotationsScreen
from tui.screens.library import LibraryScreen

from .conftest import Notice, wait_until
from .test_reader import make_app

SHELLS = "approx. 300,000 shells"


def test_counted_follows_the_plural_rule() -> None:
    assert [counted(n, "article") for n in (0, 1, 2, 1204)] == ["0 articles", "1 article", "2 articles", "1,204 articles"]


async def test_the_library_title_says_1_article_and_2_articles(store_root: Path, samples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(samples / "artillery-pipeline.txt", folder)
    for paths, title in (
        ([folder / "artillery-pipeline.txt"], "Library · 1 article"),  # the command line lists a folder's files
        ([folder / "artillery-pipeline.txt", samples / "grid-outage.txt"], "Library · 2 articles"),
    ):
        settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), suggestions=False)
        app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), paths=paths)
        async with app.run_test(size=(100, 24)) as pilot:
            library = app.screen
            assert isinstance(library, LibraryScreen)
            await wait_until(pilot, lambda: not library.working, "the library completed")  # noqa: B023
            header = str(library.query_one("#section-header").render())
            assert header.strip() == title, header


def test_one_section_and_one_sentence_are_singular(write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article("Only one sentence is here.\n", "single.txt")
    result = subprocess.run([sys.executable, "-m", "tui.cli", "parse", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "1 section · 1 sentence" in result.stdout, result.stdout
    assert ("Size", "1 section · 1 sentence") in article_info(load_article(path))


async def test_an_overview_row_for_a_span_shows_its_words_first(store_root: Path, samples: Path, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    with Store(store_root) as store, open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
        notes.edits.edit_span(find_words(notes.article, 6, SHELLS), add=["figure"])
        sentence = notes.article.sentence(6).text
    app = make_app(store_root, [article, samples / "grid-outage.txt"])
    async with app.run_test(size=(80, 24)) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        drawn = overview.rows.render_line(0).text
        assert f"«{SHELLS}»" in drawn and sentence[:20] not in drawn, drawn
        row = overview.render_row(0, 200)
        assert [row.plain[span.start : span.end] for span in row.spans if "underline" in str(span.style)] == [SHELLS]
        assert row.plain.endswith(f"«{SHELLS}» in: {sentence}")
        assert str(overview.query_one("#status-line").render()).startswith("1 of 1 annotation · "), "the count"


async def test_the_export_key_says_1_annotation(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(n.message.startswith("Exported") for n in notices), "the export")
    assert next(n.message for n in notices if n.message.startswith("Exported")).startswith("Exported 1 annotation to ")
