"""Following the links of a few records into the articles they lead to, without reading
the whole store: each article a link leads into is found by its end's content (then
path), as opening it finds its store file, and read as opening it would show it (an
article edited since is re-anchored in memory), for where its records' places went
(see :mod:`annotations.store.link_moves`)."""

from __future__ import annotations

from collections.abc import Iterable

from annotations.sentences.cache import SentenceCache
from annotations.store.article_file import ArticleFile
from annotations.store.corpus import stored_article
from annotations.store.folder import ARTICLES_DIR, Store, article_key
from annotations.store.identity import read_alias
from annotations.store.link_moves import Follower
from annotations.store.records import LinkEnd, Record


def follower_for(store: Store, records: Iterable[Record], *, cache: SentenceCache | None = None, own: str | None = None) -> Follower:
    """A :class:`Follower` for the links of ``records`` (``own``: the content hash of
    their article, whose links into itself its re-anchoring already re-pointed)."""
    found: list[tuple[str, object]] = []
    seen = {own} if own else set()
    for record in records:
        for link in record.get("links", ()):
            end = link["to"]
            if not end["content"] or end["content"] in seen:
                continue
            seen.add(end["content"])
            file = _file_of(store, end)
            if file is None:
                continue
            try:
                meta = stored_article(store, file, cache=cache).meta
            finally:
                file.close()
            found.append((str(meta.get("content") or ""), meta.get("moves")))
    return Follower(found)


def _file_of(store: Store, end: LinkEnd) -> ArticleFile | None:
    """The store file of the article ``end`` leads into (by its content's alias, then its
    path), opened read-only; None when the store holds none."""
    keys = [read_alias(store.root, "c", end["content"]), article_key(end["path"]), read_alias(store.root, "p", article_key(end["path"]))]
    for key in dict.fromkeys(k for k in keys if k):
        path = store.root / ARTICLES_DIR / f"{key}.json"
        if path.is_file():
            return ArticleFile.open(path, read_only=True, bulk=True)
    return None
