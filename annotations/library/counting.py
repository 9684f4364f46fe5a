"""Sentence counts for the library, found in another process.

Counting an article's sentences means splitting it (pysbd), by far the slowest part of
reading it; a library of thousands of articles does that in the background, in another
process, so the splitting runs on the machine's other core while the library answers
keys. Each article split is also kept in the sentence cache, so opening it later is
fast.

``python -m annotations.library.counting --cache FOLDER`` is that process: it reads
one JSON string (a path) per line on standard input and writes one JSON object per line
on standard output: ``{"path", "size", "mtime_ns", "sentences"}``, or ``{"path",
"size", "mtime_ns", "error"}`` for a file that is not a readable article. The stamp is
the file's before it was read: a file changed meanwhile is counted again next time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from pathlib import Path

from annotations.errors import NewsmarkError
from annotations.formats.loader import load_article
from annotations.library.scan import FileStamp
from annotations.sentences.cache import SentenceCache


@dataclass(frozen=True, slots=True)
class Count:
    """What counting one file found: its sentences, or why it cannot be read."""

    path: str
    stamp: FileStamp
    sentences: int | None = None
    error: str | None = None


def count_one(path: str, cache: SentenceCache) -> Count | None:
    """Split the article at ``path`` (through ``cache``) and count its sentences; None if it is gone."""
    try:
        stamp = FileStamp.of(os.stat(path))
    except OSError:
        return None
    try:
        article = load_article(path, cache=cache)
    except FileNotFoundError:
        return None
    except NewsmarkError as error:
        return Count(path, stamp, error=error.reason)
    return Count(path, stamp, sentences=len(article.sentences))


class Counter:
    """The counting process, fed paths and read for counts; :meth:`stop` ends it."""

    def __init__(self, cache: SentenceCache) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "annotations.library.counting", "--cache", str(cache.folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a failure shows as its exit status (see failure)
        )
        self._stopped = False

    def counts(self, paths: Iterable[str]) -> Generator[Count, None, None]:
        """Count each of ``paths``, yielding results as the other process finds them."""
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        stdin = process.stdin

        def feed() -> None:
            try:
                for path in paths:
                    stdin.write(json.dumps(path).encode() + b"\n")
            except OSError:  # the process was stopped (a broken pipe): nothing more to feed
                pass
            finally:
                with contextlib.suppress(OSError):  # closing flushes, and the pipe may be broken
                    stdin.close()

        threading.Thread(target=feed, daemon=True).start()
        finished = False
        try:
            for line in process.stdout:
                try:
                    found = json.loads(line)
                    yield Count(found["path"], FileStamp(found["size"], found["mtime_ns"]), found.get("sentences"), found.get("error"))
                except (ValueError, KeyError, TypeError):
                    continue  # not a line this module writes: skipped, the file is counted next time
            finished = True
        finally:
            if not finished:  # left early: the process may still be counting
                self.stop()
            process.wait()
            process.stdout.close()

    @property
    def failure(self) -> str | None:
        """Why the process ended before counting everything, if it failed (not when stopped)."""
        code = self._process.poll()
        if code is None or code == 0 or self._stopped:
            return None
        return f"the sentence counting process ended with status {code}; sentences stay uncounted"

    def pause(self) -> None:
        """Hold the process where it is (a reader is open and may want the other core) until :meth:`resume`."""
        if hasattr(signal, "SIGSTOP") and self._process.poll() is None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """Let a paused process go on."""
        if hasattr(signal, "SIGCONT") and self._process.poll() is None:
            self._process.send_signal(signal.SIGCONT)

    @property
    def pid(self) -> int:
        """The counting process's id."""
        return self._process.pid

    def stop(self) -> None:
        """End the process (a library closed before every article was counted); any thread may call it."""
        self._stopped = True
        if self._process.poll() is None:
            self._process.kill()


def main(argv: list[str]) -> int:
    """Count the articles named on standard input (see the module's doc)."""
    parser = argparse.ArgumentParser(prog="python -m annotations.library.counting")
    parser.add_argument("--cache", required=True, metavar="FOLDER", help="the sentence cache folder")
    args = parser.parse_args(argv)
    cache = SentenceCache(Path(args.cache))
    for line in sys.stdin.buffer:
        try:
            path = json.loads(line)
        except ValueError:
            continue
        if not isinstance(path, str):
            continue
        found = count_one(path, cache)
        if found is None:
            continue
        result: dict[str, object] = {"path": path, "size": found.stamp.size, "mtime_ns": found.stamp.mtime_ns}
        result.update({"sentences": found.sentences} if found.error is None else {"error": found.error})
        try:
            sys.stdout.write(json.dumps(result) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # the library is gone
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
