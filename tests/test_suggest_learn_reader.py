"""The reader's least-certain key (Z) and its learning worker (issue 28), real keys through Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import Store
from annotations.store.holding import LockMode
from annotations.suggest.learned import SHELF
from annotations.suggest.model import Suggestion
from tui.app import NewsmarkApp
from tui.screens.reader.learning import least_certain

from .conftest import wait_until
from .test_reader import SIZE, reader, status

#: Patterns of our own: "alpha" and "beta" each propose figure; other tags propose nothing.
PATTERNS = """
figure:
  replace: true
  patterns:
    - {id: alpha, words: [alpha]}
    - {id: beta, words: [beta]}
claim: {replace: true, patterns: []}
concern: {replace: true, patterns: []}
source: {replace: true, patterns: []}
"""
ARTICLE = "Nothing here at all.\nAlpha and beta agree.\nOnly alpha now.\nAlpha and beta again.\nNothing either.\n"


@pytest.fixture(autouse=True)
def empty_shelf() -> Iterator[None]:
    SHELF.put(None)
    yield
    SHELF.put(None)


def recorded_notices(app: NewsmarkApp) -> list[str]:
    """The notifications ``app`` shows from now on, each recorded as it is shown."""
    notices: list[str] = []
    original = app.notify

    def record(message: str, **kwargs: object) -> None:
        notices.append(message)
        original(message, **kwargs)  # type: ignore[arg-type]

    app.notify = record  # type: ignore[method-assign]
    return notices


def make_app(store_root: Path, path: Path, patterns: Path) -> NewsmarkApp:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), suggestions=True, suggest_patterns=patterns)
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(path), paths=[path])


async def test_z_goes_to_the_least_certain_suggestion_then_the_next_one(store_root: Path, write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text(PATTERNS, encoding="utf-8")
    app = make_app(store_root, write_article(ARTICLE), patterns)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: reader(app).suggestions, "the suggestion worker's result")
        assert {n: s[0].certainty for n, s in reader(app).suggestions.items()} == {2: 0.75, 3: 0.5, 4: 0.75}
        await pilot.press("Z")
        await wait_until(pilot, lambda: reader(app).view.cursor == 3, "the cursor on the one-pattern sentence")
        assert "sentence 3/5" in status(app)
        await pilot.press("Z")  # from there: the others are as certain, the nearest after it first
        await wait_until(pilot, lambda: reader(app).view.cursor == 4, "the cursor on the next one")
        await pilot.press("f")  # decided: taken, it is no longer a suggestion
        await pilot.press("Z")
        await wait_until(pilot, lambda: reader(app).view.cursor == 3, "round to the least certain again")


async def test_z_says_why_when_nothing_is_suggested(store_root: Path, write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text(PATTERNS, encoding="utf-8")
    app = make_app(store_root, write_article("Nothing here.\nNothing either.\n"), patterns)
    async with app.run_test(size=SIZE) as pilot:
        notices = recorded_notices(app)
        await pilot.press("Z")
        await wait_until(pilot, lambda: bool(notices), "a notice")
        assert notices[-1] in ("No suggestion here.", "Still finding suggestions for this section: try again in a moment.")
        assert reader(app).view.cursor == 1


def test_least_certain_prefers_the_lowest_certainty_then_the_nearest_after_the_cursor() -> None:
    def s(n: int, certainty: float) -> Suggestion:
        return Suggestion(n, "figure", "r", ("figure/x",), certainty)

    found = {2: [s(2, 0.9)], 5: [s(5, 0.2)], 7: [s(7, 0.2)], 9: [s(9, 0.9), s(9, 0.1)]}
    assert least_certain(found, cursor=1, total=10) == s(9, 0.1)
    assert least_certain({5: [s(5, 0.2)], 7: [s(7, 0.2)]}, cursor=6, total=10) == s(7, 0.2)
    assert least_certain({5: [s(5, 0.2)], 7: [s(7, 0.2)]}, cursor=8, total=10) == s(5, 0.2)  # round to the start
    assert least_certain({5: [s(5, 0.2)]}, cursor=5, total=10) == s(5, 0.2)  # only its own
    assert least_certain({}, cursor=1, total=10) is None


async def test_the_reader_learns_in_the_background_and_then_suggests_the_learned_tag(
    store_root: Path, write_article, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from .test_suggest_learn import SCHEMA, tag_in_store, vote_article

    for seed in range(6):
        tag_in_store(store_root, *vote_article(tmp_path / f"a{seed}.txt", seed))
    path = write_article("The referendum in the north drew long queues.\nThe museum in the south reopened.\n")
    settings = Settings(store_path=store_root, annotator="ana", schema=SCHEMA, suggestions=True)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(path), paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "vote" in reader(app).learning.used, "the learning worker's model", timeout=60)
        await wait_until(pilot, lambda: any(s.tag == "vote" for s in reader(app).suggestions.get(1, ())), "the learned suggestion")
        vote = next(s for s in reader(app).suggestions[1] if s.tag == "vote")
        assert vote.suggester == "learned"
        assert not any(s.tag == "vote" for s in reader(app).suggestions.get(2, ()))
        seen = reader(app).learning.examples
        await pilot.press("B")  # the analyst tags: the learning process learns this article's sentence too
        await wait_until(pilot, lambda: reader(app).learning.examples == seen + 1, "the new tag learned", timeout=60)
        assert SHELF.get() == (None, None)  # trained in the learning process, never in the reader's


async def test_the_reader_says_when_a_tag_starts_or_stops_being_learned(store_root: Path, write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui.screens.reader.learning import ModelTrained

    patterns = tmp_path / "patterns.yaml"
    patterns.write_text(PATTERNS, encoding="utf-8")
    app = make_app(store_root, write_article("Alpha and beta.\nNothing.\n"), patterns)
    async with app.run_test(size=SIZE) as pilot:
        notices = recorded_notices(app)
        learning = reader(app).learning
        learning.trained(ModelTrained(frozenset({"source"}), frozenset(), 40, before=frozenset({"source"})))  # learned before: no news
        learning.trained(ModelTrained(frozenset({"source", "claim"}), frozenset(), 52))
        learning.trained(ModelTrained(frozenset({"source", "claim"}), frozenset(), 53))  # nothing changed: nothing said
        learning.trained(ModelTrained(frozenset({"claim"}), frozenset(), 60))
        await pilot.pause()
        assert [n.split(":")[0] for n in notices] == [
            "Suggestions for claim now learn from your tags",
            "Suggestions for source are the patterns' again",
        ]
        assert learning.used == {"claim"}


async def test_a_tag_learned_at_the_first_training_of_a_reading_is_said(store_root: Path, write_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui.screens.reader.learning import ModelTrained

    patterns = tmp_path / "patterns.yaml"
    patterns.write_text(PATTERNS, encoding="utf-8")
    app = make_app(store_root, write_article("Alpha and beta.\nNothing.\n"), patterns)
    async with app.run_test(size=SIZE) as pilot:
        notices = recorded_notices(app)
        # the store had too few tags to learn from when the reading began: the first training is this reading's
        reader(app).learning.trained(ModelTrained(frozenset({"claim"}), frozenset(), 16, before=frozenset()))
        await pilot.pause()
        assert [n.split(":")[0] for n in notices] == ["Suggestions for claim now learn from your tags"]
