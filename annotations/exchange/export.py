"""Export annotations as versioned, deterministic YAML (or JSON).

Schema version 1::

    newsmark_export: 1
    articles:
    - title, path, sha256, meta
      annotations: [record, ...]   # sorted by sentence, annotator, id
      orphans: [record, ...]       # only when some records lost their sentence

    record: sentence, section, section_title, text, tags, note, annotator,
            created, updated, id, selector {exact, prefix, suffix, start, end}
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from annotations.store.records import RECORD_FIELDS, SELECTOR_FIELDS, Record
from annotations.store.storage import atomic_write_bytes
from annotations.store.folder import Store
from annotations.store.article_annotations import ArticleAnnotations
from annotations.safe_yaml import SafeDumper

EXPORT_VERSION = 1


def export_record(record: Record) -> dict[str, Any]:
    """A stored record in export form, fields in schema order."""
    selector = record.get("selector", {})
    out = {name: record.get(name) for name in RECORD_FIELDS if name != "selector"}
    out["tags"] = list(record["tags"])
    out["selector"] = {name: selector.get(name) for name in SELECTOR_FIELDS}
    if out["selector"]["exact"] is None:
        out["selector"]["exact"] = record["text"]
    return out


def article_entry(
    *, title: str, path: str, sha256: str, meta: dict[str, Any], records: Iterable[Record], orphans: Iterable[Record]
) -> dict[str, Any]:
    """One article of an export, records sorted for determinism."""
    entry: dict[str, Any] = {
        "title": title,
        "path": path,
        "sha256": sha256,
        "meta": meta,
        "annotations": [export_record(r) for r in sorted(records, key=_record_order)],
    }
    orphan_list = [export_record(r) for r in sorted(orphans, key=_record_order)]
    if orphan_list:
        entry["orphans"] = orphan_list
    return entry


def _record_order(record: Record) -> tuple[int, str, str]:
    return (record["sentence"], record["annotator"], record["id"])


def keep_record(record: Record, tags: Collection[str], annotators: Collection[str]) -> bool:
    """The ``--tag`` / ``--annotator`` filters (either empty means all)."""
    if tags and not set(record["tags"]) & set(tags):
        return False
    return not annotators or record["annotator"] in annotators


def entries_from_store(store: Store, tags: Collection[str], annotators: Collection[str]) -> Iterator[dict[str, Any]]:
    """Export entries of every stored article with a record that passes the filters."""
    for article_file in store.stored_files():
        meta = article_file.meta
        kept = [r for r in article_file.records() if keep_record(r, tags, annotators)]
        if not kept:
            continue
        yield article_entry(
            title=meta.get("title", ""),
            path=meta.get("path", ""),
            sha256=meta.get("sha256", ""),
            meta=meta.get("meta", {}),
            records=[r for r in kept if not r.get("orphan")],
            orphans=[r for r in kept if r.get("orphan")],
        )


def entries_for_articles(articles: Iterable[ArticleAnnotations], tags: Collection[str], annotators: Collection[str]) -> Iterator[dict[str, Any]]:
    """Export entries of open articles (re-anchored to their current text), even if empty."""
    for opened in articles:
        article = opened.article
        yield article_entry(
            title=article.title,
            path=article.path,
            sha256=article.sha256,
            meta=article.meta,
            records=[r for r in opened.records() if keep_record(r, tags, annotators)],
            orphans=[r for r in opened.orphans() if keep_record(r, tags, annotators)],
        )


def build_export(articles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The whole export document, articles sorted by path then hash."""
    return {"newsmark_export": EXPORT_VERSION, "articles": sorted(articles, key=lambda a: (a["path"], a["sha256"]))}


class ExportDumper(SafeDumper):  # type: ignore[misc, valid-type]
    """Safe dumper: multi-line text in block style, never anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


ExportDumper.add_representer(str, _represent_str)


def dump_export(document: dict[str, Any], fmt: str = "yaml") -> bytes:
    """Serialize an export document; the same document always gives the same bytes."""
    if fmt == "json":
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from annotations.exchange import yaml_layout as yamlfast

    try:
        return yamlfast.dump(document).encode("utf-8")
    except yamlfast.NotCanonical:
        pass  # not the shape newsmark writes (e.g. a test's deliberately broken file)
    text = yaml.dump(document, Dumper=ExportDumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)
    return text.encode("utf-8")


def write_output(data: bytes, out: str | Path) -> None:
    """Write to ``out`` atomically (a crash leaves the old file or the new one)."""
    atomic_write_bytes(Path(out), data)
