"""The reader driven by Pilot key presses, checked against the real store on disk."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from rich.style import Style

from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.formats.progressive import RestOfArticle
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.help import HelpScreen
from tui.screens.note import NoteDialog
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

from .conftest import Notice, wait_until

SIZE = (100, 30)


def make_app(store_root: Path, paths: list[Path], *, annotator: str = "ana", suggestions: bool = False) -> NewsmarkApp:
    """The app on ``paths``; suggestions off unless asked for (tests/test_reader_suggest.py
    is about them: other tests look at tags and layout without them)."""
    settings = Settings(store_path=store_root, annotator=annotator, schema=TagSchema(), suggestions=suggestions)
    store = Store(store_root, mode=LockMode.AUTO)
    article = load_article(paths[0]) if len(paths) == 1 else None
    return NewsmarkApp(settings, store, article=article, paths=paths)


@dataclass(frozen=True)
class Stored:
    """One annotator's view of an article as the store held it when read."""

    tags_by_sentence: dict[int, list[str]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    position: int = 1

    def tags(self, sentence: int) -> list[str]:
        """Tags on ``sentence`` from every annotator, in schema order."""
        return self.tags_by_sentence.get(sentence, [])

    def note(self, sentence: int) -> str:
        """The annotator's note on ``sentence`` ("" if none)."""
        return self.notes.get(sentence, "")


def on_disk(store_root: Path, article_path: Path, annotator: str = "ana") -> Stored:
    """What the store holds now, read by a separate read-only store (closed again)."""
    article = load_article(article_path)
    with Store(store_root, mode=LockMode.READ) as store:
        stored = open_article(store, article, annotator=annotator, schema=TagSchema())
        numbers = range(1, len(article.sentences) + 1)
        return Stored(
            tags_by_sentence={n: stored.tags(n) for n in stored.tagged_sentences()},
            notes={n: note for n in numbers if (note := stored.note(n))},
            position=stored.position,
        )


def reader(app: NewsmarkApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def status(app: NewsmarkApp) -> str:
    return str(app.screen.query_one("#status-line").render())


async def test_moving_by_sentence_and_section(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        assert screen.view.cursor == 1
        await pilot.press("j", "j", "down")
        assert screen.view.cursor == 4 and screen.view.section.number == 2
        assert "sentence 4/21 · section 2/4" in status(app)
        assert "2/4 · How the Shells Reached the Front — Rail Links and Port Traffic" in str(screen.query_one("#section-header").render())
        await pilot.press("k", "up")
        assert screen.view.cursor == 2
        await pilot.press("right_square_bracket")
        assert screen.view.cursor == 3
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.view.cursor == 18 and screen.view.section.number == 4
        await pilot.press("left_square_bracket")
        assert screen.view.cursor == 10
        await pilot.press("G")
        assert screen.view.cursor == 21
        await pilot.press("j")
        assert screen.view.cursor == 21  # stays on the last sentence
        await pilot.press("g")
        assert screen.view.cursor == 1


async def test_tag_keys_are_saved_before_shown(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        assert on_disk(store_root, article_copy).tags(1) == ["claim"]
        await pilot.press("f", "3", "s")
        assert on_disk(store_root, article_copy).tags(1) == ["claim", "figure", "concern", "source"]
        await pilot.press("c")
        assert on_disk(store_root, article_copy).tags(1) == ["figure", "concern", "source"]
        assert "[figure, concern, source]" in status(app)
        await pilot.press("x")
        assert on_disk(store_root, article_copy).tags(1) == []
        assert "0 tagged" in status(app)


async def test_marker_shows_tag_letters_and_note_mark(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "4")
        screen = reader(app)
        screen.annotations.set_note([1], "check")
        screen.view.refresh_sentences([1])
        await pilot.pause()
        first_line = "".join(segment.text for segment in screen.view.render_line(0))
        assert first_line.strip().startswith("[cs✎] Russian forces")


async def test_range_tags_every_sentence(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "v", "j", "j")
        assert "range 2-4" in status(app)
        await pilot.press("2")
        stored = on_disk(store_root, article_copy)
        assert [n for n in range(1, 6) if stored.tags(n)] == [2, 3, 4]
        assert "range 2-4" in status(app), "a tag key keeps the range"
        await pilot.press("escape")
        assert "range" not in status(app)
        await pilot.press("v", "k", "k")
        assert "range 2-4" in status(app), "before a change, moving extends the range"
        await pilot.press("escape")
        assert reader(app).range_anchor is None


async def test_tag_tag_note_on_the_same_range(store_root: Path, article_copy: Path) -> None:
    """v j 3 then e notes both sentences; v j 1 2 tags both with both tags; the range stays shown."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "j", "1", "2", "3")
        stored = on_disk(store_root, article_copy)
        assert [stored.tags(n) for n in (1, 2, 3)] == [["claim", "figure", "concern"]] * 2 + [[]]
        assert "range 1-2" in status(app)
        assert reader(app).view.selection == (1, 2)
        await pilot.press("e")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Both", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        stored = on_disk(store_root, article_copy)
        assert [stored.note(n) for n in (1, 2, 3)] == ["Both", "Both", ""]
        assert "range 1-2" in status(app)
        assert reader(app).view.selection == (1, 2)


async def test_a_kept_range_drops_on_a_move_or_esc_and_survives_undo(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("v", "j", "1", "j")
        assert (screen.range_anchor, screen.view.selection, screen.view.cursor) == (None, None, 3), "j drops the range and moves"
        assert "range" not in status(app)
        await pilot.press("v", "j", "1", "escape")
        assert (screen.range_anchor, screen.view.selection, screen.view.cursor) == (None, None, 4), "Esc drops it where it is"
        await pilot.press("v", "j", "2", "u")
        assert on_disk(store_root, article_copy).tags(5) == []
        assert "range 4-5" in status(app), "undo keeps the range"
        await pilot.press("U")
        assert "range 4-5" in status(app), "redo keeps it"
        await pilot.press("x")
        assert [on_disk(store_root, article_copy).tags(n) for n in (4, 5)] == [[], []]
        assert "range 4-5" in status(app), "x keeps it"
        await pilot.press("1")
        assert [on_disk(store_root, article_copy).tags(n) for n in (4, 5)] == [["claim"], ["claim"]]
        await pilot.press("g")
        assert (screen.range_anchor, screen.view.selection, screen.view.cursor) == (None, None, 1), "g drops it"


async def test_note_dialog_saves_and_cancels(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Ask", "enter", *"the desk")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReaderScreen)
        assert on_disk(store_root, article_copy).note(1) == "Ask\nthe desk"
        await pilot.press("e", "x", "y", "escape")
        assert on_disk(store_root, article_copy).note(1) == "Ask\nthe desk"


async def test_undo_and_redo(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "j", "2")
        await pilot.press("u")
        assert on_disk(store_root, article_copy).tags(2) == []
        await pilot.press("u")
        assert on_disk(store_root, article_copy).tags(1) == []
        await pilot.press("U")
        assert on_disk(store_root, article_copy).tags(1) == ["claim"]
        assert reader(app).view.cursor == 1


async def test_search_next_previous_and_escape(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("slash", *"u.s.")
        assert screen.view.cursor == 10
        await pilot.press("enter")
        assert screen.view.focus and screen.view.has_focus
        await pilot.press("n")
        assert screen.view.cursor == 11
        await pilot.press("N", "N")
        assert screen.view.cursor == 11  # wraps to the last match
        await pilot.press("g", "slash", *"approx", "escape")
        assert screen.view.cursor == 1 and screen.view.search_term == ""


async def test_contents_and_annotations_panels_jump(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("t", "down", "down", "enter")
        assert screen.view.cursor == 10
        await pilot.press("3", "G", "1")
        await pilot.press("a")
        panel_list = screen.query_one("#annotations-list")
        assert panel_list.option_count == 2
        await pilot.press("3")  # filter: concern only
        assert panel_list.option_count == 1
        await pilot.press("0", "enter")
        assert screen.view.cursor == 10
        await pilot.press("a", "escape")
        assert not screen.query_one("#annotations-panel").display


async def test_export_from_the_reader(
    store_root: Path, article_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice]
) -> None:
    monkeypatch.chdir(tmp_path)
    exported = tmp_path / "artillery-pipeline.newsmark.yaml"
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await wait_until(pilot, lambda: any(str(exported) in n.message for n in notices), "the export's notification")
        document = yaml.safe_load(exported.read_text(encoding="utf-8"))
        assert document["articles"][0]["annotations"][0]["tags"] == ["claim"]


async def test_help_lists_the_real_bindings(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=300, record=True, file=io.StringIO())
        console.print(app.screen.table)
        text = console.export_text()
        for binding in reader_bindings():
            assert binding in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


def reader_bindings() -> list[str]:
    from textual.binding import Binding

    return [b.tooltip or b.description for b in Binding.make_bindings(ReaderScreen.for_schema(TagSchema()).BINDINGS) if b.description]


async def test_click_selects_a_sentence(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.click(ArticleView, offset=(20, 4))
        await wait_until(pilot, lambda: screen.view.cursor == 2, "the cursor on the clicked sentence")


async def test_position_is_restored(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "q")
    assert on_disk(store_root, article_copy).position == 4
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE):
        assert reader(app).view.cursor == 4


async def test_read_only_when_another_process_writes(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    with Store(store_root):  # the writer: another object, as another process would be
        app = make_app(store_root, [article_copy])
        async with app.run_test(size=SIZE) as pilot:
            assert "read-only" in status(app)
            await pilot.press("1")
            await wait_until(pilot, lambda: any("nothing saved" in n.message for n in notices), "a notification that nothing was saved")
            assert reader(app).annotations.tags(1) == []
    assert on_disk(store_root, article_copy).tags(1) == []


async def test_failed_save_is_shown_and_not_displayed(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch, notices: list[Notice]
) -> None:
    import errno

    import annotations.store.storage as storage

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:

        def disk_full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage.os, "fsync", disk_full)
        await pilot.press("1")
        await wait_until(
            pilot,
            lambda: any("Not saved" in n.message and "No space left" in n.message and n.severity == "error" for n in notices),
            "a notification that nothing was saved",
        )
        assert reader(app).annotations.tags(1) == []
        assert "0 tagged" in status(app)
        monkeypatch.undo()
        await pilot.press("1")
        assert reader(app).annotations.tags(1) == ["claim"]


async def test_command_palette_offers_actions_sections_and_articles(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Go to section 3/4: What Officials Fear" in titles
        assert "claim" in titles and "Note" in titles and "Search" in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Go to section 3/4"))
        command.callback()
        await wait_until(pilot, lambda: reader(app).view.cursor == 10, "the cursor on section 3's first sentence")


async def test_markup_and_controls_in_articles_are_literal(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    path = write_article("Officials said [bold]no[/] and [link=https://x.example]click[/link] \x1b]0;pwned\x07here.\n", "hostile.txt")
    app = make_app(store_root, [path])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = "".join(segment.text for segment in reader(app).view.render_line(0))
        assert "[bold]no[/] and [link=https://x.example]click[/link] ]0;pwnedhere." in line


def big_article(path: Path, paragraphs: int = 2000) -> Path:
    lines = []
    for n in range(paragraphs):
        if n % 40 == 0:
            lines += ["|", f"Part {n // 40 + 1} of the Report"]
        lines.append(
            f"Paragraph {n} says officials counted {n * 10} shells at depot {n}. U.S. analysts disagreed on the {n}th. A third sentence closes it."
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class GatedRest(RestOfArticle):
    """The real completion of a big article, held back until the test lets it finish,
    so the test sees the first part on screen whatever the machine's speed."""

    gate = threading.Event()

    def load(self) -> Article | None:
        assert GatedRest.gate.wait(timeout=120), "the test never opened the gate"
        return super().load()


async def test_big_article_opens_with_its_first_part_then_completes(
    store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    import tui.screens.reader.screen as reader_module

    monkeypatch.setattr(reader_module, "RestOfArticle", GatedRest)
    cache = SentenceCache(tmp_path / "cache")
    path = big_article(tmp_path / "big.txt")
    first = load_article(path, cache=cache, first_part_only=True)
    assert not first.complete and len(first.sections) == 2 and first.section_count == 50
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), sentence_cache=cache)
    GatedRest.gate.clear()
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=first, paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        assert "splitting the rest" in status(app)
        await pilot.press("j", "1")  # tag while the rest is being split
        assert on_disk(store_root, path).tags(2) == ["claim"]
        GatedRest.gate.set()
        await wait_until(pilot, lambda: screen.article.complete, "the whole article")
        assert len(screen.article.sentences) == 6000
        assert "sentence 2/6000" in status(app) and "1/50" in str(screen.query_one("#section-header").render())
        assert screen.annotations.tags(2) == ["claim"]
        await pilot.press("G", "2")
        assert on_disk(store_root, path).tags(6000) == ["figure"]

    # Opened again: the first part at once again, the rest from the cache, no splitting.
    second = load_article(path, cache=cache, first_part_only=True)
    assert not second.complete and cache.exists(second.sha256, second.format)

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("started a segmenter although the sentences are cached")

    monkeypatch.setattr(subprocess, "Popen", no_process)
    GatedRest.gate.clear()
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=second, paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        assert "loading the rest" in status(app)
        assert not screen.status.loading, "the status line is shown, not covered by Textual's loading indicator"
        GatedRest.gate.set()
        await wait_until(pilot, lambda: screen.article.complete, "the whole article")
    assert len(screen.article.sentences) == 6000
    assert screen.annotations.tags(2) == ["claim"] and screen.annotations.tags(6000) == ["figure"]


def test_the_rest_of_a_big_article_can_be_cancelled(tmp_path: Path) -> None:
    """Cancelling stops the splitting process and load() gives nothing, without waiting for it."""
    cache = SentenceCache(tmp_path / "cache")
    path = big_article(tmp_path / "big.txt", paragraphs=20_000)
    part = load_article(path, first_part_only=True)
    rest = RestOfArticle(part, cache)
    assert not rest.cached
    results: list[Article | None] = []
    thread = threading.Thread(target=lambda: results.append(rest.load()))
    thread.start()
    rest.cancel()
    thread.join(timeout=120)
    assert not thread.is_alive() and results == [None] and rest.cancelled
    assert not cache.exists(part.sha256, part.format)


async def test_garbage_collection_paused_for_start_up_resumes_after_first_frame(store_root: Path, article_copy: Path) -> None:
    import gc

    from tui.startup import pause_collection

    app = make_app(store_root, [article_copy])
    pause_collection()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, gc.isenabled, "collection to resume after the first frame")
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


def key_bar_text(app: NewsmarkApp) -> str:
    from tui.widgets.key_bar import KeyBar

    return app.screen.query_one(KeyBar).render_line(0).text


async def test_key_bar_shows_the_schema_keys_and_clicks_press_them(store_root: Path, article_copy: Path) -> None:
    from annotations.schema import DEFAULT_TAGS, Tag
    from tui.widgets.key_bar import KeyBar

    schema = TagSchema((Tag("assertion", "W", "#5fafff", "Something claimed."), *DEFAULT_TAGS[1:]))
    settings = Settings(store_path=store_root, annotator="ana", schema=schema)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    async with app.run_test(size=SIZE) as pilot:
        text = key_bar_text(app)
        assert text.startswith(" 1/W assertion  2/f figure ")
        assert " e Note " in text and " ? Help " in text and " q Quit " in text
        assert text.rstrip().endswith("▏ ^p palette") and len(text) == SIZE[0]
        bar = app.screen.query_one(KeyBar)
        figure = bar.key_offset("2")
        assert figure == text.index(" 2/f figure ")
        await pilot.click(KeyBar, offset=(figure + 2, 0))
        await wait_until(pilot, lambda: on_disk(store_root, article_copy).tags(1) == ["figure"], "the clicked tag saved")
        await pilot.hover(KeyBar, offset=(figure + 1, 0))
        await wait_until(pilot, lambda: bar.hovered == "2", "the hovered key")
        assert "figure" in str(bar.tooltip)
        await pilot.click(KeyBar, offset=(text.index("^p"), 0))
        from textual.command import CommandPalette

        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette")


async def test_key_bar_keeps_the_palette_key_on_a_narrow_terminal(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(60, 20)):
        text = key_bar_text(app)
        assert len(text) == 60 and text.rstrip().endswith(" ▏^p")  # by its key alone when narrow
        assert text.startswith(" c claim ")  # a tag by its letter alone when narrow


def first_line_styles(view: ArticleView) -> list[Style | None]:
    """The styles of the view's first line as the view draws it now."""
    return [segment.style for segment in view.render_line(0)]


async def test_a_new_theme_repaints_the_article_in_its_colours(store_root: Path, article_copy: Path) -> None:
    """Lines drawn (and kept) in one theme are drawn again in the new theme's colours."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        view = reader(app).view
        await wait_until(pilot, lambda: view.render_line(0).text.strip(), "the article's first line")
        dark, dark_background = first_line_styles(view), view.styles.background
        app.theme = "textual-light"
        await wait_until(pilot, lambda: view.styles.background != dark_background, "the light theme's styles on the view")
        light = first_line_styles(view)
    # The same line in an app that drew it in the light theme from the start.
    fresh = make_app(store_root, [article_copy])
    fresh.theme = "textual-light"
    async with fresh.run_test(size=SIZE) as pilot:
        fresh_view = reader(fresh).view
        await wait_until(pilot, lambda: fresh_view.render_line(0).text.strip(), "the article's first line")
        assert fresh_view.styles.background != dark_background
        light_from_the_start = first_line_styles(fresh_view)
    assert light != dark
    assert light == light_from_the_start


def test_side_panels_and_help_load_only_when_first_opened(store_root: Path, article_copy: Path) -> None:
    """The reader's start path (and a tag key) never imports the side panels or the help
    screen (a fresh process: this one has imported them already)."""
    import subprocess
    import sys

    code = f"""
import asyncio, sys
from pathlib import Path
from annotations.config import Settings
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp

LATER = ("tui.widgets.panels", "tui.screens.help")

async def main():
    settings = Settings(store_path=Path({str(store_root)!r}), annotator="ana", schema=TagSchema())
    path = Path({str(article_copy)!r})
    app = NewsmarkApp(settings, Store(settings.store_path, mode=LockMode.AUTO), article=load_article(path), paths=[path])
    async with app.run_test(size={SIZE!r}) as pilot:
        await pilot.press("j", "1", "escape")
        print("opened:", *[name for name in LATER if name in sys.modules])
        await pilot.press("t")
        await pilot.pause()
        print("after t:", *[name for name in LATER if name in sys.modules])

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "opened:\n" in result.stdout, result.stdout
    assert "after t: tui.widgets.panels\n" in result.stdout  # the contents key loads them: the check sees it


async def test_key_bar_reads_the_active_bindings_once_a_drawing_even_when_keys_must_drop(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen computes its active bindings afresh on every read: the key bar reads
    them once a line drawn, not once more per key each time one must drop (narrow)."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(60, 24)):
        screen = reader(app)
        computed = type(screen).active_bindings
        reads: list[int] = []

        def counted(self: ReaderScreen) -> object:
            reads.append(1)
            return computed.fget(self)  # type: ignore[attr-defined]

        monkeypatch.setattr(type(screen), "active_bindings", property(counted))
        text = key_bar_text(app)
        assert " ? Help " in text and " q Quit " in text and " Note" not in text  # a key was dropped
        assert len(reads) == 1


async def test_a_kept_range_drops_on_go_to_a_section_or_a_search_jump(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("v", "j", "1", "colon", "7", "enter")
        assert (screen.range_anchor, screen.view.selection, screen.view.cursor) == (None, None, 7), "go-to drops it"
        await pilot.press("v", "j", "1", "h")
        assert (screen.range_anchor, screen.view.selection) == (None, None), "a section move drops it"
        assert screen.view.cursor < 8
