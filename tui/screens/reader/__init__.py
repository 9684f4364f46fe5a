"""The reader: one article, section by section; the screen wires its parts together."""

from .screen import ReaderScreen

__all__ = ["ReaderScreen"]
