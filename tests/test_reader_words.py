"""Word mode in the reader: words inside a sentence selected, tagged, noted and undone from
the keyboard (a span), checked against the real store on disk; spans drawn inside their
sentence readable without colour."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import LockMode, Store
from annotations.store.spans import find_words
from tui.app import NewsmarkApp
from tui.screens.note import NoteDialog
from tui.screens.reader.word_bar import WordBar

from .conftest import wait_until
from .test_cli_daily import newsmark
from .test_reader import make_app, reader, status
from .test_reader_daily import screen_lines

SHELLS_SENTENCE = 6  # "The Ukrainian army received approx. 300,000 shells from European partners ..."


def stored_spans(store_root: Path, article_path: Path) -> list[tuple[str, list[str], str]]:
    """Sentence 6's span records as the store holds them now: (words, tags, note)."""
    with Store(store_root, mode=LockMode.READ) as store:
        annotations = open_article(store, load_article(article_path), annotator="ana", schema=TagSchema())
        return [(r["span"]["quote"], r["tags"], r["note"]) for r in annotations.spans(SHELLS_SENTENCE)]


async def to_shells_sentence(app: NewsmarkApp) -> None:
    """Put the reader on sentence 6 (reaching it is not counted in the key counts)."""
    reader(app).move_to(SHELLS_SENTENCE)


def word_bar(app: NewsmarkApp) -> WordBar:
    return app.screen.query_one(WordBar)


async def test_a_figure_is_tagged_in_three_keys_and_undone(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        keys = ["m", "n", "f"]  # word mode, the next figure, the figure tag
        assert len(keys) <= 4
        await pilot.press(*keys)
        await wait_until(pilot, lambda: stored_spans(store_root, article_copy), "the span to be saved")
        assert stored_spans(store_root, article_copy) == [("300,000", ["figure"], "")]
        assert "word mode" in status(app) and 'figure: "300,000"' in status(app)
        await pilot.press("u")
        await pilot.pause()
        assert stored_spans(store_root, article_copy) == []
        assert word_bar(app).cursor is not None, "undo keeps word mode on its sentence"
        await pilot.press("U")
        await pilot.pause()
        assert stored_spans(store_root, article_copy) == [("300,000", ["figure"], "")]


async def test_words_are_selected_by_word_and_extended_both_ways(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        await pilot.press("m")
        await pilot.pause()
        assert word_bar(app).cursor is not None and word_bar(app).cursor.quote == "The"  # type: ignore[union-attr]
        assert 'word mode: "The"' in status(app)
        await pilot.press("l", "right", "h")
        assert word_bar(app).cursor.quote == "Ukrainian"  # type: ignore[union-attr]
        await pilot.press("n", "shift+left", "greater_than_sign")
        await pilot.pause()
        assert 'word mode: "approx. 300,000 shells"' in status(app)
        await pilot.press("2")  # the number key of the second tag (figure)
        await wait_until(pilot, lambda: stored_spans(store_root, article_copy), "the span to be saved")
        assert stored_spans(store_root, article_copy) == [("approx. 300,000 shells", ["figure"], "")]
        await pilot.press("x")
        await pilot.pause()
        assert stored_spans(store_root, article_copy) == []


async def test_e_notes_the_selected_words_and_word_mode_stays(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        await pilot.press("m", "n", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        await pilot.press(*"check the count", "ctrl+s")
        await wait_until(pilot, lambda: stored_spans(store_root, article_copy), "the note to be saved")
        assert stored_spans(store_root, article_copy) == [("300,000", [], "check the count")]
        assert word_bar(app).cursor is not None and app.focused is word_bar(app)
        assert '✎: "300,000"' in status(app)


async def test_escape_leaves_word_mode_and_the_keys_are_the_readers_again(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        screen = reader(app)
        await pilot.press("m", "escape")
        await pilot.pause()
        assert app.focused is screen.view and "word mode" not in status(app)
        assert screen.view.spans.words is None
        await pilot.press("f")  # the tag key tags the whole sentence again
        await pilot.pause()
        assert screen.annotations.tags(SHELLS_SENTENCE) == ["figure"] and stored_spans(store_root, article_copy) == []
        await pilot.press("m", "j")  # leaving by moving: the reader's next sentence
        await pilot.pause()
        assert screen.view.cursor == SHELLS_SENTENCE + 1 and app.focused is screen.view


def tag_words(app: NewsmarkApp, words: str, tag: str) -> None:
    screen = reader(app)
    where = find_words(screen.article, SHELLS_SENTENCE, words)
    screen.apply(lambda: screen.annotations.toggle_span(where, tag))


def shells_lines(app: NewsmarkApp) -> str:
    """The drawn lines of sentence 6, joined (the words wrap)."""
    view = reader(app).view
    lines = screen_lines(view)
    return " ".join(line.strip() for line in lines if "Ukrainian army" in line or "partners" in line)


async def test_spans_read_without_colour_at_80_columns_even_overlapping(
    store_root: Path, article_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert app.no_color
        await to_shells_sentence(app)
        tag_words(app, "approx. 300,000", "claim")
        tag_words(app, "300,000 shells", "figure")
        tag_words(app, "European partners", "source")  # touches nothing; after a plain word
        await pilot.pause()
        drawn = shells_lines(app)
        assert "⟨c⟩approx. ⟨f⟩300,000⟨/c⟩ shells⟨/f⟩ from ⟨s⟩European partners⟨/s⟩" in drawn
        view = reader(app).view
        assert all(len(line.rstrip()) <= 80 for line in screen_lines(view))
        too_long = [line for line in screen_lines(view) if len(line.strip()) > view.text_width]
        assert not too_long, (view.text_width, too_long)
        tag_words(app, "300,000 shells", "figure")  # untagged: the paragraph rewraps without it
        await pilot.pause()
        assert "⟨c⟩approx. 300,000⟨/c⟩ shells from" in shells_lines(app)


async def test_touching_spans_each_close_before_the_next_opens(store_root: Path, article_copy: Path) -> None:
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        tag_words(app, "approx.", "claim")
        tag_words(app, "300,000", "figure")
        tag_words(app, "300,000", "concern")
        await pilot.pause()
        assert "⟨c⟩approx.⟨/c⟩ ⟨fo⟩300,000⟨/fo⟩ shells" in shells_lines(app)


async def test_a_span_tagged_by_the_cli_shows_in_the_reader(store_root: Path, article_copy: Path) -> None:
    result = newsmark("tag", str(article_copy), "6", "figure", "--span", "approx. 300,000 shells", "--note", "EU figure", store=store_root)
    assert result.returncode == 0, result.stderr
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        await pilot.pause()
        assert "⟨f✎⟩approx. 300,000 shells⟨/f✎⟩" in shells_lines(app)
        assert 'figure ✎: "approx. 300,000 shells"' in status(app)


def test_the_help_legend_shows_a_span_as_drawn() -> None:
    from tui.screens.help_legend import legend_rows
    from tui.widgets import span_pieces

    legend = "\n".join(f"{mark} {meaning}" for mark, meaning in legend_rows(TagSchema()))
    assert "⟨c⟩300,000 shells⟨/c⟩" in legend
    for name in ("SPAN_OPEN", "SPAN_CLOSE", "SPAN_END", "SPAN_NOTE"):
        assert getattr(span_pieces, name) in legend, name


def test_words_leave_out_quotes_brackets_and_the_final_stop_but_keep_abbreviations() -> None:
    from tui.screens.reader.words import WordCursor, sentence_words

    text = 'He said "about 300,000 (approx.) shells" at 3 p.m. today, officials said.'
    words = [text[a:b] for a, b in sentence_words(text)]
    assert words == ["He", "said", "about", "300,000", "approx.", "shells", "at", "3", "p.m.", "today", "officials", "said"]
    cursor = WordCursor.on(1, text)
    assert cursor is not None
    forward, back = cursor.number(1), cursor.number(-1)  # back from the first word: round to the last figure
    assert forward is not None and back is not None and (forward.quote, back.quote) == ("300,000", "3")
    assert forward.extended(1).extended(1).quote == "300,000 (approx.) shells"


async def test_keys_typed_at_once_after_m_reach_word_mode(store_root: Path, article_copy: Path) -> None:
    """A fast typist's ``m n f`` arrives in one read of the terminal: the keys after ``m``
    are word mode's, not the reader's (whose ``n`` is the next search match)."""
    from textual import events

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        for key in ("m", "n", "f"):
            app.post_message(events.Key(key, key))  # queued together, none handled yet
        await wait_until(pilot, lambda: stored_spans(store_root, article_copy), "the span to be saved")
        assert stored_spans(store_root, article_copy) == [("300,000", ["figure"], "")]


async def test_word_mode_s_key_bar_says_which_way_each_key_extends(store_root: Path, article_copy: Path) -> None:
    from .test_reader_fit import bar_text

    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        await pilot.press("m")
        await wait_until(pilot, lambda: word_bar(app).cursor is not None, "word mode")
        await wait_until(pilot, lambda: "Extend" in bar_text(app), "word mode's keys")
        bar = bar_text(app)
        assert "> Extend right" in bar and "< Extend left" in bar, bar


async def test_word_mode_drops_a_range_and_says_so(store_root: Path, article_copy: Path) -> None:
    """Words are in one sentence: a v range stayed in the status line through word mode and
    after it (tryout 6)."""
    app = make_app(store_root, [article_copy])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await to_shells_sentence(app)
        screen = reader(app)
        await pilot.press("v", "k")
        await wait_until(pilot, lambda: "range" in status(app), "the range")
        await pilot.press("m")
        await wait_until(pilot, lambda: "word mode" in status(app), "word mode")
        assert "range" not in status(app) and screen.range_anchor is None
        await pilot.press("escape")
        await pilot.pause()
        assert "range" not in status(app)
