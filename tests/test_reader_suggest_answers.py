"""A tag key not offered by ``y``/``d`` asking says so and tags nothing; a tag taken from a
suggestion and toggled off again is no accept any more (real keys, a real store)."""

from __future__ import annotations

from pathlib import Path

from .conftest import wait_until
from .test_cli_daily import newsmark
from .test_reader import SIZE, make_app, on_disk, reader
from .test_reader_suggest import ARTICLE, suggestions_shown
from .test_suggest_one_tag import counts, prompt


async def test_y_or_d_then_a_tag_not_offered_says_so_and_tags_nothing(store_root: Path, write_article, notices: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    """The tag keys are the question's answers: one not offered (its key or number) answers
    "concern is not suggested here" and the question stays; it toggled the tag on, turning
    a "drop" into a tag without a word (tryout D17). Esc, then the key, toggles as ever."""
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        for asking in (
            "y: take which? c claim · f figure · s source · y all · Esc",
            "d: drop which? c claim · f figure · s source · d all · Esc",
        ):
            await pilot.press(asking[0])
            for key in ("o", "3"):  # concern, by its key and by its number: not suggested on sentence 1
                notices.clear()
                await pilot.press(key)
                assert [n.message for n in notices] == ["concern is not suggested here"]
                assert prompt(app) == asking
                assert on_disk(store_root, path).tags(1) == []
        await pilot.press("f")  # the question still stands: d f drops figure
        assert prompt(app) == "" and reader(app).view.suggested_letters(1) == "cs"
        await pilot.press("y", "escape", "o")  # the question let go: o toggles as ever
        assert on_disk(store_root, path).tags(1) == ["concern"]
    assert counts(store_root, "concern/warning") == (0, 0)
    assert counts(store_root, "claim/reported-statement") == (0, 0)


async def test_an_accepted_tag_toggled_off_is_no_accept_and_undo_counts_it_again(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("f")  # figure is suggested on sentence 1: an accept
        assert counts(store_root, "figure/percent") == (1, 0)
        await pilot.press("f")  # taken off again: as if the accept were undone
        assert on_disk(store_root, path).tags(1) == []
        assert counts(store_root, "figure/percent") == (0, 0)
        await pilot.press("u")  # the tag is back: so is its accept
        assert on_disk(store_root, path).tags(1) == ["figure"]
        assert counts(store_root, "figure/percent") == (1, 0)
        await pilot.press("U")
        assert counts(store_root, "figure/percent") == (0, 0)
        await pilot.press("o")  # concern was never suggested here: a plain toggle, nothing counted
        assert counts(store_root, "concern/warning") == (0, 0)


async def test_clearing_a_sentence_takes_its_accepts_back_and_undo_counts_them_again(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("f", "o")  # figure accepted (suggested), concern a plain toggle
        assert counts(store_root, "figure/percent") == (1, 0)
        await pilot.press("x")  # every tag off: the accept is taken back with them
        assert on_disk(store_root, path).tags(1) == []
        assert counts(store_root, "figure/percent") == (0, 0)
        await pilot.press("u")
        assert on_disk(store_root, path).tags(1) == ["figure", "concern"]
        assert counts(store_root, "figure/percent") == (1, 0)
        await pilot.press("U")
        assert counts(store_root, "figure/percent") == (0, 0)


async def test_tag_remove_on_the_command_line_takes_an_accept_back(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("f")
        assert counts(store_root, "figure/percent") == (1, 0)
    result = newsmark("tag", str(path), "1", "figure", "--remove", store=store_root)
    assert result.returncode == 0, result.stderr
    assert on_disk(store_root, path).tags(1) == []
    assert counts(store_root, "figure/percent") == (0, 0)


async def test_d_on_a_section_with_nothing_left_says_so_of_the_section(store_root: Path, write_article, notices: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("D", "D")  # every suggestion of the section rejected, then D again
        await wait_until(pilot, lambda: any(n.message == "No suggestion left in this section." for n in notices), "the reason")
