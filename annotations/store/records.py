"""Annotation records: one per tagged (or noted) sentence and annotator."""

from __future__ import annotations

import datetime as _dt
import uuid
from typing import Any

from annotations.model import Article, Sentence

#: Characters of context kept on each side of a quote selector.
CONTEXT_CHARS = 32

#: Field order of a record, as stored and as exported.
RECORD_FIELDS = ("sentence", "section", "section_title", "text", "tags", "note", "annotator", "created", "updated", "id", "selector")
SELECTOR_FIELDS = ("exact", "prefix", "suffix", "start", "end")

Record = dict[str, Any]


def utc_now() -> str:
    """Now, as ISO 8601 in UTC with microseconds (``2026-11-25T20:35:04.123456Z``)."""
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(value: str) -> _dt.datetime:
    """Parse an ISO 8601 timestamp; naive ones are taken as UTC."""
    parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed


def selector_for(article: Article, sentence: Sentence) -> dict[str, Any]:
    """A quote selector (exact text, context, position) for re-anchoring later."""
    text = article.text
    return {
        "exact": sentence.text,
        "prefix": text[max(0, sentence.start - CONTEXT_CHARS):sentence.start],
        "suffix": text[sentence.end:sentence.end + CONTEXT_CHARS],
        "start": sentence.start,
        "end": sentence.end,
    }


def article_ref(article: Article) -> dict[str, str]:
    """The article fields every record carries."""
    return {"sha256": article.sha256, "path": article.path, "title": article.title}


def new_record(article: Article, sentence: Sentence, annotator: str, now: str) -> Record:
    """A fresh, untagged record for ``sentence``."""
    return {
        "id": str(uuid.uuid4()),
        "article": article_ref(article),
        "sentence": sentence.number,
        "section": sentence.section,
        "section_title": article.sections[sentence.section - 1].label,
        "text": sentence.text,
        "selector": selector_for(article, sentence),
        "tags": [],
        "note": "",
        "annotator": annotator,
        "created": now,
        "updated": now,
        "orphan": False,
    }


def anchor_record(record: Record, article: Article, sentence: Sentence) -> Record:
    """``record`` moved onto ``sentence`` of the current ``article`` text."""
    moved = dict(record)
    moved.update(
        article=article_ref(article),
        sentence=sentence.number,
        section=sentence.section,
        section_title=article.sections[sentence.section - 1].label,
        text=sentence.text,
        selector=selector_for(article, sentence),
        orphan=False,
    )
    return moved


def is_empty(record: Record) -> bool:
    """A record with neither tags nor a note says nothing and is not kept."""
    return not record["tags"] and not record["note"]
