"""The suggesters newsmark knows: one module and one entry here per suggester."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from annotations.model import Sentence
from annotations.suggest.learned import LearnedSuggester
from annotations.suggest.model import Suggestion
from annotations.suggest.pattern_suggester import PatternSuggester
from annotations.suggest.patterns import PatternSet


class Suggester(Protocol):
    """Something that proposes tags for sentences."""

    name: str

    def suggest(self, sentences: Iterable[Sentence], muted: frozenset[str] = frozenset()) -> list[Suggestion]:
        """Suggestions for ``sentences``; patterns named in ``muted`` propose nothing."""
        ...

    def owned_tags(self) -> frozenset[str]:
        """Tags only this suggester decides (other suggesters' suggestions for them are left out)."""
        ...


SuggesterFactory = Callable[[PatternSet], Suggester]
"""Builds a suggester from the patterns in force (a suggester may ignore them)."""

#: Every suggester, by name, in the order their suggestions are listed.
SUGGESTERS: dict[str, SuggesterFactory] = {
    "patterns": PatternSuggester,
    "learned": LearnedSuggester,
}
