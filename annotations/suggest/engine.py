"""Suggestions for an article: every suggester's, less what the analyst already decided."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from annotations.model import Article, Sentence
from annotations.schema import TagSchema
from annotations.suggest.decisions import Decisions
from annotations.suggest.model import Suggestion
from annotations.suggest.patterns import PatternSet, load_patterns
from annotations.suggest.registry import SUGGESTERS

TagsOf = Callable[[int], Iterable[str]]
"""The tags a sentence already has."""


class SuggestionEngine:
    """Every registered suggester over one set of patterns."""

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns
        self.suggesters = [factory(patterns) for factory in SUGGESTERS.values()]

    @classmethod
    def for_schema(cls, schema: TagSchema, pattern_file: Path | None = None) -> SuggestionEngine:
        """The engine for a schema, with the built-in patterns and a user's file over them."""
        return cls(load_patterns(schema, pattern_file))

    def suggest(
        self,
        sentences: Iterable[Sentence],
        *,
        tags_of: TagsOf = lambda n: (),
        decisions: Decisions | None = None,
        only: Iterable[str] | None = None,
    ) -> list[Suggestion]:
        """One suggestion per sentence and tag, in sentence then schema order; a tag the
        sentence has, one rejected on it, one only muted patterns propose, and (with
        ``only``) other tags are left out. A tag a suggester owns (the learned one, past
        its gate) is proposed by that suggester only."""
        decisions = decisions or Decisions()
        muted = decisions.muted()
        wanted = None if only is None else set(only)
        order = {tag: index for index, tag in enumerate(self.patterns)}
        chosen: dict[tuple[int, str], Suggestion] = {}
        sentence_list = list(sentences)
        texts = {s.number: s.text for s in sentence_list}
        owners = {tag: suggester.name for suggester in self.suggesters for tag in suggester.owned_tags()}
        for suggester in self.suggesters:
            for suggestion in suggester.suggest(sentence_list, muted):
                key = (suggestion.sentence, suggestion.tag)
                owned = owners.get(suggestion.tag, suggester.name) == suggester.name
                if owned and key not in chosen and (wanted is None or suggestion.tag in wanted):
                    chosen[key] = suggestion
        result = [
            s for s in chosen.values() if s.tag not in set(tags_of(s.sentence)) and not decisions.is_rejected(texts[s.sentence], s.tag)
        ]
        return sorted(result, key=lambda s: (s.sentence, order.get(s.tag, len(order))))


def suggested_tags(
    schema: TagSchema, pattern_file: Path | None, store_root: Path, articles: Iterable[Article]
) -> dict[str, dict[int, list[str]]]:
    """What the patterns (built-in, and ``pattern_file`` over them) suggest for each
    article, the store's rejections left out, by the article's path, then sentence
    number: the brief's *only suggested* (it leaves out what any annotator gave the
    sentence). Raises :class:`~annotations.errors.NewsmarkError` for a damaged pattern
    or decisions file."""
    from annotations.suggest.decisions import read_decisions

    engine = SuggestionEngine.for_schema(schema, pattern_file)
    decisions = read_decisions(store_root)
    found: dict[str, dict[int, list[str]]] = {}
    for article in articles:
        by_sentence = found.setdefault(article.path, {})
        for suggestion in engine.suggest(article.sentences, decisions=decisions):
            by_sentence.setdefault(suggestion.sentence, []).append(suggestion.tag)
    return found
