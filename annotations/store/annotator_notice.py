"""Saying once which name tags are saved under, when nobody chose it.

Without ``--annotator``, ``$NEWSMARK_ANNOTATOR`` or the config's ``annotator:`` the
annotator is the login name (often ``root`` on a shared server). The first time a store
is written under such a name, newsmark says so once; a small marker in the store folder
(owner-only, as the store's other files) remembers that it was said.
"""

from __future__ import annotations

from pathlib import Path

from annotations.store.permissions import PRIVATE_FILE
from annotations.store.storage import atomic_write_bytes

#: The marker in the store folder: the notice was given (it holds the name it named).
NOTICE_NAME = "annotator-notice"


def annotator_notice(annotator: str) -> str:
    """The one line that says which name tags are saved under and how to change it."""
    return (
        f'tags are saved as "{annotator}" (the login name); set --annotator, $NEWSMARK_ANNOTATOR or annotator: in the config to change it'
    )


def first_notice(store_root: Path, annotator: str) -> str | None:
    """The notice, the first time for the store at ``store_root`` (the marker is written
    then), else None. A store folder not there (nothing written) or a marker that cannot
    be written gives None: the notice is not worth failing a command over."""
    marker = store_root / NOTICE_NAME
    if not store_root.is_dir() or marker.exists():
        return None
    try:
        atomic_write_bytes(marker, annotator.encode("utf-8") + b"\n", mode=PRIVATE_FILE)
    except OSError:
        return None
    return annotator_notice(annotator)
