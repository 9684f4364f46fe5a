"""Tag counts per article, as ``newsmark stats`` shows them.

An article read from the web is named by its URL (from its kept copy's sidecar), not by
the file name of that copy: ``path`` in ``--json`` and ``--csv`` holds the URL then.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.corpus import stored_articles
from annotations.store.folder import Store
from annotations.store.views import RecordView


@dataclass
class ArticleStats:
    """Counts for one article: sentences per tag, tagged sentences, notes, orphans;
    ``url``: the URL of a page fetched from the web (``path`` is then its kept copy)."""

    title: str
    path: str
    tag_counts: dict[str, int] = field(default_factory=dict)
    tagged_sentences: int = 0
    notes: int = 0
    orphans: int = 0
    url: str = ""
    spans: int = 0
    """Span records (tagged or noted words inside a sentence) anchored on the article."""

    @property
    def where(self) -> str:
        """What names the article for the person: its URL, else its path."""
        return self.url or self.path


def article_stats(title: str, path: str, view: RecordView) -> ArticleStats:
    """Count sentences per tag (a sentence tagged by two annotators, or on its words and as
    a whole, counts once), noted sentences (the same way: two notes on one sentence count
    once, as the reader's status line counts them), and the span records."""
    counts: dict[str, int] = defaultdict(int)
    notes = 0
    for sentence in view.by_sentence.keys() | view.spans.keys():
        for tag in view.tags_at(sentence):
            counts[tag] += 1
        notes += any(r["note"] for r in (*view.at(sentence), *view.spans.get(sentence, ())))  # noted sentences, as the reader counts
    return ArticleStats(
        title=title,
        path=path,
        url=fetched_from(path),
        tag_counts=dict(counts),
        tagged_sentences=view.tagged_count,
        notes=notes,
        orphans=len(view.orphans()),
        spans=sum(len(records) for records in view.spans.values()),
    )


def fetched_from(path: str) -> str:
    """The URL the page kept at ``path`` was fetched from ("" for any other file)."""
    from annotations.web.pages import kept_source

    return dict(kept_source(path)).get("Fetched from", "") if path else ""


def stored_stats(store: Store, cache: SentenceCache | None = None) -> list[ArticleStats]:
    """The counts of every stored article, as opening each would show it (by store file)."""
    return [article_stats(s.meta.get("title", ""), s.meta.get("path", ""), s.view) for s in stored_articles(store, cache=cache)]


def tag_columns(rows: list[ArticleStats], schema: TagSchema) -> list[str]:
    """The tags counted, in schema order, then any other tag the rows hold (sorted)."""
    return list(schema.names) + sorted({tag for row in rows for tag in row.tag_counts} - set(schema.names))


def _counts(row: ArticleStats, tags: list[str]) -> dict[str, Any]:
    return {
        "tags": {tag: row.tag_counts.get(tag, 0) for tag in tags},
        "tagged": row.tagged_sentences,
        "notes": row.notes,
        "orphans": row.orphans,
        "spans": row.spans,
    }


def stats_json(rows: list[ArticleStats], schema: TagSchema) -> str:
    """``stats --json``: ``{"articles": [{"title", "path" (a page's URL), "tags": {tag: n}, "tagged",
    "notes", "orphans", "spans"}], "total": {"tags", "tagged", "notes", "orphans", "spans"}}``."""
    tags = tag_columns(rows, schema)
    total = ArticleStats("", "", {tag: sum(row.tag_counts.get(tag, 0) for row in rows) for tag in tags})
    total.tagged_sentences = sum(row.tagged_sentences for row in rows)
    total.notes = sum(row.notes for row in rows)
    total.orphans = sum(row.orphans for row in rows)
    total.spans = sum(row.spans for row in rows)
    document = {
        "articles": [{"title": row.title, "path": row.where, **_counts(row, tags)} for row in rows],
        "total": _counts(total, tags),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stats_csv(rows: list[ArticleStats], schema: TagSchema) -> str:
    """``stats --csv``: a header (title, path or URL, each tag, tagged, notes, orphans, spans), then one row per article."""
    tags = tag_columns(rows, schema)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["title", "path", *tags, "tagged", "notes", "orphans", "spans"])
    for row in rows:
        writer.writerow(
            [row.title, row.where, *(row.tag_counts.get(tag, 0) for tag in tags), row.tagged_sentences, row.notes, row.orphans, row.spans]
        )
    return out.getvalue()
