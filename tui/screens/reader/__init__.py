"""The reader: one article, section by section; the screen wires its parts together."""

from .options import ReaderOptions
from .screen import ReaderScreen

__all__ = ["ReaderOptions", "ReaderScreen"]
