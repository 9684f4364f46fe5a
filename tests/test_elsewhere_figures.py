"""The elsewhere matcher's figures: dates, thousands separators, scales, qualifiers and ranges
normalised, so one fact written two ways is one figure."""

from __future__ import annotations

import pytest

from annotations.elsewhere.figures import Figure, Kind, figures


def only(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", ["on Sept. 13", "on September 13th", "on 13 September", "on the 13th of September", "on Sep 13"])
def test_one_date_however_written(text: str) -> None:
    assert only(text).agrees(only("on September 13")) and only(text).kind is Kind.DATE


def test_a_date_with_a_year_agrees_with_one_without_and_not_with_another_year() -> None:
    assert only("September 13th, 2024").agrees(only("Sept. 13"))
    assert not only("September 13, 2024").agrees(only("September 13, 2023"))
    assert not only("Sept. 13").agrees(only("Sept. 14"))


def test_the_month_may_is_a_date_only_with_a_day_or_a_year() -> None:
    assert figures("talks may resume") == []
    assert only("in May 2024").kind is Kind.DATE


@pytest.mark.parametrize("text", ["300,000 people", "300 000 people", "300\u202f000 people", "300k people", "300 thousand people"])
def test_thousands_separators_and_scales(text: str) -> None:
    figure = only(text)
    assert figure.low <= 300_000 <= figure.high and figure.unit == "peopl"


def test_a_scaled_number_is_as_exact_as_its_digits() -> None:
    assert only("1.2 million barrels").agrees(only("1,200,000 barrels"))
    assert not only("1.2 million barrels").agrees(only("1,300,000 barrels"))
    assert only("$2.5bn").kind is Kind.MONEY and only("$2.5bn").agrees(only("$2,500,000,000"))


def test_numbers_in_words() -> None:
    assert only("seven thousand shells").agrees(only("7,000 shells"))
    assert only("three years").agrees(only("3 years"))
    assert figures("the two sides met") == []


def test_qualifiers_make_intervals() -> None:
    up_to, about = only("up to 7,000 shells a day"), only("about 15,000 shells a day")
    assert not up_to.agrees(about)
    assert up_to.agrees(only("7,000 shells")) and about.agrees(only("roughly 14,000 shells"))
    assert not only("up to 7,000 workers").agrees(only("about 4,000 workers"))
    assert only("more than 300 killed").agrees(only("at least 320 killed"))


@pytest.mark.parametrize("text", ["between 7 and 10 people", "7-10 people", "from 7 to 10 people"])
def test_ranges(text: str) -> None:
    figure = only(text)
    assert (figure.low, figure.high) == (7, 10)
    assert figure.agrees(only("8 people")) and not figure.agrees(only("12 people"))


def test_kinds_are_told_apart() -> None:
    assert only("12 percent").kind is only("12%").kind is only("12 per cent").kind is Kind.PERCENT
    assert only("in 2019").kind is Kind.YEAR
    assert not only("12%").agrees(only("12 ships"))
