"""The patterns follow the tagging guidelines on the guidelines' own examples (tryout:
"COVID-19" and "Route 9" were figures, a scheduled meeting's "3 p.m." made a claim and a
figure, and "Critics argue", "officials worry that", "experts note that" named no source)."""

from __future__ import annotations

import pytest

from annotations.schema import TagSchema
from annotations.suggest.patterns import load_patterns


def hits(text: str) -> dict[str, str | None]:
    """Each built-in pattern that fires on ``text`` (name: the words its reason quotes)."""
    patterns = [p for tag in load_patterns(TagSchema()).values() for p in tag]
    return {p.name: p.match(text) for p in patterns if p.match(text) is not None}


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 cases rose in Route 9 towns.",
        "The G7 summit opened under Section 230 rules.",
        "Defense ministers are scheduled to meet at 3 p.m. Eastern time to discuss production targets.",
    ],
)
def test_a_number_that_is_a_name_or_a_meetings_time_is_no_figure(text: str) -> None:
    found = hits(text)
    assert not any(name.startswith("figure/") for name in found), found
    assert "claim/stated-figure" not in found, found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("COVID-19 cases rose by 40% in Route 9 towns.", "40%"),
        ("The G7 pledged $4 billion.", "4"),
        ("Sales fell 12,000 units.", "12,000"),
    ],
)
def test_a_figure_beside_a_name_is_still_found_and_quoted_whole(text: str, words: str) -> None:
    found = hits(text)
    assert found.get("claim/stated-figure") == words or found.get("figure/number") == words, found


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Critics argue the review will not be independent.", "argue"),
        ("U.S. officials worry that the supply could run short.", "worry that"),
        ("Experts note that no level of lead exposure is safe.", "note that"),
        ("The board and the department each blamed the other for the delays.", "blamed"),
    ],
)
def test_a_described_group_that_argues_worries_or_notes_is_a_source_of_a_claim(text: str, verb: str) -> None:
    found = hits(text)
    assert found.get("source/reporting-verb") == verb and found.get("claim/reported-statement") == verb, found


def test_a_regex_quotes_its_group_named_m_or_else_the_whole_match() -> None:
    from annotations.suggest.regex import compile_regex

    named = compile_regex(r"(?:^|[^\p{L}])(?P<m>\d+)|(?:dozens)", case=False)
    assert named.find(b"about 40 ships") == b"40"
    assert named.find(b"dozens of ships") == b"dozens"  # the group took no part: the whole match
    assert compile_regex(r" \d+", case=False).find(b"about 40 ships") == b" 40"


@pytest.mark.parametrize(
    ("text", "words"), [("It cost roughly $6.2 million.", "$6.2 million"), ("A €40bn plan.", "€40bn"), ("Fees of $12,500 rose.", "$12,500")]
)
def test_a_sums_reason_quotes_the_whole_sum(text: str, words: str) -> None:
    assert hits(text).get("figure/money") == words


def test_a_count_in_words_reaches_past_two_words_before_its_noun() -> None:
    """ "two water treatment plants halted pumping" (the guidelines: counts in words from two up)."""
    assert hits("But two water treatment plants halted pumping for hours.").get("figure/counted-words") == "two water treatment plants"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("It is the third-largest port in the region.", "third-largest"),
        ("The city is the second biggest exporter of grain.", "second biggest"),
        ("The club ranked fifth in the league.", "ranked fifth"),
        ("Norway finished 12th of 30 countries.", "finished 12th of 30"),
        ("It is the country's third most populous city.", "third most"),
        ("The team came in third.", "came in third"),
        ("The region came last in the survey.", "came last in"),
    ],
)
def test_a_rank_is_a_figure(text: str, words: str) -> None:
    assert hits(text).get("figure/rank") == words


@pytest.mark.parametrize(
    "text",
    [
        "The second speaker agreed.",
        "He spoke second at the meeting.",
        "For the first time, the port closed.",
        "He came last night to the meeting.",
        "The talks finished last week.",
        "The rain came at last.",
        "Ranks last year were closed.",
        "They placed second-hand furniture in the hall.",
        "It was a second best option.",
        "A second worst-case scenario was drawn up.",
    ],
)
def test_an_ordinal_that_only_orders_is_no_rank(text: str) -> None:
    assert "figure/rank" not in hits(text)


def test_a_stated_ordinal_is_quoted_whole() -> None:
    assert hits("Norway finished 12th of 30 countries.").get("claim/stated-figure") == "12th"  # it quoted "12"
