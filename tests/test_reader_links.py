"""Links in the reader: link mode (the link key, a move, Enter, the kind), a link to a
sentence of another article, following a link both ways (the other article opened),
and the checking keys on words selected in word mode."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import find_words
from tui.screens.choice_picker import ChoicePicker
from tui.screens.prompt_dialog import PromptDialog
from tui.screens.reader import ReaderScreen
from tui.screens.reader.link_mode import LinkBar

from .conftest import wait_until
from .test_reader import make_app, reader
from .test_reader_daily import screen_lines
from .test_reader_verdicts import CLAIM, SOURCE, stored, type_line


def tag(store_root: Path, path: Path, tags: dict[int, str]) -> None:
    """Tag sentences of ``path`` in the store before the app opens it."""
    with Store(store_root, mode=LockMode.AUTO) as store:
        annotations = open_article(store, load_article(path), annotator="ana", schema=TagSchema())
        for number, name in tags.items():
            annotations.add_tags([number], [name])
        annotations.release()


async def test_link_mode_links_a_claim_to_its_source_and_T_follows_it_both_ways(store_root: Path, article_copy: Path) -> None:
    tag(store_root, article_copy, {7: "claim", CLAIM: "claim", SOURCE: "source"})
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        screen = reader(app)
        screen.move_to(CLAIM)
        await pilot.press("X")
        await wait_until(pilot, lambda: app.screen.query(LinkBar) and app.screen.query_one(LinkBar).has_focus, "link mode")
        await pilot.press("enter")  # on itself: refused, link mode stays
        await pilot.pause()
        assert not isinstance(app.screen, ChoicePicker) and app.screen.query_one(LinkBar).start is not None
        await pilot.press("j")  # the reader's keys move the other end
        assert screen.view.cursor == SOURCE
        assert "to sentence 9" in str(app.screen.query_one(LinkBar).render())
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        assert app.screen.current == "attributed-to"  # type: ignore[attr-defined]
        await pilot.press("a")
        await wait_until(pilot, lambda: stored(store_root, article_copy).links(CLAIM), "the link saved")
        links = stored(store_root, article_copy).links(CLAIM)
        assert [(link.kind, link.outgoing, link.other["sentence"]) for link in links] == [("attributed-to", True, SOURCE)]
        assert app.screen.query_one(LinkBar).start is None, "link mode ends with the link"
        screen.move_to(1)
        screen.move_to(CLAIM)
        await pilot.press("T")
        assert screen.view.cursor == SOURCE
        await pilot.press("T")  # from the source, back along the link that leads to it
        assert screen.view.cursor == CLAIM
        await pilot.press("X", "k", "escape")  # Esc leaves link mode without a link
        await pilot.pause()
        assert app.screen.query_one(LinkBar).start is None and len(stored(store_root, article_copy).links(CLAIM)) == 1


async def test_a_claim_is_linked_to_another_article_and_the_link_followed_there(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path
) -> None:
    other = tmp_path / "grid-outage.txt"
    other.write_bytes((samples / "grid-outage.txt").read_bytes())
    tag(store_root, other, {2: "claim"})
    tag(store_root, article_copy, {CLAIM: "claim"})
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        screen = reader(app)
        screen.move_to(CLAIM)
        await pilot.press("X", "o")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the PATH#N prompt")
        await type_line(pilot, app, "no-number")
        assert isinstance(app.screen, PromptDialog), "a value without #N is refused"
        await type_line(pilot, app, f"{other}#2")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        await pilot.press("x")  # contradicts
        await wait_until(pilot, lambda: stored(store_root, article_copy).links(CLAIM), "the link saved")
        assert [(link.kind, link.other["sentence"]) for link in stored(store_root, article_copy).links(CLAIM)] == [("contradicts", 2)]
        await pilot.press("T")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ReaderScreen) and app.screen is not screen and app.screen.view.cursor == 2,
            "the other article",
        )
        assert app.screen.article.path == load_article(other).path  # type: ignore[attr-defined]
        screen.move_to(1)
        await pilot.press("T")  # and back along the link from the first article (found by a worker) to its reader
        await wait_until(pilot, lambda: app.screen is screen and screen.view.cursor == CLAIM, "the way back")


async def test_word_mode_words_take_a_status_and_a_link_and_show_the_status_in_their_mark(store_root: Path, article_copy: Path) -> None:
    tag(store_root, article_copy, {7: "claim"})
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(110, 30)) as pilot:
        reader(app).move_to(6)
        await pilot.press("m", "n", "f", "V")  # word mode, the figure, its tag, the status key
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the status picker")
        assert "300,000" in app.screen.title_text  # type: ignore[attr-defined]
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the rationale prompt")
        await type_line(pilot, app, "")
        article = load_article(article_copy)
        words = find_words(article, 6, "300,000")
        await wait_until(pilot, lambda: stored(store_root, article_copy).assessment(words).status == "verified", "the span's status")
        assert stored(store_root, article_copy).assessment(6).status == "unverified", "the sentence itself is untouched"
        assert "⟨f✓⟩300,000⟨/f✓⟩" in "\n".join(screen_lines(reader(app).view))
        await pilot.press("m", "n", "X")  # link mode from the words: word mode gives way, the words stay the start
        await wait_until(pilot, lambda: app.screen.query(LinkBar) and app.screen.query_one(LinkBar).has_focus, "link mode")
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        await pilot.press("c")
        await wait_until(pilot, lambda: stored(store_root, article_copy).links(words), "the link saved")
        assert [(link.kind, link.other["sentence"]) for link in stored(store_root, article_copy).links(words)] == [("corroborates", 7)]


async def test_in_link_mode_the_palette_offers_the_library_articles_and_a_typed_path(
    store_root: Path, article_copy: Path, tmp_path: Path, samples: Path
) -> None:
    from textual.command import CommandPalette

    from tui.screens.library import LibraryScreen

    from .test_reader_daily import palette_text

    other = tmp_path / "grid-outage.txt"
    other.write_bytes((samples / "grid-outage.txt").read_bytes())
    tag(store_root, other, {2: "claim", 3: "claim"})
    tag(store_root, article_copy, {CLAIM: "claim"})
    app = make_app(store_root, [article_copy, other])
    async with app.run_test(size=(110, 30)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await wait_until(pilot, lambda: not library.working, "the library completed")
        library.open_entry(next(n for n, item in enumerate(library.library.items) if item.path == str(article_copy)))
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        reader(app).move_to(CLAIM)
        await pilot.press("ctrl+p", *"grid")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.pause()
        assert "Link to a sentence of" not in palette_text(app.screen), "only in link mode"
        await pilot.press("escape", "X", "ctrl+p", *"grid")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await wait_until(pilot, lambda: "Link to a sentence of:" in palette_text(palette), "the library's articles")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog), "the sentence number asked")
        await type_line(pilot, app, "2")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        await pilot.press("c")
        await wait_until(pilot, lambda: stored(store_root, article_copy).links(CLAIM), "the link saved")
        await pilot.press("X", "ctrl+p", *f"{other}#3")  # a typed PATH#N, first
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await wait_until(pilot, lambda: palette_text(palette).startswith(f"Link to {other}#3"), "the typed end")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the kind picker")
        await pilot.press("x")
        await wait_until(pilot, lambda: len(stored(store_root, article_copy).links(CLAIM)) == 2, "the second link saved")
        kinds = [(link.kind, link.other["sentence"]) for link in stored(store_root, article_copy).links(CLAIM)]
        assert kinds == [("corroborates", 2), ("contradicts", 3)]
