"""Following a link (`T`) after an article was edited: to the linked sentence where it is
now, and never to the sentence that took its old number."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.reader import ReaderScreen

from .conftest import Notice, wait_until
from .test_reader import make_app, reader
from .test_reader_links import tag
from .test_reader_panel_links import panel_text
from .test_reader_verdicts import CLAIM, SOURCE, stored


def link(store_root: Path, path: Path, number: int, to: Path, to_number: int, kind: str) -> None:
    """Link ``path``'s claim on ``number`` to sentence ``to_number`` of ``to``."""
    with Store(store_root, mode=LockMode.AUTO) as store:
        there = open_article(store, load_article(to), annotator="ana", schema=TagSchema())
        end = there.link_end(to_number)
        there.release()
        here = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        here.link(number, end, kind)
        here.release()


async def test_T_follows_a_link_into_an_edited_article_to_where_its_sentence_went(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path
) -> None:
    other = tmp_path / "grid-outage.txt"
    text = (samples / "grid-outage.txt").read_text(encoding="utf-8")
    other.write_text(text, encoding="utf-8")
    tag(store_root, other, {2: "claim"})
    tag(store_root, article_copy, {CLAIM: "claim"})
    link(store_root, article_copy, CLAIM, other, 2, "contradicts")
    stored(store_root, other).release()
    other.write_text("A sentence written in above the others.\n" + text, encoding="utf-8")  # its sentence 2 is now 3
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        screen = reader(app)
        screen.move_to(CLAIM)
        await pilot.press("I")  # the panel names the other end where it is now
        await wait_until(pilot, lambda: "grid-outage.txt#3" in panel_text(app), "the link, followed")
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen is not screen, "the other article")
        opened = app.screen
        assert isinstance(opened, ReaderScreen)
        await wait_until(pilot, lambda: opened.view.cursor == 3, "the linked sentence, where it is now")
        assert opened.article.sentence(3).text.startswith("The operator said that the outage began")


async def test_T_does_not_follow_a_link_whose_sentence_an_edit_removed(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    tag(store_root, article_copy, {CLAIM: "claim", SOURCE: "source"})
    link(store_root, article_copy, CLAIM, article_copy, SOURCE, "attributed-to")
    text = article_copy.read_text(encoding="utf-8")
    gone = "Some containers may carry fuel or spare parts rather than munitions."
    assert gone in text
    article_copy.write_text(text.replace(gone, "A different sentence now stands in this place of the paragraph."), encoding="utf-8")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        screen = reader(app)
        screen.move_to(CLAIM)
        await pilot.press("T")
        await wait_until(pilot, lambda: any("gone from this article" in n.message for n in notices), "the notice")
        assert screen.view.cursor == CLAIM and app.screen is screen


async def test_a_link_into_another_article_whose_sentence_an_edit_removed_is_shown_gone_and_not_followed(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path, notices: list[Notice]
) -> None:
    other = tmp_path / "grid-outage.txt"
    text = (samples / "grid-outage.txt").read_text(encoding="utf-8")
    other.write_text(text, encoding="utf-8")
    tag(store_root, other, {2: "claim"})
    tag(store_root, article_copy, {CLAIM: "claim"})
    link(store_root, article_copy, CLAIM, other, 2, "contradicts")
    gone = "The operator said that the outage began at 6:40 a.m. and that service was fully restored by the evening."
    assert gone in text
    other.write_text(text.replace(gone, "Nothing was said about when it began."), encoding="utf-8")
    stored(store_root, other).release()  # opened once since the edit (its claim is an orphan now)
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        screen = reader(app)
        screen.move_to(CLAIM)
        await pilot.press("I")
        await wait_until(pilot, lambda: "grid-outage.txt: a sentence gone in an edit (was 2)" in panel_text(app), "the link, shown gone")
        await pilot.press("T")
        await wait_until(pilot, lambda: any("is gone from" in n.message for n in notices), "the refusal")
        assert app.screen is screen and screen.view.cursor == CLAIM
