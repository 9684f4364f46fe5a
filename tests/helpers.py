"""Helpers shared by tests."""

from __future__ import annotations

from pathlib import Path

from annotations.exchange.export import build_export, dump_export, entries_from_store
from annotations.store.folder import Store


def export_store(root: Path, *, tags: list[str] | None = None, annotators: list[str] | None = None, fmt: str = "yaml") -> bytes:
    """Export a whole store the way ``newsmark export`` does when given no files."""
    with Store(root, mode="read") as store:
        entries = list(entries_from_store(store, tags or [], annotators or []))
    return dump_export(build_export(entries), fmt)
