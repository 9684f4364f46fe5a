"""Quotes and brackets on the sentence fast path: where they may open and close, and which
punctuation inside them the rules are sure of (pysbd hides it; see
:mod:`annotations.sentences.fastpath`)."""

from __future__ import annotations

from annotations.sentences.fastpath_state import Refused, ScanState
from annotations.sentences.fastpath_tokens import (
    AFTER_BRACKET,
    AFTER_QUOTE,
    CAPITALISED,
    DIGITS,
    DOTTED,
    DOTTED_CAPITALS,
    DOTTED_TOKEN,
    LETTER_OR_DIGIT,
    LOWER,
    NUMBER,
    ROMAN_NUMERALS,
    UPPER,
    WORD,
    WORD_CHARS,
    token_end,
)
from annotations.sentences.words import SENTENCE_STARTERS


class QuoteRules(ScanState):
    """The scan's rules for quotes, brackets and the punctuation inside them."""

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
                raise Refused
            self.skip_until = at + 3
            return None
        if text[at] == "." and after != " ":
            token_start = text.rfind(" ", 0, at) + 1
            token_start += text[token_start] in '"“('
            if DOTTED_TOKEN.fullmatch(text, token_start, token_end(text, at)):
                return None  # inside "U.S.": its last period decides
            raise Refused
        if after != " ":
            raise Refused
        if text[at] != ".":
            return None  # "?" or "!"
        return self.period_inside(at)

    def period_inside(self, at: int) -> None:
        """A period then a space inside quotes or brackets: the word before it may be
        neither a list letter or number nor "U.S." before a sentence starter."""
        text = self.text
        word = text[text.rfind(" ", 0, at) + 1 : at].lstrip('"“(')
        if DOTTED.fullmatch(word):
            capitalised = CAPITALISED.match(text, at + 2)
            if capitalised is not None and DOTTED_CAPITALS.fullmatch(word):
                follower = text[capitalised.end() : capitalised.end() + 1]
                if capitalised.group().lower() in SENTENCE_STARTERS and not WORD_CHARS.match(follower):
                    raise Refused
            return None
        if NUMBER.fullmatch(word):
            return self.count_list_number(word)
        if not WORD.fullmatch(word) or len(word) == 1:
            raise Refused  # a list letter, or a word of other characters
        return None

    def before_closing_quote(self, at: int) -> None:
        """Punctuation inside quotes is known only right before the closing quote (``"firm."``):
        the quote's follower decides (see :meth:`quote_or_bracket`)."""
        text = self.text
        closing = {'"': '"', "“": "”"}.get(self.open or "")
        if closing is None or text[at + 1 : at + 2] != closing or not LETTER_OR_DIGIT.fullmatch(text[at - 1 : at]):
            raise Refused

    def quote_or_bracket(self, at: int, mark: str) -> None:
        """Quotes and brackets hold words only, open mid-sentence after a space (a quote
        may open a sentence if it closes after a comma: ``"We will," he said.``) and close
        before a space, a comma, a semicolon, a colon or the end."""
        text = self.text
        opening = mark == "(" or mark == "“" or (mark == '"' and self.open is None)
        if opening:
            if self.open is not None:
                raise Refused
            at_start = at == self.sentence_start
            if mark == "(" and at_start:
                raise Refused
            if not (at_start or text[at - 1] == " ") or text[at + 1 : at + 2] in ("", " "):
                raise Refused
            self.open = mark
            self.open_at_start = at_start
            return
        expected = {")": "(", "”": "“", '"': '"'}[mark]
        if self.open != expected:
            raise Refused
        before = text[at - 1]
        allowed_after = AFTER_BRACKET if mark == ")" else AFTER_QUOTE
        if before in " -" or text[at + 1 : at + 2] not in allowed_after:
            raise Refused
        if before in ".?!":
            self.open = None
            return self.after_punctuated_quote(at)
        if self.open_at_start and before != ",":
            raise Refused  # pysbd may end a sentence after a quote that opens one
        if mark == ")":
            word_start = max(text.rfind(" ", 0, at), text.rfind("(", 0, at)) + 1
            inner = text[word_start:at]
            if before in DIGITS or inner in ROMAN_NUMERALS or (len(inner) == 1 and inner in LOWER):
                raise Refused  # pysbd's numbered or lettered list items
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
        if text[at + 1] == " " and following in LOWER:
            return None
        if following not in UPPER:
            raise Refused
        return self.end_at(at)
