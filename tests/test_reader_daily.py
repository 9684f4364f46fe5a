"""The reader as analysts use it every day (issue 12): markers that credit the right
sentence, notes read and written safely, paging, going to a sentence, search hints,
panels, article info, the palette, narrow and wide terminals. Driven by Pilot keys."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.style import Style

from annotations.config import Settings
from annotations.errors import ConfigError
from annotations.formats.loader import load_article
from annotations.schema import DEFAULT_TAGS, Tag, TagSchema, validate_tags
from annotations.store.folder import LockMode, Store
from tui.app import NewsmarkApp
from tui.screens.note import DiscardNote, NoteDialog
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

from .conftest import Notice, wait_until
from .test_reader import key_bar_text, make_app, on_disk, reader, status

SIZE = (100, 30)
#: Sentences 13 and 14 of the sample start on one screen line at this width.
SHARED_FIRST, SHARED_SECOND = 13, 14


def screen_lines(view: ArticleView) -> list[str]:
    """Every line of the view's section as it is drawn now."""
    height = view.scrollable_content_region.height
    lines = []
    for top in range(0, view.virtual_size.height, height):
        view.scroll_to(y=top, animate=False, immediate=True)
        lines += [view.render_line(y).text for y in range(height)]
    return lines


def drawn_line_of(view: ArticleView, sentence: int) -> str:
    """The drawn line where ``sentence`` starts."""
    line = view.line_of(sentence)
    assert line is not None
    view.scroll_to(y=line, animate=False, immediate=True)
    return view.render_line(line - view.scroll_offset.y).text


async def tag_two_sentences_on_one_line(pilot, app: NewsmarkApp) -> ReaderScreen:  # type: ignore[no-untyped-def]
    """Figure and source on one sentence, concern and a note on the next (same line)."""
    await pilot.press(*["j"] * (SHARED_FIRST - 1), "2", "4", "j", "3", "e", *"Which partners?", "ctrl+s")
    screen = reader(app)
    await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader after the note")
    return screen


# -- markers ----------------------------------------------------------------------


async def test_each_tagged_sentence_on_a_shared_line_carries_its_own_marker(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = await tag_two_sentences_on_one_line(pilot, app)
        first = screen.article.sentence(SHARED_FIRST).text
        second = screen.article.sentence(SHARED_SECOND).text
        (line,) = [line for line in screen_lines(screen.view) if second[:20] in line]
        assert first[:20] in line, "the two sentences start on one line"
        # Each marker sits right before its own sentence, and only there.
        assert f"[fs] {first[:20]}" in line
        assert f"[o✎] {second[:20]}" in line
        assert line.count("[") == 2
        # Untagging the first leaves the second's marker where it was, credited to it alone.
        await pilot.press("k", "2", "4")
        (line,) = [line for line in screen_lines(screen.view) if second[:20] in line]
        assert "[fs]" not in line and f"[o✎] {second[:20]}" in line and first[:20] in line
    stored = on_disk(store_root, article_copy)
    assert stored.tags(SHARED_FIRST) == [] and stored.tags(SHARED_SECOND) == ["concern"]


async def test_markers_and_the_cursor_read_without_colour(store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        screen = await tag_two_sentences_on_one_line(pilot, app)
        svg = app.export_screenshot()
        assert "[fs]" in svg and "[o✎]" in svg
        line = screen.view.line_of(SHARED_SECOND)
        assert line is not None
        screen.view.scroll_to(y=line, animate=False, immediate=True)
        strip = screen.view.render_line(line - screen.view.scroll_offset.y)
        cursor_styles = [s.style for s in strip if s.text.strip() and s.style is not None and s.style.reverse]
        assert cursor_styles, "the cursor sentence stands out without colour (reverse video)"


@pytest.mark.parametrize("width", [44, 61, 80])
async def test_rewrapping_in_place_matches_a_fresh_layout(store_root: Path, article_copy: Path, width: int) -> None:
    """Markers that come and go (tags, notes, ranges, in random order) rewrap a paragraph
    in place; after every change the lines and each sentence's span are those a layout
    from scratch gives."""
    import random

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(width, 30)) as pilot:
        screen = reader(app)
        view = screen.view
        rng = random.Random(width)
        for _ in range(60):
            screen.move_to(rng.randint(1, len(screen.article.sentences)))
            if rng.random() < 0.2:
                screen.action_toggle_range()
                screen.move_to(view.cursor + rng.randint(-2, 2))
            if rng.random() < 0.15:
                view.refresh_sentences(screen.annotations.set_note([view.cursor], rng.choice(["", "n"])).sentences)
            else:
                screen.action_toggle_tag(rng.choice(["claim", "figure", "concern", "source"]))
            await pilot.pause()
            in_place = view.laid_out()
            view.set_reading_width(view.reading_width)  # a layout from scratch
            assert view.laid_out() == in_place


async def test_the_first_section_is_wrapped_to_the_real_width(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        view = reader(app).view
        await wait_until(pilot, lambda: view.render_line(0).text.strip(), "the first line")
        widths = [len(line.rstrip()) for line in screen_lines(view) if line.strip()]
        assert max(widths) > 60, widths


# -- notes ----------------------------------------------------------------------


async def test_the_note_dialog_shows_the_sentence_and_asks_before_discarding(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        quote = str(dialog.query_one("#note-quote-text").render())
        assert reader_article(app).sentence(2).text[:40] in quote
        await pilot.press(*"Half a thought", "escape")
        assert isinstance(app.screen, DiscardNote), "Esc on typed text asks first"
        await pilot.press("n")
        assert app.screen is dialog and "Half a thought" in dialog.query_one("#note-text").text  # type: ignore[attr-defined]
        await pilot.press("escape", "y")
        assert isinstance(app.screen, ReaderScreen)
        assert on_disk(store_root, article_copy).note(2) == ""
        await pilot.press("e", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, ReaderScreen)


def reader_article(app: NewsmarkApp):  # type: ignore[no-untyped-def]
    screen = next(s for s in app.screen_stack if isinstance(s, ReaderScreen))
    return screen.article


async def test_a_note_on_a_range_shows_the_notes_there_and_replaces_them_only_when_asked(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", *"Keep me", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("k", "v", "j", "j", "e")
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        assert dialog.existing == [(2, "Keep me")]
        assert "Keep me" in str(dialog.query_one("#note-existing-list").render())
        await pilot.press(*"Range note", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        stored = on_disk(store_root, article_copy)
        assert [stored.note(n) for n in (1, 2, 3)] == ["Range note", "Keep me", "Range note"]
        await pilot.press("g", "v", "j", "j", "e", *"Replaced", "ctrl+r", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        stored = on_disk(store_root, article_copy)
        assert [stored.note(n) for n in (1, 2, 3)] == ["Replaced"] * 3


async def test_a_note_is_read_without_opening_the_editor(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        line = screen.query_one("#note-line")
        assert not line.display
        await pilot.press("e", *"Ask the desk", "enter", *"about March", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert line.display and "✎ Ask the desk ⏎ about March" in str(line.render())
        await pilot.press("j")
        assert not line.display
        assert "1 noted" in status(app)


# -- panels -----------------------------------------------------------------------


async def test_annotations_panel_shows_notes_counts_and_moves_with_j_k_without_wrapping(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("1", "j", "e", *"A note that is long enough to need more words than fit", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("j", "2", "a")
        await wait_until(pilot, lambda: screen.query("#annotations-list"), "the annotations panel")
        listing = screen.query_one("#annotations-list")
        await wait_until(pilot, lambda: listing.has_focus, "the list focused")
        title = str(screen.query_one("#annotations-title").render())
        assert "3 sentences: 2 tagged, 1 noted" in title
        assert "2 tagged" in status(app) and "1 noted" in status(app)
        from rich.console import Console

        console = Console(width=40, record=True, color_system=None, file=io.StringIO())
        console.print(listing.get_option_at_index(1).prompt)
        rendered = console.export_text()
        assert "✎ A note that is long enough" in rendered
        # Wrapped lines hang under the text, not under the number.
        assert all(line.startswith(" ") for line in rendered.splitlines()[1:] if line.strip())
        await pilot.press("j", "j", "j", "j")
        assert listing.highlighted == 2, "stops at the last entry"
        await pilot.press("k", "k", "k", "k")
        assert listing.highlighted == 0, "stops at the first entry"
        await pilot.press("j", "enter")
        assert screen.view.cursor == 2


async def test_the_info_panel_shows_the_front_matter(store_root: Path, samples: Path, tmp_path: Path) -> None:
    article = tmp_path / "dock.md"
    article.write_text(
        "---\ntitle: Dock Talks Collapse\nauthor: R. Ortiz\ndate: 2026-10-14\nsource: Harbor Ledger\nurl: https://example.org/a\n---\n"
        "# Dock Talks Collapse\n\nWorkers walked out on Monday. Talks ended.\n",
        encoding="utf-8",
    )
    app = make_app(store_root, [article])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        screen = reader(app)
        await wait_until(pilot, lambda: screen.query("#info-text"), "the info panel")
        from rich.console import Console

        console = Console(width=60, record=True, color_system=None, file=io.StringIO())
        from tui.widgets.panels import InfoPanel

        console.print(screen.query_one(InfoPanel).info_table())
        text = console.export_text()
        for expected in ("R. Ortiz", "2026-10-14", "Harbor Ledger", "https://example.org/a"):
            assert expected in text
        assert "dock.md" in "".join(text.split())  # a long temporary path may wrap in the 60 columns
        await pilot.press("i")
        assert not screen.query_one("#info-panel").display


def test_titles_from_file_names_are_humanised_and_hash_names_fall_back(write_article) -> None:  # type: ignore[no-untyped-def]
    assert load_article(write_article("One paragraph here.\n", "artillery pipeline.txt")).title == "Artillery pipeline"
    assert load_article(write_article("One paragraph here.\n", "north-korea_shells.txt")).title == "North korea shells"
    headed = "Talks Resume\nNegotiators met again on Monday to resume the talks.\n"
    assert load_article(write_article(headed, "3f9a2c7e1b04d5e6.txt")).title == "Talks Resume"
    lede = "Negotiators met again on Monday in the capital to resume the long talks.\n"
    assert load_article(write_article(lede, "20261114.txt")).title == "Negotiators met again on Monday in the capital…"
    assert load_article(write_article(lede, "6f1e2d3c-aaaa-4bbb-8ccc-123456789abc.txt")).title.startswith("Negotiators")


# -- moving -------------------------------------------------------------------------


async def test_page_and_half_page_keys_move_by_screenfuls(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [f"Paragraph {i} has one sentence that is long enough to take a whole line or two here." for i in range(1, 41)]
    path = write_article("\n".join(paragraphs) + "\n", "long.txt")
    app = make_app(store_root, [path])
    async with app.run_test(size=(80, 20)) as pilot:
        view = reader(app).view
        await pilot.press("pagedown")
        first_page = view.cursor
        assert first_page > 3
        await pilot.press("pagedown")
        assert view.cursor > first_page
        await pilot.press("pageup")
        assert view.cursor == first_page
        await pilot.press("ctrl+d")
        assert first_page < view.cursor < first_page + (first_page - 1)
        half = view.cursor
        await pilot.press("ctrl+u")
        assert view.cursor < half
        await pilot.press("G", "pagedown")
        assert view.cursor == 40
        await pilot.press("g", "pageup")
        assert view.cursor == 1


async def test_go_to_a_sentence_by_number_with_colon_and_the_palette(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        view = reader(app).view
        await pilot.press("colon", "1", "4", "enter")
        assert view.cursor == 14 and view.has_focus
        await pilot.press("colon", "9", "9", "enter")
        assert view.cursor == 14 and any("sentences 1-21" in n.message for n in notices)
        await pilot.press("ctrl+p", "1", "1")
        from textual.command import CommandPalette

        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await wait_until(pilot, lambda: "Go to sentence 11" in palette_text(palette), "the go-to entry")
        await pilot.press("enter")
        await wait_until(pilot, lambda: view.cursor == 11, "the cursor on sentence 11")


@pytest.mark.parametrize(("typed", "section"), [("14", "1/4"), ("3", "3/4")])
async def test_a_number_in_the_palette_goes_to_that_sentence_not_a_section_named_alike(
    store_root: Path, article_copy: Path, typed: str, section: str
) -> None:
    """Typing 14 offered "Go to section 1/4" first (the fuzzy match scored it higher), so
    Enter went to a section: a number is a sentence first (found in a tryout)."""
    from textual.command import CommandPalette

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        view = reader(app).view
        await pilot.press("ctrl+p", *typed)
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await wait_until(
            pilot,
            lambda: f"Go to sentence {typed}" in palette_text(palette) and f"section {section}" in palette_text(palette),
            "both entries",
        )
        assert palette_text(palette).startswith(f"Go to sentence {typed}")
        await pilot.press("enter")
        await wait_until(pilot, lambda: view.cursor == int(typed), f"the cursor on sentence {typed}")


def palette_text(palette) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import OptionList

    options = palette.query_one(OptionList)
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


async def test_the_palette_lists_only_newsmarks_own_commands(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE):
        screen = reader(app)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Next sentence" in titles and "Go to sentence" in titles and "Quit" in titles and "Change theme" in titles
        assert any(t.startswith("Go to section 2/4") for t in titles)
        for textual_own in ("Theme", "Keys", "Screenshot", "Maximize", "Minimize"):
            assert not any(t.startswith(textual_own) for t in titles), textual_own


async def test_palette_in_the_library_has_no_table_internals(store_root: Path, samples: Path) -> None:
    app = make_app(store_root, [samples / "artillery-pipeline.txt", samples / "grid-outage.txt"])
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        titles = [command.title for command in app.get_system_commands(library)]
        assert any(t.startswith("Open article") for t in titles)
        for internal in ("Cursor up", "Cursor down", "Select cursor", "Cursor right", "Focus Next", "Focus Previous", "Copy selected text"):
            assert internal not in titles


# -- search -----------------------------------------------------------------------


async def test_search_highlights_the_words_counts_matches_and_returns_when_nothing_matches(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("j", "slash", *"officials")
        matches = screen.article.matches("officials")
        assert len(matches) > 2 and screen.view.cursor == matches[1]
        assert f"match 2/{len(matches)}" in status(app)
        await pilot.press("enter", "n")
        assert f"match 3/{len(matches)}" in status(app)
        # Only the matched word is highlighted, not the whole sentence.
        view = screen.view
        drawn = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        highlighted = ["".join(s.text for s in strip if s.style is not None and s.style.reverse) for strip in drawn]
        assert sorted(h.casefold() for h in highlighted if h) == ["officials"] * sum(1 for h in highlighted if h)
        assert any(highlighted)
        at = view.cursor
        await pilot.press("slash", *"zzzq")
        assert view.cursor == at and "no match" in status(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"officialz")
        assert view.cursor == at


# -- terminals, themes, toasts --------------------------------------------------------


async def test_lines_keep_a_reading_width_on_wide_terminals(store_root: Path, article_copy: Path) -> None:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema(), reading_width=60)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    async with app.run_test(size=(200, 30)) as pilot:
        view = reader(app).view
        await wait_until(pilot, lambda: view.render_line(0).text.strip(), "the first line")
        text_lines = [line.strip() for line in screen_lines(view) if line.strip()]
        assert max(len(line) for line in text_lines) <= 60
        assert all(line.startswith(" " * 60) for line in screen_lines(view) if line.strip()), "centred"


@pytest.mark.parametrize("size", [(40, 20), (50, 20), (60, 20), (80, 24)])
async def test_narrow_terminals_keep_the_header_help_and_quit(store_root: Path, article_copy: Path, size: tuple[int, int]) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=size) as pilot:
        screen = reader(app)
        await wait_until(pilot, lambda: screen.view.render_line(0).text.strip(), "the first line")
        bar = key_bar_text(app)
        assert " ? Help " in bar and " q Quit " in bar, bar
        assert len(bar) == size[0]
        assert str(screen.query_one("#section-header").render()).startswith("1/4")
        widths = [len(line.strip()) for line in screen_lines(screen.view) if line.strip()]
        assert max(widths) >= size[0] - 6
        line = status(app)
        assert line.startswith("1/21") or line.startswith("sentence 1/21")
        assert "0 tagged · ana" in line and len(line) <= size[0] - 2


async def test_a_panel_takes_the_whole_width_of_a_narrow_terminal(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(50, 20)) as pilot:
        screen = reader(app)
        await pilot.press("1", "t")
        await wait_until(pilot, lambda: screen.query("#contents-panel"), "the contents panel")
        panel = screen.query_one("#contents-panel")
        await wait_until(pilot, lambda: panel.region.width > 0, "the panel laid out")
        assert panel.region.width == 50
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.view.region.width >= 48, "the text back at full width")


async def test_notifications_never_cover_the_status_line(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("u")  # "Nothing to undo."
        await wait_until(pilot, lambda: app.screen.query("Toast"), "a toast")
        toast = app.screen.query("Toast").first()
        await wait_until(pilot, lambda: toast.region.height > 0, "the toast laid out")
        status_line = app.screen.query_one("#status-line")
        assert toast.region.bottom <= status_line.region.y


async def test_tag_colours_stay_readable_in_a_light_theme(store_root: Path, article_copy: Path) -> None:
    from tui.colours import MIN_CONTRAST, contrast

    schema = TagSchema((Tag("rumour", "W", "bright_yellow", "Unverified talk."), *DEFAULT_TAGS[1:]))
    settings = Settings(store_path=store_root, annotator="ana", schema=schema)
    app = NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article_copy), paths=[article_copy])
    app.theme = "textual-light"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "j")
        view = reader(app).view
        strip = view.render_line(0)
        styles: list[Style] = [s.style for s in strip if s.text.strip() and s.style is not None and s.style.bold]
        assert styles
        for style in styles:
            assert style.color is not None and style.bgcolor is not None
            assert contrast(style.color.get_truecolor(), style.bgcolor.get_truecolor()) >= MIN_CONTRAST


def test_a_reserved_key_is_refused_with_a_readable_list() -> None:
    from tui.reserved_keys import tag_key_problem

    with pytest.raises(ConfigError) as refused:
        validate_tags((Tag("claim", "j", "red", ""),), "config.yaml", key_check=tag_key_problem)
    message = str(refused.value)
    assert "a b d e g h i j k l m n p q r t u v w x y z" in message


def test_the_reading_width_comes_from_the_config(tmp_path: Path) -> None:
    from annotations.config import DEFAULT_READING_WIDTH, resolve_settings

    config = tmp_path / "config.yaml"
    config.write_text("reading_width: 72\n", encoding="utf-8")
    assert resolve_settings(config=str(config), environ={}).reading_width == 72
    config.write_text("annotator: ana\n", encoding="utf-8")
    assert resolve_settings(config=str(config), environ={}).reading_width == DEFAULT_READING_WIDTH
    for wrong in ("5", "wide", "true"):
        config.write_text(f"reading_width: {wrong}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="reading_width"):
            resolve_settings(config=str(config), environ={})


async def test_lines_a_new_marker_pushes_words_onto_are_repainted(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tagging sentence 4 at 80 columns pushes "last" of sentence 5 onto the next line:
    that line is repainted too, not only the tagged sentence's lines."""
    repainted: list[int] = []
    whole = []
    original_lines, original_refresh = ArticleView.refresh_lines, ArticleView.refresh

    def refresh_lines(self: ArticleView, y_start: int, line_count: int = 1) -> ArticleView:
        repainted.extend(range(y_start, y_start + line_count))
        return original_lines(self, y_start, line_count)

    def refresh(self: ArticleView, *args: object, **kwargs: object) -> ArticleView:
        if not args:  # refresh_lines refreshes a region; this is the whole view
            whole.append(True)
        return original_refresh(self, *args, **kwargs)  # type: ignore[arg-type]

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        view = reader(app).view
        await pilot.press("j", "j", "j")
        before = screen_lines(view)
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        monkeypatch.setattr(ArticleView, "refresh_lines", refresh_lines)
        monkeypatch.setattr(ArticleView, "refresh", refresh)
        await pilot.press("3")
        monkeypatch.undo()
        after = screen_lines(view)
        changed = [y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        assert len(changed) > 2, "the marker moved words on to a further line"
        assert whole or set(changed) <= set(repainted), f"lines {sorted(set(changed) - set(repainted))} changed but were not repainted"


async def test_one_numbered_sentence_per_line(store_root: Path, article_copy: Path) -> None:
    """# puts each sentence on lines of its own with its number; tags, clicks and the
    cursor work the same, and # again goes back to paragraphs."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(80, 30)) as pilot:
        screen = reader(app)
        await pilot.press(":", "1", "3", "enter", "2", "j", "3", "number_sign")
        view = screen.view
        assert view.sentence_lines
        lines = [line.strip() for line in screen_lines(view)]
        thirteen = screen.article.sentence(13).text
        fourteen = screen.article.sentence(14).text
        assert f"13 [f] {thirteen}" in lines
        assert any(line.startswith(f"14 [o] {fourteen[:30]}") for line in lines)
        assert not any(f"{thirteen} " in line for line in lines), "a sentence shares no line with the next"
        await pilot.press("k", "4")
        assert on_disk(store_root, article_copy).tags(13) == ["figure", "source"]
        assert f"13 [fs] {thirteen}" in [line.strip() for line in screen_lines(view)]
        in_place = view.laid_out()
        view.set_reading_width(view.reading_width)
        assert view.laid_out() == in_place
        await pilot.press("number_sign")
        assert not view.sentence_lines
        assert any(f"[fs] {thirteen} [o] {fourteen[:10]}" in line for line in screen_lines(view))


async def test_palette_help_shows_file_names_literally(store_root: Path, samples: Path, tmp_path: Path) -> None:
    """The palette reads help text as markup: a file name with brackets is shown as it is."""
    from textual.content import Content

    odd = tmp_path / "[bold]notes.txt"
    odd.write_bytes((samples / "grid-outage.txt").read_bytes())
    app = make_app(store_root, [samples / "artillery-pipeline.txt", odd])
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        await wait_until(pilot, lambda: not library.working, "the library completed")  # type: ignore[attr-defined]
        helps = [Content.from_markup(command.help).plain for command in app.get_system_commands(library)]
        assert any(help.endswith("[bold]notes.txt") for help in helps), helps


async def test_palette_titles_show_section_labels_literally(store_root: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    from textual.content import Content

    path = write_article("Dock [red]Talks[/red]\nWorkers walked out on Monday. Talks ended.\n", "talks.txt")
    app = make_app(store_root, [path])
    async with app.run_test(size=SIZE):
        titles = [Content.from_markup(command.title).plain for command in app.get_system_commands(reader(app))]
        assert "Go to section 1/1: Dock [red]Talks[/red]" in titles


async def test_notifications_show_what_they_quote_literally(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    """Toasts quote search terms, file names and errors: they are text, never markup."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"[bold]zz", "enter")
        await wait_until(pilot, lambda: app.screen.query("Toast"), "a toast")
        toast = app.screen.query("Toast").first()
        await wait_until(pilot, lambda: "[bold]zz" in str(toast.render()), "the term shown as typed")


async def test_replace_notes_is_offered_only_where_there_are_notes(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        assert "ctrl+r" not in dialog.active_bindings  # nothing to replace on this sentence
        await pilot.press(*"First note", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the note saved")
        await pilot.press("e")
        assert isinstance(app.screen, NoteDialog) and "ctrl+r" not in app.screen.active_bindings  # its own note: edited
        await pilot.press("escape", "v", "j", "e")  # a range over the noted sentence and the next
        assert isinstance(app.screen, NoteDialog) and "ctrl+r" in app.screen.active_bindings


async def test_q_says_back_where_it_goes_back(store_root: Path, article_copy: Path, samples: Path) -> None:
    """Opened from the library, the reader's q goes back to it, and its key bar says so
    (it said Quit: tryout 6); opened alone, q quits and says Quit."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "q Quit" in key_bar_text(app)
    library_app = make_app(store_root, [article_copy, samples / "grid-outage.txt"])
    async with library_app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(library_app.screen_stack) > 1, "the library")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(library_app.screen, ReaderScreen), "the reader")
        await wait_until(pilot, lambda: "q Back" in key_bar_text(library_app), "q saying Back")
        assert "Quit" not in key_bar_text(library_app)
