"""How a claim's status and a source's grade read in the reader without colour: the
status's mark after the tag letters, ``[c✓]`` verified, ``[c✗]`` false, and the Admiralty
grade beside a source's letter, ``[s B2]``."""

from __future__ import annotations

from collections.abc import Iterable

from annotations.schema import VerdictScale
from annotations.store.records import Record


def status_symbol(scale: VerdictScale, status: str) -> str:
    """The mark drawn for ``status``: "" for none or the scale's first (where every
    claim starts: a plain ``[c]``), ``?`` for one the scale no longer has."""
    if not status or status == scale.default.name:
        return ""
    verdict = scale.get(status)
    return verdict.mark if verdict is not None else "?"


def verdict_inside(letters: str, symbol: str, grade: str) -> str:
    """The tag letters with the status's mark and the grade, as inside a marker: ``c✓``, ``s B2``."""
    return letters + symbol + (f" {grade}" if grade else "")


def reader_verdicts(records: Iterable[Record], scale: VerdictScale) -> dict[str, str]:
    """Each annotator's status mark and grade on one place, as a who-tagged-what marker
    adds them after the letters (``ana:c✗ bo:c✓``): "" for a claim at the first status."""
    return {
        record["annotator"]: verdict_inside("", status_symbol(scale, record.get("status", "")), record.get("grade", ""))
        for record in records
    }
