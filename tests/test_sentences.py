"""Sentence boundaries: Golden Rule categories and the news regression table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.sentences.splitter import split_sentences

from .helpers import assert_valid_spans
from .sentence_cases import GOLDEN_RULE_CASES, NEWS_CASES


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), GOLDEN_RULE_CASES)
def test_golden_rule_categories_still_pass(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), NEWS_CASES)
def test_news_regressions(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_blank_paragraph_has_no_sentences() -> None:
    assert split_sentences("   \t ") == []


_WORDS = st.sampled_from(
    [
        "U.S.",
        "The",
        "approx.",
        "300,000",
        "p.m.",
        "Eastern",
        "Dr.",
        "Jan.",
        "5",
        "said",
        "he",
        "D.C.",
        "“quoted.”",
        "...",
        "e.g.",
        "3.5%",
        "(NYT)",
        "?",
        "!",
        "a.m.",
        "Mr.",
        "I.",
        "war",
        "—",
        "Ωmega",
        "😀.",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40), st.sampled_from([" ", "  ", "\t"]))
def test_spans_cover_the_paragraph_without_overlap(words: list[str], separator: str) -> None:
    paragraph = separator.join(words)
    spans = split_sentences(paragraph)
    assert spans, "a non-blank paragraph has at least one sentence"
    assert_valid_spans(paragraph, spans)
