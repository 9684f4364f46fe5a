"""What the reader redraws: a cursor move repaints the lines of the two sentences it
touches, not the whole text, and lays nothing out again; the text is laid out once, at
its real width, before the first frame. Counts of work done, never times."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

from tui.screens.reader.status import NoteLine
from tui.widgets.article_view import ArticleView
from tui.widgets.section_layout import SectionLayout

from .test_reader import SIZE, make_app, reader


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[tuple[tuple[object, ...], dict[str, object]]]:
    """Wrap ``owner.name`` so each call appends its arguments (after self) to the list returned."""
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []
    original = getattr(owner, name)

    def counted(self: object, *args: object, **kwargs: object) -> object:
        calls.append((args, kwargs))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


async def test_a_cursor_move_repaints_only_the_lines_of_its_two_sentences(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).view
        lines = count_calls(monkeypatch, ArticleView, "render_line")
        checked = 0
        for _ in range(6):
            before = view.cursor
            lines.clear()
            await pilot.press("j")
            await pilot.pause()
            assert view.cursor == before + 1
            spans = view.laid_out()[1]
            if before not in spans:  # into the next section: every line is new
                continue
            touched = {y for n in (before, view.cursor) for y in range(spans[n][0], spans[n][1] + 1)}
            assert lines, "the move was not drawn"
            assert {int(args[0]) + view.scroll_offset.y for args, _ in lines} <= touched, "a move repainted lines of other sentences"
            checked += 1
        assert checked >= 3


async def test_a_move_between_sentences_without_notes_lays_nothing_out_again(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        refreshes = count_calls(monkeypatch, NoteLine, "refresh")
        note_line = app.screen.query_one(NoteLine)
        await pilot.press("j", "j")
        await pilot.pause()
        assert note_line.cursor == reader(app).view.cursor == 3, "the note line was not told of the moves"
        assert not refreshes, "the hidden note line was repainted or laid out again"
        assert not note_line.display


async def test_the_note_line_still_grows_and_goes_with_the_notes(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        screen.apply(lambda: screen.annotations.set_note([2], "first line of a note"))
        await pilot.press("j")
        await pilot.pause()
        note_line = screen.query_one(NoteLine)
        assert note_line.display and note_line.size.height == 1
        await pilot.press("j")
        await pilot.pause()
        assert not note_line.display


async def test_the_text_is_laid_out_once_before_the_first_frame(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    widths = count_calls(monkeypatch, SectionLayout, "lay_out")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).view
        assert len(widths) == 1, "the first section was wrapped more than once at start"
        assert view.laid_out()[0], "nothing laid out"


async def test_a_frame_finds_the_texts_width_and_scroll_offset_once(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scroll draws every line of the text: the lines of one frame share the geometry
    found for it, and are the lines drawn one by one."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        view = reader(app).view
        for _ in range(8):
            await pilot.press("j")
        await pilot.pause()
        assert view.scroll_offset.y > 0, "the moves did not scroll the text"
        region = view.scrollable_content_region
        one_by_one = [view.render_line(y).text for y in range(region.height)]
        reads: list[int] = []
        geometry = Widget.scrollable_content_region

        def counted(self: Widget) -> Region:
            reads.append(1)
            return geometry.fget(self)  # type: ignore[no-any-return]

        monkeypatch.setattr(ArticleView, "scrollable_content_region", property(counted))
        view.refresh()  # every line drawn again, as after a scroll
        drawn = view.render_lines(Region(0, 0, view.size.width, view.size.height))
        assert len(reads) == 1, "the lines of one frame looked the geometry up each"
        assert [strip.text.strip() for strip in drawn] == [line.strip() for line in one_by_one]
        assert any(one_by_one), "nothing drawn"
