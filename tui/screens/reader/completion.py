"""Completing a big article opened in parts, off the UI thread."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from annotations.errors import NewsmarkError
from annotations.formats.progressive import RestOfArticle
from annotations.model import Article


class ArticleCompleted(Message):
    """The rest of a big article is ready (split into sentences, or read from the cache)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        super().__init__()


def complete_article(rest: RestOfArticle, owner: Widget) -> None:
    """In a thread worker: complete a big article (see :class:`RestOfArticle`) and post
    :class:`ArticleCompleted` to ``owner``; a failure is a notification."""
    try:
        article = rest.load()
    except NewsmarkError as error:
        owner.app.call_from_thread(owner.notify, f"Could not read the rest of the article: {error}", severity="error", timeout=10)
        return
    if article is not None and not get_current_worker().is_cancelled:
        owner.post_message(ArticleCompleted(article))
