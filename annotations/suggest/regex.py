"""Suggestion regexes on RE2: matching takes time linear in the text, whatever the pattern.

Python's ``re`` backtracks: a built-in pattern took seconds on a run of 10,000 digits and
a user's ``(a+)+$`` could take years, holding the GIL all the while, so the reader's
suggestion worker froze the keys. RE2 (the ``google-re2`` bindings) never backtracks, and
its ``Match`` releases the GIL while it runs (``py::gil_scoped_release`` in the binding's
``_re2.cc``). It has no lookarounds and no backreferences, and its ``\\d``, ``\\s``, ``\\w``
and ``\\b`` are ASCII: see the README's Suggestions section for the syntax.

``re2`` ships no types: this module is the one place that touches it, and it is imported
only where suggestions are computed (never on the reader's start path).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: A word character as Python's ``\\w`` sees it (RE2's ``\\w`` is ASCII only).
WORD = r"\p{L}\p{N}_"
#: White space as Python's ``\\s`` sees it, within a bracket (RE2's ``\\s`` is ASCII only).
SPACE = r"\t\n\x{0B}\f\r\x{1C}-\x{1F}\x{85}\p{Z}"
#: The memory RE2 may use per regex (its default, 8 MiB): a bigger pattern is refused.
MAX_MEM = 8 << 20


class RegexError(ValueError):
    """A regex RE2 cannot compile; the message is RE2's reason."""


#: The group a pattern's regex may name for the words its reason quotes (``(?P<m>…)``):
#: RE2 has no lookbehind, so the text before them is matched outside it.
QUOTED = "m"


@dataclass(frozen=True)
class Regex:
    """A compiled RE2 regex: ``group`` is the group whose text a match reports (the
    :data:`QUOTED` group where the regex names one and it took part, else the match)."""

    source: str
    compiled: Any  # a re2._Regexp: the bindings ship no types
    group: int | str = 0

    def find(self, text: bytes) -> bytes | None:
        """The text of the first match in UTF-8 ``text`` (None if there is none)."""
        found = self.compiled.search(text)
        if found is None:
            return None
        words: bytes | None = found.group(self.group)
        if words is None:  # the named group is in an alternative that did not match
            whole: bytes = found.group(0)
            return whole
        return words


def compile_regex(source: str, *, case: bool, group: int = 0) -> Regex:
    """``source`` compiled by RE2 (ignoring case unless ``case``); raises :class:`RegexError`."""
    import re2

    options = re2.Options()
    options.case_sensitive = case
    options.log_errors = False  # RE2 would print its reason on stderr: it goes in the error instead
    options.max_mem = MAX_MEM
    try:
        compiled = re2.compile(source, options)
    except re2.error as error:
        raise RegexError(_reason(error)) from None
    return Regex(source, compiled, QUOTED if QUOTED in compiled.groupindex else group)


def escape(text: str) -> str:
    """``text`` as an RE2 regex matching it literally."""
    import re2

    escaped: str = re2.escape(text)
    return escaped


def _reason(error: Exception) -> str:
    reason = error.args[0] if error.args else error
    if isinstance(reason, bytes):
        reason = reason.decode("utf-8", "replace")
    return str(reason)
