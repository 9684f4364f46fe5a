"""With several annotators, ``w`` keeps each one's verdict in the markers (``ana:c✗
bo:c✓``) and marks ``≠`` where they gave the same tags but different verdicts; the verdict panel lists
the others' verdicts."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

from .conftest import wait_until
from .test_reader import SIZE, make_app, reader
from .test_reader_panel_links import panel_text
from .test_team_reader import marker_on_line


def checked_as(store_root: Path, path: Path, annotator: str, sentence: int, tag: str, status: str = "", grade: str = "") -> None:
    with Store(store_root) as store:
        annotations = open_article(store, load_article(path), annotator=annotator, schema=TagSchema())
        annotations.add_tags([sentence], [tag])
        if status:
            annotations.set_status(sentence, status)
        if grade:
            annotations.set_grade(sentence, grade)
        annotations.release()


async def test_w_shows_each_verdict_and_differs_where_verdicts_differ(store_root: Path, article_copy: Path) -> None:
    checked_as(store_root, article_copy, "ana", 8, "claim", "false")
    checked_as(store_root, article_copy, "bo", 8, "claim", "verified")
    checked_as(store_root, article_copy, "ana", 7, "claim")
    checked_as(store_root, article_copy, "bo", 7, "claim")
    checked_as(store_root, article_copy, "ana", 9, "source", grade="B2")
    checked_as(store_root, article_copy, "bo", 9, "source", grade="B2")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        screen.move_to(8)
        await pilot.press("w")
        await wait_until(pilot, lambda: screen.view.who_tagged, "who view")
        assert "[≠ ana:c✗ bo:c✓]" in marker_on_line(app, 8)
        assert "[= ana:c bo:c]" in marker_on_line(app, 7)
        assert "[= ana:s B2 bo:s B2]" in marker_on_line(app, 9)


async def test_the_panel_lists_the_other_annotators_verdicts(store_root: Path, article_copy: Path) -> None:
    checked_as(store_root, article_copy, "ana", 8, "claim", "false")
    checked_as(store_root, article_copy, "bo", 8, "claim", "verified")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(140, 40)) as pilot:
        reader(app).move_to(8)
        await pilot.press("I")
        await wait_until(pilot, lambda: "Status: ✗ False" in panel_text(app), "the panel")
        assert "Others: bo ✓ Verified" in panel_text(app), panel_text(app)
