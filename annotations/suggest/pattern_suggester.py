"""The pattern suggester: a tag for every sentence one of its patterns matches."""

from __future__ import annotations

from collections.abc import Iterable

from annotations.model import Sentence
from annotations.suggest.model import Suggestion
from annotations.suggest.patterns import PatternSet


class PatternSuggester:
    """Proposes each tag whose patterns match a sentence; the reason names the first
    pattern that matched and the words it matched."""

    name = "patterns"

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns

    def suggest(self, sentences: Iterable[Sentence], muted: frozenset[str] = frozenset()) -> list[Suggestion]:
        """Suggestions for ``sentences``, leaving out patterns named in ``muted``."""
        found: list[Suggestion] = []
        for sentence in sentences:
            text = sentence.text.encode("utf-8", "surrogatepass")  # a file's undecodable bytes are lone surrogates
            for tag, patterns in self.patterns.items():
                hits = [(p.name, words) for p in patterns if p.name not in muted and (words := p.find(text)) is not None]
                if hits:
                    name, words = hits[0]
                    reason = f"{name}: “{words.decode('utf-8', 'replace')}”"
                    certainty = 1 - 0.5 ** len(hits)  # one pattern: 0.5, each agreeing one halves the doubt
                    found.append(Suggestion(sentence.number, tag, reason, tuple(n for n, _ in hits), certainty))
        return found

    def owned_tags(self) -> frozenset[str]:
        """None: the patterns leave every tag open to other suggesters."""
        return frozenset()
