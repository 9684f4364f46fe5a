"""The reader's ``/`` matches as the corpus search does: case, accents and curly
apostrophes folded (tryout defect 20), its highlights on the original letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.model import fold, folded_spans
from tui.widgets.line_pieces import SearchMatches

from .conftest import wait_until
from .test_reader import SIZE, make_app, reader

TEXT = "Kím Jóng said the café in São Paulo was closed. The naïve résumé of Zoë was “perfect” and the country’s mood changed.\n"


@pytest.fixture
def accents(tmp_path: Path) -> Path:
    path = tmp_path / "accents.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_fold_takes_case_accents_and_curly_apostrophes_away() -> None:
    assert fold("Kím RÉSUMÉ country’s “perfect”") == 'kim resume country\'s "perfect"'
    assert fold("plain ASCII") == "plain ascii"


@pytest.mark.parametrize(
    ("term", "found"), [("resume", "résumé"), ("KIM", "Kím"), ("country's", "country’s"), ("sao", "São"), ("CAFÉ", "café")]
)
def test_the_reader_s_matches_are_marked_on_the_original_letters(accents: Path, term: str, found: str) -> None:
    assert [TEXT[start:end] for start, end in folded_spans(TEXT, term)] == [found]
    article = load_article(accents)
    matches = SearchMatches()
    matches.search(term)
    spans = [span for sentence in article.sentences for span in matches.spans(sentence)]
    assert [article.text[start:end] for start, end in spans] == [found]


def test_a_decomposed_accent_is_marked_with_its_letter() -> None:
    text = "The re\u0301sume\u0301 was long."
    assert [text[start:end] for start, end in folded_spans(text, "resume")] == ["re\u0301sume\u0301"]


@pytest.mark.parametrize(("term", "sentence"), [("resume", 2), ("kim", 1), ("country's", 2), ("perfect", 2)])
async def test_slash_finds_a_word_whatever_its_accents_and_apostrophes(store_root: Path, accents: Path, term: str, sentence: int) -> None:
    app = make_app(store_root, [accents])
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        if sentence == 1:
            await pilot.press("G")
        await pilot.press("slash", *term)
        await wait_until(pilot, lambda: screen.view.cursor == sentence, f"the cursor on sentence {sentence}")
        assert screen.search.matches == [sentence]
        assert screen.status.search is not None and screen.status.search.describe(sentence).endswith("match 1/1")
