"""The exit status of every ``newsmark`` command, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What a ``newsmark`` command exits with (the README names them)."""

    #: The command did what it was asked.
    OK = 0
    #: Nothing to do: ``undo`` or ``redo`` with no change left to take back or make again.
    NOTHING_TO_DO = 1
    #: A mistake or a failure, said in one line on stderr (a file, a value, the store).
    ERROR = 2
    #: A failure the command did not expect (an internal error, said in one line).
    INTERNAL = 70
    #: The reader left on a hang-up (128 + SIGHUP).
    HANGUP = 129
    #: Interrupted: Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130
    #: The reader left on SIGTERM (128 + SIGTERM).
    TERMINATED = 143
