"""newsmark's core: articles, sentences, tags, the annotation store and its exchanges.

This package is plain Python and never imports textual or rich. Its subpackages, lowest
layer first: ``sentences`` (splitting, cache), ``formats`` (every input format, one
registry, article loading), ``store`` (TinyDB files, lock, record schema, per-article
annotations), ``exchange`` (export, import, stats); the article model, tag schema,
config and errors sit at the root.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``annotations.__version__``, read from the installed distribution's metadata when
    asked for (importing importlib.metadata costs milliseconds every start would pay)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsmark")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
