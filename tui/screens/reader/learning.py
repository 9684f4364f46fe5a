"""The reader's learning: the learned suggester trained in the background as the analyst
tags, and the key that goes to the least certain suggestion.

A timer looks every :data:`LEARN_EVERY` seconds at whether the article's store file
changed (a stat, on the UI thread); the first time, and whenever it did, a thread worker
trains the model on what it has not seen: the whole store first, then this article's
records (copied for it). It never touches the screen's state: it posts
:class:`ModelTrained`. The model is a cache: the store is
only read, nothing is written until the analyst accepts a suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.widget import Widget

from annotations.errors import NewsmarkError

if TYPE_CHECKING:
    from annotations.model import Sentence
    from annotations.store.records import Record
    from annotations.suggest.model import Suggestion

    from .host import ReaderHost
    from .suggestion_keys import SuggestionKeys
    from .suggestions import SuggestionController

#: Seconds between looks at whether the analyst's tags changed since the model learned.
LEARN_EVERY = 3.0


class ModelTrained(Message):
    """The learning worker has trained the learned suggester on the store's new tags."""

    def __init__(self, used: frozenset[str], examples: int) -> None:
        self.used = used
        """The tags the learned suggester now decides."""
        self.examples = examples
        super().__init__()


class LearningController:
    """Starts the learning worker when the analyst's tags changed (one training at a
    time), and finds the least certain suggestion for the key."""

    def __init__(self, owner: Widget, host: ReaderHost, suggested: SuggestionController, keys: SuggestionKeys) -> None:
        self._owner = owner
        self._host = host
        self._suggested = suggested
        self._keys = keys
        self._learned: tuple[int, int] | None = None
        """The article's tagged count and store file stamp when the worker last started (None: never)."""
        self.used: frozenset[str] = frozenset()
        """The tags the learned suggester decides (as the last training found)."""

    def start(self) -> None:
        """Look for new tags to learn from now and then (the first look once the screen is up)."""
        self._owner.set_timer(0.5, self.look)
        self._owner.set_interval(LEARN_EVERY, self.look)

    def look(self) -> None:
        """Train on the store the first time, then on this article whenever its store
        file changed (a stat, and a count: nothing on the UI thread grows with the article
        until something changed; then its records are copied for the worker)."""
        options, annotations = self._host.options, self._host.annotations
        if not options.suggestions:
            return
        try:
            stamp = annotations.file.path.stat().st_mtime_ns
        except OSError:
            stamp = 0  # not saved yet: nothing of this article to learn from
        now = (annotations.tagged_count, stamp)
        if now == self._learned:
            return
        records = None if self._learned is None else annotations.records()  # None: the whole store
        self._learned = now
        annotators = (annotations.annotator, options.final_annotator)
        work = partial(self._train, annotations.article.sentences, records, options.suggest_patterns, annotators)
        self._owner.run_worker(work, thread=True, exclusive=True, group="learn")

    def _train(
        self, sentences: Sequence[Sentence], records: list[Record] | None, pattern_file: Path | None, annotators: tuple[str, str]
    ) -> None:
        """Update the model off the UI thread, on the whole store or on this article's
        ``records``; the result comes back as a message (a damaged pattern file or store
        is the suggestion worker's and the reader's to report)."""
        from annotations.suggest.patterns import load_patterns
        from annotations.suggest.training import article_examples, store_examples, update_models

        root, schema = self._host.annotations.store.root, self._host.schema
        try:
            patterns = load_patterns(schema, pattern_file)
            examples = (
                store_examples(root, schema, annotators) if records is None else article_examples(sentences, records, schema, annotators)
            )
            models = update_models(root, schema, patterns, examples)
        except NewsmarkError:
            return
        self._owner.post_message(ModelTrained(models.used_tags(), len(models.seen)))

    def trained(self, message: ModelTrained) -> None:
        """Suggest again with the new model when it decides a tag (or stopped deciding one)."""
        if message.used or self.used:
            self._suggested.restart()
        self.used = message.used

    def go_to_least_certain(self) -> None:
        """Put the cursor on the sentence whose suggestion is least certain, or say why none."""
        host = self._host
        found = {
            number: [s for s in suggestions if s.tag not in host.annotations.tags(number)]
            for number, suggestions in self._suggested.found.items()
        }
        chosen = least_certain({n: s for n, s in found.items() if s}, host.view.cursor, len(host.article.sentences))
        if chosen is None or not self._keys.on:
            host.notify(self._suggested.why_none(shown=self._keys.on, section=host.view.section.number), timeout=4)
            return
        host.go_to_sentence(chosen.sentence)
        host.notify(f"Least certain: {chosen.tag} ({chosen.certainty:.2f} sure) · {chosen.reason}", timeout=4)


def least_certain(found: dict[int, list[Suggestion]], cursor: int, total: int) -> Suggestion | None:
    """The least certain suggestion on another sentence than the cursor's (the nearest
    after the cursor, going round, among equally certain ones); the cursor's own if it
    is the only one."""
    ranked = [
        (round(suggestion.certainty, 3), (number - cursor - 1) % max(total, 1), suggestion)
        for number, suggestions in found.items()
        for suggestion in suggestions
    ]
    others = [item for item in ranked if item[2].sentence != cursor] or ranked
    if not others:
        return None
    return min(others, key=lambda item: item[:2])[2]


class LearningActions:
    """The least-certain key and the learning worker's messages, mixed into the reader screen."""

    suggested: SuggestionController
    suggestion_keys: SuggestionKeys
    learning: LearningController

    def on_mount(self) -> None:
        """Start the learning (the screen's own ``on_mount`` runs too: Textual calls each class's)."""
        assert isinstance(self, Widget)
        self.learning = LearningController(self, cast("ReaderHost", self), self.suggested, self.suggestion_keys)
        self.learning.start()

    def on_model_trained(self, message: ModelTrained) -> None:
        self.learning.trained(message)

    def action_least_certain(self) -> None:
        """Go to the sentence whose suggestion is least certain (your decision there teaches most)."""
        self.learning.go_to_least_certain()
