"""The annotations overview filters by a claim's status and a source's grade, with the
other filters (AND): "every false claim this week", "sources graded E or F"; the rows
and the status line say which; driven by Pilot on a real store."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.library.overview import AnnotationFilter, store_annotations
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.annotations import AnnotationsScreen

from .conftest import wait_until
from .test_reader import make_app


def checked_store(store_root: Path, article: Path) -> None:
    """Claims 7 (false), 8 (verified), 10 (no status); sources 9 (E3), 11 (B2), 12 (F6)."""
    with Store(store_root) as store, open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
        notes.add_tags([7, 8, 10], ["claim"])
        notes.add_tags([9, 11, 12], ["source"])
        notes.set_status(7, "false")
        notes.set_status(8, "verified")
        for sentence, grade in ((9, "E3"), (11, "B2"), (12, "F6")):
            notes.set_grade(sentence, grade)


def test_status_and_grade_filters_pick_their_records(store_root: Path, samples: Path, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    checked_store(store_root, article)
    with Store(store_root, mode=LockMode.READ) as store:
        items, _ = store_annotations(store)

    def sentences(query: str, tags: frozenset[str] = frozenset()) -> list[int]:
        return sorted(item.sentence for item in AnnotationFilter.parse(query, tags).apply(items))

    assert sentences("status:false") == [7]
    assert sentences("status:unverified") == [10], "a claim with no status set is unverified; a source has none"
    assert sentences("status:false,verified") == [7, 8]
    assert sentences("grade:E,F") == [9, 12] and sentences("grade:e grade:f") == [9, 12]
    assert sentences("grade:B2") == [11] and sentences("grade:B3") == []
    assert sentences("status:false", frozenset({"source"})) == [], "AND with the tag filter"
    assert sentences("status:false @bo") == []


async def test_the_overview_keeps_every_false_claim_this_week(store_root: Path, samples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    checked_store(store_root, article)
    app = make_app(store_root, [article, samples / "grid-outage.txt"])
    async with app.run_test(size=(120, 30)) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        await pilot.press("w", "slash", *"status", "colon", *"false", "enter")
        await wait_until(pilot, lambda: len(overview.shown) == 1, "one false claim")
        assert overview.shown[0].sentence == 7 and "✗" in overview.render_row(0, 200).plain
        status = str(overview.query_one("#status-line").render())
        assert "status false" in status and "last 7 days" in status
        await pilot.press("escape", "w", "slash", *"grade", "colon", "E", "comma", "F", "enter")
        await wait_until(pilot, lambda: sorted(i.sentence for i in overview.shown) == [9, 12], "sources graded E or F")
        assert "graded E or F" in str(overview.query_one("#status-line").render())
        assert " E3" in overview.render_row(0, 200).plain or " F6" in overview.render_row(0, 200).plain
