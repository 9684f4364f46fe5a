"""What a store holds: how it was opened (:class:`LockMode`) and, for each article file
it has open, the record of that hold (:class:`HeldArticle`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from annotations.store.article_file import ArticleFile


class LockMode(Enum):
    """How a store is opened: ``WRITE`` holds the whole store exclusively; ``ARTICLES``
    and ``AUTO`` share the store and lock each article as it is opened for writing
    (``ARTICLES`` raises if an article is held elsewhere, ``AUTO`` opens it read-only
    instead); ``READ`` never writes."""

    WRITE = "write"
    ARTICLES = "articles"
    AUTO = "auto"
    READ = "read"

    @property
    def per_article(self) -> bool:
        """Whether each article opened for writing is locked for itself."""
        return self in (LockMode.ARTICLES, LockMode.AUTO)


@dataclass
class HeldArticle:
    """One article file this store has open (by key), and what it holds for it."""

    key: str
    file: ArticleFile | None = None
    """The open file (None only while it is being opened)."""
    path: str | None = None
    """The article's path when it is opened for writing (writable or waiting to be)."""
    users: int = 0
    """How many opens for writing in this process use it: its lock is let go of when the last releases it."""
    guards: list[str] = field(default_factory=list)
    """The content guards it was opened for writing under, one per open."""
    refusal: str | None = None
    """Why it is read-only when it is its own lock (another writer of it, a folder that cannot be written)."""
