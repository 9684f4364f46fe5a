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

The periods' rules are here; quotes and brackets in
:mod:`annotations.sentences.fastpath_quotes`, the scan's state in
:mod:`annotations.sentences.fastpath_state`, the tokens and abbreviations the rules
read in :mod:`annotations.sentences.fastpath_tokens`.
"""

from __future__ import annotations

from annotations.sentences.fastpath_quotes import QuoteRules
from annotations.sentences.fastpath_state import Refused
from annotations.sentences.fastpath_tokens import (
    CAPITALISED,
    DIGITS,
    DOTTED,
    DOTTED_CAPITALS,
    DOTTED_TOKEN,
    EXCLAMATION_WORDS,
    FOLLOWER,
    FOREIGN,
    LETTER,
    LOWER,
    NUMBER,
    PARENS_BETWEEN_QUOTES,
    PYSBD_RESTORED_RUNS,
    SPECIAL,
    UPPER,
    WORD,
    WORD_CHARS,
    token_end,
)
from annotations.sentences.words import SENTENCE_STARTERS, TIME_PHRASE, TIME_PHRASE_MAX, TIME_ZONE_WORDS


def fast_split(paragraph: str) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` spans of the sentences of ``paragraph``, or ``None`` unless
    the fast path is sure they are the ones the pysbd path gives."""
    if not paragraph or paragraph[0] == " " or paragraph[-1] == " " or FOREIGN.search(paragraph):
        return None
    if "(" in paragraph and PARENS_BETWEEN_QUOTES.search(paragraph):
        return None
    try:
        return _Scan(paragraph).run()
    except Refused:
        return None


class _Scan(QuoteRules):
    """One pass over a paragraph's special characters: the periods, question and exclamation
    marks here, the quotes and brackets by :class:`~annotations.sentences.fastpath_quotes.QuoteRules`."""

    def run(self) -> list[tuple[int, int]]:
        """Every sentence's span; raises :class:`Refused` where unsure."""
        text = self.text
        for match in SPECIAL.finditer(text):
            at = match.start()
            mark = text[at]
            if at < self.skip_until:
                continue
            if mark == ".":
                self.period(at)
            elif mark in "?!":
                self.question_or_exclamation(at)
            elif mark in "'’":
                if at == 0 or not LETTER.match(text, at - 1):
                    raise Refused  # a quote, not an apostrophe
            else:
                self.quote_or_bracket(at, mark)
        if self.open is not None:
            raise Refused
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
        if after in DIGITS and text[at - 1 : at] in DIGITS:
            return  # a decimal point
        if self.open is not None:
            self.inside(at)
            return
        if after == ".":
            self.ellipsis(at)
            return
        if after and after != " ":
            if DOTTED_TOKEN.fullmatch(text, text.rfind(" ", 0, at) + 1, token_end(text, at)):
                return  # inside "U.S.": its last period decides
            raise Refused  # inside any other token ("Sam.Lee", "5.Next", "it.'")
        if self.closed_at == at - 1:
            return self.end_at(at)  # "(NYT)." ends a sentence
        word = text[text.rfind(" ", 0, at) + 1 : at]
        if word.isalpha():
            self.word(word, at)
        elif DOTTED.fullmatch(word):
            self.dotted_run(word, at)
        elif NUMBER.fullmatch(word):
            self.number(word, at)
        elif WORD.fullmatch(word):
            self.word(word, at)
        else:
            raise Refused

    def dotted_run(self, run: str, at: int) -> None:
        """ "U.S.", "a.m." and the like: no sentence end before a lowercase word or a digit,
        nor between capitals and a capitalised word that starts no sentence ("U.S. Army");
        at the end, the end."""
        text = self.text
        if at + 1 == len(text):
            return self.end_at(at)
        following = text[at + 2 : at + 3]
        if run.endswith(("A.M", "P.M")):
            raise Refused
        if following in LOWER or following in DIGITS:
            return None
        if following not in UPPER:
            raise Refused
        if run in ("a.m", "p.m"):
            return self.time_then_capital(at)
        if not DOTTED_CAPITALS.fullmatch(run):
            raise Refused
        if self.starts_sentence_after_capitals(run, at):
            return self.end_at(at)
        return None

    def ellipsis(self, at: int) -> None:
        """ "word... Next" ends a sentence, "word... next" goes on (pysbd's ellipsis rules);
        anything else with two periods in a row is refused."""
        text = self.text
        if text[at : at + 3] != "..." or text[at + 3 : at + 4] not in ("", " "):
            raise Refused
        word = text[text.rfind(" ", 0, at) + 1 : at]
        if not word.isalpha() or len(word) == 1 or self.abbreviations.kind_of(word) is not None:
            raise Refused  # pysbd reads an abbreviation's period before "..." on its own
        self.skip_until = at + 3
        if at + 3 == len(text):
            return self.end_at(at + 2)
        following = text[at + 4 : at + 5]
        if following in LOWER:
            return None
        if following not in UPPER:
            raise Refused
        return self.end_at(at + 2)

    def time_then_capital(self, at: int) -> None:
        """After "a.m."/"p.m." a capital starts a sentence (pysbd), unless a time zone
        follows ("3 p.m. Eastern") or the sentence is only a time ("At 5 a.m. Mr. Lee")."""
        text = self.text
        following = WORD_CHARS.match(text, at + 2)
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
        capitalised = CAPITALISED.match(text, at + 2)
        assert capitalised is not None  # a capital follows
        after = text[capitalised.end() : capitalised.end() + 1]
        if capitalised.group().lower() in SENTENCE_STARTERS and not WORD_CHARS.match(after):
            return True
        if not run.endswith(PYSBD_RESTORED_RUNS):
            return False
        word = FOLLOWER.match(text, at + 2)
        assert word is not None
        return word.group() in self.abbreviations.pysbd_starters and text[word.end() : word.end() + 1] == " "

    def number(self, number: str, at: int) -> None:
        """A number ends its sentence unless it may be a list item's ("3." alone, or two
        short numbers before periods that pysbd may read as a list)."""
        if self.list_marker(at):
            raise Refused
        self.count_list_number(number)
        self.end_at(at)

    def word(self, word: str, at: int) -> None:
        """A word then a period: an abbreviation keeps its sentence going where pysbd and
        the corrections are sure to; any other word ends it."""
        if len(word) == 1 or self.list_marker(at):
            raise Refused  # an initial, or a list letter
        kind = self.abbreviations.kind_of(word)
        if kind is None:
            return self.end_at(at)  # no abbreviation: the plain case
        lower = word.lower()
        abbreviations = self.abbreviations
        following = self.text[at + 2 : at + 3]
        at_end = at + 1 == len(self.text)
        if kind == "prepositive":
            if at_end:
                return self.end_at(at)
            if following not in UPPER and following not in LOWER and following not in DIGITS:
                raise Refused
            return None
        if kind == "number":
            if at_end:
                return self.end_at(at)
            if following in DIGITS or (following in LOWER and lower in abbreviations.ours_before_lowercase):
                return None
            raise Refused
        # pysbd's other abbreviations, or a word its dotted ones match by accident.
        if at_end:
            return self.end_at(at)
        if kind == "other" and (following in DIGITS or following in LOWER):
            return None
        if following not in UPPER or self.text.startswith(("I ", "I'"), at + 2):
            raise Refused
        return self.end_at(at)

    def question_or_exclamation(self, at: int) -> None:
        """ "?" and "!" end a sentence after a word, before a capital or the end."""
        if self.open is not None:
            self.inside(at)
            return
        text = self.text
        word = text[text.rfind(" ", 0, at) + 1 : at]
        closed = self.closed_at == at - 1
        if not (closed or WORD.fullmatch(word) or NUMBER.fullmatch(word)) or word in EXCLAMATION_WORDS:
            raise Refused
        self.end_at(at)
