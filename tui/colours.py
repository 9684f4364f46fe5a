"""Colours as the terminal interface knows them (Rich's names, hex, rgb(), colorN)."""

from __future__ import annotations


def is_terminal_colour(value: str) -> bool:
    """Whether Rich, which draws every tag, can show the colour ``value``."""
    from rich.color import Color, ColorParseError

    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True
