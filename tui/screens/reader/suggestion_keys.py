"""The reader's suggestion keys: accept (y, Y), reject (d, D), hide or show (z)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.errors import NewsmarkError

from .host import ReaderHost
from .suggestions import Chosen, SuggestionController, SuggestionsFailed, SuggestionsFound

if TYPE_CHECKING:
    from annotations.suggest.model import Suggestion


class SuggestionKeys:
    """What the suggestion keys do with the suggestions shown on the reader's sentences."""

    def __init__(self, host: ReaderHost, suggested: SuggestionController) -> None:
        self._host = host
        self._suggested = suggested

    def found(self, message: SuggestionsFound) -> None:
        """Show what the worker found (unless it was for a part of the article completed since)."""
        if self._suggested.take(message, self._host.article):
            self.show()

    def failed(self, message: SuggestionsFailed) -> None:
        """Say why the worker could not work (and say it again when y or d finds nothing)."""
        self._suggested.failed = message.reason
        self._host.notify(f"No suggestions: {message.reason}", severity="warning", timeout=8)

    def show(self, *, shown: bool | None = None) -> None:
        """Draw the suggestions found so far (``shown``: show or hide them all)."""
        view = self._host.view
        view.set_suggestions(self._suggested.tags_by_sentence(), shown=shown)
        self._host.status.suggested = self._suggested.tags_by_sentence() if view.show_suggestions else {}

    @property
    def on(self) -> bool:
        """Whether suggestions are on: not turned off in the config, not hidden (z)."""
        return self._suggested.enabled and self._host.view.show_suggestions

    def toggle(self) -> None:
        """Hide or show the suggested tags."""
        shown = not self._host.view.show_suggestions
        self.show(shown=shown)
        self._host.view.refresh_bindings()  # the key bar shows y only while suggestions are
        self._host.notify("Suggestions shown." if shown else "Suggestions hidden (z shows them).", timeout=3)

    def targets(self) -> list[int]:
        """The cursor sentence, or every sentence of the range."""
        return self._host.targets()

    def section_sentences(self) -> list[int]:
        """Every sentence of the section on screen."""
        section = self._host.view.section
        return list(range(section.first_sentence, section.last_sentence + 1))

    def _chosen(self, sentences: list[int]) -> Chosen:
        """The suggestions shown on ``sentences`` (not tagged yet); none (and why) if there are none."""
        view = self._host.view
        chosen = self._suggested.open(sentences, self._host.annotations) if view.show_suggestions else []
        if not chosen:
            self._host.notify(self._suggested.why_none(shown=view.show_suggestions, section=view.section.number))
        return chosen

    def accept(self, sentences: list[int]) -> None:
        """Tag ``sentences`` with their suggested tags, as one undoable change."""
        chosen = self._chosen(sentences)
        if not chosen:
            return
        by_sentence: dict[int, list[str]] = {}
        for suggestion, _ in chosen:
            by_sentence.setdefault(suggestion.sentence, []).append(suggestion.tag)
        annotations = self._host.annotations
        if self._host.apply(lambda: annotations.add_each(by_sentence)):
            self._record(chosen, accepted=True)

    def reject(self, sentences: list[int]) -> None:
        """Reject the suggestions of ``sentences``: never proposed there again."""
        chosen = self._chosen(sentences)
        if not chosen or not self._host.writable() or not self._record(chosen, accepted=False):
            return
        self._suggested.drop(chosen)
        self._host.keep_range()
        self.show()
        self._host.notify(f"Rejected {len(chosen)} suggestion(s).", timeout=3)

    def _record(self, chosen: Chosen, *, accepted: bool) -> bool:
        """Count the analyst's decision for each pattern (the store's suggestions file)."""
        try:
            self._suggested.record(chosen, accepted=accepted)
        except NewsmarkError as error:
            self._host.notify(f"Decision not saved: {error}", severity="error", timeout=8)
            return False
        return True


class SuggestionActions:
    """The suggestion keys and the suggestion worker's messages, mixed into the reader screen."""

    suggestion_keys: SuggestionKeys
    suggested: SuggestionController

    @property
    def suggestions(self) -> dict[int, list[Suggestion]]:
        """Suggested tags by sentence (see :class:`SuggestionController`)."""
        return self.suggested.found

    @property
    def key_bar_hidden(self) -> frozenset[str]:
        """Actions the key bar leaves out now: accepting suggestions while they are off
        (the config's ``suggestions: false``) or hidden (z)."""
        return frozenset() if self.suggestion_keys.on else frozenset({"accept_suggestions"})

    def on_suggestions_found(self, message: SuggestionsFound) -> None:
        self.suggestion_keys.found(message)

    def on_suggestions_failed(self, message: SuggestionsFailed) -> None:
        self.suggestion_keys.failed(message)

    def action_accept_suggestions(self) -> None:
        """Tag the sentence (or range) with its suggested tags, as one undoable change."""
        self.suggestion_keys.accept(self.suggestion_keys.targets())

    def action_accept_section_suggestions(self) -> None:
        """Accept every suggestion left in the section on screen."""
        self.suggestion_keys.accept(self.suggestion_keys.section_sentences())

    def action_reject_suggestions(self) -> None:
        """Reject the sentence's (or range's) suggestions: never proposed there again."""
        self.suggestion_keys.reject(self.suggestion_keys.targets())

    def action_reject_section_suggestions(self) -> None:
        """Reject every suggestion left in the section on screen."""
        self.suggestion_keys.reject(self.suggestion_keys.section_sentences())

    def action_toggle_suggestions(self) -> None:
        """Hide or show the suggested tags."""
        self.suggestion_keys.toggle()
