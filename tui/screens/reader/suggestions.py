"""The reader's suggested tags: a worker per section shown, started once the reader stays
on it, cancelled when it moves on; what it found, less what was rejected since."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from annotations.errors import NewsmarkError
from annotations.model import Article, Section, Sentence
from annotations.store.article_annotations import ArticleAnnotations

from .options import ReaderOptions

if TYPE_CHECKING:
    # The suggestion code loads in the worker, not on the start path.
    from annotations.suggest.decisions import Decisions
    from annotations.suggest.engine import SuggestionEngine
    from annotations.suggest.model import Suggestion
    from annotations.suggest.patterns import PatternSet
    from annotations.suggest.registry import Suggester as Proposer

#: Sentences the suggestion worker matches between looks at whether it was cancelled:
#: a reader flipping through sections of thousands of sentences starts a worker for each,
#: and a cancelled thread worker runs on, holding the GIL the keys need, until it looks.
SUGGEST_CHUNK = 200
#: Seconds the reader stays on a new section before its suggestions are looked for.
SUGGEST_DELAY = 0.15


class SuggestionRequest(NamedTuple):
    """What the suggestion worker is asked: one section's sentences of one version of the article."""

    article: Article
    section: int
    sentences: list[Sentence]
    pattern_file: Path | None


class Suggester(NamedTuple):
    """The patterns in force and the store's decisions the suggestions leave out (read once per visit)."""

    patterns: PatternSet
    decisions: Decisions


class SuggestionsFound(Message):
    """The suggestion worker has proposed tags for the sentences of a section."""

    def __init__(self, request: SuggestionRequest, suggestions: list[Suggestion], suggester: Suggester) -> None:
        self.request = request
        self.suggestions = suggestions
        self.suggester = suggester
        super().__init__()


class SuggestionsFailed(Message):
    """The suggestion worker could not read the patterns or the store's decisions."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()


#: Chosen suggestions, each with the text of its sentence (as the decisions file keeps them).
Chosen = list[tuple["Suggestion", str]]


class SuggestionController:
    """Runs the suggestion worker for the section on screen (the worker posts
    :class:`SuggestionsFound` or :class:`SuggestionsFailed` to ``owner``) and keeps what it found."""

    def __init__(
        self, owner: Widget, annotations: ArticleAnnotations, options: ReaderOptions, on_screen: Callable[[], tuple[Article, Section]]
    ) -> None:
        self._owner = owner
        self._schema = annotations.schema
        self._store_root = annotations.store.root
        self.enabled = options.suggestions
        """Whether tags are suggested at all (the config's ``suggestions:``)."""
        self._pattern_file = options.suggest_patterns
        self._on_screen = on_screen
        self.found: dict[int, list[Suggestion]] = {}
        """Suggested tags by sentence, as the worker found them, less those rejected since
        (those the sentence has are not shown)."""
        self._sections: set[int] = set()
        """Sections whose suggestions have been found."""
        self._timer: Timer | None = None
        """Waits for the reader to stay on a new section before suggesting for it."""
        self.failed = ""
        """Why the worker could not work ("" unless it failed)."""
        self._suggester: Suggester | None = None
        """The engine and the store's decisions, once the worker has read them."""
        self.learned: Proposer | None = None
        """The learned suggester as the reader asks it (the learning process's); None: the patterns alone."""

    def restart(self) -> None:
        """Forget what was suggested (a new version of the article) and suggest for the section on screen."""
        self.found = {}
        self._sections = set()
        self.request()

    def request(self) -> None:
        """Have the worker suggest tags for the section on screen, if it has not yet
        (sections are done as they are shown: a 50,000-sentence article costs no more
        than a normal one)."""
        if not self.enabled:
            return
        article, section = self._on_screen()
        if section.number in self._sections:
            return
        sentences = [s for p in section.paragraphs for s in p.sentences]
        request = SuggestionRequest(article, section.number, sentences, self._pattern_file)
        work = partial(self._compute, request, self._suggester)
        # A description of our own: Textual's default is the repr of ``work``, the whole
        # article and every sentence of the section in it, made on the UI thread.
        description = f"suggest for section {section.number}"
        self._owner.run_worker(work, thread=True, exclusive=True, group="suggest", description=description)

    def request_soon(self) -> None:
        """Suggest once the reader stays on the section: flipping through sections starts no work."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(SUGGEST_DELAY, self.request)

    def _compute(self, request: SuggestionRequest, suggester: Suggester | None) -> None:
        """Find suggestions off the UI thread (the patterns and the store's decisions are
        read the first time); the result comes back as a message, a failure too."""
        from annotations.suggest.decisions import read_decisions
        from annotations.suggest.patterns import load_patterns

        try:
            if suggester is None:
                suggester = Suggester(load_patterns(self._schema, request.pattern_file), read_decisions(self._store_root))
            engine = self._engine(suggester.patterns)
            found = []
            worker = get_current_worker()
            for start in range(0, len(request.sentences), SUGGEST_CHUNK):
                if worker.is_cancelled:  # the reader moved on (a thread is never stopped from outside)
                    return
                found += engine.suggest(request.sentences[start : start + SUGGEST_CHUNK], decisions=suggester.decisions)
        except NewsmarkError as error:
            self._owner.post_message(SuggestionsFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self._owner.post_message(SuggestionsFound(request, found, suggester))

    def _engine(self, patterns: PatternSet) -> SuggestionEngine:
        """Every suggester over ``patterns``, the learned one as the learning process answers
        it (the learned suggester is never trained in the reader's process)."""
        from annotations.suggest.engine import SuggestionEngine

        engine = SuggestionEngine(patterns)
        engine.suggesters = [s for s in engine.suggesters if s.name != "learned"] + ([self.learned] if self.learned else [])
        return engine

    def take(self, message: SuggestionsFound, article: Article) -> bool:
        """Keep what the worker found; False if it was for a part of ``article`` completed since."""
        if message.request.article is not article:
            return False
        self._suggester = self._suggester or message.suggester
        self._sections.add(message.request.section)
        for sentence in message.request.sentences:  # found again (see recheck): this finding replaces the last
            self.found.pop(sentence.number, None)
        for suggestion in message.suggestions:
            self.found.setdefault(suggestion.sentence, []).append(suggestion)
        return True

    def tags_by_sentence(self) -> dict[int, tuple[str, ...]]:
        """The suggested tags of each sentence, as the article view draws them."""
        return {n: tuple(s.tag for s in found) for n, found in self.found.items()}

    def open(self, sentences: list[int], annotations: ArticleAnnotations) -> Chosen:
        """The suggestions on ``sentences`` not taken yet, each with its sentence's text."""
        return [
            (suggestion, annotations.article.sentence(number).text)
            for number in sentences
            for suggestion in self.found.get(number, ())
            if suggestion.tag not in annotations.tags(number)
        ]

    def why_none(self, *, shown: bool, section: int, whole_section: bool = False) -> str:
        """What to say when y or d (``whole_section``: Y or D) finds no suggestion to act on."""
        if not self.enabled:
            return "Suggestions are off (the config's suggestions: false)."
        if not shown:
            return "Suggestions are hidden: z shows them."
        if self.failed:
            return f"No suggestions: {self.failed}"
        if section not in self._sections:
            return "Still finding suggestions for this section: try again in a moment."
        return "No suggestion left in this section." if whole_section else "No suggestion here."

    def known(self, decisions: Decisions) -> None:
        """The store's decisions as an accept or reject left them: sections suggested from
        now on know them (a pattern may be muted now)."""
        if self._suggester is not None:
            self._suggester = Suggester(self._suggester.patterns, decisions)

    def recheck(self, decisions: Decisions) -> None:
        """Find the suggestions again with the store's decisions as an undo or redo left
        them (a rejection undone is proposed again): the section on screen now, the
        others as they are shown; what was found stays shown until then."""
        self.known(decisions)
        self._sections = set()
        self.request()

    def drop(self, chosen: Chosen) -> None:
        """Forget rejected suggestions."""
        rejected = {(s.sentence, s.tag) for s, _ in chosen}
        for number in {s.sentence for s, _ in chosen}:
            left = [s for s in self.found.get(number, ()) if (number, s.tag) not in rejected]
            if left:
                self.found[number] = left
            else:
                self.found.pop(number, None)
