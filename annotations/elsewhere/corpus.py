"""Which articles elsewhere looks in when none are named: the article's own folder and every
folder a library was opened on (as ``newsmark search`` does), through the corpus index."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from annotations.library.text_index import TextIndex, default_search_folder
from annotations.library.text_scope import Scope

from .indexed import IndexedSource


def default_paths(article_path: str) -> list[str]:
    """The article's folder (a page fetched by URL: the page alone) and the libraries' folders."""
    from annotations.library.index import default_index_folder
    from annotations.library.text_scope import opened_folders
    from annotations.web.pages import kept_source

    own = article_path if kept_source(article_path) else os.path.dirname(os.path.abspath(article_path))
    return list(dict.fromkeys([own, *opened_folders(default_index_folder())]))


def indexed_source(
    paths: Sequence[str | Path], index: TextIndex | None = None, *, depth: int = 0, skip: Sequence[str | Path] = ()
) -> IndexedSource:
    """Candidates from the corpus index (the user's, unless ``index``) over ``paths``, the
    index brought up to date with them first (only what changed is read again)."""
    index = index or TextIndex(default_search_folder())
    scope = Scope.of(paths, depth=depth, skip=skip)
    index.update(scope)
    return IndexedSource(index, scope)
