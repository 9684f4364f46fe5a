"""The figures of a sentence, normalised: numbers with their scale, qualifier and unit, and dates.

"Sept. 13" and "September 13th" are one date; "300,000", "300 000" and "300k" one number;
"up to 7,000" is the interval [0, 7000] and "about 15,000" [13500, 16500], so the two
disagree. Written here rather than taken from a library because the ones measured get news
figures wrong (December 2026): quantulum3 reads "300k" as 300 kelvin and "$2.5bn" as
dollar-bit-newtons, and dateparser's ``search_dates`` finds "on Sept" in "on Sept. 13" (and
costs 65 ms to import). Numbers written as words ("seven thousand") are read by
number-parser, imported only when a sentence has such words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .terms import STOPWORDS, stem


class Kind(str, Enum):
    """What a figure counts: figures are compared with figures of their own kind only."""

    PLAIN = "plain"
    PERCENT = "percent"
    MONEY = "money"
    YEAR = "year"
    DATE = "date"


@dataclass(frozen=True)
class Figure:
    """A figure as an interval of values (``low`` ≤ the value ≤ ``high``), its kind, and the
    stem of the word it counts ("shells" → ``shell``; "" when none follows)."""

    kind: Kind
    low: float
    high: float
    unit: str = ""
    text: str = ""

    def agrees(self, other: Figure) -> bool:
        """Whether the two figures can be the same fact: same kind, overlapping values (a
        date without a year: compared by month and day)."""
        if self.kind is not other.kind:
            return False
        mine, theirs = (self.low, self.high), (other.low, other.high)
        if self.kind is Kind.DATE and min(self.high, other.high) < _YEARLESS:
            mine, theirs = (self.low % _YEARLESS, self.high % _YEARLESS), (other.low % _YEARLESS, other.high % _YEARLESS)
        return mine[0] <= theirs[1] and theirs[0] <= mine[1]


#: Dates are numbers ``yyyymmdd``, those without a year ``mmdd``: below this.
_YEARLESS = 10000

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}\b{_YEAR}|{_DAY.replace('day', 'day2')}\s+(?:of\s+)?{_MONTH.replace('month', 'month2')}{_YEAR.replace('year', 'year2')}"
    rf"|{_MONTH.replace('month', 'month3')}\s+(?P<year3>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)

#: A number: digits with thousands separators (comma, space, narrow space) or none, decimals.
_DIGITS = r"(?P<int>\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 100.0}
_SCALE_SHORT = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "tr": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<cur>[$£€¥])?\s?"
    + _DIGITS
    + r"(?:(?P<short>k|mn|m|bn|b|tn)\b|\s?(?P<scale>thousand|million|billion|trillion|hundred)\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
#: Qualifiers written before a number, by the interval they make of it.
_UPPER = ("up to", "as many as", "as much as", "at most", "no more than", "fewer than", "less than", "under", "below", "nearly", "almost")
_LOWER = ("more than", "over", "at least", "above", "exceeding", "upwards of", "in excess of")
_ABOUT = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "close to", "almost", "~")
#: How far "about" reaches either side of a number.
ABOUT_SPREAD = 0.1
#: How far "up to" reaches below a number, and "more than" above it.
BOUND_SPREAD = 0.25
_WORD_NUMBER = re.compile(
    r"(?<!\d\s)(?<!\d)\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|million|billion|a|and|-)\s*)*(?:hundred|thousand|million|billion|dozen|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety)\b(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?",
    re.IGNORECASE,
)
_SMALL_BEFORE_UNIT = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine)(?=[\s-]+(?:years?|months?|weeks?|days?|hours?|times|per\s?cent|percent)\b)",
    re.IGNORECASE,
)
_SMALL = {word: str(value) for value, word in enumerate("one two three four five six seven eight nine".split(), start=1)}
_NEXT_WORD = re.compile(r"\s*(?:[-–]\s*)?([^\W\d_]+)")


def figures(text: str) -> list[Figure]:
    """Every figure of ``text``: dates first, then numbers (those inside a date not again)."""
    found, taken = _dates(text)
    blanked = _blank(text, taken)
    blanked = _words_to_digits(blanked)
    found.extend(_numbers(blanked))
    return found


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _dates(text: str) -> tuple[list[Figure], list[tuple[int, int]]]:
    found: list[Figure] = []
    spans: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        parts = match.groupdict()
        month = MONTHS[(parts["month"] or parts["month2"] or parts["month3"]).lower()]
        day_text = parts["day"] or parts["day2"]
        year_text = parts["year"] or parts["year2"] or parts["year3"]
        day = int(day_text) if day_text else 0
        if day > 31 or (parts["month"] == "may" and not day_text):
            continue
        spans.append(match.span())
        found.append(_date(month, day, int(year_text) if year_text else 0, match.group()))
    return found, spans


def _date(month: int, day: int, year: int, text: str) -> Figure:
    """A date as an interval of ``yyyymmdd`` numbers (``mmdd`` without a year, which
    :meth:`Figure.agrees` compares by month and day); a missing day spans the month."""
    low_day, high_day = (day, day) if day else (1, 31)
    base = year * _YEARLESS + month * 100
    return Figure(Kind.DATE, base + low_day, base + high_day, text=text)


def _words_to_digits(text: str) -> str:
    """Numbers written as words ("seven thousand", "a hundred") as digits; under ten only
    before a duration or a share ("three years": "two sides" is no figure)."""
    text = _SMALL_BEFORE_UNIT.sub(lambda m: _SMALL[m.group().lower()], text)
    if not _WORD_NUMBER.search(text):
        return text

    def digits(match: re.Match[str]) -> str:
        value = _word_number(re.sub(r"^(?:a|and)\s+", "one ", match.group().strip().lower()))
        return match.group() if value is None else f" {value} "

    return _WORD_NUMBER.sub(digits, text)


@lru_cache(maxsize=1024)
def _word_number(words: str) -> int | None:
    """number-parser's reading of ``words`` (kept: it rebuilds its tables on every call, ~10 ms)."""
    from number_parser import parse_number

    value = parse_number(words)
    return value if isinstance(value, int) else None


def _numbers(text: str) -> list[Figure]:
    found: list[Figure] = []
    matches = list(_NUMBER.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        low, high = _value(match)
        following = matches[index + 1] if index + 1 < len(matches) else None
        if following is not None and _RANGE_JOIN.match(text[match.end() : following.start()]) and _is_range(text, match):
            other_low, other_high = _value(following)
            scale = _scale(following) if not _scale_of(match) else 1.0
            low, high = min(low * scale, other_low), max(high * scale, other_high)
            end, index = following.end(), index + 2
        else:
            low, high = _qualified(text[: match.start()], low, high)
            end, index = match.end(), index + 1
        found.append(Figure(_kind(match), low, high, _unit(text[end:]), match.group().strip()))
    return found


def _is_range(text: str, match: re.Match[str]) -> bool:
    """ "7-10", "between 7 and 10", "from 7 to 10": not "7 and 10 others" (two figures)."""
    joiner = text[match.end() :].lstrip()[:3].lower()
    before = text[: match.start()].rstrip().lower()
    if joiner.startswith(("-", "–", "—")):
        return True
    return before.endswith("between") if joiner.startswith("and") else before.endswith(("from", "between")) or joiner.startswith("to")


def _scale_of(match: re.Match[str]) -> float:
    if match["scale"]:
        return _SCALE_WORDS[match["scale"].lower()]
    if match["short"]:
        return _SCALE_SHORT[match["short"].lower()]
    return 0.0


def _scale(match: re.Match[str]) -> float:
    return _scale_of(match) or 1.0


def _value(match: re.Match[str]) -> tuple[float, float]:
    """The number as an interval: a scaled number is as exact as its written digits
    ("1.2 million" is 1,150,000 to 1,250,000); digits written out are exact."""
    whole = re.sub(r"[,\s\u00a0\u202f]", "", match["int"])
    decimals = match["dec"] or ""
    value = float(f"{whole}.{decimals}" if decimals else whole)
    scale = _scale_of(match)
    if not scale:
        return value, value
    half = 0.5 * 10 ** -len(decimals) * scale
    return value * scale - half, value * scale + half


def _qualified(before: str, low: float, high: float) -> tuple[float, float]:
    """ "up to 7,000" is 5,250 to 7,000 (a claim of about that many, not of any number
    below), "more than 300" 300 to 375, "about 15,000" 13,500 to 16,500."""
    words = " ".join(before.lower().split()[-3:])
    if words.endswith(_UPPER):
        return low * (1 - BOUND_SPREAD), high
    if words.endswith(_LOWER):
        return low, high * (1 + BOUND_SPREAD)
    if words.endswith(_ABOUT):
        return low * (1 - ABOUT_SPREAD), high * (1 + ABOUT_SPREAD)
    return low, high


def _kind(match: re.Match[str]) -> Kind:
    if match["pct"]:
        return Kind.PERCENT
    if match["cur"]:
        return Kind.MONEY
    whole = match["int"]
    if whole.isdigit() and len(whole) == 4 and whole[:2] in {"19", "20"} and not match["dec"] and not _scale_of(match):
        return Kind.YEAR
    return Kind.PLAIN


def _unit(after: str) -> str:
    """The stem of the word a number counts ("7,000 shells" → ``shell``; "a day": none)."""
    match = _NEXT_WORD.match(after)
    if match is None:
        return ""
    word = match.group(1).lower()
    if word in _SCALE_WORDS or word in STOPWORDS:
        return ""
    return stem(word)
