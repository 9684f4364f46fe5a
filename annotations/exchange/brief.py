"""A brief: what an analyst hands on, built from the same records an export holds.

One heading per tag (in schema order, the tag's description under it), each tagged
sentence quoted with its article, section, sentence number, who tagged it and its
notes; at the top the articles covered, counts per tag, the sentences annotators
disagree on (*disputed*); where a final (adjudicated) layer exists, one line saying
which reading the brief shows (see :func:`~annotations.exchange.brief_content.choose_reading`);
the tags only suggested, when asked for, come last. Records are read through the
export's pipeline (:mod:`annotations.exchange.export`), so anchors, orphans and notes
are exactly what ``newsmark export`` writes.

All article, metadata and note text is escaped
(:func:`~annotations.exchange.markdown_escape.escape_text`), so markup in an
article stays literal in the Markdown and in the HTML made from it
(:mod:`annotations.exchange.brief_html`). The same store gives the same bytes; the
time is written only when asked for.

*Suggested* tags come from outside the store (a suggester): :data:`Suggested` maps an
article's path to its sentences' suggested tags; a suggested tag no annotator gave the
sentence is listed as *only suggested*. Without it, none are.

This module runs the pipeline: what a brief says is gathered by
:mod:`annotations.exchange.brief_content` and written by
:mod:`annotations.exchange.brief_markdown`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotations.exchange.brief_content import Shown, Suggested, build_brief, choose_reading, gather_entries
from annotations.exchange.brief_markdown import render_markdown
from annotations.exchange.brief_verdicts import CheckedClaim
from annotations.exchange.export import ArticleEntry, default_export_path
from annotations.exchange.formats import BRIEF_FORMATS, DEFAULT_BRIEF_FORMAT
from annotations.exchange.markdown_escape import close_bidi
from annotations.model import storable_path
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.folder import Store
from annotations.store.records import utc_now


def default_brief_path(article_path: str | Path, folder: Path, fmt: str = DEFAULT_BRIEF_FORMAT) -> Path:
    """Where one article's brief goes in ``folder``: ``<article name>.newsmark.brief.md``
    (beside its export, ``<article name>.newsmark.yaml``; taken names go on as
    ``.newsmark-2.brief.md``: see :mod:`annotations.exchange.export_target`)."""
    export = default_export_path(article_path, folder)
    return export.with_name(f"{export.name.rpartition('.')[0]}.brief{BRIEF_FORMATS[fmt]}")


@dataclass(frozen=True)
class BriefOutput:
    """A finished brief: its bytes, and how many sentences of how many articles it quotes."""

    data: bytes
    sentences: int
    articles: int

    def summary(self, target: object) -> str:
        """``wrote a brief of N sentence(s) from M article(s) to TARGET``."""
        return f"wrote a brief of {self.sentences} sentence(s) from {self.articles} article(s) to {target}"


def make_brief(
    store: Store,
    articles: Sequence[ArticleAnnotations] | None = None,
    *,
    schema: TagSchema,
    tags: Collection[str] = (),
    annotators: Collection[str] = (),
    fmt: str = DEFAULT_BRIEF_FORMAT,
    cache: SentenceCache | None = None,
    suggested: Suggested | None = None,
    timestamp: bool = False,
    final: str = "",
    prefer_final: bool = True,
    switch: str = "",
    reader: str = "",
) -> BriefOutput:
    """The brief of ``articles`` (open, re-anchored to their current text), or of every
    stored article, in format ``fmt`` (``md`` or ``html``): ``annotators``' records, else
    the final reading where ``final`` settled sentences (unless not ``prefer_final``), else
    everyone's (see :func:`~annotations.exchange.brief_content.choose_reading`; ``switch``
    says how to see the other reading)."""
    if fmt not in BRIEF_FORMATS:
        raise KeyError(f"unknown brief format {fmt!r} (known: {', '.join(BRIEF_FORMATS)})")
    everyone = gather_entries(store, articles, cache=cache)
    entries, reading = choose_reading(everyone, final, annotators=annotators, prefer_final=prefer_final, switch=switch)
    if suggested is not None:  # by path as the entries hold it (a name's undecodable bytes as \xNN)
        suggested = {storable_path(path): numbers for path, numbers in suggested.items()}
    if articles is not None:
        entries = [e for e in entries if e["annotations"] or e.get("orphans") or (suggested or {}).get(e["path"])]
    texts = {storable_path(str(opened.article.path)): opened.article for opened in articles or ()}

    def sentence_text(path: str, number: int) -> str:
        article = texts.get(path)
        if article is None or not 1 <= number <= len(article.sentences):
            return ""
        return article.sentence(number).text

    brief = build_brief(
        entries,
        schema,
        tags=tags,
        suggested=suggested,
        sentence_text=sentence_text,
        generated=utc_now() if timestamp else None,
        final=final,
        reading=reading,
        people=_people(everyone) if reading.shown is Shown.FINAL else None,
    )
    brief.claims = [_cited_now(claim, cache) for claim in brief.claims]
    markdown = render_markdown(brief)
    if fmt == "html":
        from annotations.exchange.brief_figures import figures_html
        from annotations.exchange.brief_html import render_html

        pictured = entries if annotators else everyone  # the picked annotators' records, else everyone's
        figures = figures_html(
            store, pictured, reader=reader if not annotators or reader in annotators else "", scale=schema.verdicts.names
        )
        data = render_html(markdown, close_bidi(brief.title), figures).encode("utf-8")
    else:
        data = markdown.encode("utf-8")
    return BriefOutput(data, brief.count(), len(brief.articles))


def _people(entries: Sequence[ArticleEntry]) -> dict[str, set[str]]:
    """By path, every annotator with a record on the article (orphans too)."""
    return {e["path"]: {r["annotator"] for r in [*e["annotations"], *e.get("orphans", [])]} for e in entries}


def _cited_now(claim: CheckedClaim, cache: SentenceCache | None) -> CheckedClaim:
    """``claim`` with each sentence it cites as evidence named where it is now (moved, or
    gone since an edit of its article: see :mod:`annotations.library.cited`)."""
    if not any(kind == "sentence" and quote for kind, _, _, quote in claim.evidence):
        return claim
    from annotations.library.cited import cited_now

    evidence = []
    for kind, value, by, quote in claim.evidence:
        if kind == "sentence" and quote:
            value = cited_now(value, quote, cache).describe()
        evidence.append((kind, value, by, quote))
    return dataclasses.replace(claim, evidence=tuple(evidence))
