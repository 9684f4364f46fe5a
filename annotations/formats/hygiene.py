"""Text hygiene: article text is data, never markup or terminal control."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 block.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def strip_controls(text: str) -> str:
    """Remove C0 (except tab and newline), DEL and C1 control characters."""
    return _CONTROL_CHARACTERS.sub("", text)


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
