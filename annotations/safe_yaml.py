"""PyYAML with its C loader and dumper when present, safe loading only."""

from __future__ import annotations

import yaml

try:
    SafeLoader: type = yaml.CSafeLoader
    SafeDumper: type = yaml.CSafeDumper
    HAS_LIBYAML = True
except AttributeError:  # PyYAML built without libyaml
    SafeLoader = yaml.SafeLoader
    SafeDumper = yaml.SafeDumper
    HAS_LIBYAML = False


def error_line(error: yaml.YAMLError, text: str) -> int | None:
    """The line (from 1) of ``text`` a YAML error is at, or None: an error at the end of
    the text (an unclosed ``[``) is at its last line that holds something, not at the
    empty line after its last line end."""
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return None
    lines = text.splitlines()
    last = max((number for number, line in enumerate(lines, start=1) if line.strip()), default=1)
    return min(int(mark.line) + 1, last)
