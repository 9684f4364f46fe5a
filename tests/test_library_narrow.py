"""In a narrow terminal every screen's key bar keeps Help and Quit (or Back)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.screens.annotations import AnnotationsScreen
from tui.screens.library import LibraryScreen

from .conftest import wait_until
from .test_reader import key_bar_text, make_app


@pytest.mark.parametrize("width", [60, 80])
async def test_the_library_and_the_overview_keep_help_and_quit_when_narrow(store_root: Path, samples: Path, width: int) -> None:
    app = make_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(width, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        bar = key_bar_text(app)
        assert "? Help" in bar and "q Quit" in bar, bar
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        await pilot.pause()
        bar = key_bar_text(app)
        assert "? Help" in bar and "q Back" in bar, bar


async def test_the_library_header_counts_what_a_filter_shows(store_root: Path, samples: Path) -> None:
    app = make_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(100, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        total = len(library.library.items)
        header = library.query_one("#section-header")
        assert f"Library · {total} articles" in str(header.render())
        await pilot.press("slash", *"grid")
        await wait_until(pilot, lambda: f"Library · 1 of {total} articles" in str(header.render()), "the filtered count")


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_a_narrow_library_gives_the_title_room_and_cuts_no_column(store_root: Path, samples: Path, width: int) -> None:
    """At 80 columns titles were cut to ten cells and 'left off' ran off the edge: now the
    path narrows and the least needed columns give way, every shown column whole."""
    app = make_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(width, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        header = str(library.query_one("#library-columns").render())
        assert header.rstrip().endswith("left off" if width == 80 else "opened"), header
        assert ("sections" in header) == (width == 160), header
        assert len(header.rstrip()) <= library.rows.scrollable_content_region.width
        titles = {item.title for item in library.library.items}
        row = library.render_row(0, library.rows.scrollable_content_region.width).plain
        title = next(t for t in titles if row.startswith(t[:10]))
        assert row.startswith(title[: min(len(title), width // 3 - 1)]), row
        assert "tagged" in header and "path" in header


async def test_the_column_sorted_by_stays_shown_and_counts_sort_largest_first(store_root: Path, samples: Path) -> None:
    """At 100 columns 'by size' sorted by a column given way; tagged and opened listed the
    untagged and never-opened first."""
    app = make_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(100, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        header = library.query_one("#library-columns")
        assert "size" not in str(header.render()).split()
        await pilot.press("s", "s")  # title → path → size
        assert "by size" in str(library.query_one("#status-line").render())
        assert "size" in str(header.render()).split()
        sizes = [library.library.items[number].entry.stamp.size for number in library.order]  # type: ignore[union-attr]
        assert sizes == sorted(sizes, reverse=True) and sizes != sorted(sizes)


async def test_the_overview_at_80_columns_gives_the_sentence_room(store_root: Path, samples: Path) -> None:
    """At 80 columns the sentence, the column that matters, was cut to a dozen letters and
    the time ran into the tags (found in a tryout)."""
    from annotations.formats.loader import load_article
    from annotations.schema import TagSchema
    from annotations.store.article_annotations import open_article
    from annotations.store.folder import Store

    paths = sorted(samples.iterdir())
    with Store(store_root) as store:
        notes = open_article(store, load_article(paths[0]), annotator="somebody-long-named", schema=TagSchema())
        notes.add_tags([1], ["figure"])
        sentence = notes.article.sentence(1).text
        notes.release()
    app = make_app(store_root, paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        row = overview.render_row(0, overview.rows.scrollable_content_region.width).plain
        assert row[16] == " ", row  # the time, then a space before the tags
        shown = row[row.index(sentence[:10]) :]
        assert len(shown) >= 30 and sentence.startswith(shown[:30]), row


async def test_the_library_header_counts_an_unreadable_file_apart(store_root: Path, tmp_path: Path) -> None:
    """A binary file in the folder is no article (tryout 6: "Library · 3 articles" beside
    "2 readable · 1 unreadable")."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("One sentence here. Another one.\n", encoding="utf-8")
    (folder / "b.txt").write_text("A third sentence. And a fourth.\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    app = make_app(store_root, sorted(folder.iterdir()))
    async with app.run_test(size=(100, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        header = library.query_one("#section-header")
        await wait_until(pilot, lambda: "Library · 2 articles · 1 unreadable" in str(header.render()), "the count without the binary")
