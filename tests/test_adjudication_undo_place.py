"""``u`` in the adjudication view stays on (or goes back to) the disagreement whose final
reading it changed back, and shows it: a sentence's own dispute, not the first unsettled
words in that sentence (the tryout's steps)."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.store.spans import find_words
from tests.conftest import wait_until
from tests.test_adjudication_final_edits import body, title
from tests.test_adjudication_spans import span_as
from tests.test_reader import make_app
from tests.test_team_reader import SIZE, final_tags, tag_as
from tui.screens.adjudication import AdjudicationScreen


def sentence_and_word_disputes(store_root: Path, article: Path) -> None:
    """Sentence 5: ana claim, bo nothing; sentence 6 as a whole: ana figure, bo claim; on its
    words "approx. 300,000 shells" ana figure, on "300,000 shells" bo figure."""
    text = load_article(article)
    tag_as(store_root, article, "ana", 5, ["claim"])
    tag_as(store_root, article, "ana", 6, ["figure"])
    tag_as(store_root, article, "bo", 6, ["claim"])
    span_as(store_root, article, "ana", find_words(text, 6, "approx. 300,000 shells"), ["figure"])
    span_as(store_root, article, "bo", find_words(text, 6, "300,000 shells"), ["figure"])


async def test_undo_stays_on_the_disagreement_it_changed(store_root: Path, article_copy: Path) -> None:
    sentence_and_word_disputes(store_root, article_copy)
    app = make_app(store_root, [article_copy], annotator="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjudicationScreen), "the adjudication view")
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen) and len(screen.adjudication.places) == 4
        await pilot.press("j", "1")  # sentence 6 as ana read it (figure), then on to its words
        assert title(screen).startswith("Disagreement 3/4 · sentence 6, words “approx. 300,000 shells”")
        await pilot.press("k", "s")  # back to sentence 6: figure and source
        assert title(screen).startswith("Disagreement 2/4 · sentence 6 · ")
        assert final_tags(store_root, article_copy) == {6: ["figure", "source"]}
        await pilot.press("u")  # the source toggle undone: still on sentence 6, its reading shown
        assert final_tags(store_root, article_copy) == {6: ["figure"]}
        assert title(screen).startswith("Disagreement 2/4 · sentence 6 · ")
        assert screen.place == 6 and "final: figure" in body(screen)
        await pilot.press("j", "j", "j")  # elsewhere: u goes back to sentence 6 and shows it unsettled
        await pilot.press("u")
        assert final_tags(store_root, article_copy) == {}
        assert title(screen).startswith("Disagreement 2/4 · sentence 6 · 0 settled")
        assert "final: not settled" in body(screen)
