"""Tag counts per article, as ``newsmark stats`` shows them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.store.records import Record


@dataclass
class ArticleStats:
    """Counts for one article: sentences per tag, tagged sentences, notes, orphans."""

    title: str
    path: str
    tag_counts: dict[str, int] = field(default_factory=dict)
    tagged_sentences: int = 0
    notes: int = 0
    orphans: int = 0


def article_stats(title: str, path: str, records: Iterable[Record], orphans: Iterable[Record]) -> ArticleStats:
    """Count sentences per tag (a sentence tagged by two annotators counts once)."""
    tags_by_sentence: dict[int, set[str]] = defaultdict(set)
    notes = 0
    for record in records:
        tags_by_sentence[record["sentence"]].update(record["tags"])
        notes += bool(record["note"])
    counts: dict[str, int] = defaultdict(int)
    for tags in tags_by_sentence.values():
        for tag in tags:
            counts[tag] += 1
    return ArticleStats(
        title=title,
        path=path,
        tag_counts=dict(counts),
        tagged_sentences=sum(1 for tags in tags_by_sentence.values() if tags),
        notes=notes,
        orphans=sum(1 for _ in orphans),
    )
