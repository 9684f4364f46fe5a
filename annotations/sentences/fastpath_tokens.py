"""What the sentence fast path recognises: the characters it knows, the tokens its rules
read (words, numbers, dotted letters) and pysbd's abbreviations by how each treats the
period after it (see :mod:`annotations.sentences.fastpath`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from annotations.sentences.words import NUMBER_ABBREVIATIONS, TITLES

# What may appear at all: ASCII letters and digits, Latin-1 and Latin Extended-A letters,
# single spaces and the punctuation the rules below know. Anything else (tabs, newlines,
# ellipsis characters, brackets, CJK full stops, pysbd's own placeholder symbols, …)
# sends the paragraph to pysbd.
FOREIGN = re.compile(r"[^A-Za-z0-9 ,;:'’\"“”()%$&/—–.?!\-À-ÖØ-öø-ſ]|  |--|Co\. KG")
# pysbd splits around a bracket between two quotes (``"a" (b) "c"``).
PARENS_BETWEEN_QUOTES = re.compile(r'["”]\s\(')
# The characters each rule looks at.
SPECIAL = re.compile(r"[.?!\"“”()'’]")
# A token of dotted letters ("U.S.", "a.m."), and the word before its last period.
DOTTED_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}")
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ſ]")
LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ſ]")
# A word before sentence-ending punctuation: letters and digits, with apostrophes, hyphens
# and dashes inside ("Korea’s", "long-term", "13th", "talks—and").
WORD = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ſ]+(?:['’\-—–][A-Za-z0-9À-ÖØ-öø-ſ]+)*")
NUMBER = re.compile(r"\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\$?\d+(?:\.\d+)?%?")
DOTTED_CAPITALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
FOLLOWER = re.compile(r"[A-Za-z]+")
WORD_CHARS = re.compile(r"\w+")
# Runs after which pysbd puts a period back before its sentence starters.
PYSBD_RESTORED_RUNS = ("U.S", "U.K", "E.U", "U.S.A", "I", "I.V")
CAPITALISED = re.compile(r"[A-Z][a-z]*")
# pysbd's list-item rules read "(x)" and "x)" as list letters when x is one of these.
ROMAN_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
EXCLAMATION_WORDS = frozenset({"Yahoo", "Yum"})
# What may follow a closing quote, and a closing bracket (which may end a sentence: "(NYT).").
AFTER_QUOTE = frozenset({"", " ", ",", ";", ":"})
AFTER_BRACKET = AFTER_QUOTE | {".", "?", "!"}
# Where a sentence may start after one ends.
UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
DIGITS = frozenset("0123456789")
STARTS = UPPER | DIGITS | {'"', "“"}


class Abbreviations(NamedTuple):
    """pysbd's abbreviations and newsmark's, by how each treats the period after them."""

    kinds: dict[str, str]  # "prepositive" (never ends a sentence: pysbd's prepositive, our
    # titles), "number" (pysbd's number abbreviations and ours), "other" (pysbd's others)
    ours_before_lowercase: frozenset[str]  # our number abbreviations: merged before a digit or lowercase
    wildcards: re.Pattern[str]  # pysbd's dotted abbreviations, whose "." matches any character
    wildcard_lengths: frozenset[int]  # the lengths of the words those match
    pysbd_starters: frozenset[str]  # words after "U.S." that make pysbd end a sentence

    def kind_of(self, word: str) -> str | None:
        """How pysbd and the corrections treat a period after ``word``: "prepositive",
        "number", "other" or "wildcard" (a word pysbd's dotted abbreviations match), or
        None for no abbreviation."""
        kind = self.kinds.get(word.lower())
        if kind is None and len(word) in self.wildcard_lengths and self.wildcards.fullmatch(word):
            return "wildcard"
        return kind


@lru_cache(maxsize=1)
def abbreviation_table() -> Abbreviations:
    """pysbd's English abbreviations and newsmark's, by kind (built once, on first need)."""
    from pysbd.lang.english import English  # type: ignore[import-untyped]

    known = English.Abbreviation
    every = frozenset(known.ABBREVIATIONS)
    prepositive = frozenset(known.PREPOSITIVE_ABBREVIATIONS) | TITLES
    numbers = frozenset(known.NUMBER_ABBREVIATIONS) | NUMBER_ABBREVIATIONS
    dotted = sorted(word for word in every if not word.isalpha())
    wildcards = re.compile("|".join(dotted), re.IGNORECASE)
    kinds = (
        dict.fromkeys(every - prepositive - numbers, "other") | dict.fromkeys(numbers, "number") | dict.fromkeys(prepositive, "prepositive")
    )
    return Abbreviations(
        kinds=kinds,
        ours_before_lowercase=frozenset(NUMBER_ABBREVIATIONS),
        wildcards=wildcards,
        wildcard_lengths=frozenset(len(word) for word in dotted),
        pysbd_starters=frozenset(English.AbbreviationReplacer.SENTENCE_STARTERS),
    )


def token_end(text: str, at: int) -> int:
    """Where the token holding ``text[at]`` ends (at the next space, or the text's end)."""
    end = text.find(" ", at)
    return len(text) if end < 0 else end
