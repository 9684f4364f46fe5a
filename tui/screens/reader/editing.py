"""The reader's changes to the store: tags, notes, undo and redo, each shown once saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from annotations.errors import NewsmarkError
from annotations.store.article_annotations import Change

from ...messages import AnnotationsSaved
from .host import ReaderHost

T = TypeVar("T")


class Edits:
    """Runs the reader's store calls: nothing in a read-only store, a failure said, a change shown."""

    def __init__(self, host: ReaderHost) -> None:
        self._host = host
        self._saved_position = host.annotations.position
        """The reading position as last saved."""
        self._visit_saved = False
        """Whether this visit has been saved (its position and when the article was opened)."""

    def save_position(self, cursor: int, *, leaving: bool = False) -> None:
        """Save the reading position ``cursor`` if it moved since the last save, or when
        ``leaving`` a visit that saved nothing yet: the store's ``opened`` time (the
        library's *opened* column) is the visit's even if the reader never moved. Never in
        a read-only store."""
        annotations = self._host.annotations
        if annotations.read_only or (cursor == self._saved_position and (self._visit_saved or not leaving)):
            return
        try:
            annotations.save_position(cursor)
            self._saved_position = cursor
            self._visit_saved = True
        except NewsmarkError as error:
            self._host.notify(f"Reading position not saved: {error}", severity="warning")

    def position_saved(self, cursor: int) -> None:
        """The store has ``cursor`` as the reading position already."""
        self._saved_position = cursor

    def writable(self) -> bool:
        """Whether changes can be saved; if not, say why."""
        annotations = self._host.annotations
        if annotations.read_only:
            self._host.notify(f"Read-only, nothing saved: {annotations.read_only_reason}.", severity="warning")
            return False
        return True

    def attempt(self, call: Callable[[], T], *, failure: str = "Not saved") -> T | None:
        """Run a call that writes to the store: ``None`` (and a notification saying why)
        if the store is read-only or the call fails, else its result."""
        if not self.writable():
            return None
        try:
            return call()
        except NewsmarkError as error:
            self._host.notify(f"{failure}: {error}", severity="error", timeout=8)
            return None

    def apply(self, change_call: Callable[[], Change]) -> bool:
        """Run a store call; show its result only once the store has saved it. Whether it was saved."""
        change = self.attempt(change_call)
        if change is None:
            return False
        self._host.keep_range()  # tag, tag, note: the range stays until Esc or a move
        self._host.show_change(change)
        if change:
            self._host.app.post_message(AnnotationsSaved())
        return True

    def toggle_tag(self, name: str) -> None:
        """Toggle a tag on the sentence (or on every sentence of the range)."""
        targets, annotations = self._host.targets(), self._host.annotations
        self.apply(lambda: annotations.toggle(targets, name))

    def history_step(self, *, redo: bool) -> None:
        """Undo your last change, or redo the last undone one, and go to it."""
        host, annotations = self._host, self._host.annotations
        change = self.attempt(annotations.redo if redo else annotations.undo)
        if change is None:
            return
        if not change:
            host.notify("Nothing to redo." if redo else "Nothing to undo.")
            return
        host.follow_history(change, redo=redo)
        host.keep_range()
        host.show_change(change)
        if change.sentences and host.view.cursor not in change.sentences:
            host.move_to(change.sentences[0])
        host.notify(change.label[:1].upper() + change.label[1:], timeout=3)

    def edit_note(self) -> None:
        """Write or change the note on the sentence (or the range)."""
        from ..note import NoteDialog  # TextArea is heavy: load it when a note is written

        if not self.writable():
            return
        host, annotations = self._host, self._host.annotations
        targets = host.targets()
        title = f"Note on sentence {targets[0]}" if len(targets) == 1 else f"Note on sentences {targets[0]}-{targets[-1]}"
        notes = {n: note for n in targets if (note := annotations.note(n))}
        shared = set(notes.values()) if len(notes) == len(targets) else set(notes.values()) | {""}
        # One note everywhere (or none anywhere) is edited as it is; otherwise the notes
        # already there are listed and replacing them is the user's explicit choice.
        note, existing = (shared.pop(), []) if len(shared) == 1 else ("", sorted(notes.items()))

        def save(text: str, replace: bool) -> bool:
            where = targets if replace or not existing else [n for n in targets if n not in notes]
            if not where:
                host.notify("Every sentence of the range has a note: tick Replace (ctrl+r) to replace them.", severity="warning")
                return False
            return self.apply(lambda: host.annotations.set_note(where, text))  # the reader's records as they are then

        quote = " ".join(host.article.sentence(n).text for n in targets[:5]) + (" …" if len(targets) > 5 else "")
        line = host.view.line_of(targets[0])
        if line is not None:  # the sentence at the top, above the dialog
            host.view.scroll_to(y=line, animate=False, immediate=True)
        host.app.push_screen(NoteDialog(title, note, save, quote=quote, existing=existing))
