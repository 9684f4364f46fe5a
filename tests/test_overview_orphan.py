"""Enter on an orphan in the annotations overview opens its article's triage view."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store
from tui.screens.annotations import AnnotationsScreen
from tui.screens.triage import TriageScreen

from .conftest import wait_until
from .test_reader import make_app


async def test_enter_on_an_orphan_opens_the_triage_view(store_root: Path, samples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    with Store(store_root) as store:
        notes = open_article(store, load_article(article), annotator="ana", schema=TagSchema())
        notes.toggle([2], "claim")
        gone = notes.article.sentence(2).text
    article.write_text(
        article.read_text(encoding="utf-8").replace(gone, "Nothing of the kind was said by anyone at all today."), encoding="utf-8"
    )
    with Store(store_root) as store:  # opened once since: its record is an orphan now
        assert len(open_article(store, load_article(article), annotator="ana", schema=TagSchema()).orphans()) == 1
    app = make_app(store_root, [article, samples / "grid-outage.txt"])
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen) and [item.orphan for item in overview.shown] == [True]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage view")
