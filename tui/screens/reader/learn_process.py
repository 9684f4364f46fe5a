"""The reader's side of the learning process: the learned suggester runs in a process of its
own (:mod:`annotations.suggest.learn_service`), so importing scikit-learn, training and
predicting never hold the interpreter lock the reader's keys need.

Worker threads ask it, one request at a time; a thread waiting for its answer blocks on
the pipe, which lets the keys run. It starts at the first request, niced, and ends with
the reader (its standard input closing ends it too, however the reader ended). A process
that cannot start or ends on its own is not started again: the patterns suggest alone.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from collections.abc import Callable, Iterable
from typing import Any

from annotations.model import Sentence
from annotations.suggest.model import Suggestion

from ...child_process import start_child

#: The module the learning process runs.
SERVICE = "annotations.suggest.learn_service"


class LearnProcess:
    """The learning process of one reader visit."""

    def __init__(self, config: Callable[[], str], ended: Callable[[str], object]) -> None:
        self._config = config
        """Makes the first line the process reads (what it learns from)."""
        self._ended = ended
        """Called once, from the asking thread, when the process could not start or ended on its own."""
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self.failed = False
        """Whether it could not start or ended on its own (it is not started again)."""
        self._stopping = False

    @property
    def started(self) -> bool:
        """Whether a process was started (it may have ended since)."""
        return self._process is not None or self.failed

    @property
    def pid(self) -> int | None:
        """The process's id while it runs."""
        process = self._process
        return process.pid if process is not None and not self.failed else None

    def ask(self, request: dict[str, Any]) -> dict[str, Any] | None:
        """The process's answer to ``request`` (in a worker thread; the process starts at the
        first request); None once it could not start, ended, or the reader stopped it."""
        with self._lock:
            if self._stopping or self.failed:
                return None
            try:
                process = self._process or self._start()
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
                line = process.stdout.readline()  # blocks on the pipe, without the interpreter lock
                return dict(json.loads(line))
            except (OSError, ValueError) as error:  # could not start, a closed pipe, no answer (it ended)
                self._fail(error)
                return None

    def _start(self) -> subprocess.Popen[str]:
        process = start_child(SERVICE)
        self._process = process
        assert process.stdin is not None
        process.stdin.write(self._config())
        return process

    def _fail(self, error: Exception) -> None:
        """Note that the process is gone (and say so once, unless the reader stopped it)."""
        self.failed = True
        process = self._process
        status = _end(process) if process is not None else None
        if self._stopping:
            return
        if process is None:
            self._ended(f"the learning process could not start ({error})")
        else:
            self._ended(f"the learning process ended (exit status {status})")

    def stop(self) -> None:
        """End the process (the reader is leaving); a thread waiting on it gets None."""
        self._stopping = True
        process = self._process
        if process is not None:
            _end(process)
        with self._lock:  # a request that started it meanwhile has ended now; close the pipes
            process, self._process = self._process, None
            if process is not None:
                _end(process)
                for pipe in (process.stdin, process.stdout):
                    if pipe is not None:
                        with contextlib.suppress(OSError):
                            pipe.close()


def _end(process: subprocess.Popen[str]) -> int | None:
    """Kill ``process`` if it runs, and reap it; its exit status."""
    if process.poll() is None:
        process.kill()
    return process.wait()


class ProcessSuggester:
    """The learned suggester as the reader sees it: asks the learning process, for the tags
    the last training says the model decides (asking nothing while it decides none)."""

    name = "learned"

    def __init__(self, process: LearnProcess) -> None:
        self._process = process
        self.used: frozenset[str] = frozenset()
        """The tags the model decides, as the last training said."""
        self.owned: frozenset[str] = frozenset()
        """The tags it decides alone (the patterns' suggestions for them are left out)."""

    def trained(self, used: frozenset[str], owned: frozenset[str]) -> None:
        """What the last training said (set on the UI thread, read by the suggestion worker)."""
        self.used, self.owned = used, owned

    def owned_tags(self) -> frozenset[str]:
        """The tags the model decides alone, none once the process is gone."""
        return frozenset() if self._process.failed else self.owned

    def suggest(self, sentences: Iterable[Sentence], muted: frozenset[str] = frozenset()) -> list[Suggestion]:
        """The learning process's suggestions for ``sentences`` (none when the model decides no tag)."""
        if not self.used or self._process.failed:
            return []
        pairs = [[s.number, s.text] for s in sentences]
        if not pairs:
            return []
        answer = self._process.ask({"suggest": pairs, "muted": sorted(m for m in muted if m.startswith("learned/"))})
        if answer is None or "found" not in answer:
            return []
        return [Suggestion(n, tag, reason, tuple(patterns), certainty) for n, tag, reason, patterns, certainty in answer["found"]]
