"""A library's paths as it shows them: relative to the folder they share."""

from __future__ import annotations

import os
from collections.abc import Iterable


def shown_paths(paths: list[str], roots: Iterable[str] = ()) -> list[str]:
    """Each absolute path relative to the folder all of them and the folders named for
    them (``roots``) share: an only article in a subfolder keeps the subfolder's name."""
    if not paths:
        return []
    common = os.path.commonpath({os.path.dirname(p) for p in paths} | {os.path.abspath(r) for r in roots})
    cut = len(common.rstrip(os.sep)) + 1
    return [p[cut:] for p in paths]
