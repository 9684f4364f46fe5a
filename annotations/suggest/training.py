"""Training the learned suggester on the store's own tagged sentences, kept in a cache.

The examples are the sentences the analyst (and the final layer) tagged, and the
untagged sentences before the last one tagged in each article (read, left untagged).
The models and their figures live in the user cache folder (``learned/``), one pair of
files per store, schema and pattern set: the store (TinyDB) stays the record, the model
is a cache rebuilt from it when missing or unreadable. Nothing here writes to the store.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import pickle
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.cache_budget import touch, trim_cache
from annotations.files import user_cache_folder, write_cache_file
from annotations.schema import TagSchema
from annotations.suggest.learner import Example, LearnedModels, TagModel
from annotations.suggest.patterns import PatternSet

if TYPE_CHECKING:
    from annotations.model import Sentence
    from annotations.store.folder import Store
    from annotations.store.records import Record

#: Bumped when the cached models' layout or features change: older caches are rebuilt.
#: 5: the models are kept sparse and compressed (a store's dense models took 42 MB).
CACHE_FORMAT = 5


def cache_paths(store_root: Path, schema: TagSchema, patterns: PatternSet) -> tuple[Path, Path]:
    """The model file and the figures file for a store, schema and pattern set."""
    names = [str(store_root.resolve()), ",".join(schema.names), f"v{CACHE_FORMAT}"]
    names += [f"{p.name}={p.matcher.source}" for group in patterns.values() for p in group]
    digest = hashlib.sha256("\n".join(names).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    folder = user_cache_folder("learned")
    return folder / f"{digest}.pickle", folder / f"{digest}.json"


def load_models(path: Path, tags: tuple[str, ...]) -> LearnedModels:
    """The cached models, or new ones when there is no cache or it cannot be used (an
    older format, another scikit-learn): it is only a cache, rebuilt from the store."""
    try:
        data = path.read_bytes()
    except OSError:
        return LearnedModels(tags)
    try:
        models = pickle.loads(zlib.decompress(data))  # the user's own private cache file, written by write_cache_file
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError, IndexError):
        return LearnedModels(tags)
    if not isinstance(models, LearnedModels) or models.tags != tags:
        return LearnedModels(tags)
    for model in models.models.values():
        for classifier in (model.classifier, *model.folds):
            if classifier is not None:
                classifier.densify()
    touch(path)
    return models


def save_models(paths: tuple[Path, Path], models: LearnedModels) -> None:
    """Write the models and their figures (per tag: examples, held-out F1 of the model
    and of the patterns, whether it is used) to the cache, best effort, then keep the
    cache folder within its budget (:mod:`annotations.cache_budget`).

    Each classifier is kept sparse (only the weights of features seen: a store's dense
    models took 42 MB, its sparse ones 2 MB, 0.8 MB compressed) from a copy: the shelved
    models are read by another thread and never change."""
    model_path, figures_path = paths
    stored = copy.copy(models)
    stored.models = {tag: _sparse(model) for tag, model in models.models.items()}
    write_cache_file(model_path, zlib.compress(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL), 1))
    write_cache_file(figures_path, json.dumps(figures(models), indent=1).encode("utf-8"))
    trim_cache(model_path.parent, keep=paths)


def _sparse(model: TagModel) -> TagModel:
    """A copy of ``model`` whose classifiers keep their weights sparse (scikit-learn's
    ``sparsify``, undone by ``densify`` on loading)."""

    def sparse(classifier: Any) -> Any:
        if classifier is None:
            return None
        classifier = copy.copy(classifier)
        classifier.sparsify()
        return classifier

    return dataclasses.replace(model, classifier=sparse(model.classifier), folds=[sparse(c) for c in model.folds])


def figures(models: LearnedModels) -> dict[str, object]:
    """The models' figures, as kept beside them and shown by ``suggest --explain``."""
    return {
        "examples": len(models.seen),
        "held_out": len(models.examples),
        "tags": {tag: {"positives": m.positives, "negatives": m.negatives, **m.gate.as_json()} for tag, m in models.models.items()},
    }


def store_examples(store_root: Path, schema: TagSchema, annotators: Collection[str]) -> list[Example]:
    """The store's tagged sentences by ``annotators`` (their tags merged), and the
    untagged sentences read before the last tagged one of each article."""
    from annotations.store.folder import Store
    from annotations.store.holding import LockMode

    if not store_root.exists():
        return []
    store = Store(store_root, mode=LockMode.READ, wait=0.0)
    try:
        return list(_examples(store, schema, annotators))
    finally:
        store.close()


def _examples(store: Store, schema: TagSchema, annotators: Collection[str]) -> Iterator[Example]:
    from annotations.store.corpus import stored_articles

    for stored in stored_articles(store, schema=schema, read_text=True):
        records = [r for records in stored.view.by_sentence.values() for r in records]
        yield from article_examples(stored.article.sentences if stored.article else (), records, schema, annotators)


def article_examples(
    sentences: Iterable[Sentence], records: Iterable[Record], schema: TagSchema, annotators: Collection[str]
) -> list[Example]:
    """One article's examples: its whole-sentence records by ``annotators`` (their tags
    merged), and its untagged ``sentences`` before the last tagged one."""
    tagged: dict[int, set[str]] = {}
    texts: dict[int, str] = {}
    for record in records:
        if record["annotator"] in annotators and "span" not in record and not record.get("orphan"):
            tagged.setdefault(record["sentence"], set()).update(t for t in record["tags"] if t in schema.names)
            texts.setdefault(record["sentence"], record["text"])
    last = max((n for n, tags in tagged.items() if tags), default=0)
    sentence_list = list(sentences)
    texts.update((s.number, s.text) for s in sentence_list if s.number <= last and s.number not in texts)
    group = article_name(sentence_list, texts)
    return [
        Example(text, frozenset(tagged.get(number, ())), group)
        for number, text in sorted(texts.items())
        if number <= last or number in tagged
    ]


def article_name(sentences: Sequence[Sentence], texts: dict[int, str]) -> str:
    """What names an article's examples together (its first sentence, usually the title:
    the article's sentences fall in the same fold, so a fold model never saw the article)."""
    if sentences:
        return sentences[0].text
    return texts[min(texts)] if texts else ""


def update_models(store_root: Path, schema: TagSchema, patterns: PatternSet, examples: Iterable[Example]) -> LearnedModels:
    """The store's cached models trained on the ``examples`` (the whole store's) they have
    not seen, or again from scratch on them when one they were trained on is no longer
    among them; their gates checked, saved to the cache and shelved for the learned suggester."""
    example_list = list(examples)
    return _trained(store_root, schema, patterns, lambda models: example_list if models.outdated(example_list) else None, example_list)


def update_article(
    store_root: Path, schema: TagSchema, patterns: PatternSet, article: tuple[str, list[Example]], annotators: Collection[str]
) -> LearnedModels:
    """:func:`update_models` on one ``article`` (its group name and examples): when one of
    its examples trained on changed or went away, again from scratch on the whole store."""
    group, examples = article

    def again(models: LearnedModels) -> list[Example] | None:
        return store_examples(store_root, schema, annotators) if models.outdated(examples, group) else None

    return _trained(store_root, schema, patterns, again, examples)


def _trained(
    store_root: Path,
    schema: TagSchema,
    patterns: PatternSet,
    again: Callable[[LearnedModels], list[Example] | None],
    examples: list[Example],
) -> LearnedModels:
    """The cached models trained on the new ``examples``, or new models on the examples
    ``again`` gives when it gives some (the cached ones are outdated)."""
    from annotations.suggest.learned import SHELF

    paths = cache_paths(store_root, schema, patterns)
    models = load_models(paths[0], tuple(schema.names))
    every = again(models)
    if every is not None:
        models = LearnedModels(tuple(schema.names))
    if models.update(examples if every is None else every, patterns) or every is not None:
        save_models(paths, models)
    SHELF.put(models, patterns)
    return models


def update_from_store(store_root: Path, schema: TagSchema, patterns: PatternSet, annotators: Collection[str]) -> LearnedModels:
    """:func:`update_models` on every example of the store (only the new ones are trained)."""
    return update_models(store_root, schema, patterns, store_examples(store_root, schema, annotators))
