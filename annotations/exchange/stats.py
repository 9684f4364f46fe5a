"""Tag counts per article, as ``newsmark stats`` shows them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from annotations.store.views import RecordView


@dataclass
class ArticleStats:
    """Counts for one article: sentences per tag, tagged sentences, notes, orphans."""

    title: str
    path: str
    tag_counts: dict[str, int] = field(default_factory=dict)
    tagged_sentences: int = 0
    notes: int = 0
    orphans: int = 0


def article_stats(title: str, path: str, view: RecordView) -> ArticleStats:
    """Count sentences per tag (a sentence tagged by two annotators counts once)."""
    counts: dict[str, int] = defaultdict(int)
    notes = 0
    for _sentence, records in view.by_sentence.items():
        for tag in {t for r in records for t in r["tags"]}:
            counts[tag] += 1
        notes += sum(1 for r in records if r["note"])
    return ArticleStats(
        title=title,
        path=path,
        tag_counts=dict(counts),
        tagged_sentences=view.tagged_count,
        notes=notes,
        orphans=len(view.orphans()),
    )
