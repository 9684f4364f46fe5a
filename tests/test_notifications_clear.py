"""Notifications keep off the cursor sentence at every size (at 80x24 two ``E`` toasts
covered sentence 20), shrinking where neither side has room, and never break a file
name across two lines of a toast; the real app driven by Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from tui.app import NewsmarkApp
from tui.widgets.notification_place import Place, ToastSize, choose_place

from .conftest import wait_until
from .test_notification_text import EXPORT, deep_article, make_app, toasts
from .test_reader import reader

__all__ = ["deep_article"]  # the fixture, shared


def cursor_region(app: NewsmarkApp) -> Region:
    """The cursor sentence's rows on the screen, as much of it as is shown."""
    view = reader(app).view
    _, spans = view.laid_out()
    first, last = spans[view.cursor]
    content = view.content_region
    return Region(content.x, content.y + first - view.scroll_offset.y, content.width, last - first + 1).intersection(content)


def clear_of_cursor(app: NewsmarkApp) -> bool:
    cursor = cursor_region(app)
    return not any(toast.region.overlaps(cursor) for toast in toasts(app))


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_two_e_toasts_never_cover_the_cursor_sentence(store_root: Path, deep_article: Path, size: tuple[int, int]) -> None:
    """The tryout's steps: ``G k`` (sentence 20), ``E`` twice."""
    app = make_app(store_root, deep_article)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("G", "k")
        await wait_until(pilot, lambda: reader(app).view.cursor == 20, "sentence 20")
        await pilot.press("E", "E")
        await wait_until(pilot, lambda: len(toasts(app)) == 2 and "unchanged" in str(toasts(app)[-1].render()), "two toasts")
        await pilot.pause()
        assert clear_of_cursor(app), (cursor_region(app), [toast.region for toast in toasts(app)])


async def test_toasts_keep_clear_of_every_sentence_at_80x24(store_root: Path, deep_article: Path) -> None:
    """Two long toasts stay while the cursor goes through every sentence of the article."""
    app = make_app(store_root, deep_article)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for number in (1, 2):
            app.notify(f"Notice {number}: exported to {deep_article.with_name(EXPORT)}, which is kept as it is.", timeout=600)
        await wait_until(pilot, lambda: len(toasts(app)) == 2, "two toasts")
        view = reader(app).view
        for sentence in range(1, 22):
            await pilot.press("colon", *str(sentence), "enter")
            await wait_until(pilot, lambda: view.cursor == sentence, f"sentence {sentence}")  # noqa: B023
            await pilot.pause()
            assert clear_of_cursor(app), (sentence, cursor_region(app), [toast.region for toast in toasts(app)])


async def test_toasts_shrink_to_one_line_beside_a_sentence_that_fills_the_screen(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    words = " ".join(f"word{n}" for n in range(170))
    article = write_article(f"A first short sentence.\n\nOne long sentence of {words} ends here.\n")
    app = make_app(store_root, article)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("j")
        await wait_until(pilot, lambda: reader(app).view.cursor == 2, "the long sentence")
        cursor = cursor_region(app)
        assert cursor.height >= 14, cursor
        app.notify("One thing happened that the analyst may like to know about.")
        app.notify("Another thing happened that the analyst may like to know about.")
        await wait_until(pilot, lambda: len(toasts(app)) == 2 and "Another" in str(toasts(app)[-1].render()), "two toasts")
        await pilot.pause()
        assert [toast.region.height for toast in toasts(app)] == [1, 1]
        assert clear_of_cursor(app), (cursor, [toast.region for toast in toasts(app)])


def test_the_place_is_the_roomier_side_then_smaller_toasts() -> None:
    assert choose_place(24, (2, 3), [2, 2]) == Place(False, ToastSize.FULL)
    assert choose_place(24, (18, 19), [2, 2]) == Place(True, ToastSize.FULL)
    assert choose_place(24, (6, 15), [2, 2]) == Place(False, ToastSize.SMALL)  # 6 above, 6 below
    assert choose_place(24, (3, 19), [2, 2]) == Place(True, ToastSize.ONE_LINE)
    assert choose_place(24, (1, 21), [2, 2]) == Place(True, ToastSize.ONE_LINE)  # no room: the roomier side


async def test_the_rack_stays_put_while_no_toast_is_shown(store_root: Path, deep_article: Path) -> None:
    """With no toast shown the rack is empty and covers nothing: a cursor move leaves it
    (and its styles) as it is, so neither the reader's start nor a move restyles it; the
    next toast places it."""
    app = make_app(store_root, deep_article)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("A short one.", timeout=0.3)  # the cursor on sentence 1, at the top: the toast goes below
        await wait_until(pilot, lambda: len(toasts(app)) == 1, "the toast")
        rack = app.screen.query_one("ToastRack")
        assert not rack.has_class("-top")
        await wait_until(pilot, lambda: not toasts(app), "the toast gone")
        await pilot.press("colon", "1", "7", "enter")  # low on the screen: a toast goes on top
        await wait_until(pilot, lambda: reader(app).view.cursor == 17, "sentence 17")
        await pilot.pause()
        assert not rack.has_class("-top")  # not moved (nor restyled) for nothing
        app.notify("Another one.")
        await wait_until(pilot, lambda: len(toasts(app)) == 1, "the next toast")
        await pilot.pause()
        assert rack.has_class("-top")  # placed above sentence 17
        assert clear_of_cursor(app), (cursor_region(app), [toast.region for toast in toasts(app)])
