"""The writer lock: exclusive across objects and processes, dropped when its holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations.store.locking import LockTimeout, WriterLock

from .conftest import WAIT_LIMIT

HOLDER = """
import sys, time
from annotations.store.locking import WriterLock
lock = WriterLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_two_locks_on_one_file_exclude_each_other(tmp_path: Path) -> None:
    first, second = WriterLock(tmp_path / "writer.lock"), WriterLock(tmp_path / "writer.lock")
    first.acquire()
    assert first.is_locked
    started = time.monotonic()
    with pytest.raises(LockTimeout):
        second.acquire(timeout=0.2)
    assert time.monotonic() - started >= 0.2
    assert not second.is_locked
    first.release()
    second.acquire()
    assert second.is_locked
    second.release()
    second.release()  # releasing twice is harmless


def test_waiting_writer_gets_the_lock_when_the_holder_lets_go(tmp_path: Path) -> None:
    import threading

    holder, waiter = WriterLock(tmp_path / "writer.lock"), WriterLock(tmp_path / "writer.lock")
    holder.acquire()
    letting_go = threading.Timer(0.2, holder.release)  # mostly while the waiter waits; either order passes
    letting_go.start()
    try:
        waiter.acquire(timeout=WAIT_LIMIT)
        assert waiter.is_locked
    finally:
        letting_go.join()
        waiter.release()


def test_a_killed_holder_leaves_the_lock_free(tmp_path: Path) -> None:
    path = tmp_path / "writer.lock"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeout):
            WriterLock(path).acquire(timeout=0.1)
        process.send_signal(signal.SIGKILL)
        process.wait(WAIT_LIMIT)
        lock = WriterLock(path)
        lock.acquire(timeout=WAIT_LIMIT)  # free at once: the bound is only for failing
        assert lock.is_locked
        lock.release()
    finally:
        process.kill()
        process.wait()


def test_a_lock_file_that_cannot_be_opened_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        WriterLock(tmp_path / "missing-folder" / "writer.lock").acquire()
