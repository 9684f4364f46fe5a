"""Who may read what newsmark keeps: the store and the fetched pages are the analyst's
own (notes are their work, and a shared analysis server has other accounts); exports and
briefs are made to be handed on, so they follow the umask as any file the user makes."""

from __future__ import annotations

#: Files of the store and of the fetched pages' folder: readable by their owner only.
PRIVATE_FILE = 0o600
#: Folders of the store and of the fetched pages, likewise.
PRIVATE_FOLDER = 0o700
#: Exports and briefs: 0644 less the umask.
SHARED_FILE = 0o644
