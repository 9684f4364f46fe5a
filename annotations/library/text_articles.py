"""The text index's list of articles (``articles.json``): each indexed file's stamp when it
was indexed (its title and section labels are stored with its sentences in the engine).

A file's stamp is its size, modification time and status-change time (ctime). Size and
modification time alone miss a file rewritten at the same size whose time was set back
(``cp -p``, ``rsync -t``, unpacking an archive all set it); the ctime cannot be set
that way: any write, and setting the modification time itself, moves it to now. It comes
with the same ``stat`` as the others, so it costs nothing; a file whose ctime alone
moved (``chmod``, a new hard link) is only indexed again, its sentences from the cache.

A library of 10,000 articles lists 10,000 stamps, read and compared on every search. So
the list holds nothing else (``{"stamps": {path: [size, mtime, ctime]}}``: a title for
each would double what every search reads), and a stamp is the very list a scope's walk
makes (:meth:`~annotations.library.text_scope.Scope.stamps`): a folder's files and what
was indexed of them compare as two dictionaries, in one step rather than one per file.
"""

from __future__ import annotations

import os
from typing import Any

#: What tells whether an article file changed: its size, modification and status-change
#: times (ns); a list, as stored, so that it compares with the stored one as it is.
Stamp = list[int]
#: Indexed files by absolute path, with their stamps as stored (a damaged stamp is no
#: :data:`Stamp` and equals none: that file is indexed again).
Stamps = dict[str, Any]
#: The stamp of a file that could not be read: one no file has (it is tried again next time).
UNREAD: Stamp = [0, 0, 0]


def stamp_of(status: os.stat_result) -> Stamp:
    """The stamp of a ``stat`` result."""
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns]
