"""The reader's suggestion keys: accept (y, Y), reject (d, D), hide or show (z)."""

from __future__ import annotations

from annotations.errors import NewsmarkError

from .host import ReaderHost
from .suggestions import Chosen, SuggestionController


class SuggestionKeys:
    """What the suggestion keys do with the suggestions shown on the reader's sentences."""

    def __init__(self, host: ReaderHost, suggested: SuggestionController) -> None:
        self._host = host
        self._suggested = suggested

    def show(self, *, shown: bool | None = None) -> None:
        """Draw the suggestions found so far (``shown``: show or hide them all)."""
        view = self._host.view
        view.set_suggestions(self._suggested.tags_by_sentence(), shown=shown)
        self._host.status.suggested = self._suggested.tags_by_sentence() if view.show_suggestions else {}

    def toggle(self) -> None:
        """Hide or show the suggested tags."""
        shown = not self._host.view.show_suggestions
        self.show(shown=shown)
        self._host.notify("Suggestions shown." if shown else "Suggestions hidden (z shows them).", timeout=3)

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
        self._host.end_range()
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
