"""Split many paragraphs at once, on more than one core when pysbd has much to read.

The fast path (:func:`~annotations.sentences.fastpath.fast_split`) takes most paragraphs
at ~14 MB/s; the ones it refuses go to pysbd at ~0.3 MB/s. When those hold more than
:data:`PARALLEL_CHARS`, half of them (by length) are split in a forked worker process
while this one splits the other half, so a big article uses both cores of a 2-core
machine. The result is exactly what :func:`~annotations.sentences.splitter.split_sentences`
gives paragraph by paragraph.
"""

from __future__ import annotations

import os
import threading
import time

from annotations.sentences.fastpath import fast_split
from annotations.sentences.splitter import load_pysbd, split_sentences

Spans = list[tuple[int, int]]

#: Below this many characters for pysbd, starting a worker costs more than it saves.
PARALLEL_CHARS = 100_000


def split_many(paragraphs: list[str], *, workers: int | None = None) -> list[Spans]:
    """The sentence spans of each paragraph, in order.

    ``workers`` is how many processes may split at once (by default the machine's cores,
    at most 2); with 1, or where ``fork`` is not available, everything is split here.
    """
    result: list[Spans | None] = [fast_split(paragraph) if paragraph.strip() else [] for paragraph in paragraphs]
    refused = [index for index, spans in enumerate(result) if spans is None]
    workers = min(2, os.cpu_count() or 1) if workers is None else workers
    remote: list[int] = []
    if workers > 1 and sum(len(paragraphs[i]) for i in refused) > PARALLEL_CHARS and _can_fork():
        remote = _half_by_length(refused, paragraphs)
    sent_away = set(remote)
    local = [index for index in refused if index not in sent_away]
    if remote:
        import multiprocessing  # only for a big job: not on the reader's start path
        from concurrent.futures import ProcessPoolExecutor

        load_pysbd()  # loaded once, before the fork: the worker has it too
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)) as pool:
            future = pool.submit(_split_all, [paragraphs[i] for i in remote])
            for index in local:
                result[index] = split_sentences(paragraphs[index])
            for index, spans in zip(remote, future.result(), strict=True):
                result[index] = spans
    else:
        for index in local:
            result[index] = split_sentences(paragraphs[index])
    return [spans if spans is not None else [] for spans in result]


def _split_all(paragraphs: list[str]) -> list[Spans]:
    """Split each paragraph (in the worker process)."""
    return [split_sentences(paragraph) for paragraph in paragraphs]


def _half_by_length(indexes: list[int], paragraphs: list[str]) -> list[int]:
    """Every other paragraph of ``indexes`` by length, so both halves hold about as much text."""
    by_length = sorted(indexes, key=lambda index: len(paragraphs[index]), reverse=True)
    return sorted(by_length[1::2])


def _watch_parent(parent: int) -> None:
    """In the worker: exit when the process that started it is gone (killed by a reader
    that no longer needs the split), rather than burn a core for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _can_fork() -> bool:
    """Whether a worker can start without importing everything again (``fork``)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
