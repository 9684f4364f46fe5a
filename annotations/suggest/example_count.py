"""Whether the store could teach the learned suggester anything yet: a count of its tagged
sentences per tag, read from the records alone (no article text, no scikit-learn).

A tag's model is used only once it was trained on :data:`~annotations.suggest.learner.MIN_EXAMPLES`
sentences with the tag and its gate judged :data:`~annotations.suggest.learner.MIN_HELD_POSITIVES`
stored sentences with it (every stored sentence is judged, out of fold): with fewer
sentences tagged so for every tag, no training can open a gate, so the reader does not
even start the learning process.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

from annotations.store.records import Record
from annotations.suggest.learner import MIN_EXAMPLES, MIN_HELD_POSITIVES

#: Sentences with a tag the store needs before the tag's model can be used.
ENOUGH_TO_LEARN = max(MIN_EXAMPLES, MIN_HELD_POSITIVES)


def tagged_counts(records: Iterable[Record], annotators: Collection[str], tags: Collection[str]) -> Counter[str]:
    """How many sentences ``annotators`` gave each of ``tags`` (whole-sentence records
    only, as the learner's examples are)."""
    sentences: dict[str, set[int]] = {}
    for record in records:
        if record["annotator"] in annotators and "span" not in record and not record.get("orphan"):
            for tag in record["tags"]:
                if tag in tags:
                    sentences.setdefault(tag, set()).add(record["sentence"])
    return Counter({tag: len(numbers) for tag, numbers in sentences.items()})


def store_tagged_counts(
    store_root: Path, annotators: Collection[str], tags: Collection[str], *, leave_out: Path | None = None
) -> Counter[str]:
    """:func:`tagged_counts` over every article of the store but the one whose store file
    is ``leave_out`` (the reader counts its own article's records as it holds them)."""
    from annotations.store.folder import Store
    from annotations.store.holding import LockMode

    total: Counter[str] = Counter()
    if not store_root.exists():
        return total
    store = Store(store_root, mode=LockMode.READ, wait=0.0)
    try:
        for file in store.stored_files():
            try:
                if leave_out is None or file.path.resolve() != leave_out.resolve():
                    total += tagged_counts(file.records(), annotators, tags)
            finally:
                file.close()
    finally:
        store.close()
    return total


def enough_to_learn(counts: Counter[str]) -> bool:
    """Whether some tag has enough tagged sentences for its model to be used."""
    return any(count >= ENOUGH_TO_LEARN for count in counts.values())
