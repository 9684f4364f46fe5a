"""Precision and recall of suggestions against hand-tagged (gold) articles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotations.errors import ConfigError
from annotations.scores import Counts

Tagging = dict[int, set[str]]
"""Tags by sentence number."""


@dataclass(frozen=True)
class GoldArticle:
    """A hand-tagged article: its file, its split (``dev`` or ``held-out``) and its tags."""

    article: Path
    split: str
    tags: Tagging


def load_gold(path: Path) -> GoldArticle:
    """Read a gold file (``article``, ``split``, ``sentences``: number → tags)."""
    import yaml

    from annotations.safe_yaml import SafeLoader

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    if not isinstance(data, Mapping) or not isinstance(data.get("sentences"), Mapping):
        raise ConfigError(path, "a gold file holds article, split and sentences (number: [tags])")
    tags = {int(n): set(t or ()) for n, t in data["sentences"].items()}
    return GoldArticle(path.parent / str(data["article"]), str(data.get("split", "dev")), tags)


@dataclass
class Scores:
    """Counts per tag, and summed over tags (micro)."""

    per_tag: dict[str, Counts] = field(default_factory=dict)

    @property
    def micro(self) -> Counts:
        """Counts summed over every tag."""
        total = Counts()
        for counts in self.per_tag.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total

    def add(self, predicted: Tagging, gold: Tagging, tags: Iterable[str]) -> None:
        """Count one article's predicted tags against its gold ones."""
        for tag in tags:
            counts = self.per_tag.setdefault(tag, Counts())
            for number in set(predicted) | set(gold):
                said, true = tag in predicted.get(number, ()), tag in gold.get(number, ())
                counts.tp += said and true
                counts.fp += said and not true
                counts.fn += true and not said

    def table(self) -> list[tuple[str, float, float, int]]:
        """Rows ``(tag, precision, recall, gold count)``, then ``micro``."""
        rows = [(tag, c.precision, c.recall, c.tp + c.fn) for tag, c in self.per_tag.items()]
        micro = self.micro
        return [*rows, ("micro", micro.precision, micro.recall, micro.tp + micro.fn)]
