"""The learned suggester in a process of its own, for the reader.

Importing scikit-learn, reading the store's examples, training and predicting are Python
work that would take turns with the reader's keys for the one interpreter lock; the
reader runs them here instead (niced, on the machine's other core) and waits on a pipe.

``python -m annotations.suggest.learn_service`` reads one JSON object per line on standard
input and answers each with one JSON object per line on standard output, in order:

- first line, no answer: ``{"store", "tags": [[name, key, colour, description], ...],
  "patterns": FILE or null, "annotators": [...]}``;
- ``{"train": "store"}``: train on every new example of the store; ``{"train": FILE}``:
  on the new examples of one article, its store file FILE (when a tag trained on changed
  or went away, again from scratch on the store: the model equals the store's). Answer ``{"used": [...],
  "owned": [...], "examples": N, "before": [...]}`` (the tags the model decides, those it
  decides alone, the examples trained on so far, and the tags it decided before this
  training: the cached model's, the first time) or ``{"error": reason}`` (a damaged store
  or pattern file);
- ``{"suggest": [[number, text], ...], "muted": [...]}``: the learned suggestions for these
  sentences, ``{"found": [[number, tag, reason, patterns, certainty], ...]}``.

It ends when its standard input ends (the reader ended, however it ended). The models
stay a cache in the user cache folder (:mod:`annotations.suggest.training`); the store is
only read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from annotations.errors import NewsmarkError
from annotations.model import Sentence
from annotations.schema import Tag, TagSchema
from annotations.suggest.learned import LearnedSuggester
from annotations.suggest.learner import Example, LearnedModels
from annotations.suggest.patterns import PatternSet, load_patterns
from annotations.suggest.training import (
    article_examples,
    article_name,
    cache_paths,
    load_models,
    update_article,
    update_from_store,
)


def config_line(store_root: Path, schema: TagSchema, pattern_file: Path | None, annotators: Iterable[str]) -> str:
    """The first line the reader writes: what the service learns from."""
    tags = [list(tag) for tag in schema.tags]
    config = {"store": str(store_root), "tags": tags, "patterns": None if pattern_file is None else str(pattern_file)}
    return json.dumps({**config, "annotators": list(annotators)}) + "\n"


class LearnService:
    """Answers the reader's requests (see the module's docstring) for one store, schema and pattern set."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.store_root = Path(config["store"])
        self.schema = TagSchema(tuple(Tag(*tag) for tag in config["tags"]), checkable=())
        self.pattern_file = None if config["patterns"] is None else Path(config["patterns"])
        self.annotators = tuple(config["annotators"])
        self._patterns: PatternSet | None = None
        self._used: frozenset[str] | None = None

    @property
    def patterns(self) -> PatternSet:
        """The patterns in force (read at the first request that needs them)."""
        if self._patterns is None:
            self._patterns = load_patterns(self.schema, self.pattern_file)
        return self._patterns

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """The answer to one request; a damaged store or pattern file is answered, not raised."""
        try:
            if "train" in request:
                return self.train(request["train"])
            return {"found": self.suggest(request["suggest"], frozenset(request.get("muted", ())))}
        except NewsmarkError as error:
            return {"error": str(error)}

    def train(self, what: str) -> dict[str, Any]:
        """Train on the whole store's new examples (``"store"``) or one article's (its store file)."""
        before = self._used
        if before is None:  # what the cached model decided before this process trained it
            paths = cache_paths(self.store_root, self.schema, self.patterns)
            before = load_models(paths[0], tuple(self.schema.names)).used_tags()
        if what == "store":
            models = update_from_store(self.store_root, self.schema, self.patterns, self.annotators)
        else:
            models = update_article(self.store_root, self.schema, self.patterns, self.file_examples(Path(what)), self.annotators)
        self._used = models.used_tags()
        return {**trained(models), "before": sorted(before)}

    def file_examples(self, path: Path) -> tuple[str, list[Example]]:
        """The group name and examples of the article whose store file is ``path``, as
        opening it shows its records."""
        from annotations.store.article_file import ArticleFile
        from annotations.store.corpus import stored_article
        from annotations.store.folder import Store
        from annotations.store.holding import LockMode

        if not path.exists():
            return "", []
        store = Store(self.store_root, mode=LockMode.READ, wait=0.0)
        file = ArticleFile.open(path, read_only=True, bulk=True)
        try:
            stored = stored_article(store, file, schema=self.schema, read_text=True)
            records = [r for records in stored.view.by_sentence.values() for r in records]
            sentences = stored.article.sentences if stored.article else ()
            examples = article_examples(sentences, records, self.schema, self.annotators)
            return (examples[0].group if examples else article_name(list(sentences), {})), examples
        finally:
            file.close()
            store.close()

    def suggest(self, sentences: list[list[Any]], muted: frozenset[str]) -> list[list[Any]]:
        """The learned suggester's suggestions for ``[number, text]`` pairs."""
        found = LearnedSuggester(self.patterns).suggest((Sentence(n, 0, 0, 0, 0, text) for n, text in sentences), muted)
        return [[s.sentence, s.tag, s.reason, list(s.patterns), s.certainty] for s in found]


def trained(models: LearnedModels) -> dict[str, Any]:
    """The answer to a training: the tags the model decides, alone, and how much it saw."""
    return {"used": sorted(models.used_tags()), "owned": sorted(models.owned_tags()), "examples": len(models.seen)}


def serve(lines: TextIO, out: TextIO) -> None:
    """Answer each request of ``lines`` on ``out`` until ``lines`` ends (the first line configures)."""
    first = lines.readline()
    if not first:
        return
    service = LearnService(json.loads(first))
    for line in lines:
        out.write(json.dumps(service.answer(json.loads(line))) + "\n")
        out.flush()


def main() -> None:
    """The process's entry point."""
    serve(sys.stdin, sys.stdout)


if __name__ == "__main__":  # pragma: no cover - run as a process
    main()
