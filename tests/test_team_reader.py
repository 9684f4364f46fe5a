"""The reader with several annotators: the status line counts them, ``w`` shows who
tagged what, and ``A`` settles their disagreements into the final layer."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.folder import Store
from tui.screens.reader import ReaderScreen

from .conftest import wait_until
from .test_reader import SIZE, make_app, on_disk, reader, status


def tag_as(store_root: Path, path: Path, annotator: str, sentence: int, tags: list[str], note: str = "") -> None:
    """Tag a sentence as ``annotator`` (a colleague's record, as an import would bring it)."""
    with Store(store_root) as store:
        annotations = ArticleAnnotations(store, load_article(path), annotator=annotator, schema=TagSchema())
        annotations.edit([sentence], add=tags, note=note or None)
        annotations.release()


def marker_on_line(app: object, sentence: int) -> str:
    """The text of the first line of ``sentence`` as drawn."""
    screen = app.screen  # type: ignore[attr-defined]
    first, _ = screen.view.laid_out()[1][sentence]
    return screen.view.render_line(first - int(screen.view.scroll_offset.y)).text


async def test_w_shows_who_tagged_what_and_own_tags_still_work(store_root: Path, article_copy: Path) -> None:
    tag_as(store_root, article_copy, "bo", 1, ["claim"])
    tag_as(store_root, article_copy, "cy", 1, ["claim", "figure"], note="source?")
    tag_as(store_root, article_copy, "bo", 2, ["source"])
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        assert "2 annotators" in status(app)  # bo and cy; ana has no record yet
        await pilot.press("1")  # ana tags sentence 1 as claim: now three
        assert on_disk(store_root, article_copy).tags(1) == ["claim", "figure"]
        await wait_until(pilot, lambda: "3 annotators" in status(app), "three annotators")
        assert "[cf✎]" in marker_on_line(app, 1)  # the usual marker: every tag, a note
        await pilot.press("w")
        await wait_until(pilot, lambda: screen.view.who_tagged, "who view")
        assert "[≠ ana:c bo:c cy:cf ✎]" in marker_on_line(app, 1)
        assert "ana: claim; bo: claim; cy: claim, figure" in status(app)
        await pilot.press("f")  # own tags behave as before: ana adds figure
        assert [r["tags"] for r in on_disk_records(store_root, article_copy, 1) if r["annotator"] == "ana"] == [["claim", "figure"]]
        await wait_until(pilot, lambda: "[≠ ana:cf bo:c cy:cf ✎]" in marker_on_line(app, 1), "ana's new letters")
        await pilot.press("w")
        await wait_until(pilot, lambda: not screen.view.who_tagged, "tags view again")
        assert "[cf✎]" in marker_on_line(app, 1)
        assert isinstance(app.screen, ReaderScreen)


def on_disk_records(store_root: Path, path: Path, sentence: int) -> list[dict[str, object]]:
    """Every annotator's record on ``sentence`` as the store holds it now."""
    with Store(store_root, mode="read") as store:
        return [dict(r) for r in ArticleAnnotations(store, load_article(path), annotator="x", schema=TagSchema()).view.at(sentence)]
