"""RecordView keeps its counts (tagged, noted sentences; annotators) up to date change by change."""

from __future__ import annotations

import random
from typing import Any, cast

from annotations.store.records import Record
from annotations.store.views import RecordView


def record(number: int, annotator: str, sentence: int, *, tags: list[str], note: str = "", orphan: bool = False) -> Record:
    found: dict[str, Any] = {"id": f"r{number}", "annotator": annotator, "sentence": sentence, "tags": tags, "note": note}
    if orphan:
        found["orphan"] = True
    return cast(Record, found)


def counts(view: RecordView) -> tuple[int, int, int]:
    return view.tagged_count, view.noted_count, view.annotator_count


def test_counts_kept_by_apply_match_a_view_made_afresh() -> None:
    rng = random.Random(23)
    records: dict[str, Record] = {}
    view = RecordView([])
    changed = removed = 0
    for step in range(400):
        number = rng.randrange(30)
        old = records.get(f"r{number}")
        new = None
        if old is None or rng.random() < 0.7:
            new = record(
                number,
                rng.choice(["ana", "ben", "final"]) if old is None else old["annotator"],
                rng.randrange(1, 12),
                tags=rng.choice([[], ["claim"]]),
                note=rng.choice(["", "check"]),
                orphan=rng.random() < 0.1,
            )
        changed += old is not None and new is not None
        removed += old is not None and new is None
        view.apply([(old, new)])
        if old is not None:
            records.pop(old["id"])
        if new is not None:
            records[new["id"]] = new
        assert counts(view) == counts(RecordView(records.values())), f"step {step}"
    assert changed > 50 and removed > 20  # the walk changed and removed records, not only added them


def test_noted_and_annotators_counted_when_made() -> None:
    view = RecordView(
        [
            record(1, "ana", 1, tags=["claim"], note="check"),
            record(2, "ben", 1, tags=[]),
            record(3, "cy", 4, tags=[], note="n", orphan=True),
        ]
    )
    assert counts(view) == (1, 1, 3)
