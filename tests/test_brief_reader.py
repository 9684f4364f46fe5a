"""The reader's ``b``: a preview of the current article's brief, written beside the
article on ``s`` (never over another file), closed with Esc."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from annotations.config import Settings
from annotations.exchange.markdown_escape import escape_text
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.folder import LockMode, Store
from annotations.suggest.engine import SuggestionEngine
from tui.app import NewsmarkApp
from tui.screens.brief import BriefScreen
from tui.screens.reader import ReaderScreen

from .conftest import Notice, wait_until

SIZE = (110, 34)


def app_for(store_root: Path, article: Path) -> NewsmarkApp:
    settings = Settings(store_path=store_root, annotator="ana", schema=TagSchema())
    return NewsmarkApp(settings, Store(store_root, mode=LockMode.AUTO), article=load_article(article), paths=[article])


async def test_b_previews_the_brief_and_s_writes_it_beside_the_article(store_root: Path, article_copy: Path, notices: list[Notice]) -> None:
    article = load_article(article_copy)
    first = article_copy.parent / "artillery-pipeline.newsmark.brief.md"
    first.write_text("someone's own brief\n", encoding="utf-8")
    second = article_copy.parent / "artillery-pipeline.newsmark-2.brief.md"
    app = app_for(store_root, article_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "j", "2", "e")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "NoteDialog", "the note dialog")
        await pilot.press(*"Ask the desk", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "back in the reader")
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefScreen) and app.screen.markdown is not None, "the brief built")
        assert "## Only suggested" not in app.screen.query_one("#brief", Markdown).source  # only when asked: z
        await pilot.press("z")
        await wait_until(pilot, lambda: "## Only suggested" in (app.screen.markdown or ""), "the suggestions added")
        await wait_until(pilot, lambda: app.screen.query_one("#brief", Markdown).source == app.screen.markdown, "shown")
        shown = app.screen.query_one("#brief", Markdown).source
        claims = shown.split("## Claim")[1].split("## Figure")[0]
        assert escape_text(article.sentence(1).text) in claims
        figures = shown.split("## Figure")[1].split("## Concern")[0]
        assert escape_text(article.sentence(2).text) in figures and "Note by ana: Ask the desk" in figures
        only = shown.split("## Only suggested")[1]  # last; what the patterns propose, as in the reader
        suggested = SuggestionEngine.for_schema(TagSchema()).suggest(article.sentences)
        untagged = next(s for s in suggested if s.sentence > 2)
        assert f"sentence {untagged.sentence}: " in only and escape_text(article.sentence(untagged.sentence).text) in only

        await pilot.press("s")
        await wait_until(pilot, lambda: any(str(second) in n.message for n in notices), "the brief written under a new name")
        assert first.read_text(encoding="utf-8") == "someone's own brief\n"
        assert second.read_text(encoding="utf-8") == shown
        await pilot.press("s")  # the same brief again: no third file
        await wait_until(pilot, lambda: any("unchanged" in n.message for n in notices), "unchanged")
        assert not (article_copy.parent / "artillery-pipeline.newsmark-3.brief.md").exists()

        scroll = app.screen.query_one("#brief-scroll")
        await pilot.press("j", "j", "j")  # j/k scroll the preview, as in the reader (only PgDn did)
        await wait_until(pilot, lambda: scroll.scroll_y == 3, "three lines down")
        await pilot.press("k")
        await wait_until(pilot, lambda: scroll.scroll_y == 2, "one line up")
        await pilot.press("G")
        await wait_until(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y > 3, "the end")
        await pilot.press("g")
        await wait_until(pilot, lambda: scroll.scroll_y == 0, "the start")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader again")
        await pilot.press("3")  # the reader's keys work again (the cursor is on sentence 2)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: any("concern" in r["tags"] for r in reader.annotations.view.at(2)), "a concern on sentence 2")


async def test_the_preview_shows_markup_in_the_article_literally(tmp_path: Path, store_root: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text("Markup\n\nThe [bold]minister[/bold] said *300* were `sent`.\n", encoding="utf-8")
    app = app_for(store_root, article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "b")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefScreen) and app.screen.markdown is not None, "the brief built")
        preview = app.screen

        def paragraphs() -> list[str]:
            return [str(block.render()) for block in preview.query(MarkdownBlock)]

        await wait_until(pilot, lambda: any("minister" in text for text in paragraphs()), "the quote rendered")
        assert "The [bold]minister[/bold] said *300* were `sent`." in paragraphs()
