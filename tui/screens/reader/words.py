"""The words of one sentence and a word cursor over them (word mode's state, no widget):
a selection of one or more words, moved and extended a word at a time."""

from __future__ import annotations

import re
from typing import NamedTuple

from annotations.store.spans import Words

_RUN = re.compile(r"\S+")
#: Punctuation left out of a word at its start, and at its end (a figure "300,000" keeps
#: its comma; a closing quote, comma or bracket after it is not part of it).
_LEADING = "\"'“‘«([{"
_TRAILING = "\"'”’»)]},;:!?"


def sentence_words(text: str) -> list[tuple[int, int]]:
    """The words of a sentence's ``text`` as offsets ``(start, end)``: each run of
    non-spaces without the quotes and brackets around it, nor the sentence's final stop
    (an abbreviation's dot inside the sentence, ``approx.``, stays)."""
    words: list[tuple[int, int]] = []
    for match in _RUN.finditer(text):
        start, end = match.span()
        while start < end and text[start] in _LEADING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if start < end:
            words.append((start, end))
    if words:
        start, end = words[-1]
        last = text[start:end]
        if len(last) > 1 and last[-1] in ".…" and last.count(".") <= 1:  # "said." but not "p.m."
            words[-1] = (start, end - 1)
    return words


def is_number(word: str) -> bool:
    """Whether a word is a figure (holds a digit): ``300,000``, ``$1.5bn``, ``3``."""
    return any(character.isdigit() for character in word)


class WordCursor(NamedTuple):
    """Selected words ``first`` to ``last`` (indexes in ``words``) of sentence ``sentence``."""

    sentence: int
    text: str
    words: tuple[tuple[int, int], ...]
    first: int = 0
    last: int = 0

    @classmethod
    def on(cls, sentence: int, text: str) -> WordCursor | None:
        """A cursor on the first word of a sentence (None: it has no words)."""
        words = tuple(sentence_words(text))
        return cls(sentence, text, words) if words else None

    @property
    def selected(self) -> Words:
        """The selected words, as the store names them."""
        return Words(self.sentence, self.words[self.first][0], self.words[self.last][1])

    @property
    def quote(self) -> str:
        """The selected words as written."""
        words = self.selected
        return self.text[words.start : words.end]

    def moved(self, step: int) -> WordCursor:
        """One word on (``step`` 1) or back (-1) from the selection's end or start, alone."""
        index = self.last + 1 if step > 0 else self.first - 1
        index = max(0, min(len(self.words) - 1, index))
        return self._replace(first=index, last=index)

    def extended(self, step: int) -> WordCursor:
        """The selection one word longer to the right (``step`` 1) or to the left (-1)."""
        if step > 0:
            return self._replace(last=min(len(self.words) - 1, self.last + 1))
        return self._replace(first=max(0, self.first - 1))

    def number(self, step: int) -> WordCursor | None:
        """The next (``step`` 1) or previous (-1) figure alone, round the sentence (None: it has none)."""
        count = len(self.words)
        start = self.last if step > 0 else self.first
        for offset in range(1, count + 1):
            index = (start + step * offset) % count
            if is_number(self.text[self.words[index][0] : self.words[index][1]]):
                return self._replace(first=index, last=index)
        return None
