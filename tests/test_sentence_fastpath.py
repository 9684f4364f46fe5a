"""The fast path splits exactly as pysbd plus newsmark's corrections, wherever it accepts.

A differential test: every paragraph of the sample articles and of the test fixtures,
and hypothesis-generated paragraphs full of the punctuation that trips splitters
(abbreviations, titles, dotted capitals, initials, list markers, decimals, quotes and
brackets around punctuation, ellipses, "a.m.", question and exclamation marks, words
that pysbd's abbreviation patterns match by accident). Whenever the fast path accepts a
paragraph, its spans must equal those of the pysbd path, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.formats.loader import load_article
from annotations.sentences import splitter
from annotations.sentences.fastpath import fast_split
from annotations.sentences.splitter import PYSBD_MAX_CHARS, split_sentences, split_with_pysbd

from .helpers import assert_valid_spans
from .sentence_cases import GOLDEN_RULE_CASES, NEWS_CASES
from .test_hardening_sentences import NEWS_SENTENCES

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "sample_articles").iterdir())


def sample_paragraphs() -> list[str]:
    """Every paragraph of every sample article, as the loader lays it out."""
    paragraphs: list[str] = []
    for path in SAMPLES:
        article = load_article(path)
        paragraphs += [article.text[p.start : p.end] for s in article.sections for p in s.paragraphs]
    return paragraphs


FIXTURE_PARAGRAPHS = [text for text, _ in GOLDEN_RULE_CASES + NEWS_CASES] + NEWS_SENTENCES + [" ".join(NEWS_SENTENCES)]


def agrees(paragraph: str) -> bool | None:
    """None if the fast path refuses the paragraph, else whether it agrees with pysbd's path."""
    fast = fast_split(paragraph)
    if fast is None:
        return None
    assert fast == split_with_pysbd(paragraph), paragraph
    assert_valid_spans(paragraph, fast)
    return True


@pytest.mark.parametrize("paragraph", sample_paragraphs() + FIXTURE_PARAGRAPHS)
def test_fast_path_agrees_on_every_sample_and_fixture_paragraph(paragraph: str) -> None:
    agrees(paragraph)


def test_fast_path_takes_most_sample_paragraphs() -> None:
    # The samples are written to hold every tricky case; still, most paragraphs are plain.
    paragraphs = sample_paragraphs()
    taken = [p for p in paragraphs if fast_split(p) is not None]
    assert len(taken) >= len(paragraphs) * 0.7, f"{len(taken)} of {len(paragraphs)}"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Officials said the shipments arrived by rail. Prices rose 3.5% in March.",
        "U.S. analysts counted approx. 300,000 shells. Dr. Kim said the pattern matched transfers seen in Jan. 5.",
        'The minister called the figures "misleading" and promised a review. Was it signed? Nobody said!',
        'He added that support for Ukraine "remains firm." It has offered 14% instead.',
        '"We will win. We always do," he said. "Why? Because we must." Ukraine fired 7,000 rounds (e.g. in May).',
        '"We will not stop," he said. The U.S. Department of Defense declined to comment.',
        "At 5 a.m. Mr. Smith went to the bank. He left at 6 p.m. Mr. Smith then went home.",
        "The talks start at 3 p.m. Eastern time. It is from the U.S. The vote is next week.",
        "She was born in Washington, D.C. He moved. Analysts were unsure... Others were not... or were they?",
    ],
)
def test_plain_news_paragraphs_take_the_fast_path(paragraph: str) -> None:
    assert agrees(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The book was written by J. R. R. Tolkien in England.",
        "I never said that.... He walked out.",
        "Prices rose (see p. 4) in March.",
        "At 6 P.M. Mr. Lee went home.",
        "1. First point 2. Second point",
        '"Bad" Bob said so.',
        "He met the envoy in\tSeoul.",
    ],
)
def test_tricky_paragraphs_go_to_pysbd(paragraph: str) -> None:
    assert fast_split(paragraph) is None


def test_split_sentences_uses_the_fast_path_only_where_it_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = splitter.split_with_pysbd

    def recording(paragraph: str, *, max_chars: int = PYSBD_MAX_CHARS) -> list[tuple[int, int]]:
        calls.append(paragraph)
        return real(paragraph, max_chars=max_chars)

    monkeypatch.setattr(splitter, "split_with_pysbd", recording)
    plain = "Officials said the shipments arrived by rail. Prices rose 3.5% in March."
    tricky = "It was written by J. R. R. Tolkien. He lived in Oxford."
    assert split_sentences(plain) == [(0, 45), (46, len(plain))]
    assert split_sentences(tricky) == [(0, 35), (36, len(tricky))]
    assert calls == [tricky]


# -- hypothesis: paragraphs biased towards tricky punctuation -----------------------------

WORDS = ["officials", "said", "the", "talks", "report", "war", "prices", "Korea’s", "workers'", "long-term", "13th", "Zürich",
         "war—and", "2019–2020"]  # fmt: skip
CAPITALISED = ["The", "Officials", "He", "It", "In", "Army", "Department", "Prices", "Seoul", "I", "A", "Millions", "NATO", "Who",
               "Eastern", "GMT", "ET", "At", "By", "For", "More", "Did", "Thefts", "Therein"]  # fmt: skip
ABBREVIATIONS = [
    "Dr.", "Mr.", "Gen.", "Gov.", "St.", "Mt.", "fig.", "Fig.", "No.", "no.", "approx.", "ca.", "Jan.", "Sept.", "Co.",
    "Inc.", "Ltd.", "vs.", "v.", "p.", "pp.", "ext.", "est.", "sec.", "is.", "may.", "Amb.", "Pres.", "Ph.D.",
]  # fmt: skip
DOTTED = ["U.S.", "U.K.", "D.C.", "E.U.", "U.S.A.", "A.M.", "P.M.", "a.m.", "p.m.", "e.g.", "i.e.", "A.I.", "N.Y."]
WILDCARD_WORDS = ["USA", "arm", "egg", "ice", "ego", "USS", "ups"]
NUMBERS = ["5", "12", "300,000", "3.5%", "$250.00", "2023", "1.", "2.", "3.", "9", "10", "1,000", "2201.118.40", "7:40"]
ENDS = [".", ".", ".", "?", "!", '."', '?"', ".”", ",", "", "...", "...."]
ODD = ["I.", "J.", "R.", "a.", "b.", "iv.", "...", ". . .", "—", "-", "--", "(NYT)", "(a)", "(iv)", "(2019)", "(see", "it)", '"', "“", "”",
       "'", "‘", "’", "Yahoo!", "(", ")", "&", "Co. KG", ":", ";", "…", "°", "N°.", '"We win. We', "do,\"", '"Why? Because',
       "(see p. 4)", "(e.g. fuel)", '"U.S. The', "(a. b.)", '"5. Items', "(10. 11.)", '"wait... The', "(U.S. Army)", '"No!', 'Stop!"',
       "(NYT).", "(why?)!", "(a).", "(mostly)", "(e.g.", "fuel).", "(2019).", "(iv)."]  # fmt: skip

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(CAPITALISED),
    st.sampled_from(ABBREVIATIONS),
    st.sampled_from(DOTTED),
    st.sampled_from(WILDCARD_WORDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(ODD),
    st.builds(lambda w, end: w + end, st.sampled_from(WORDS + CAPITALISED + NUMBERS), st.sampled_from(ENDS)),
    st.builds(lambda w, q: f"{q[0]}{w}{q[1]}", st.sampled_from(WORDS + CAPITALISED), st.sampled_from(['""', "“”", "()"])),
)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A sentence-shaped run: a capitalised start, tokens, an ending."""
    opener = draw(st.sampled_from(CAPITALISED + ABBREVIATIONS + DOTTED + NUMBERS + ['"We', "“We", "(The"]))
    middle = draw(st.lists(token, max_size=8))
    last = draw(st.sampled_from(WORDS + CAPITALISED + NUMBERS + DOTTED + ABBREVIATIONS))
    return " ".join([opener, *middle, last]) + draw(st.sampled_from(ENDS))


@st.composite
def plain_sentence(draw: st.DrawFn) -> str:
    """A news-like sentence of the kinds the fast path takes, with the near misses beside them."""
    words = [draw(st.sampled_from([*CAPITALISED, '"We', "“We", *ABBREVIATIONS[:3], *DOTTED[:4]]))]
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            words.append(draw(st.sampled_from(ABBREVIATIONS + DOTTED + WILDCARD_WORDS)))
            words.append(draw(st.sampled_from(WORDS + CAPITALISED + NUMBERS[:4])))
        elif kind == 1:
            words.append(
                draw(st.sampled_from(['"', "“", "("]))
                + draw(st.sampled_from(WORDS))
                + draw(st.sampled_from(['"', "”", ")", ',"', "a)", "v)"]))
            )
        elif kind == 2:
            words.append(draw(st.sampled_from(NUMBERS)))
        else:
            words.append(draw(st.sampled_from(WORDS)))
    return " ".join(words) + draw(st.sampled_from(ENDS))


paragraphs = st.one_of(
    st.lists(plain_sentence(), min_size=1, max_size=6).map(" ".join),
    st.lists(sentence(), min_size=1, max_size=6).map(" ".join),
    st.lists(token, min_size=1, max_size=40).map(" ".join),
    st.builds(lambda words, sep: sep.join(words), st.lists(token, min_size=1, max_size=20), st.sampled_from(["  ", "\t", " \n"])),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs)
def test_fast_path_agrees_with_pysbd_on_generated_paragraphs(paragraph: str) -> None:
    agrees(paragraph)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NEWS_SENTENCES), min_size=1, max_size=12).map(" ".join))
def test_fast_path_agrees_on_news_sentences_in_any_order(paragraph: str) -> None:
    agrees(paragraph)
