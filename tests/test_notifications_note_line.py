"""Notifications keep off the note line under the text, as they keep off the cursor
sentence (the tryout's steps: the cursor on the last sentence, which has a note)."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store

from .conftest import wait_until
from .test_notification_text import make_app, toasts
from .test_reader import reader


async def test_a_toast_keeps_off_the_note_line(store_root: Path, article_copy: Path) -> None:
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        annotations.set_note([21], "Output in Europe grew by 3.5% a year, says the ministry's own report.")
    app = make_app(store_root, article_copy)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.press("G")
        note_line = reader(app).query_one("#note-line")
        await wait_until(pilot, lambda: reader(app).view.cursor == 21 and note_line.region.height, "the note line of sentence 21")
        app.notify("Read-only, nothing saved: the article is in use by process 25801.", timeout=600)
        await wait_until(pilot, lambda: toasts(app), "the toast")
        await pilot.pause()
        assert not any(toast.region.overlaps(note_line.region) for toast in toasts(app)), (
            note_line.region,
            [toast.region for toast in toasts(app)],
        )
