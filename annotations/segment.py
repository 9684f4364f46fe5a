"""``python -m annotations.segment PATH``: split an article into sentences and cache them.

The reader runs this in another process for a big article, so splitting uses the other
core while the first sections are already on screen.
"""

from __future__ import annotations

import sys

from .article import load_article
from .errors import NewsmarkError


def main(argv: list[str]) -> int:
    """Split and cache each article named; one line per failure, status 2 if any."""
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
