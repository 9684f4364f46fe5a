"""The reader's learning: the learned suggester trained in the background as the analyst
tags, and the key that goes to the least certain suggestion.

A timer looks every :data:`LEARN_EVERY` seconds at whether the article's store file
changed (a stat, on the UI thread); the first time, and whenever it did, a thread worker
has the learning process (:mod:`.learn_process`) train on what it has not seen: the whole
store first, then this article's store file. Until the store has enough tagged sentences
for some tag's model to be used (a count of records), the process is not even started.
The worker never touches the screen's state: it posts :class:`ModelTrained`, or the
process posts :class:`LearningStopped` once if it could not start or ended. The model is a
cache: the store is only read, nothing is written until the analyst accepts a suggestion.
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.widget import Widget

from annotations.errors import NewsmarkError

if TYPE_CHECKING:
    # The learning process's side loads at the first look, after the first frame.
    from annotations.store.records import Record
    from annotations.suggest.model import Suggestion

    from .host import ReaderHost
    from .learn_process import LearnProcess, ProcessSuggester
    from .suggestion_keys import SuggestionKeys
    from .suggestions import SuggestionController

#: Seconds between looks at whether the analyst's tags changed since the model learned.
LEARN_EVERY = 3.0


class ModelTrained(Message):
    """The learning process has trained the learned suggester on the store's new tags."""

    def __init__(self, used: frozenset[str], owned: frozenset[str], examples: int, before: frozenset[str] = frozenset()) -> None:
        self.used = used
        """The tags the learned suggester now decides."""
        self.before = before
        """The tags it decided before this training (the cached model's, the first time)."""
        self.owned = owned
        """The tags it decides alone."""
        self.examples = examples
        """The examples it was trained on so far."""
        super().__init__()


class LearningStopped(Message):
    """The learning process could not start or ended: the patterns suggest alone."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()


class LearningController:
    """Has the learning process train when the analyst's tags changed (one training at a
    time), and finds the least certain suggestion for the key."""

    def __init__(self, owner: Widget, host: ReaderHost, suggested: SuggestionController, keys: SuggestionKeys) -> None:
        self._owner = owner
        self._host = host
        self._suggested = suggested
        self._keys = keys
        self._learned: tuple[int, int] | None = None
        """The article's tagged count and store file stamp when the worker last started (None: never)."""
        self.counted_elsewhere: Counter[str] | None = None
        """The tagged sentences per tag of the store's other articles (counted once, until the process starts)."""
        self.used: frozenset[str] = frozenset()
        """The tags the learned suggester decides (as the last training found)."""
        self.trained_once = False
        """Whether a training answered yet (the first says what the model decided before it)."""
        self.examples = 0
        """The examples the last training had seen."""
        self._process: LearnProcess | None = None
        self._suggester: ProcessSuggester | None = None

    @property
    def process(self) -> LearnProcess:
        """The learning process of this visit (made at the first look, off the start path;
        started once the store has enough examples), the reader's learned suggester asking it."""
        if self._process is None:
            from .learn_process import LearnProcess, ProcessSuggester

            self._process = LearnProcess(self._config, lambda reason: self._owner.post_message(LearningStopped(reason)))
            self._suggester = ProcessSuggester(self._process)
            self._suggested.learned = self._suggester
        return self._process

    def start(self) -> None:
        """Look for new tags to learn from now and then (the first look once the screen is up)."""
        self._owner.set_timer(0.5, self.look)
        self._owner.set_interval(LEARN_EVERY, self.look)

    def stop(self) -> None:
        """End the learning process (the reader is leaving)."""
        if self._process is not None:
            self._process.stop()

    def look(self) -> None:
        """Have the store learned the first time, then this article whenever its store file
        changed (a stat, and a count: nothing on the UI thread grows with the article until
        something changed; then, until the process runs, its records are copied to count)."""
        options, annotations = self._host.options, self._host.annotations
        if not options.suggestions or self.process.failed:
            return
        file = annotations.file.path
        try:
            stamp = file.stat().st_mtime_ns
        except OSError:
            stamp = 0  # not saved yet: nothing of this article to learn from
        now = (annotations.tagged_count, stamp)
        if now == self._learned:
            return
        self._learned = now
        records = None if self.process.started else annotations.records()
        work = partial(self._train, records, file)
        # A description of our own: Textual's default is the repr of ``work``, every record in it, on this thread.
        self._owner.run_worker(work, thread=True, exclusive=True, group="learn", description="learn from the store's tags")

    def _train(self, records: list[Record] | None, file: Path) -> None:
        """Off the UI thread: once the store has enough examples, have the process train on
        the whole store (the first time) or on this article's store ``file``; the result
        comes back as a message (a damaged pattern file or store is the suggestion worker's
        and the reader's to report)."""
        if records is not None:
            try:
                if not self._enough(records, file):
                    return
            except NewsmarkError:
                return
        answer = self.process.ask({"train": "store" if records is not None else str(file)})
        if answer is not None and "used" in answer:
            used, owned, before = (frozenset(answer.get(key, ())) for key in ("used", "owned", "before"))
            self._owner.post_message(ModelTrained(used, owned, answer["examples"], before))

    def _enough(self, records: list[Record], file: Path) -> bool:
        """Whether the store, with this article's ``records``, has enough examples to learn from."""
        from annotations.suggest.example_count import enough_to_learn, store_tagged_counts, tagged_counts

        annotators = self._annotators()
        names = self._host.schema.names
        if self.counted_elsewhere is None:
            self.counted_elsewhere = store_tagged_counts(self._host.annotations.store.root, annotators, names, leave_out=file)
        return enough_to_learn(self.counted_elsewhere + tagged_counts(records, annotators, names))

    def _annotators(self) -> tuple[str, str]:
        return self._host.annotations.annotator, self._host.options.final_annotator

    def _config(self) -> str:
        """The learning process's first line (made in the worker: the service's module loads there)."""
        from annotations.suggest.learn_service import config_line

        root, pattern_file = self._host.annotations.store.root, self._host.options.suggest_patterns
        return config_line(root, self._host.schema, pattern_file, self._annotators())

    def trained(self, message: ModelTrained) -> None:
        """Suggest again with the new model when it decides a tag (or stopped deciding one)."""
        if self._suggester is not None:
            self._suggester.trained(message.used, message.owned)
        previous = self.used if self.trained_once else message.before  # learned before this reading: no news
        self.trained_once, self.examples = True, message.examples
        if message.used or self.used:
            self._suggested.restart()
        gained, lost = message.used - previous, previous - message.used
        self.used = message.used
        if gained:
            self._host.notify(
                f"Suggestions for {', '.join(sorted(gained))} now learn from your tags: on sentences you tagged, the "
                "learned model beats the patterns (newsmark suggest FILE --explain shows the figures).",
                timeout=6,
                markup=False,
            )
        if lost:
            self._host.notify(
                f"Suggestions for {', '.join(sorted(lost))} are the patterns' again: the learned model no longer beats them on your tags.",
                timeout=6,
                markup=False,
            )

    def stopped(self, message: LearningStopped) -> None:
        """Say once that the learned suggester is off; suggest with the patterns alone."""
        if self._suggester is not None:
            self._suggester.trained(frozenset(), frozenset())
        self._host.notify(
            f"Learned suggestions are off: {message.reason}. The patterns still suggest.", severity="warning", timeout=8, markup=False
        )
        if self.used:
            self._suggested.restart()
        self.used = frozenset()

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

    def on_unmount(self) -> None:
        """End the learning process with the reader (the screen's own ``on_unmount`` runs too)."""
        self.learning.stop()

    def on_model_trained(self, message: ModelTrained) -> None:
        self.learning.trained(message)

    def on_learning_stopped(self, message: LearningStopped) -> None:
        self.learning.stopped(message)

    def action_least_certain(self) -> None:
        """Go to the sentence whose suggestion is least certain (your decision there teaches most)."""
        self.learning.go_to_least_certain()
