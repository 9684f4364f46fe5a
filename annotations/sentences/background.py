"""``python -m annotations.sentences.background PATH``: split an article into sentences and cache them.

The reader runs this in another process for a big article, so splitting uses the other
core while the first sections are already on screen.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from annotations.formats.loader import load_article
from annotations.errors import NewsmarkError


def _exit_with_parent(parent: int) -> None:
    """Stop when the reader that started us is gone: no orphan left burning a core."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def main(argv: list[str]) -> int:
    """Split and cache each article named; one line per failure, status 2 if any."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    status = 0
    for path in argv:
        try:
            load_article(path)
        except NewsmarkError as error:
            print(f"newsmark: {error}", file=sys.stderr)
            status = 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
