"""The state of one fast-path scan over a paragraph, and the steps every rule shares:
ending a sentence, and refusing a paragraph the rules are not sure of (see
:mod:`annotations.sentences.fastpath`)."""

from __future__ import annotations

from annotations.sentences.fastpath_tokens import STARTS, abbreviation_table
from annotations.sentences.words import LIST_MARKER, LIST_MARKER_MAX


class Refused(Exception):
    """The paragraph is not one the fast path is sure of."""


class ScanState:
    """Where a scan is: the sentences ended so far, the quote or bracket open, the list numbers seen."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.abbreviations = abbreviation_table()
        self.sentence_start = 0
        self.ends: list[int] = []
        self.open: str | None = None  # the quote or bracket open: '"', '“' or '('
        self.open_at_start = False
        self.list_numbers = 0
        self.skip_until = 0  # the periods of an ellipsis after its first
        self.closed_at = -1  # where the last bracket closed

    def count_list_number(self, number: str) -> None:
        """Two short numbers before periods may be a list to pysbd: refused."""
        if len(number) <= 2 and number.isdigit():
            self.list_numbers += 1
            if self.list_numbers > 1:
                raise Refused

    def list_marker(self, at: int) -> bool:
        """Whether the sentence up to the period at ``at`` is only a list marker ("— 3.",
        "iv."), which the corrections join to the next sentence."""
        return at + 1 - self.sentence_start <= LIST_MARKER_MAX and LIST_MARKER.fullmatch(self.text, self.sentence_start, at + 1) is not None

    def end_at(self, at: int) -> None:
        """A sentence ends with the character at ``at``; the next starts after one space."""
        text = self.text
        if at + 1 < len(text):
            if text[at + 1] != " " or text[at + 2] not in STARTS:
                raise Refused
            if text[at + 2] == "I" and text[at + 3 : at + 4] in (" ", "'", "’"):
                raise Refused
        self.ends.append(at + 1)
        self.sentence_start = at + 2
