"""One suggested tag at a time in the reader: ``y`` or ``d`` then a tag's key (or number),
``y``/``d`` again or Enter for all, a tag's own key taking its suggestion, and the decision
counts following undo and redo (across a restart too); real keys through Pilot, a real
store in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from .conftest import wait_until
from .test_reader import SIZE, make_app, on_disk, reader
from .test_reader_suggest import ARTICLE, first_text, suggestions_shown


def counts(store_root: Path, pattern: str) -> tuple[int, int]:
    """A pattern's (accepted, rejected) in the store's suggestions file ((0, 0) if none)."""
    path = store_root / "suggestions.json"
    if not path.exists():
        return (0, 0)
    record = json.loads(path.read_text(encoding="utf-8"))["patterns"].get(pattern, {})
    return record.get("accepted", 0), record.get("rejected", 0)


def prompt(app) -> str:  # type: ignore[no-untyped-def]
    """What the suggestion prompt asks ("" while it is closed or was never opened)."""
    found = reader(app).query("#suggestion-prompt")
    if not found or not found.first().display:
        return ""
    widget = found.first()
    assert isinstance(widget, Static)
    return str(widget.content)


async def test_y_then_a_tag_key_takes_that_tag_alone(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("y")
        assert prompt(app) == "y: take which? c claim · f figure · s source · y all · Esc"
        assert on_disk(store_root, path).tags(1) == [], "y asks first: three tags are suggested"
        await pilot.press("f")
        assert prompt(app) == ""
        assert on_disk(store_root, path).tags(1) == ["figure"]
        assert first_text(app)[0].startswith("[f]‹cs› Prices rose")
        await pilot.press("y", "4")  # a tag's number answers too: 4 is source
        assert on_disk(store_root, path).tags(1) == ["figure", "source"]
    assert counts(store_root, "figure/percent") == (1, 0)
    assert counts(store_root, "claim/reported-statement") == (0, 0), "claim was neither taken nor dropped"


async def test_d_then_a_tag_key_drops_that_tag_alone(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("d")
        assert prompt(app) == "d: drop which? c claim · f figure · s source · d all · Esc"
        await pilot.press("c")
        assert first_text(app)[0].startswith("‹fs› Prices rose")
        assert on_disk(store_root, path).tags(1) == []
        await pilot.press("u")  # the rejection is a change of its own: undone, claim is proposed again
        await wait_until(pilot, lambda: reader(app).view.suggested_letters(1) == "cfs", "claim suggested again")
    assert counts(store_root, "claim/reported-statement") == (0, 0)


async def test_y_then_enter_takes_all_and_one_suggested_tag_needs_no_second_key(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("y", "enter")
        assert on_disk(store_root, path).tags(1) == ["claim", "figure", "source"]
        await pilot.press("l")
        await wait_until(pilot, lambda: 4 in reader(app).suggestions, "the second section's suggestions")
        await pilot.press("y", "c")  # "Wages grew 4% in May.": claim and figure suggested, claim taken
        assert on_disk(store_root, path).tags(4) == ["claim"]
        await pilot.press("y")  # figure alone left: taken at once as ever
        assert on_disk(store_root, path).tags(4) == ["claim", "figure"]
        assert prompt(app) == ""


async def test_another_key_lets_the_question_go_and_does_its_own_work(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("y", "escape")
        assert prompt(app) == "" and on_disk(store_root, path).tags(1) == []
        await pilot.press("y", "j")
        assert prompt(app) == "" and reader(app).view.cursor == 2
        await pilot.press("f")  # nothing suggested on sentence 2: a plain toggle
        assert on_disk(store_root, path).tags_by_sentence == {2: ["figure"]}


async def test_a_tag_key_on_its_suggestion_accepts_it_and_counts(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("f")
        assert on_disk(store_root, path).tags(1) == ["figure"]
        assert counts(store_root, "figure/percent") == (1, 0)
        await pilot.press("f")  # now the sentence's own tag: toggled off, its accept taken back
        assert on_disk(store_root, path).tags(1) == []
        await pilot.press("o")  # concern is not suggested here: a plain toggle
        assert on_disk(store_root, path).tags(1) == ["concern"]
    assert counts(store_root, "figure/percent") == (0, 0)
    assert counts(store_root, "concern/warning") == (0, 0)


async def test_undo_and_redo_move_the_count_and_undo_after_a_restart_too(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("y", "f")
        assert counts(store_root, "figure/percent") == (1, 0)
        await pilot.press("u")
        assert counts(store_root, "figure/percent") == (0, 0)
        await pilot.press("U")
        assert counts(store_root, "figure/percent") == (1, 0)
    again = make_app(store_root, [path], suggestions=True)
    async with again.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, again)
        await pilot.press("u")
        assert on_disk(store_root, path).tags(1) == []
        assert counts(store_root, "figure/percent") == (0, 0)
