"""Sentence splitting stays linear in paragraph length, whatever the paragraph.

pysbd's work grows with the square of its input (a 1 MB single-paragraph article took
297 s), so an overlong paragraph is cut at certain sentence ends before pysbd reads it.
These tests check the work is bounded (pysbd never reads more than ``PYSBD_MAX_CHARS``
at once, and reads each character once), that ordinary paragraphs split exactly as
before, and that the cuts never change where an ordinary paragraph's sentences end.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.sentences import splitter
from annotations.sentences.cache import SentenceCache
from annotations.sentences.splitter import PYSBD_MAX_CHARS, split_sentences
from annotations.sentences.words import NUMBER_ABBREVIATIONS, SENTENCE_STARTERS, TIME_ZONE_WORDS, TITLES

from .conftest import WAIT_LIMIT
from .helpers import assert_valid_spans

REPO = Path(__file__).resolve().parent.parent

# Ordinary news sentences, with the abbreviations, quotes, figures and brackets news has.
NEWS_SENTENCES = [
    "Officials said the shipments arrived by rail on the 14th of the month.",
    "U.S. analysts counted approx. 300,000 shells at the depot near the port.",
    'The minister called the figures "misleading" and promised a review.',
    "Dr. Kim said the pattern matched earlier transfers seen in Jan. 5.",
    "Prices rose 3.5% in the quarter, the central bank reported.",
    "The talks start at 3 p.m. Eastern time on Monday.",
    "The plan has support from the U.S. The vote is expected next week.",
    "Gen. Park (who led the unit until 2019) said it was ready.",
    "“We will not stop,” he said.",
    "Analysts were unsure... Others were not.",
    "Some items, e.g. fuel, were delayed by the strike.",
    "Was the deal signed? Nobody would say.",
    "She was born in Washington, D.C. He moved to Ohio later.",
    "Costs reached ca. 40 million euros, according to the report.",
    "The firm merged with Hale, Price & Co. at midnight.",
    "Aid to the U.K. In March it doubled.",
    "He met Mr. Lee and Mrs. Ortiz on Friday.",
    "The report, which ran to 80 pages, was published late.",
]


def news_paragraph(size: int) -> str:
    """One paragraph of ordinary news sentences, about ``size`` characters long."""
    count = size // 40 + 1
    paragraph = " ".join(itertools.islice(itertools.cycle(NEWS_SENTENCES), count))
    return paragraph[: paragraph.rfind(".", 0, size) + 1] or paragraph


@pytest.fixture
def pysbd_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text pysbd is given during the test, in order.

    A text longer than ``PYSBD_MAX_CHARS`` fails the test at once (before pysbd spends
    minutes on it).
    """
    real = splitter._segmenter()
    reads: list[int] = []

    class Recording:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def segment(self, text: str) -> list[str]:
            reads.append(len(text))
            assert len(text) <= PYSBD_MAX_CHARS, f"pysbd was given {len(text):,} characters at once"
            return list(real.segment(text))

    monkeypatch.setattr(splitter, "_segmenter", Recording)
    return reads


# -- the work is bounded --------------------------------------------------------------


def test_pysbd_reads_an_overlong_paragraph_in_bounded_pieces_once(pysbd_reads: list[int]) -> None:
    paragraph = news_paragraph(300_000)
    spans = split_sentences(paragraph)
    assert_valid_spans(paragraph, spans)
    assert max(pysbd_reads) <= PYSBD_MAX_CHARS
    assert sum(pysbd_reads) <= len(paragraph)  # each character read at most once
    assert len(spans) > len(paragraph) // 100


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("U.S. " * 10_000, id="U.S. x 10,000"),
        pytest.param("a. " * 20_000, id="list letters"),
        pytest.param("1. " * 20_000, id="list numbers"),
        pytest.param("x" * 60_000, id="one word, no space"),
        pytest.param("A." * 30_000, id="dotted letters, no space"),
        pytest.param("word " * 15_000, id="no sentence end"),
        pytest.param('He said "yes. ' * 5_000, id="unclosed quotes"),
        pytest.param("(see p. 4. " * 5_000, id="unclosed parentheses"),
        pytest.param("3 p.m. Eastern " * 4_000, id="a.m./p.m. merges"),
        pytest.param("Gen. " * 12_000, id="titles"),
        pytest.param("。".join(["北京下雨"] * 12_000), id="no spaces, CJK full stops"),
    ],
)
def test_pysbd_never_reads_more_than_the_bound_whatever_the_text(pysbd_reads: list[int], paragraph: str) -> None:
    spans = split_sentences(paragraph)
    assert_valid_spans(paragraph, spans)
    assert max(pysbd_reads) <= PYSBD_MAX_CHARS
    assert sum(pysbd_reads) <= len(paragraph)


@pytest.mark.parametrize("paragraph", ["word " * 15_000, "x" * 60_000, "A." * 30_000], ids=["words", "one word", "dotted letters"])
def test_text_cut_where_no_sentence_ends_stays_one_sentence(pysbd_reads: list[int], paragraph: str) -> None:
    assert split_sentences(paragraph) == [(0, len(paragraph.rstrip()))]
    assert len(pysbd_reads) > 1


def test_boundaries_cached_before_pieces_are_not_reused(tmp_path: Path) -> None:
    # An overlong paragraph may now split differently: a v1 cache must not be read.
    assert not SentenceCache(tmp_path).path("0" * 64, "text").name.endswith("-v1.json")


def test_boundaries_cached_before_the_time_phrase_fix_are_not_reused(tmp_path: Path) -> None:
    # "At 5 a.m. Mr. Smith went to the bank." is one sentence now: a v2 cache holds two.
    assert not SentenceCache(tmp_path).path("0" * 64, "text").name.endswith("-v2.json")


def test_cut_points_are_sentence_ends_in_ordinary_text() -> None:
    paragraph = news_paragraph(30_000)
    ends = {end for _, end in split_sentences(paragraph, max_chars=len(paragraph))}
    cuts = [piece.end for piece in splitter._pieces(paragraph, PYSBD_MAX_CHARS)[:-1]]
    assert len(cuts) >= 30_000 // PYSBD_MAX_CHARS
    for cut in cuts:
        assert len(paragraph[:cut].rstrip()) in ends, paragraph[cut - 60 : cut + 20]


ADVERSARIAL = """
from annotations.sentences import splitter

titles = "Mr. " * 60_000  # every sentence merges into the one before
splitter._merge_false_splits(titles, [(i, i + 3) for i in range(0, len(titles), 4)])
dotted = "A." * 150_000  # one run of dotted letters, never followed by a word
splitter._add_missed_splits(dotted, [(0, len(dotted))])
print("done")
"""


def test_corrections_stay_linear_on_adversarial_paragraphs() -> None:
    """Our own corrections on paragraphs made to chain merges or to backtrack.

    A generous failure bound, not a timing: each took over five minutes when a merge
    searched the whole merged sentence again, or a search backtracked over a run of
    dotted letters (both quadratic); now well under a second.
    """
    done = subprocess.run([sys.executable, "-c", ADVERSARIAL], cwd=REPO, capture_output=True, text=True, timeout=WAIT_LIMIT * 3)
    assert done.stdout.strip() == "done", done.stderr


# -- ordinary paragraphs split exactly as before -----------------------------------------

_TRAILING_WORD = re.compile(r"(\S+)\s*$")
_LEADING_WORD = re.compile(r"^\W*?(\w+)")
_DOTTED_THEN_WORD = re.compile(r"\b(?:[A-Z]\.){2,}(?=\s+([A-Z][a-z]*)\b)")
# Since splitter version 3: a sentence that is only a list marker ("⁃9.") or a time
# phrase ("At 5 a.m.") goes on.
_REFERENCE_LIST_MARKER = re.compile(r"[-*+•‣◦▪–—⁃·]?\s?\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})(?:\.\)|[.)])")
_REFERENCE_TIME_PHRASE = re.compile(
    r"(?:(?:at|by|until|till|from|after|before|around|about|since|shortly after|just after|just before)\s+)?"
    r"\d{1,2}(?::\d{2})?\s?[ap]\.m\.",
    re.IGNORECASE,
)


def reference_split(paragraph: str) -> list[tuple[int, int]]:
    """The splitter as it was before pieces: pysbd on the whole paragraph, then corrections.

    A frozen copy of the earlier code, so any change to the corrections shows here.
    """
    if not paragraph.strip():
        return []
    cuts = [0]
    cursor = 0
    for piece in splitter._segmenter().segment(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        found = paragraph.find(piece, cursor)
        if found < 0:
            continue
        if found > cuts[-1]:
            cuts.append(found)
        cursor = found + len(piece)
    cuts.append(len(paragraph))
    spans = [span for a, b in itertools.pairwise(cuts) if (span := _reference_strip(paragraph, a, b))]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _reference_false_split(paragraph[merged[-1][0] : merged[-1][1]], paragraph[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    result: list[tuple[int, int]] = []
    for start, end in merged:
        piece_start = start
        for match in _DOTTED_THEN_WORD.finditer(paragraph, start, end):
            if match.group(1).lower() in SENTENCE_STARTERS and match.end() < end:
                result.append((piece_start, match.end()))
                piece_start = match.end()
                while paragraph[piece_start].isspace():
                    piece_start += 1
        result.append((piece_start, end))
    return result


def _reference_strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _reference_false_split(before: str, after: str) -> bool:
    match = _TRAILING_WORD.search(before)
    last = match.group(1).lstrip("(\"'“‘").lower() if match else ""
    if not last.endswith("."):
        return False
    stem = last[:-1]
    first_match = _LEADING_WORD.match(after)
    first = first_match.group(1) if first_match else ""
    if stem in TITLES:
        return True
    if len(before) <= 10 and _REFERENCE_LIST_MARKER.fullmatch(before):
        return True
    if len(before) <= 40 and _REFERENCE_TIME_PHRASE.fullmatch(before):
        return True
    if stem in NUMBER_ABBREVIATIONS and (after[:1].isdigit() or after[:1].islower()):
        return True
    return bool(stem.endswith(("a.m", "p.m")) and first.lower() in TIME_ZONE_WORDS)


_WORDS = st.sampled_from(
    ["U.S.", "The", "approx.", "300,000", "p.m.", "Eastern", "Dr.", "Jan.", "5", "said", "he", "D.C.", "A.B.C.", "In",
     "“quoted.”", "...", "e.g.", "3.5%", "(NYT)", "?", "!", "a.m.", "Mr.", "I.", "war", "—", "Ωmega", "😀.", "((mr.", "'no.",
     "said.", "month.", "Officials", '"Never."', "(who", "led)", "a.", "b.", "1.", "2.", "--", "no.", "3", "GMT", "talks"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=60), st.sampled_from([" ", "  ", "\t", " \n"]))
def test_paragraphs_up_to_the_bound_split_exactly_as_before(words: list[str], separator: str) -> None:
    paragraph = separator.join(words)
    assert len(paragraph) <= PYSBD_MAX_CHARS
    assert split_sentences(paragraph) == reference_split(paragraph)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(NEWS_SENTENCES), min_size=20, max_size=50))
def test_an_ordinary_news_paragraph_of_the_bound_splits_as_before(sentences: list[str]) -> None:
    paragraph = " ".join(sentences)[:PYSBD_MAX_CHARS]
    assert split_sentences(paragraph) == reference_split(paragraph)


# -- cutting an overlong paragraph never moves a sentence end of ordinary text -------------


# Ordinary text: now and then a plain sentence follows another (at most ~370 characters apart).
_PLAIN_PAIR = "Officials said the talks would resume in the spring. The report said prices had risen."
_GROUPS = st.lists(st.sampled_from(NEWS_SENTENCES), max_size=3).map(lambda sentences: " ".join([*sentences, _PLAIN_PAIR]))


@settings(max_examples=100, deadline=None)
@given(st.lists(_GROUPS, min_size=3, max_size=30), st.integers(min_value=800, max_value=2_000))
def test_pieces_split_ordinary_text_as_the_whole_paragraph_does(groups: list[str], max_chars: int) -> None:
    paragraph = " ".join(groups)
    assert split_sentences(paragraph, max_chars=max_chars) == split_sentences(paragraph, max_chars=len(paragraph))


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=200), st.sampled_from([" ", "  ", "\t", ""]), st.integers(min_value=8, max_value=300))
def test_pieces_of_any_text_give_valid_spans(words: list[str], separator: str, max_chars: int) -> None:
    paragraph = separator.join(words)
    assert_valid_spans(paragraph, split_sentences(paragraph, max_chars=max_chars))
