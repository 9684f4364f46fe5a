"""Bringing the text index up to date in another process, for the library.

Indexing means splitting articles and handing their sentences to the engine: Python work
that would take turns with the library's keys for the one interpreter lock. The library
runs it here instead, on the machine's other core, and reads how far it got.

``python -m annotations.library.text_build --index FOLDER [--cache FOLDER]`` reads one
JSON string (an article file's path) per line on standard input until it ends, brings the
index in FOLDER up to date for those files (a scope of files: indexed files not among
them are kept), and writes one JSON object per line on standard output:
``{"done", "total"}`` as articles are indexed, ``{"notice"}`` for an index built anew (why),
``{"error"}`` when it could not be updated, then ``{"finished": N}`` (files indexed or dropped).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from annotations.errors import NewsmarkError
from annotations.library.text_index import TextIndex
from annotations.library.text_scope import Scope
from annotations.sentences.cache import SentenceCache


def build(index: TextIndex, paths: Iterable[str], out: TextIO) -> None:
    """Update ``index`` for ``paths``, reporting on ``out`` (see the module's docstring)."""

    def say(**fields: object) -> None:
        out.write(json.dumps(fields) + "\n")
        out.flush()

    try:
        changed = index.update(Scope.of(paths), lambda done, total: say(done=done, total=total))
    except NewsmarkError as error:
        say(error=str(error))
        return
    finally:
        for notice in index.notices:
            say(notice=notice)
    say(finished=changed)


def main(argv: list[str] | None = None) -> None:
    """The process's entry point."""
    parser = argparse.ArgumentParser(prog="python -m annotations.library.text_build")
    parser.add_argument("--index", required=True)
    parser.add_argument("--cache")
    args = parser.parse_args(argv)
    paths = [path for line in sys.stdin if isinstance(path := json.loads(line), str)]
    cache = SentenceCache(Path(args.cache)) if args.cache else None
    build(TextIndex(args.index, sentence_cache=cache), paths, sys.stdout)


if __name__ == "__main__":  # pragma: no cover - run as a process
    main()
