"""What a store holds: how it was opened (:class:`LockMode`) and, for each article file
it has open, the record of that hold (:class:`HeldArticle`)."""

from __future__ import annotations

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


class HeldArticle:
    """One article file this store has open (by key), and what it holds for it. A plain
    class: a dataclass costs several times as much to define, on every start."""

    __slots__ = ("file", "guards", "key", "path", "refusal", "users")

    def __init__(self, key: str) -> None:
        self.key = key
        self.file: ArticleFile | None = None
        """The open file (None only while it is being opened)."""
        self.path: str | None = None
        """The article's path when it is opened for writing (writable or waiting to be)."""
        self.users = 0
        """How many opens for writing in this process use it: its lock is let go of when the last releases it."""
        self.guards: list[str] = []
        """The content guards it was opened for writing under, one per open."""
        self.refusal: str | None = None
        """Why it is read-only when it is its own lock (another writer of it, a folder that cannot be written)."""
