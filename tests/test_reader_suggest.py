"""Suggestions in the reader: shown apart from tags, accepted (undoably) and rejected
(durably) with single keys, hidden and shown again; real keys through Pilot."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.helpers import export_store

from .conftest import wait_until
from .test_reader import SIZE, make_app, on_disk, reader, status

ARTICLE = (
    "Prices rose 3.1% in June, the statistics office said.\n"
    "The weather was mild.\n"
    "Economists warned that rents could rise again.\n"
    "Second Part\n"
    "Wages grew 4% in May.\n"
    "Unions fear the cuts, the union said.\n"
)


def first_text(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The section's lines as drawn, stripped."""
    view = reader(app).view
    return [view.render_line(y).text.strip() for y in range(view.size.height) if view.render_line(y).text.strip()]


async def suggestions_shown(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: reader(app).suggestions, "the suggestion worker's result")
    await pilot.pause()


async def test_suggestions_are_drawn_apart_from_tags_and_never_counted(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        lines = first_text(app)
        assert lines[0].startswith("‹cfs› Prices rose 3.1%")
        assert any(line.startswith("The weather was mild. ‹cos› Economists") for line in lines) or "‹cos› Economists" in " ".join(lines)
        assert "0 tagged" in status(app) and "‹suggested: claim, figure, source · y/d›" in status(app)
    assert not on_disk(store_root, path).tags_by_sentence
    assert yaml.safe_load(export_store(store_root))["articles"] == []


async def test_y_accepts_as_a_tag_change_that_u_undoes(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("y", "y")  # three suggested: y asks which, y again takes them all
        assert on_disk(store_root, path).tags(1) == ["claim", "figure", "source"]
        assert first_text(app)[0].startswith("[cfs] Prices rose")
        assert "1 tagged" in status(app) and "suggested" not in status(app)
        await pilot.press("u")
        assert on_disk(store_root, path).tags(1) == []
        assert first_text(app)[0].startswith("‹cfs› Prices rose")
    decisions = json.loads((store_root / "suggestions.json").read_text(encoding="utf-8"))
    assert decisions["patterns"]["figure/percent"] == {"accepted": 0, "rejected": 0}, "u took the accept back"


async def test_d_rejects_for_good_even_after_a_restart(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # a tag first: the first sentence keeps its claim tag
        await suggestions_shown(pilot, app)
        assert first_text(app)[0].startswith("[c]‹fs› Prices rose")
        await pilot.press("d", "d")
        assert first_text(app)[0].startswith("[c] Prices rose")
        assert on_disk(store_root, path).tags(1) == ["claim"]
    again = make_app(store_root, [path], suggestions=True)
    async with again.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, again)
        assert reader(again).view.suggested_letters(1) == ""
        assert first_text(again)[0].startswith("[c] Prices rose")
        await pilot.press("y")
        assert on_disk(store_root, path).tags(1) == ["claim"]


async def test_a_range_and_the_whole_section(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("v", "j", "y", "y")
        assert on_disk(store_root, path).tags_by_sentence == {1: ["claim", "figure", "source"]}
        await pilot.press("Y")
        assert on_disk(store_root, path).tags_by_sentence == {1: ["claim", "figure", "source"], 3: ["claim", "concern", "source"]}
        assert reader(app).view.cursor == 2, "Y stays where it is"
        await pilot.press("l")
        await wait_until(pilot, lambda: 4 in reader(app).suggestions, "the second section's suggestions (found as it is shown)")
        await pilot.pause()
        assert first_text(app)[1].startswith("‹cf› Wages grew 4%")  # a stated fact with a figure: claim too
        await pilot.press("D")
        assert reader(app).suggestions.keys() <= {1, 3}
        assert "‹" not in " ".join(first_text(app))
        rejected = json.loads((store_root / "suggestions.json").read_text(encoding="utf-8"))["rejected"]
        assert len(rejected) == 2
        await pilot.press("u")  # D was a change of its own: undone, its suggestions are proposed again
        await wait_until(pilot, lambda: 4 in reader(app).suggestions, "the second section suggested again")
        assert json.loads((store_root / "suggestions.json").read_text(encoding="utf-8"))["rejected"] == {}
        await pilot.press("u")
        assert on_disk(store_root, path).tags_by_sentence == {1: ["claim", "figure", "source"]}, "u undid Y, as a tag change"


async def test_z_hides_and_shows_and_keys_do_nothing_while_hidden(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article(ARTICLE)
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        await pilot.press("z")
        assert first_text(app)[0].startswith("Prices rose")
        await pilot.press("y", "d")
        assert not store_root.joinpath("suggestions.json").exists()
        await pilot.press("z")
        assert first_text(app)[0].startswith("‹cfs› Prices rose")


async def test_y_before_the_suggestions_arrive_or_with_them_off_says_why(
    store_root: Path,
    article_copy: Path,
    notices: list,  # type: ignore[type-arg]
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """y pressed before the section's suggestions were found said "No suggestion here."
    (found in a tryout): it says they are still being found, or that they are off."""
    from tui.screens.reader.suggestions import SuggestionController

    monkeypatch.setattr(SuggestionController, "request", lambda self: None)  # the worker never answers
    app = make_app(store_root, [article_copy], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await wait_until(pilot, lambda: any("Still finding suggestions" in n.message for n in notices), "the reason")
    app = make_app(store_root, [article_copy], suggestions=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await wait_until(pilot, lambda: any("Suggestions are off" in n.message for n in notices), "the reason")


async def test_y_after_the_suggestions_failed_says_why_not_still_finding(
    store_root: Path,
    article_copy: Path,
    notices: list,  # type: ignore[type-arg]
) -> None:
    """A damaged suggestions file: y said "still finding" for ever (found in a review)."""
    from annotations.store.folder import Store

    with Store(store_root):  # a store of its own, then its suggestions file damaged
        pass
    (store_root / "suggestions.json").write_text("{bad", encoding="utf-8")
    app = make_app(store_root, [article_copy], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: any(n.message.startswith("No suggestions:") for n in notices), "the failure told")
        await pilot.press("y")
        await wait_until(pilot, lambda: sum(n.message.startswith("No suggestions:") for n in notices) == 2, "y says why")
        assert not any("Still finding" in n.message for n in notices)


async def test_a_run_of_60000_digits_is_suggested_on_and_keys_answer(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    """The issue's article: with Python's re the worker matched this run for about 90 s,
    holding the GIL, and ``j`` got no answer; RE2 matches it at once."""
    path = write_article("Prices rose 3.1% in June, the statistics office said.\nTotals: " + "1" * 60_000 + ".\nThe weather was mild.\n")
    app = make_app(store_root, [path], suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await suggestions_shown(pilot, app)
        assert reader(app).view.suggested_letters(2) == "cf"
        await pilot.press("j")
        await wait_until(pilot, lambda: reader(app).view.cursor == 2, "the cursor on the run of digits")
        assert "‹suggested: claim, figure · y/d›" in status(app)
