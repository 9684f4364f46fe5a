"""Colours as the terminal interface knows them (Rich's names, hex, rgb(), colorN)."""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color

#: WCAG contrast a tag's colour keeps against the background (bold text).
MIN_CONTRAST = 4.5


def is_terminal_colour(value: str) -> bool:
    """Whether Rich, which draws every tag, can show the colour ``value``."""
    from rich.color import ColorParseError

    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@lru_cache(maxsize=256)
def readable_colour(colour: str, background: Color | None) -> Color:
    """``colour`` as a foreground that reads on ``background``: moved towards black on a
    light background (or white on a dark one) until the contrast is :data:`MIN_CONTRAST`.
    A configured colour that already reads is kept as it is."""
    parsed = Color.parse(colour)
    if background is None or background.is_default:
        return parsed
    back = background.get_truecolor()
    rgb = parsed.get_truecolor()
    if contrast(rgb, back) >= MIN_CONTRAST:
        return parsed
    target = (0, 0, 0) if _luminance(back) > 0.18 else (255, 255, 255)
    for step in range(1, 11):
        mixed = tuple(round(c + (t - c) * step / 10) for c, t in zip(rgb, target, strict=True))
        if contrast(mixed, back) >= MIN_CONTRAST:  # type: ignore[arg-type]
            return Color.from_rgb(*mixed)
    return Color.from_rgb(*target)
