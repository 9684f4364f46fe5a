"""What the reader remembers between runs: the theme, one sentence per line, the
library's sort. Kept in one small JSON file in the user state folder
(``~/.local/state/newsmark/preferences.json`` on Linux).

Preferences are not data: a damaged or unreadable file means the defaults, and a failed
write (full or read-only disk) means the choice is not remembered, never an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from annotations.files import write_cache_file

T = TypeVar("T", bool, int, str)


def default_preferences_path() -> Path:
    """The platform's user state location of the preferences file."""
    from platformdirs import user_state_path

    return user_state_path("newsmark") / "preferences.json"


class Preferences:
    """Remembered choices by name; ``path`` None keeps them in memory only (tests, embedding)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._values: dict[str, object] | None = None

    @classmethod
    def default(cls) -> Preferences:
        """The user's own preferences file."""
        return cls(default_preferences_path())

    def get(self, name: str, default: T) -> T:
        """The remembered value of ``name``, or ``default`` when none is remembered or it
        is not of ``default``'s type (a file edited by hand)."""
        value = self._load().get(name, default)
        return value if type(value) is type(default) else default

    def set(self, name: str, value: bool | int | str) -> None:
        """Remember ``value`` as ``name`` (written at once, best effort)."""
        known = self._load()
        if known.get(name) == value and type(known.get(name)) is type(value):
            return
        if self.path is not None:
            # read again first: another newsmark may have remembered something since (its
            # choice stays; only ``name`` is this one's)
            self._values = None
        current = self._load()
        current[name] = value
        if self.path is not None:
            write_cache_file(self.path, json.dumps(current, sort_keys=True, indent=1).encode("utf-8"))

    def _load(self) -> dict[str, object]:
        if self._values is None:
            self._values = {}
            if self.path is not None:
                try:
                    loaded = json.loads(self.path.read_bytes())
                except (OSError, ValueError):  # missing or damaged: the defaults (see the module's docstring)
                    loaded = {}
                if isinstance(loaded, dict):
                    self._values = loaded
        return self._values
