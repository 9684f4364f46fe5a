"""Run by the crash tests: toggles tags in a loop, printing each acknowledged step.

Usage: python crash_worker.py STORE ARTICLE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

TAGS = ("claim", "figure", "concern", "source")


def operation(index: int, sentences: int) -> tuple[int, str]:
    """The index-th toggle of the deterministic sequence."""
    return (index * 7) % sentences + 1, TAGS[index % len(TAGS)]


def main() -> None:
    store = Store(sys.argv[1])
    article = load_article(sys.argv[2])
    notes = open_article(store, article, annotator="crash", schema=TagSchema())
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    print("ready", flush=True)
    index = start
    while True:
        sentence, tag = operation(index, len(article.sentences))
        notes.toggle([sentence], tag)
        print(index, flush=True)  # acknowledged: the call returned, so it is on disk
        index += 1


if __name__ == "__main__":
    main()
