"""The reader's start opens the article's store parts its first frame reads (records,
tags, notes) and no more: statuses, links, triage and the check a change passes load
with the first key that needs them (a cold start pays for every module it imports)."""

from __future__ import annotations

from pathlib import Path

from .test_reader_start import loaded_after

#: Modules the first frame does not need (with no records to merge, and the annotator named).
STORE_LATER = (
    "annotations.store.verdicts",
    "annotations.store.links",
    "annotations.store.source_untag",
    "annotations.store.triage",
    "annotations.store.assessment_merge",
    "getpass",
    "argparse",
    "tui.widgets.notification_text",
)


def test_reader_start_leaves_store_parts_for_their_keys(store_root: Path, article_copy: Path) -> None:
    """A start imports none of :data:`STORE_LATER`; a tag key loads the check a change
    passes (an attribution keeps its source), and so the check above sees modules when
    they are there (a fresh process: this one may have imported them already)."""
    loaded = loaded_after(store_root, article_copy, STORE_LATER, [("started", []), ("tagged", ["1"])])
    assert loaded["started"] == [], loaded
    tagged = loaded["tagged"]
    assert "annotations.store.source_untag" in tagged, loaded
