"""A fast path for plain paragraphs: sentences found by simple rules where they are sure.

pysbd reads ~0.3 MB/s, but most news paragraphs hold no ambiguous punctuation: every
period ends a sentence or sits where pysbd and newsmark's corrections certainly keep it
inside one ("Dr. Kim", "approx. 300", "Jan. 5", "U.S. officials", "3.5%", "3 p.m.
Eastern", `"firm." It`, "unsure... Others", "(e.g. fuel)"). :func:`fast_split`
recognises such a paragraph conservatively and returns its sentences; it returns
``None`` for anything else (initials, list markers, "?!", four dots, "A.M.", an
abbreviation pysbd may or may not end a sentence with, characters it does not know, …),
which then goes to pysbd as before.

Whenever it accepts a paragraph, its spans are exactly those of the pysbd path with
newsmark's corrections (:func:`annotations.sentences.splitter.split_with_pysbd`): the
rules below mirror what pysbd 0.3.4's English rules and the corrections do to each kind
of period, and ``tests/test_sentence_fastpath.py`` checks the two agree on every
paragraph of the samples and fixtures and on hypothesis-generated paragraphs full of
tricky punctuation (by hand, the same generators: 2,000,000 paragraphs, ~330,000 of
them accepted, no difference).

Measured (benchmarks/bench_sentences.py, a loaded 2-core VM): the fast path takes 100% of
the paragraphs of the analysts' real news sample (17 of 17), of sample_articles/ (39 of
39, written to hold the tricky cases) and of the benchmark's generated articles; of the
tests' Golden Rule and news cases, which are all tricky, 46 of 83. It splits 10-25 MB/s,
50-100x pysbd.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from annotations.sentences.words import (
    LIST_MARKER,
    LIST_MARKER_MAX,
    NUMBER_ABBREVIATIONS,
    SENTENCE_STARTERS,
    TIME_PHRASE,
    TIME_PHRASE_MAX,
    TIME_ZONE_WORDS,
    TITLES,
)

# What may appear at all: ASCII letters and digits, Latin-1 and Latin Extended-A letters,
# single spaces and the punctuation the rules below know. Anything else (tabs, newlines,
# ellipsis characters, brackets, CJK full stops, pysbd's own placeholder symbols, …)
# sends the paragraph to pysbd.
_FOREIGN = re.compile(r"[^A-Za-z0-9 ,;:'’\"“”()%$&/—–.?!\-À-ÖØ-öø-ſ]|  |--|Co\. KG")
# pysbd splits around a bracket between two quotes (``"a" (b) "c"``).
_PARENS_BETWEEN_QUOTES = re.compile(r'["”]\s\(')
# The characters each rule looks at.
_SPECIAL = re.compile(r"[.?!\"“”()'’]")
# A token of dotted letters ("U.S.", "a.m."), and the word before its last period.
_DOTTED_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ſ]")
_LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ſ]")
# A word before sentence-ending punctuation: letters and digits, with apostrophes, hyphens
# and dashes inside ("Korea’s", "long-term", "13th", "talks—and").
_WORD = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ſ]+(?:['’\-—–][A-Za-z0-9À-ÖØ-öø-ſ]+)*")
_NUMBER = re.compile(r"\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\$?\d+(?:\.\d+)?%?")
_DOTTED_CAPITALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_FOLLOWER = re.compile(r"[A-Za-z]+")
_WORD_CHARS = re.compile(r"\w+")
# Runs after which pysbd puts a period back before its sentence starters.
_PYSBD_RESTORED_RUNS = ("U.S", "U.K", "E.U", "U.S.A", "I", "I.V")
_CAPITALISED = re.compile(r"[A-Z][a-z]*")
# pysbd's list-item rules read "(x)" and "x)" as list letters when x is one of these.
_ROMAN_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
_EXCLAMATION_WORDS = frozenset({"Yahoo", "Yum"})
# What may follow a closing quote, and a closing bracket (which may end a sentence: "(NYT).").
_AFTER_QUOTE = frozenset({"", " ", ",", ";", ":"})
_AFTER_BRACKET = _AFTER_QUOTE | {".", "?", "!"}
# Where a sentence may start after one ends.
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")
_STARTS = _UPPER | _DIGITS | {'"', "“"}


class _Abbreviations(NamedTuple):
    """pysbd's abbreviations and newsmark's, by how each treats the period after them."""

    kinds: dict[str, str]  # "prepositive" (never ends a sentence: pysbd's prepositive, our
    # titles), "number" (pysbd's number abbreviations and ours), "other" (pysbd's others)
    ours_before_lowercase: frozenset[str]  # our number abbreviations: merged before a digit or lowercase
    wildcards: re.Pattern[str]  # pysbd's dotted abbreviations, whose "." matches any character
    wildcard_lengths: frozenset[int]  # the lengths of the words those match
    pysbd_starters: frozenset[str]  # words after "U.S." that make pysbd end a sentence


@lru_cache(maxsize=1)
def _abbreviations() -> _Abbreviations:
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
    return _Abbreviations(
        kinds=kinds,
        ours_before_lowercase=frozenset(NUMBER_ABBREVIATIONS),
        wildcards=wildcards,
        wildcard_lengths=frozenset(len(word) for word in dotted),
        pysbd_starters=frozenset(English.AbbreviationReplacer.SENTENCE_STARTERS),
    )


class _Refused(Exception):
    """The paragraph is not one the fast path is sure of."""


def fast_split(paragraph: str) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` spans of the sentences of ``paragraph``, or ``None`` unless
    the fast path is sure they are the ones the pysbd path gives."""
    if not paragraph or paragraph[0] == " " or paragraph[-1] == " " or _FOREIGN.search(paragraph):
        return None
    if "(" in paragraph and _PARENS_BETWEEN_QUOTES.search(paragraph):
        return None
    try:
        return _Scan(paragraph).run()
    except _Refused:
        return None


class _Scan:
    """One pass over a paragraph's special characters, keeping quotes and brackets open."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.abbreviations = _abbreviations()
        self.sentence_start = 0
        self.ends: list[int] = []
        self.open: str | None = None  # the quote or bracket open: '"', '“' or '('
        self.open_at_start = False
        self.list_numbers = 0
        self.skip_until = 0  # the periods of an ellipsis after its first
        self.closed_at = -1  # where the last bracket closed

    def run(self) -> list[tuple[int, int]]:
        """Every sentence's span; raises :class:`_Refused` where unsure."""
        text = self.text
        for match in _SPECIAL.finditer(text):
            at = match.start()
            mark = text[at]
            if at < self.skip_until:
                continue
            if mark == ".":
                self.period(at)
            elif mark in "?!":
                self.question_or_exclamation(at)
            elif mark in "'’":
                if at == 0 or not _LETTER.match(text, at - 1):
                    raise _Refused  # a quote, not an apostrophe
            else:
                self.quote_or_bracket(at, mark)
        if self.open is not None:
            raise _Refused
        spans: list[tuple[int, int]] = []
        start = 0
        for end in self.ends:
            spans.append((start, end))
            start = end + 1
        if start < len(text):
            spans.append((start, len(text)))
        return spans

    # -- periods ---------------------------------------------------------------------

    def period(self, at: int) -> None:
        """A period: a decimal point, inside or after a run of dotted letters, or after a word or a number."""
        text = self.text
        after = text[at + 1 : at + 2]
        if after in _DIGITS and text[at - 1 : at] in _DIGITS:
            return  # a decimal point
        if self.open is not None:
            self.inside(at)
            return
        if after == ".":
            self.ellipsis(at)
            return
        if after and after != " ":
            if _DOTTED_TOKEN.fullmatch(text, text.rfind(" ", 0, at) + 1, _token_end(text, at)):
                return  # inside "U.S.": its last period decides
            raise _Refused  # inside any other token ("Sam.Lee", "5.Next", "it.'")
        if self.closed_at == at - 1:
            return self.end_at(at)  # "(NYT)." ends a sentence
        word = text[text.rfind(" ", 0, at) + 1 : at]
        if word.isalpha():
            self.word(word, at)
        elif _DOTTED.fullmatch(word):
            self.dotted_run(word, at)
        elif _NUMBER.fullmatch(word):
            self.number(word, at)
        elif _WORD.fullmatch(word):
            self.word(word, at)
        else:
            raise _Refused

    def dotted_run(self, run: str, at: int) -> None:
        """ "U.S.", "a.m." and the like: no sentence end before a lowercase word or a digit,
        nor between capitals and a capitalised word that starts no sentence ("U.S. Army");
        at the end, the end."""
        text = self.text
        if at + 1 == len(text):
            return self.end_at(at)
        following = text[at + 2 : at + 3]
        if run.endswith(("A.M", "P.M")):
            raise _Refused
        if following in _LOWER or following in _DIGITS:
            return None
        if following not in _UPPER:
            raise _Refused
        if run in ("a.m", "p.m"):
            return self.time_then_capital(at)
        if not _DOTTED_CAPITALS.fullmatch(run):
            raise _Refused
        if self.starts_sentence_after_capitals(run, at):
            return self.end_at(at)
        return None

    def ellipsis(self, at: int) -> None:
        """ "word... Next" ends a sentence, "word... next" goes on (pysbd's ellipsis rules);
        anything else with two periods in a row is refused."""
        text = self.text
        if text[at : at + 3] != "..." or text[at + 3 : at + 4] not in ("", " "):
            raise _Refused
        word = text[text.rfind(" ", 0, at) + 1 : at]
        if not word.isalpha() or len(word) == 1 or self._abbreviation_kind(word) is not None:
            raise _Refused  # pysbd reads an abbreviation's period before "..." on its own
        self.skip_until = at + 3
        if at + 3 == len(text):
            return self.end_at(at + 2)
        following = text[at + 4 : at + 5]
        if following in _LOWER:
            return None
        if following not in _UPPER:
            raise _Refused
        return self.end_at(at + 2)

    def _abbreviation_kind(self, word: str) -> str | None:
        """How pysbd and the corrections treat a period after ``word``: "prepositive",
        "number", "other" or "wildcard" (a word pysbd's dotted abbreviations match), or
        None for no abbreviation."""
        abbreviations = self.abbreviations
        kind = abbreviations.kinds.get(word.lower())
        if kind is None and len(word) in abbreviations.wildcard_lengths and abbreviations.wildcards.fullmatch(word):
            return "wildcard"
        return kind

    def time_then_capital(self, at: int) -> None:
        """After "a.m."/"p.m." a capital starts a sentence (pysbd), unless a time zone
        follows ("3 p.m. Eastern") or the sentence is only a time ("At 5 a.m. Mr. Lee")."""
        text = self.text
        following = _WORD_CHARS.match(text, at + 2)
        if following is not None and following.group().lower() in TIME_ZONE_WORDS:
            return None
        if at + 1 - self.sentence_start <= TIME_PHRASE_MAX and TIME_PHRASE.fullmatch(text, self.sentence_start, at + 1):
            return None
        return self.end_at(at)

    def starts_sentence_after_capitals(self, run: str, at: int) -> bool:
        """Whether a sentence starts after "U.S." and the like: when a closed-class word
        follows (the corrections: "… D.C. He …"), or when pysbd restores the period (one
        of its sentence starters after "U.S.", "U.K.", "E.U.", "U.S.A." or a run ending in
        "I" or "I?V")."""
        text = self.text
        capitalised = _CAPITALISED.match(text, at + 2)
        assert capitalised is not None  # a capital follows
        after = text[capitalised.end() : capitalised.end() + 1]
        if capitalised.group().lower() in SENTENCE_STARTERS and not _WORD_CHARS.match(after):
            return True
        if not run.endswith(_PYSBD_RESTORED_RUNS):
            return False
        word = _FOLLOWER.match(text, at + 2)
        assert word is not None
        return word.group() in self.abbreviations.pysbd_starters and text[word.end() : word.end() + 1] == " "

    def number(self, number: str, at: int) -> None:
        """A number ends its sentence unless it may be a list item's ("3." alone, or two
        short numbers before periods that pysbd may read as a list)."""
        if self.list_marker(at):
            raise _Refused
        self.count_list_number(number)
        self.end_at(at)

    def word(self, word: str, at: int) -> None:
        """A word then a period: an abbreviation keeps its sentence going where pysbd and
        the corrections are sure to; any other word ends it."""
        if len(word) == 1 or self.list_marker(at):
            raise _Refused  # an initial, or a list letter
        kind = self._abbreviation_kind(word)
        if kind is None:
            return self.end_at(at)  # no abbreviation: the plain case
        lower = word.lower()
        abbreviations = self.abbreviations
        following = self.text[at + 2 : at + 3]
        at_end = at + 1 == len(self.text)
        if kind == "prepositive":
            if at_end:
                return self.end_at(at)
            if following not in _UPPER and following not in _LOWER and following not in _DIGITS:
                raise _Refused
            return None
        if kind == "number":
            if at_end:
                return self.end_at(at)
            if following in _DIGITS or (following in _LOWER and lower in abbreviations.ours_before_lowercase):
                return None
            raise _Refused
        # pysbd's other abbreviations, or a word its dotted ones match by accident.
        if at_end:
            return self.end_at(at)
        if kind == "other" and (following in _DIGITS or following in _LOWER):
            return None
        if following not in _UPPER or self.text.startswith(("I ", "I'"), at + 2):
            raise _Refused
        return self.end_at(at)

    def question_or_exclamation(self, at: int) -> None:
        """ "?" and "!" end a sentence after a word, before a capital or the end."""
        if self.open is not None:
            self.inside(at)
            return
        text = self.text
        word = text[text.rfind(" ", 0, at) + 1 : at]
        closed = self.closed_at == at - 1
        if not (closed or _WORD.fullmatch(word) or _NUMBER.fullmatch(word)) or word in _EXCLAMATION_WORDS:
            raise _Refused
        self.end_at(at)

    def inside(self, at: int) -> None:
        """Punctuation inside quotes or brackets ends no sentence (pysbd hides it), unless
        right before a closing quote (``"firm." It``: see :meth:`before_closing_quote`).
        What pysbd reads before hiding it must not matter: no list letters or numbers, no
        "U.S." before a sentence starter (the corrections would split there)."""
        text = self.text
        after = text[at + 1 : at + 2]
        if after in ('"', "”"):
            return self.before_closing_quote(at)
        if after == ".":
            if text[at : at + 3] != "..." or text[at + 3 : at + 4] != " ":
                raise _Refused
            self.skip_until = at + 3
            return None
        if text[at] == "." and after != " ":
            token_start = text.rfind(" ", 0, at) + 1
            token_start += text[token_start] in '"“('
            if _DOTTED_TOKEN.fullmatch(text, token_start, _token_end(text, at)):
                return None  # inside "U.S.": its last period decides
            raise _Refused
        if after != " ":
            raise _Refused
        if text[at] != ".":
            return None  # "?" or "!"
        word = text[text.rfind(" ", 0, at) + 1 : at].lstrip('"“(')
        if _DOTTED.fullmatch(word):
            capitalised = _CAPITALISED.match(text, at + 2)
            if capitalised is not None and _DOTTED_CAPITALS.fullmatch(word):
                follower = text[capitalised.end() : capitalised.end() + 1]
                if capitalised.group().lower() in SENTENCE_STARTERS and not _WORD_CHARS.match(follower):
                    raise _Refused
            return None
        if _NUMBER.fullmatch(word):
            return self.count_list_number(word)
        if not _WORD.fullmatch(word) or len(word) == 1:
            raise _Refused  # a list letter, or a word of other characters
        return None

    def count_list_number(self, number: str) -> None:
        """Two short numbers before periods may be a list to pysbd: refused."""
        if len(number) <= 2 and number.isdigit():
            self.list_numbers += 1
            if self.list_numbers > 1:
                raise _Refused

    def before_closing_quote(self, at: int) -> None:
        """Punctuation inside quotes is known only right before the closing quote (``"firm."``):
        the quote's follower decides (see :meth:`quote_or_bracket`)."""
        text = self.text
        closing = {'"': '"', "“": "”"}.get(self.open or "")
        if closing is None or text[at + 1 : at + 2] != closing or not _LETTER_OR_DIGIT.fullmatch(text[at - 1 : at]):
            raise _Refused

    def list_marker(self, at: int) -> bool:
        """Whether the sentence up to the period at ``at`` is only a list marker ("— 3.",
        "iv."), which the corrections join to the next sentence."""
        return at + 1 - self.sentence_start <= LIST_MARKER_MAX and LIST_MARKER.fullmatch(self.text, self.sentence_start, at + 1) is not None

    def end_at(self, at: int) -> None:
        """A sentence ends with the character at ``at``; the next starts after one space."""
        text = self.text
        if at + 1 < len(text):
            if text[at + 1] != " " or text[at + 2] not in _STARTS:
                raise _Refused
            if text[at + 2] == "I" and text[at + 3 : at + 4] in (" ", "'", "’"):
                raise _Refused
        self.ends.append(at + 1)
        self.sentence_start = at + 2

    # -- quotes and brackets ---------------------------------------------------------------

    def quote_or_bracket(self, at: int, mark: str) -> None:
        """Quotes and brackets hold words only, open mid-sentence after a space (a quote
        may open a sentence if it closes after a comma: ``"We will," he said.``) and close
        before a space, a comma, a semicolon, a colon or the end."""
        text = self.text
        opening = mark == "(" or mark == "“" or (mark == '"' and self.open is None)
        if opening:
            if self.open is not None:
                raise _Refused
            at_start = at == self.sentence_start
            if mark == "(" and at_start:
                raise _Refused
            if not (at_start or text[at - 1] == " ") or text[at + 1 : at + 2] in ("", " "):
                raise _Refused
            self.open = mark
            self.open_at_start = at_start
            return
        expected = {")": "(", "”": "“", '"': '"'}[mark]
        if self.open != expected:
            raise _Refused
        before = text[at - 1]
        allowed_after = _AFTER_BRACKET if mark == ")" else _AFTER_QUOTE
        if before in " -" or text[at + 1 : at + 2] not in allowed_after:
            raise _Refused
        if before in ".?!":
            self.open = None
            return self.after_punctuated_quote(at)
        if self.open_at_start and before != ",":
            raise _Refused  # pysbd may end a sentence after a quote that opens one
        if mark == ")":
            word_start = max(text.rfind(" ", 0, at), text.rfind("(", 0, at)) + 1
            inner = text[word_start:at]
            if before in _DIGITS or inner in _ROMAN_NUMERALS or (len(inner) == 1 and inner in _LOWER):
                raise _Refused  # pysbd's numbered or lettered list items
            self.closed_at = at
        self.open = None
        return None

    def after_punctuated_quote(self, at: int) -> None:
        """After ``."`` a capital starts a sentence and a lowercase word goes on (pysbd
        keeps the period inside the quotes and splits after them before a capital)."""
        text = self.text
        if at + 1 == len(text):
            return self.end_at(at)
        following = text[at + 2 : at + 3]
        if text[at + 1] == " " and following in _LOWER:
            return None
        if following not in _UPPER:
            raise _Refused
        return self.end_at(at)


def _token_end(text: str, at: int) -> int:
    """Where the token holding ``text[at]`` ends (at the next space, or the text's end)."""
    end = text.find(" ", at)
    return len(text) if end < 0 else end
