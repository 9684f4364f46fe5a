"""What the reader draws fits its room: the text's lines within the measure and never cut
mid-word after markers arrive, whole status items, the key bar's essential keys, and
notifications clear of the cursor sentence; real keys through Pilot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widget import Widget

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.widgets.section_layout import SectionLayout

from .conftest import wait_until
from .test_reader import reader

#: A marker drawn before a sentence: tags' letters in brackets, suggested ones in ‹›.
MARKER = re.compile(r"\[[^\]]*\]|‹[^›]*›")


def drawn_text(app: NewsmarkApp) -> tuple[list[str], int]:
    """The article view's text lines of the section on screen, as drawn (the whole
    section, scrolled through), and the widest a line of text may be, with its indent."""
    view = reader(app).view
    lines, _ = view.laid_out()
    drawn = []
    for index, line in enumerate(lines):
        if line.kind == "text":
            view.scroll_to(y=index, animate=False, immediate=True)
            drawn.append(view.render_line(index - view.scroll_offset.y).text.rstrip())
    indent = len(drawn[0]) - len(drawn[0].lstrip()) if drawn else 0
    return drawn, indent + view.text_width


def words(text: str) -> list[str]:
    return MARKER.sub(" ", text).split()


def make_app(store_root: Path, path: Path, *, reading_width: int = 88, suggestions: bool = True) -> NewsmarkApp:
    """The app on one article, with this reading width."""
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), suggestions=suggestions, reading_width=reading_width)
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(path))


@pytest.mark.parametrize("reading_width", [88, 53])
async def test_markers_arriving_after_the_wrap_never_cut_a_word(store_root: Path, samples: Path, reading_width: int) -> None:
    """The issue's steps at 100x30: section 3's suggestions arrive after its lines were
    wrapped, on several paragraphs at once (at these measures one of them gains a line)."""
    app = make_app(store_root, samples / "artillery-pipeline.txt", reading_width=reading_width)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = reader(app)
        await pilot.press("colon", "6", "enter", "t", "j", "enter")
        await wait_until(pilot, lambda: screen.view.section.number == 3, "section 3")
        await wait_until(pilot, lambda: 3 in {screen.article.sentence(n).section for n in screen.view.suggested}, "section 3's suggestions")
        await pilot.pause()
        drawn, measure = drawn_text(app)
        section = screen.view.section
        expected = [word for p in section.paragraphs for s in p.sentences for word in s.text.split()]
        assert [w for line in drawn for w in words(line)] == expected
        assert all(cell_len(line) <= measure for line in drawn), [line for line in drawn if cell_len(line) > measure]
        assert any("‹" in line for line in drawn)


def test_a_partial_rewrap_gives_the_lines_of_a_whole_layout(samples: Path) -> None:
    """Markers appearing on many sentences of many paragraphs at once, at every width:
    the rewrapped lines, spans and markers are those of laying the section out afresh."""
    article = load_article(samples / "artillery-pipeline.txt")
    shown = {"on": False}

    def marker(number: int) -> str:
        return ("[cs]‹f›" if number % 3 == 0 else "‹o›" if number % 2 else "") if shown["on"] else ""

    for section in article.sections:
        changed = list(range(section.first_sentence, section.last_sentence + 1))
        for width in range(20, 89):
            for one_per_line in (False, True):
                shown["on"] = False
                partial = SectionLayout(marker)
                partial.lay_out(article, section, width, one_per_line=one_per_line)
                shown["on"] = True
                partial.rewrap_from(changed, width)
                whole = SectionLayout(marker)
                whole.lay_out(article, section, width, one_per_line=one_per_line)
                assert (partial.lines, partial.spans, partial.markers) == (whole.lines, whole.spans, whole.markers), (section.number, width)


# -- item 8: whole status items, the key bar's keys --------------------------------------

#: The reader's keys shown with the default tags and suggestions on, most wanted first.
READER_KEYS = ["claim", "figure", "concern", "source", "Note", "Accept", "Help", "Quit"]


def bar_text(app: NewsmarkApp) -> str:
    from tui.widgets.key_bar import KeyBar

    return app.screen.query_one(KeyBar).render_line(0).text


def status_text(app: NewsmarkApp) -> str:
    return str(app.screen.query_one("#status-line").render())


def whole_words(line: str, allowed: set[str]) -> list[str]:
    """The words of ``line`` that are not whole words of ``allowed`` (a cut one shows)."""
    return [word for word in line.replace("▏", " ").split() if word not in allowed]


@pytest.mark.parametrize("width", [100, 80, 69])
async def test_the_status_line_drops_whole_items_and_the_key_bar_keeps_its_keys(store_root: Path, samples: Path, width: int) -> None:
    """Read-only (another writer holds the store), suggestions shown: every status item is
    whole; the key bar shows every key from 70 columns on, and drops whole keys below."""
    with Store(store_root):  # the writer: another object, as another process would be
        app = make_app(store_root, samples / "artillery-pipeline.txt")
        async with app.run_test(size=(width, 30)) as pilot:
            screen = reader(app)
            await wait_until(pilot, lambda: screen.suggestions, "the suggestions")
            await pilot.pause()
            line = status_text(app)
            assert cell_len(line) <= width - 2 and "…" not in line, line
            assert "read-only" in line and line.endswith("· y/d›"), line
            reason = f"read-only: {screen.annotations.read_only_reason}"
            words = {
                "·",
                "0",
                "tagged",
                "ana",
                "read-only",
                "y/d›",
                "sentence",
                "section",
                *reason.split(),
                *(t.name for t in screen.schema.tags),
            }
            assert not whole_words(line.replace("‹suggested:", "").replace("‹", " ").replace(",", " "), words | {"1/21", "§1/4", "1/4"}), (
                line
            )
            bar = bar_text(app)
            shown = [key for key in READER_KEYS if f" {key}" in bar]
            allowed = {"1/c", "2/f", "3/o", "4/s", "c", "f", "o", "s", "e", "y", "?", "q", "^p", "palette", *READER_KEYS}
            assert not whole_words(bar, allowed), bar
            assert bar.rstrip().endswith("^p") or bar.rstrip().endswith("^p palette")
            if width >= 70:
                assert shown == READER_KEYS, bar
            else:
                assert {"Help", "Quit"} <= set(shown) and shown != READER_KEYS, bar
                assert shown == [*READER_KEYS[: len(shown) - 2], "Help", "Quit"], "whole keys go from the last"


async def test_accept_is_in_the_key_bar_only_while_suggestions_are_on(store_root: Path, samples: Path) -> None:
    app = make_app(store_root, samples / "artillery-pipeline.txt", suggestions=False)
    async with app.run_test(size=(100, 30)):
        assert " Note" in bar_text(app) and "Accept" not in bar_text(app)
    app = make_app(store_root, samples / "artillery-pipeline.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        assert " y Accept" in bar_text(app)
        await pilot.press("z")
        await wait_until(pilot, lambda: "Accept" not in bar_text(app), "y gone while suggestions are hidden")
        await pilot.press("z")
        await wait_until(pilot, lambda: " y Accept" in bar_text(app), "y back")


@pytest.mark.parametrize("width", [100, 80, 69])
async def test_the_library_key_bar_keeps_annotations(store_root: Path, samples: Path, width: int) -> None:
    from tui.screens.library import LibraryScreen

    from .test_reader import make_app as make_library_app

    app = make_library_app(store_root, sorted(samples.iterdir()))
    async with app.run_test(size=(width, 24)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        bar = bar_text(app)
        for shown in ("⏎ Open the article", "/ Filter", "s Sort", "a Annotations", "? Help", "q Quit", "^p"):
            assert shown in bar, bar


# -- item 17: notifications ---------------------------------------------------------------


def cursor_region(app: NewsmarkApp) -> Region:
    """Where the cursor sentence is on the screen (its lines, the text's whole width)."""
    view = reader(app).view
    _, spans = view.laid_out()
    first, last = spans[view.cursor]
    content = view.content_region
    return Region(content.x, content.y + first - view.scroll_offset.y, content.width, last - first + 1)


def toasts(app: NewsmarkApp) -> list[Widget]:
    return list(app.screen.query("Toast"))


@pytest.mark.parametrize("moves", [0, 24])
async def test_at_most_two_notifications_never_over_the_cursor_sentence(store_root: Path, write_article, moves: int) -> None:  # type: ignore[no-untyped-def]
    """Five notifications at once, the cursor at the top of the text or low on it."""
    text = "\n\n".join(f"Sentence {n} of the only section says a plain thing about the weather today." for n in range(1, 80))
    app = make_app(store_root, write_article(text + "\n"), suggestions=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press(*["j"] * moves)
        await pilot.pause()
        for number in range(1, 6):
            app.notify(f"Notice {number}: something happened that the analyst may want to know.")
        shown = lambda: [str(toast.render()) for toast in toasts(app)]  # noqa: E731
        await wait_until(pilot, lambda: len(shown()) == 2 and "Notice 5" in shown()[-1] and "Notice 4" in shown()[0], "the last two")
        await pilot.pause()
        assert len(toasts(app)) == 2
        cursor = cursor_region(app)
        assert cursor.y > 15 if moves else cursor.y < 5
        assert not any(toast.region.overlaps(cursor) for toast in toasts(app)), (cursor, [t.region for t in toasts(app)])


def test_status_items_shorten_then_go_whole_by_priority() -> None:
    from tui.screens.reader.status import Rank, StatusItem, fit_items

    items = [
        StatusItem(Rank.POSITION, "sentence 4/21", "4/21"),
        StatusItem(Rank.SECTION, "section 2/4", "§2/4"),
        StatusItem(Rank.TAGGED, "3 tagged"),
        StatusItem(Rank.ANNOTATOR, "ana"),
        StatusItem(Rank.READ_ONLY, "read-only: in use by process 7", "read-only"),
        StatusItem(Rank.SUGGESTED, "‹suggested: figure · y/d›", "‹figure · y/d›", lead="  "),
    ]
    whole = "sentence 4/21 · section 2/4 · 3 tagged · ana · read-only: in use by process 7  ‹suggested: figure · y/d›"
    assert fit_items(items, len(whole), short=False) == whole
    assert fit_items(items, len(whole) - 1, short=False) == whole.replace("section 2/4", "§2/4")
    assert fit_items(items, 60, short=False) == "4/21 · §2/4 · 3 tagged · ana · read-only  ‹figure · y/d›"
    assert fit_items(items, 40, short=False) == "4/21 · §2/4 · read-only  ‹figure · y/d›"  # annotator, then count
    assert fit_items(items, 20, short=False) == "4/21 · read-only"
    assert fit_items(items, 2, short=False) == "4/21"  # the position stays (drawn cut, with an ellipsis)
    assert fit_items(items, 200, short=True).startswith("4/21 · §2/4 · 3 tagged")


async def test_the_status_line_fits_the_width_it_is_drawn_in_after_a_resize(store_root: Path, samples: Path) -> None:
    with Store(store_root):  # another writer: the read-only item has a long form with the reason
        app = make_app(store_root, samples / "artillery-pipeline.txt", suggestions=False)
        async with app.run_test(size=(72, 30)) as pilot:
            line = app.screen.query_one("#status-line")
            drawn = lambda: line.render_line(0).text.strip()  # noqa: E731
            await wait_until(pilot, lambda: drawn().endswith("ana · read-only"), "the short form")
            await pilot.resize_terminal(120, 30)
            await wait_until(pilot, lambda: "read-only: " in drawn() and "section 1/4" in drawn(), "the long forms")
