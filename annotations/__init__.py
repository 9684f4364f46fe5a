"""newsmark's core: articles, sentences, tags, the annotation store and its exports.

This package is plain Python and never imports textual.
"""

from __future__ import annotations

__version__ = "0.1.0"
