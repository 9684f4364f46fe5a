"""The rest of a big article, split into sentences in another process.

A big article opens with its first sections (:func:`~annotations.formats.loader.load_article`
with ``first_part_only``); :class:`RestOfArticle` then has another process split the
whole file into the sentence cache, so the splitting uses the machine's other core
while the reader answers keys (the fast path takes most paragraphs; what goes to pysbd
is shared with a second worker when there is much of it), reads and parses the file
meanwhile, and builds the complete article from that cache.

``python -m annotations.formats.progressive --cache FOLDER PATH...`` is that process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from annotations.errors import NewsmarkError
from annotations.formats.loader import build_article, cache_sentences, read_body
from annotations.model import Article
from annotations.sentences.cache import SentenceCache


class RestOfArticle:
    """Completes an article that was opened in parts; :meth:`load` blocks, :meth:`cancel` stops it.

    ``load`` is meant for a worker thread: it returns the whole article, or ``None`` if
    cancelled. A failure to read the file raises :class:`~annotations.errors.NewsmarkError`.
    """

    def __init__(self, part: Article, cache: SentenceCache) -> None:
        self.path = part.path
        self.cache = cache
        self.cached = cache.exists(part.sha256, part.format)
        """Whether the sentences are cached already (then no process is started)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancelled.is_set()

    def load(self) -> Article | None:
        """Split the file in another process unless cached, reading and parsing it here
        meanwhile, then build the whole article from the cache."""
        process = None
        if not self.cached:
            with self._lock:
                if self.cancelled:
                    return None
                process = self._process = subprocess.Popen(
                    [sys.executable, "-m", "annotations.formats.progressive", "--cache", str(self.cache.folder), self.path],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,  # a failure shows again, in one line, when loading below
                )
        try:
            body = read_body(self.path)
        finally:
            if process is not None:
                process.wait()
        if self.cancelled:
            return None
        return build_article(body, cache=self.cache)

    def cancel(self) -> None:
        """Stop: the splitting process is killed and :meth:`load` returns ``None``."""
        with self._lock:
            self._cancelled.set()
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def _exit_with_parent(parent: int) -> None:
    """Stop when the reader that started us is gone: no orphan left burning a core."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def main(argv: list[str]) -> int:
    """Split and cache each article named; one line per failure, status 2 if any."""
    import argparse  # this process only: the reader imports this module as it starts

    parser = argparse.ArgumentParser(prog="python -m annotations.formats.progressive")
    parser.add_argument("--cache", required=True, metavar="FOLDER", help="the sentence cache folder")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    args = parser.parse_args(argv)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    cache = SentenceCache(Path(args.cache))
    status = 0
    for path in args.paths:
        try:
            # Both cores: forking is safe here (the only other thread, the parent watch, holds no lock).
            cache_sentences(path, cache, workers=min(2, os.cpu_count() or 1))
        except NewsmarkError as error:
            print(f"newsmark: {error}", file=sys.stderr)
            status = 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
