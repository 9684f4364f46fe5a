"""One annotator's records on one place merged into one (see
:func:`annotations.store.reanchoring.merge_changes`): what their assessments become.

The latest status (by its record's ``updated``) with its rationale, the latest grade;
evidence, links and the status history of all of them, each item once (history in time
order), so nothing one of them held is lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from annotations.store.records import Record, instant


def _once(items: list[Any]) -> list[Any]:
    """``items`` without repeats, in order (mappings compared by content)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def merged_assessment(group: Sequence[Record]) -> dict[str, Any]:
    """The assessment fields of the record ``group`` merges into (those it has, only)."""
    latest = sorted(group, key=lambda r: instant(r["updated"]))
    merged: dict[str, Any] = {}
    statused = [r for r in latest if "status" in r]
    if statused:
        merged["status"] = statused[-1]["status"]
        if statused[-1].get("rationale"):
            merged["rationale"] = statused[-1]["rationale"]
    for name in ("evidence", "links"):
        items = _once([item for r in group for item in r.get(name, ())])  # type: ignore[attr-defined]
        if items:
            merged[name] = items
    history = _once(sorted((item for r in group for item in r.get("status_history", ())), key=lambda h: instant(h["at"])))
    if history:
        merged["status_history"] = history
    graded = [r for r in latest if r.get("grade")]
    if graded:
        merged["grade"] = graded[-1]["grade"]
    return merged
