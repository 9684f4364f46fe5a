"""The reader's suggestion keys: accept (y, Y), reject (d, D), one tag at a time (y or d
then the tag's key; a tag's own key takes its suggestion), hide or show (z)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.events import Key

from annotations.errors import NewsmarkError
from annotations.store.article_annotations import Change

from .host import ReaderHost
from .suggestions import Chosen, SuggestionController, SuggestionsFailed, SuggestionsFound

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.suggest.decisions import Decisions
    from annotations.suggest.model import Suggestion

    from .suggestion_prompt import Pending, SuggestionPrompt  # the prompt loads when first asked


class SuggestionKeys:
    """What the suggestion keys do with the suggestions shown on the reader's sentences.

    ``y`` on a sentence (or range) with one suggested tag takes it at once, as it always
    did; with several, it asks which (:class:`SuggestionPrompt`): the tag's key or number
    takes that one (a tag not offered: a notice, and the question stays), ``y`` again or
    Enter takes them all, Esc or any other key lets go (the other key then does what it
    does). ``d`` drops the same way. A tag's own key on the cursor sentence where that tag
    is suggested takes it: an accept, counted as one.
    """

    def __init__(self, host: ReaderHost, suggested: SuggestionController) -> None:
        self._host = host
        self._suggested = suggested
        self._pending: Pending | None = None
        """A ``y`` or ``d`` waiting for its second key."""
        self._prompt: SuggestionPrompt | None = None
        """The prompt bar, once made."""
        schema = host.schema
        numbers = [str(index) for index in range(1, min(len(schema.tags), 9) + 1)]
        self._prompt_keys = frozenset({"y", "d", "enter", *numbers, *(tag.key for tag in schema.tags)})
        """The keys that answer the prompt (any other lets it go)."""

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
        self._close()
        shown = not self._host.view.show_suggestions
        self.show(shown=shown)
        self._host.view.refresh_bindings()  # the key bar shows y only while suggestions are
        self._host.notify("Suggestions shown." if shown else "Suggestions hidden (z shows them).", timeout=3)

    def section_sentences(self) -> list[int]:
        """Every sentence of the section on screen."""
        section = self._host.view.section
        return list(range(section.first_sentence, section.last_sentence + 1))

    # -- the keys --------------------------------------------------------------

    def key(self, *, accepted: bool) -> None:
        """``y`` (``accepted``) or ``d`` on the sentence or range: at once for one suggested
        tag, else ask which; pressed again while it asks, all of them."""
        pending = self._current()
        if pending is not None and pending.accepted == accepted:
            self._decide(self._suggested.open(list(pending.sentences), self._host.annotations), accepted=accepted)
            return
        targets = self._host.targets()
        chosen = self._chosen(targets)
        tags = tuple(self._host.schema.sort({suggestion.tag for suggestion, _ in chosen}))
        if len(tags) > 1:
            from .suggestion_prompt import Pending

            self._ask(Pending(accepted, tuple(targets), self._host.view.cursor, tags))
        else:
            self._decide(chosen, accepted=accepted)

    def whole_section(self, *, accepted: bool) -> None:
        """``Y`` or ``D``: every suggestion left in the section, at once."""
        self._close()
        self._decide(self._chosen(self.section_sentences(), whole_section=True), accepted=accepted)

    def take_all(self) -> None:
        """Enter while ``y`` or ``d`` asks: all of them (else nothing)."""
        pending = self._current()
        if pending is not None:
            self._decide(self._suggested.open(list(pending.sentences), self._host.annotations), accepted=pending.accepted)

    def tag_key(self, name: str) -> bool:
        """A tag's key: the answer to ``y`` or ``d`` asking (a tag not offered says so and
        the question stays: it must not turn a reject into a tag), or the accept of that
        tag suggested on the cursor sentence (not on a range: there it toggles as ever).
        False if it is a plain toggle."""
        pending = self._current()
        if pending is not None:
            chosen = [c for c in self._suggested.open(list(pending.sentences), self._host.annotations) if c[0].tag == name]
            if chosen:
                self._decide(chosen, accepted=pending.accepted)
            else:
                self._ask(pending)
                self._host.notify(f"{name} is not suggested here", timeout=3)
            return True
        targets = self._host.targets()
        if all(name in self._host.annotations.own_tags(number) for number in targets):
            return self._untag(targets, name)
        if not self.on or len(targets) > 1:
            return False
        chosen = [c for c in self._suggested.open(targets, self._host.annotations) if c[0].tag == name]
        if not chosen:
            return False
        self._decide(chosen, accepted=True)
        return True

    def pressed(self, event: Key) -> None:
        """Any key while ``y`` or ``d`` asks: Esc lets go (and does nothing else), a key that
        is no answer lets go and does what it does."""
        if self._pending is None or event.key in self._prompt_keys:
            return
        self._close()
        if event.key == "escape":
            event.stop()

    def follow(self, change: Change, *, redo: bool) -> None:
        """After an undo or redo: the decisions its step counted follow, and the
        suggestions are found again (a rejection undone is proposed again)."""
        if not change.effects:
            return
        from annotations.suggest.deciding import follow

        try:
            decisions = follow(self._host.annotations.store.root, change, redo=redo)
        except NewsmarkError as error:
            self._host.notify(f"Decision counts not updated: {error}", severity="error", timeout=8)
            return
        if decisions is not None:
            self._suggested.recheck(decisions)

    # -- helpers ---------------------------------------------------------------

    def _chosen(self, sentences: list[int], *, whole_section: bool = False) -> Chosen:
        """The suggestions shown on ``sentences`` (not tagged yet; ``whole_section``: they
        are the section's); none (and why) if there are none."""
        view = self._host.view
        chosen = self._suggested.open(sentences, self._host.annotations) if view.show_suggestions else []
        if not chosen:
            why = self._suggested.why_none(shown=view.show_suggestions, section=view.section.number, whole_section=whole_section)
            self._host.notify(why)
        return chosen

    def _current(self) -> Pending | None:
        """What ``y`` or ``d`` asked, if it still stands (the cursor and range as they were),
        and the prompt closed: the key pressed now answers it."""
        pending, self._pending = self._pending, None
        self._close()
        if pending is None or pending.cursor != self._host.view.cursor or pending.sentences != tuple(self._host.targets()):
            return None
        return pending

    def _ask(self, pending: Pending) -> None:
        self._pending = pending
        if self._prompt is None:
            from .suggestion_prompt import SuggestionPrompt

            self._prompt = SuggestionPrompt(id="suggestion-prompt")
            self._host.view.screen.mount(self._prompt, before="#note-line")
        self._prompt.ask(pending, self._host.schema)

    def _close(self) -> None:
        self._pending = None
        if self._prompt is not None:
            self._prompt.close()

    def _untag(self, targets: list[int], name: str) -> bool:
        """Take ``name`` off ``targets`` (all have it): an accept of it counted there is
        taken back, as ``u`` would (see :func:`annotations.suggest.deciding.removing`)."""
        from annotations.suggest.deciding import untag

        self._removing(lambda: untag(self._host.annotations, targets, name))
        return True

    def clear(self) -> None:
        """Clear the tags of the sentence (or range): accepts of them counted there are
        taken back, as ``u`` would (see :func:`annotations.suggest.deciding.removing`)."""
        from annotations.suggest.deciding import clear

        targets = self._host.targets()
        self._removing(lambda: clear(self._host.annotations, targets))

    def _removing(self, remove: Callable[[], tuple[Change, Decisions | None]]) -> None:
        """Make the change ``remove`` makes; the suggestions learn the decisions it took back."""
        decided: list[Decisions | None] = []

        def call() -> Change:
            change, decisions = remove()
            decided.append(decisions)
            return change

        if self._host.apply(call) and decided[0] is not None:
            self._suggested.known(decided[0])

    def _decide(self, chosen: Chosen, *, accepted: bool) -> None:
        """Accept (tag the sentences) or reject ``chosen``, as one undoable change whose
        decisions undo and redo follow."""
        if not chosen or not self._host.writable():
            return
        from annotations.suggest.deciding import decide

        annotations = self._host.annotations
        decided = []

        def call() -> Change:
            change, decisions = decide(annotations, chosen, accepted=accepted)
            decided.append(decisions)
            return change

        if not self._host.apply(call):
            return
        self._suggested.known(decided[0])
        if not accepted:
            self._suggested.drop(chosen)
            self.show()
            self._host.notify(f"Rejected {len(chosen)} suggestion(s).", timeout=3)


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

    def on_key(self, event: Key) -> None:
        self.suggestion_keys.pressed(event)

    def follow_history(self, change: Change, *, redo: bool) -> None:
        """After an undo or redo: the decisions on suggestions it holds follow."""
        self.suggestion_keys.follow(change, redo=redo)

    def action_accept_suggestions(self) -> None:
        """Accept the sentence's (or range's) suggested tags: one at once, else which (or y again: all)."""
        self.suggestion_keys.key(accepted=True)

    def action_accept_section_suggestions(self) -> None:
        """Accept every suggestion left in the section on screen."""
        self.suggestion_keys.whole_section(accepted=True)

    def action_reject_suggestions(self) -> None:
        """Reject the sentence's (or range's) suggested tags: one at once, else which (or d again: all)."""
        self.suggestion_keys.key(accepted=False)

    def action_reject_section_suggestions(self) -> None:
        """Reject every suggestion left in the section on screen."""
        self.suggestion_keys.whole_section(accepted=False)

    def action_take_all_suggested(self) -> None:
        """After y or d asked which: take (or drop) them all."""
        self.suggestion_keys.take_all()

    def action_toggle_suggestions(self) -> None:
        """Hide or show the suggested tags."""
        self.suggestion_keys.toggle()
