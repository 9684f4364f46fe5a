"""Every checkable record of the store with its verdict: what ``newsmark claims`` lists,
the ClaimReview export publishes and the brief groups.

A claim is a record with a checkable tag (the schema's ``checkable``), from any
annotator; its status is the scale's first where none was set. The grade of its source
is the grade on the record its ``attributed-to`` link leads to (the same annotator's
grade first, else any annotator's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotations.schema import TagSchema
from annotations.store.corpus import StoredArticle
from annotations.store.link_moves import Follower
from annotations.store.links import same_end
from annotations.store.records import Link, LinkEnd, Record


@dataclass(frozen=True)
class Claim:
    """One checkable record, its article and what its verdict says."""

    path: str
    title: str
    meta: dict[str, Any]
    """The article's front matter (author, date, url, ...) as stored."""
    record: Record
    status: str
    source_grade: str | None

    @property
    def text(self) -> str:
        """What is claimed: the span's words, or the whole sentence."""
        span = self.record.get("span")
        return span["quote"] if span is not None else self.record["text"]

    def as_json(self) -> dict[str, Any]:
        """``{path, sentence, text, tags, status, evidence, links, annotator}``; an
        ``attributed-to`` link carries its source's ``grade`` where the source has one."""
        return {
            "path": self.path,
            "sentence": self.record["sentence"],
            "text": self.text,
            "tags": list(self.record["tags"]),
            "status": self.status,
            "evidence": [dict(item) for item in self.record.get("evidence", ())],
            "links": [self._link_json(link) for link in self.record.get("links", ())],
            "annotator": self.record["annotator"],
        }

    def _link_json(self, link: Link) -> dict[str, Any]:
        shown: dict[str, Any] = {"as": link["as"], "to": dict(link["to"])}
        if link["as"] == "attributed-to" and self.source_grade is not None:
            shown["grade"] = self.source_grade
        return shown


def _end(stored: StoredArticle, record: Record) -> LinkEnd:
    end: LinkEnd = {"path": stored.path, "content": str(stored.meta.get("content") or ""), "sentence": record["sentence"]}
    if "span" in record:
        end["span"] = record["span"]
    return end


def _grade_of(sources: list[tuple[LinkEnd, Record]], claim: Record) -> str | None:
    """The grade of the source ``claim`` is attributed to (its annotator's first)."""
    for link in claim.get("links", ()):
        if link["as"] != "attributed-to":
            continue
        graded = [record for end, record in sources if record.get("grade") and same_end(end, link["to"])]
        graded.sort(key=lambda record: record["annotator"] != claim["annotator"])
        if graded:
            return graded[0]["grade"]
    return None


def claims_in(articles: Iterable[StoredArticle], schema: TagSchema, *, paths: set[str] | None = None) -> list[Claim]:
    """Every claim of ``articles`` (only those whose path is in ``paths``, when given),
    sorted by path, sentence, words and annotator; sources may be in any of ``articles``.
    A link into an article edited since it was made leads where its sentence is now."""
    stored = list(articles)
    sources = [(_end(article, r), r) for article in stored for r in article.view.anchored() if r.get("grade")]
    checkable = set(schema.checkable)
    follower = Follower((str(a.meta.get("content") or ""), a.meta.get("moves")) for a in stored)
    found: list[Claim] = []
    for article in stored:
        if paths is not None and article.path not in paths:
            continue
        for anchored in article.view.anchored():
            record = follower.record(anchored)  # its links lead where their sentences are now
            if set(record["tags"]) & checkable:
                status = str(record.get("status") or schema.verdicts.default.name)
                found.append(
                    Claim(article.path, article.title, dict(article.meta.get("meta") or {}), record, status, _grade_of(sources, record))
                )
    found.sort(key=lambda c: (c.path, c.record["sentence"], _start(c.record), c.record["annotator"], c.record["id"]))
    return found


def _start(record: Record) -> int:
    span = record.get("span")
    return span["start"] if span is not None else -1
