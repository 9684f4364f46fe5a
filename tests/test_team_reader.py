"""The reader with several annotators: the status line counts them, ``w`` shows who
tagged what, and ``A`` settles their disagreements into the final layer."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.screens.reader import ReaderScreen

from .conftest import wait_until
from .test_reader import SIZE, make_app, on_disk, reader, status


def tag_as(store_root: Path, path: Path, annotator: str, sentence: int, tags: list[str], note: str = "") -> None:
    """Tag a sentence as ``annotator`` (a colleague's record, as an import would bring it)."""
    with Store(store_root) as store:
        annotations = open_article(store, load_article(path), annotator=annotator, schema=TagSchema())
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
        # the usual marker: your own tags, + for tags or a note only others gave (never drawn as yours)
        assert "[c+]" in marker_on_line(app, 1)
        assert "[claim + others: figure (w)]" in status(app)
        await pilot.press("w")
        await wait_until(pilot, lambda: screen.view.who_tagged, "who view")
        assert "[≠ ana:c bo:c cy:cf ✎]" in marker_on_line(app, 1)
        assert "ana: claim; bo: claim; cy: claim, figure" in status(app)
        await pilot.press("f")  # own tags behave as before: ana adds figure
        assert [r["tags"] for r in on_disk_records(store_root, article_copy, 1) if r["annotator"] == "ana"] == [["claim", "figure"]]
        await wait_until(pilot, lambda: "[≠ ana:cf bo:c cy:cf ✎]" in marker_on_line(app, 1), "ana's new letters")
        await pilot.press("w")
        await wait_until(pilot, lambda: not screen.view.who_tagged, "tags view again")
        assert "[cf+]" in marker_on_line(app, 1)  # ana has every tag given now; cy's note is still only cy's
        await pilot.press("e")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "NoteDialog", "the note dialog")
        await pilot.press(*"mine", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "back in the reader")
        await wait_until(pilot, lambda: "[cf✎]" in marker_on_line(app, 1), "ana's own note")
        await pilot.press("j")
        assert "[+]" in marker_on_line(app, 2) and "[others: source (w)]" in status(app)  # bo's alone
        assert isinstance(app.screen, ReaderScreen)


async def test_your_first_tag_in_the_who_view_adds_you_to_every_marker(store_root: Path, article_copy: Path) -> None:
    tag_as(store_root, article_copy, "bo", 1, ["claim"])
    tag_as(store_root, article_copy, "bo", 2, ["claim"])
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await wait_until(pilot, lambda: reader(app).view.who_tagged, "who view")
        assert "[bo:c]" in marker_on_line(app, 2)  # one annotator: no glyph
        await pilot.press("1")  # ana's first record on the article: now two read it
        await wait_until(pilot, lambda: "[= ana:c bo:c]" in marker_on_line(app, 1), "ana in the marker")
        assert "[≠ bo:c]" in marker_on_line(app, 2)  # ana has read the article and left 2 untagged


def on_disk_records(store_root: Path, path: Path, sentence: int) -> list[dict[str, object]]:
    """Every annotator's record on ``sentence`` as the store holds it now."""
    with Store(store_root, mode=LockMode.READ) as store:
        return [dict(r) for r in open_article(store, load_article(path), annotator="x", schema=TagSchema()).view.at(sentence)]


def final_tags(store_root: Path, path: Path, final: str = "final") -> dict[int, list[str]]:
    """The final layer's tags by sentence, as the store holds them now."""
    with Store(store_root, mode=LockMode.READ) as store:
        view = open_article(store, load_article(path), annotator=final, schema=TagSchema()).view
        return {r["sentence"]: r["tags"] for r in view.anchored() if r["annotator"] == final}


async def test_A_walks_the_disagreements_and_takes_readings_into_the_final_layer(
    store_root: Path, article_copy: Path, tmp_path: Path
) -> None:
    from tui.screens.adjudication import AdjudicationScreen

    tag_as(store_root, article_copy, "ana", 2, ["claim"], note="check the date")
    tag_as(store_root, article_copy, "bo", 2, ["figure"])
    tag_as(store_root, article_copy, "ana", 5, ["source"])  # bo did not tag 5: a disagreement too
    tag_as(store_root, article_copy, "ana", 7, ["concern"])
    tag_as(store_root, article_copy, "bo", 7, ["concern"])  # agreed: not listed
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        assert screen.adjudication.sentences == [2, 5]
        # what everyone agrees on goes into the final layer on a (it then exports as the whole settled reading)
        assert final_tags(store_root, article_copy) == {}
        assert "1 agreed not in final (a)" in str(screen.query_one("#adjudication-title").render())
        await pilot.press("a")
        assert final_tags(store_root, article_copy) == {7: ["concern"]}
        body = str(screen.query_one("#adjudication-body").render())
        assert "1  ana: claim — note: check the date" in body and "2  bo: figure" in body and "not settled" in body
        assert "Disagreement 1/2 · sentence 2 · 0 settled" in str(screen.query_one("#adjudication-title").render())
        assert "agreed not in" not in str(screen.query_one("#adjudication-title").render())
        await pilot.press("2")  # bo's reading of sentence 2
        assert final_tags(store_root, article_copy) == {2: ["figure"], 7: ["concern"]}
        assert screen.sentence == 5  # went on to the next
        await pilot.press("1")  # ana's reading of sentence 5
        assert final_tags(store_root, article_copy) == {2: ["figure"], 5: ["source"], 7: ["concern"]}
        await pilot.press("k", "k")
        await pilot.press("1")  # changed our mind on 2: ana's reading (tags and note) replaces bo's
        assert final_tags(store_root, article_copy) == {2: ["claim"], 5: ["source"], 7: ["concern"]}
        await pilot.press("u")  # undone: back to bo's
        assert final_tags(store_root, article_copy) == {2: ["figure"], 5: ["source"], 7: ["concern"]}
        assert "final: figure" in str(screen.query_one("#adjudication-body").render())
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "back in the reader")
        assert "2 annotators" in status(app) and "3 annotators" not in status(app)  # ana and bo: the final layer is nobody (tryout 7)
        # ana's own tags are untouched, and the final layer exports like any annotator
        assert on_disk_records(store_root, article_copy, 2)[0]["tags"] == ["claim"]
    from tui.cli import main

    out = tmp_path / "team"
    assert main(["export", "--split", str(out), "--annotator", "final", "--db", str(store_root)]) == 0
    ((folder,),) = [list(out.iterdir())]
    assert [p.name for p in folder.iterdir()] == ["final.yaml"]


async def test_the_final_layer_is_named_by_the_config(store_root: Path, article_copy: Path) -> None:
    from annotations.config import Settings
    from tui.app import NewsmarkApp
    from tui.screens.adjudication import AdjudicationScreen

    tag_as(store_root, article_copy, "ana", 2, ["claim"])
    tag_as(store_root, article_copy, "bo", 2, ["figure"])
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), final_annotator="panel")
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        await pilot.press("1")
        assert final_tags(store_root, article_copy, "panel") == {2: ["claim"]}
        assert final_tags(store_root, article_copy, "final") == {}


def test_agreed_readings_carry_a_note_every_reader_wrote(store_root: Path, article_copy: Path) -> None:
    """Taking agreed readings copied tags only: a note both readers gave was lost (found in a review)."""
    from annotations.team.adjudication import Adjudication

    tag_as(store_root, article_copy, "ana", 6, ["source"], note="source?")
    tag_as(store_root, article_copy, "bo", 6, ["source"], note="source?")
    tag_as(store_root, article_copy, "ana", 8, ["figure"], note="mine")
    tag_as(store_root, article_copy, "bo", 8, ["figure"])
    with Store(store_root) as store:
        annotations = open_article(store, load_article(article_copy), annotator="ana", schema=TagSchema())
        adjudication = Adjudication(store, annotations.article, annotations.file, final="final", schema=TagSchema())
        assert adjudication.take_agreed()
        assert adjudication.settled(6) == adjudication.readings(6)[0].__class__("final", ("source",), "source?")
        settled = adjudication.settled(8)
        assert settled is not None and settled.tags == ("figure",) and settled.note == ""
        assert not adjudication.take_agreed()  # nothing left to take
        adjudication.undo()
        assert adjudication.settled(6) is None and adjudication.settled(8) is None
