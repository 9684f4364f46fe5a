"""Start-up without pauses for the garbage collector.

Importing Textual and building the first screen allocate hundreds of thousands of
objects that all live on, so the collector's passes during start-up find nothing to
free; they cost about a tenth of the time to the first frame. The interactive command
pauses collection until the first frame is painted, then freezes what start-up built
(later passes skip it, which also keeps them short while keys are pressed).
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Stop automatic garbage collection until :func:`resume_collection`."""
    gc.disable()


def resume_collection() -> None:
    """Freeze the objects built so far and collect again; only after a pause."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
