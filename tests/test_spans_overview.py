"""The annotations overview lists a span record with its words marked (bold, underlined)
in its sentence, in the row and in the detail line; driven by Pilot."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.library.overview import store_annotations
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import find_words
from tui.screens.annotations import AnnotationsScreen

from .conftest import wait_until
from .test_reader import make_app

SHELLS = "approx. 300,000 shells"


async def test_the_overview_marks_a_span_words_in_its_sentence(store_root: Path, samples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "story.txt"
    shutil.copy(samples / "artillery-pipeline.txt", article)
    with Store(store_root) as store, open_article(store, load_article(article), annotator="ana", schema=TagSchema()) as notes:
        notes.edits.edit_span(find_words(notes.article, 6, SHELLS), add=["figure"])
    with Store(store_root, mode=LockMode.READ) as store:
        (item,) = store_annotations(store)[0]
    assert item.words is not None and item.text[item.words[0] : item.words[1]] == SHELLS
    app = make_app(store_root, [article, samples / "grid-outage.txt"])
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotationsScreen) and not app.screen.reading_store, "the overview")
        overview = app.screen
        assert isinstance(overview, AnnotationsScreen)
        row = overview.render_row(0, 200)
        marked = [row.plain[span.start : span.end] for span in row.spans if "underline" in str(span.style)]
        assert marked == [SHELLS]
