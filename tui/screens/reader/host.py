"""What the reader's helpers (search, suggestion keys, side panels, store tasks) use of
the reader screen: a protocol, so that they never import the screen itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.app import App
from textual.notifications import SeverityLevel

from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, Change

from ...widgets.article_view import ArticleView
from .options import ReaderOptions
from .status import StatusLine


class ReaderHost(Protocol):
    """The reader screen, as its helpers see it."""

    annotations: ArticleAnnotations
    article: Article
    schema: TagSchema
    options: ReaderOptions

    @property
    def app(self) -> App[object]:
        """The app the reader runs in."""
        ...

    @property
    def view(self) -> ArticleView:
        """The article text widget."""
        ...

    @property
    def status(self) -> StatusLine:
        """The status line."""
        ...

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None, markup: bool = True
    ) -> None:
        """Show a notification."""
        ...

    def move_to(self, sentence: int) -> None:
        """Put the cursor on ``sentence``."""
        ...

    def go_to_sentence(self, number: int) -> None:
        """Go to sentence ``number``, or say which numbers there are."""
        ...

    def targets(self) -> list[int]:
        """The cursor sentence, or every sentence of the range."""
        ...

    def keep_range(self) -> None:
        """A change was made: the range (if any) stays selected until Esc or a move."""
        ...

    def writable(self) -> bool:
        """Whether changes can be saved; if not, say why."""
        ...

    def apply(self, change_call: Callable[[], Change]) -> bool:
        """Run a store call and show its change once saved; whether it was saved."""
        ...

    def show_change(self, change: Change) -> None:
        """Show a saved change."""
        ...

    def follow_history(self, change: Change, *, redo: bool) -> None:
        """After an undo or redo of ``change``: what it holds beside records follows."""
        ...

    def action_back(self) -> None:
        """Leave the reader (its position saved): back to the library or the reader below, or quit."""
        ...

    def reload_store(self) -> bool:
        """Show the records as the store holds them now; whether it could be read."""
        ...
