"""Who a source-tagged sentence names (annotations.library.source_names), over real
attribution sentences (tests/source_cases.py), and how the dashboard groups them."""

from __future__ import annotations

import pytest

from annotations.library.dashboard import ArticleFacts, build_dashboard
from annotations.library.source_names import PRONOUN, UNNAMED, same_source, source_name

from .source_cases import PRONOUN as PRONOUN_CASE
from .source_cases import SOURCE_CASES
from .source_cases import UNNAMED as UNNAMED_CASE

BUCKETS = {PRONOUN_CASE: PRONOUN, UNNAMED_CASE: UNNAMED}


@pytest.mark.parametrize(("where", "sentence", "expected"), SOURCE_CASES, ids=[case[0] for case in SOURCE_CASES])
def test_the_source_a_sentence_names(where: str, sentence: str, expected: str) -> None:
    assert source_name({"text": sentence}) == BUCKETS.get(expected, expected), where


def test_the_cases_are_many_and_varied() -> None:
    assert len(SOURCE_CASES) >= 30
    named = [case for case in SOURCE_CASES if case[2] not in BUCKETS]
    assert len(named) >= 30 and len({case[0].split(":")[0] for case in SOURCE_CASES}) >= 15


def test_tagged_words_are_tidied_as_a_sentence_s_name_is() -> None:
    text = "Mr. Jonas Berg, the association's chief negotiator, said talks could resume."
    assert source_name({"text": text, "span": {"quote": " Mr.  Jonas Berg "}}) == "Jonas Berg"
    assert source_name({"text": text, "span": {"quote": "board member Ana Ruiz,"}}) == "Ana Ruiz"
    assert source_name({"text": "He said so.", "span": {"quote": "He"}}) == PRONOUN
    assert source_name({"text": "It rose, according to the Central Bank of Kenya.", "span": {"quote": " the  bank "}}) == "the bank"


def test_one_source_however_it_is_written() -> None:
    assert same_source("Mr. Jonas Berg") == same_source("Jonas Berg") == same_source("jonas  berg")
    assert same_source("the operator") == same_source("The operator") == same_source("Operator")
    assert same_source("The employers\u2019 association") == same_source("the employers' association")
    assert same_source("Jonas Berg") != same_source("Jonas Bergman")


def test_the_most_cited_sources_group_names_and_keep_pronouns_apart() -> None:
    texts = [
        "Mr. Jonas Berg, the association's chief negotiator, said talks could resume.",
        "\u201cNo,\u201d said Jonas Berg.",
        "Berg said the offer stands.",  # his surname alone, once his full name is known
        "He added that the union must move first.",
        "She said nothing more.",
        "The operator said the outage began at dawn.",
        "Power came back by the evening, the operator said.",
        "Nobody objected.",
    ]
    records = tuple({"tags": ["source"], "text": text, "annotator": "ana", "sentence": n} for n, text in enumerate(texts, 1))
    dashboard = build_dashboard([ArticleFacts("a.txt", None, records)])
    assert dict(dashboard.sources) == {"Jonas Berg": 3, PRONOUN: 2, "The operator": 2, UNNAMED: 1}
    assert dashboard.sources[0] == ("Jonas Berg", 3)


def test_a_surname_shared_by_two_full_names_stays_apart() -> None:
    texts = ["Maria Okafor said the bakery lost its stock.", "Daniel Okafor said the pump failed.", "Okafor said it again."]
    records = tuple({"tags": ["source"], "text": text, "annotator": "ana", "sentence": n} for n, text in enumerate(texts, 1))
    assert dict(build_dashboard([ArticleFacts("a.txt", None, records)]).sources) == {"Maria Okafor": 1, "Daniel Okafor": 1, "Okafor": 1}


def test_a_role_word_ending_the_sentence_is_no_abbreviation() -> None:
    """Only short forms (``Dr.``, ``U.S.``) keep their full stop: "said the director." ended "director."."""
    assert source_name({"text": "\u201cWe will reopen,\u201d said the director."}) == "the director"
    assert source_name({"text": "\u201cNo,\u201d said Sgt. Ana Holm of the U.S. Army."}) == "Ana Holm of the U.S. Army"
