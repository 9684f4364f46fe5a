"""Regular expressions compiled when first used rather than at import: the patterns a
module keeps for later (an HTML page's charset, a colour in a config file) then cost the
reader's start nothing (compiling them all at import took ~1.5 ms of every start)."""

from __future__ import annotations

import re
from functools import cache


@cache
def text_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """``source`` compiled, once."""
    return re.compile(source, flags)


@cache
def bytes_pattern(source: bytes, flags: int = 0) -> re.Pattern[bytes]:
    """``source`` (a pattern over bytes) compiled, once."""
    return re.compile(source, flags)
