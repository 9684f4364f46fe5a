"""The library's sentence counts: what the counting process finds, recorded in the
library as it comes (the counting runs in another process: see
:mod:`annotations.library.counting`)."""

from __future__ import annotations

import time
from collections.abc import Callable

from annotations.library.counting import Counter
from annotations.library.listing import Library

#: How often (seconds) the counts found are saved to the library index.
SAVE_SECONDS = 5.0


def record_counts(library: Library, counter: Counter, numbers: list[int], progress: Callable[..., None]) -> str | None:
    """Count the sentences of items ``numbers`` with ``counter`` and record each count
    (or why the file cannot be read) in ``library``, saving every :data:`SAVE_SECONDS`;
    ``progress`` is told which sort keys changed. Why counting failed, if it did."""
    by_path = {library.items[n].path: n for n in numbers}
    stamps = {n: entry.stamp for n in numbers if (entry := library.items[n].entry) is not None}
    last_save = time.monotonic()
    results = counter.counts(list(by_path))
    try:
        for found in results:
            number = by_path.get(found.path)
            if number is None or found.stamp != stamps.get(number):
                continue
            if found.error is not None:
                library.set_error(number, found.stamp, found.error)
                progress("title", "sentences")
            elif found.sentences is not None:
                library.set_sentences(number, found.stamp, found.sentences)
                progress("sentences")
            if time.monotonic() - last_save >= SAVE_SECONDS:
                library.save()
                last_save = time.monotonic()
    finally:
        results.close()  # stops the process if it is still counting (an error here)
    return counter.failure
