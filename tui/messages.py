"""Messages screens post up to the app: they ask, the app decides how."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from annotations.model import Article

if TYPE_CHECKING:
    from annotations.store.records import LinkEnd


class OpenArticle(Message):
    """Open ``article`` in the reader; ``on_close`` is called when the reader is closed;
    with ``record_id``, at the sentence that annotation is on (as anchored now); with
    ``sentence``, at that sentence; with ``end``, at that link's end as the article is
    now (``sentence`` is then what the link last named)."""

    def __init__(
        self,
        article: Article,
        on_close: Callable[[None], object] | None = None,
        *,
        record_id: str | None = None,
        sentence: int | None = None,
        end: LinkEnd | None = None,
    ) -> None:
        self.article = article
        self.on_close = on_close
        self.record_id = record_id
        self.sentence = sentence
        self.end = end
        super().__init__()


class AnnotationsSaved(Message):
    """The reader saved a change of the analyst's: the first under a login name nobody
    chose says which name it was saved as (see :mod:`annotations.store.annotator_notice`)."""
