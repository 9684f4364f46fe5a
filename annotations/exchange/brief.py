"""A brief: what an analyst hands on, built from the same records an export holds.

One heading per tag (in schema order, the tag's description under it), each tagged
sentence quoted with its article, section, sentence number, who tagged it and its
notes; at the top the articles covered, counts per tag, the sentences annotators
disagree on (*disputed*) and the tags only suggested. Records are read through the
export's pipeline (:mod:`annotations.exchange.export`), so anchors, orphans and notes
are exactly what ``newsmark export`` writes.

All article, metadata and note text is escaped (:func:`escape_text`), so markup in an
article stays literal in the Markdown and in the HTML made from it
(:mod:`annotations.exchange.brief_html`). The same store gives the same bytes; the
time is written only when asked for.

*Suggested* tags come from outside the store (a suggester): :data:`Suggested` maps an
article's path to its sentences' suggested tags; a suggested tag no annotator gave the
sentence is listed as *only suggested*. Without it, none are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.exchange.export import ArticleEntry, build_export, default_export_path, entries_for_articles, entries_from_store
from annotations.exchange.formats import BRIEF_FORMATS, DEFAULT_BRIEF_FORMAT
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.folder import Store
from annotations.store.records import ExportedRecord, utc_now

Suggested = Mapping[str, Mapping[int, Collection[str]]]
"""Suggested tags: article path → sentence number → tag names (see the module's docstring)."""


# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones
# that can start markup anywhere in a line (emphasis, code, links, raw HTML, entities,
# headings, tables, strikethrough).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# What starts a block at the beginning of a line: a list item, a quote, a thematic break
# or setext underline, an ordered list item.
_LINE_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])")


#: Bidi embeddings and overrides (closed by U+202C) and isolates (closed by U+2069).
_BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"} | dict.fromkeys(
    "\u2066\u2067\u2068", "\u2069"
)


def close_bidi(text: str) -> str:
    """``text`` with its bidi embeddings, overrides and isolates left open closed at its end.

    Article text keeps them (see :mod:`annotations.formats.hygiene`), but in the brief it
    shares a line with what newsmark writes after it (section, sentence number, who tagged
    it): an unpaired right-to-left override there would reverse that too."""
    if text.isascii():
        return text
    open_: list[str] = []
    for ch in text:
        if ch in _BIDI_OPENERS:
            open_.append(_BIDI_OPENERS[ch])
        elif ch == "\u202c" and open_ and open_[-1] == "\u202c":
            open_.pop()
        elif ch == "\u2069" and "\u2069" in open_:  # closes the last isolate and what it holds
            while open_.pop() != "\u2069":
                pass
    return text + "".join(reversed(open_))


def escape_text(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text, on one line (whitespace runs,
    line breaks included, become one space), its bidi controls closed (:func:`close_bidi`)."""
    flat = close_bidi(" ".join(text.split()))
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    ordered = _ORDERED_MARK.match(escaped)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{escaped[ordered.end() :]}"
    if _LINE_START.match(escaped):
        return "\\" + escaped
    return escaped


def escape_lines(text: str) -> list[str]:
    """A multi-line text (a note) as escaped lines, empty lines left out."""
    return [escape_text(line) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class TaggedSentence:
    """One sentence of an article with everything the brief says about it."""

    article: int
    """Index of its article in :attr:`Brief.articles`."""
    sentence: int
    section: int
    section_title: str
    text: str
    taggers: Mapping[str, tuple[str, ...]]
    """Tag → the annotators who gave it, sorted."""
    notes: tuple[tuple[str, str], ...]
    """``(annotator, note)``, by annotator."""
    anchor: str = "exact"
    disputed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Tag → the annotators of the article who did not give it (only where some did)."""

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag the sentence carries, as stored (schema order is the brief's)."""
        return tuple(self.taggers)


@dataclass(frozen=True)
class SuggestedOnly:
    """A tag suggested for a sentence that no annotator gave it."""

    article: int
    sentence: int
    tags: tuple[str, ...]
    text: str = ""


@dataclass(frozen=True)
class BriefArticle:
    """One article the brief covers: its title, path and front matter."""

    title: str
    path: str
    meta: Mapping[str, Any]
    annotators: tuple[str, ...]


@dataclass
class Brief:
    """Everything a brief says, in the order it says it (see :func:`render_markdown`)."""

    schema: TagSchema
    articles: list[BriefArticle] = field(default_factory=list)
    sentences: list[TaggedSentence] = field(default_factory=list)
    orphans: list[TaggedSentence] = field(default_factory=list)
    suggested_only: list[SuggestedOnly] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    """The tags listed (``--tag``), in schema order; every tag of the schema when empty."""
    generated: str | None = None
    final: str = ""
    """The final (adjudicated) layer's annotator: no party to a dispute."""

    @property
    def listed_tags(self) -> tuple[str, ...]:
        """The tags that get a heading: those asked for, else the schema's."""
        return self.tags or self.schema.names

    def under(self, tag: str) -> list[TaggedSentence]:
        """The sentences listed under ``tag``, by article then sentence."""
        return [s for s in self.sentences if tag in s.taggers]

    @property
    def title(self) -> str:
        """The brief's title: its one article's title, else how many articles it covers."""
        if len(self.articles) == 1:
            return f"Brief: {self.articles[0].title or self.articles[0].path}"
        return f"Brief: {len(self.articles)} articles"


def gather_entries(
    store: Store,
    articles: Sequence[ArticleAnnotations] | None,
    *,
    annotators: Collection[str] = (),
    cache: SentenceCache | None = None,
) -> list[ArticleEntry]:
    """The export's entries (sorted by path) of ``articles``, or of every stored article,
    with every tag: disputes are decided on all of an article's records, the tag filter
    applies only to what is listed."""
    if articles is None:
        entries = list(entries_from_store(store, (), annotators, cache))
    else:
        entries = list(entries_for_articles(articles, (), annotators))
    return build_export(entries)["articles"]


def build_brief(
    entries: Iterable[ArticleEntry],
    schema: TagSchema,
    *,
    tags: Collection[str] = (),
    suggested: Suggested | None = None,
    sentence_text: Callable[[str, int], str] | None = None,
    generated: str | None = None,
    final: str = "",
) -> Brief:
    """The brief of export ``entries``; ``tags`` limits what is listed; ``suggested`` (see
    :data:`Suggested`) adds what is only suggested, quoted through ``sentence_text(path,
    number)`` where the store holds no record of the sentence; ``final``: the final layer's
    annotator, left out of the disputes."""
    brief = Brief(schema=schema, tags=tuple(schema.sort(tags)) if tags else (), generated=generated, final=final)
    listed = set(brief.listed_tags)
    for index, entry in enumerate(entries):
        records = [*entry["annotations"], *entry.get("orphans", [])]
        annotators = tuple(sorted({r["annotator"] for r in records}))
        brief.articles.append(BriefArticle(entry["title"], entry["path"], entry["meta"], annotators))
        by_sentence: dict[int, list[ExportedRecord]] = defaultdict(list)
        for record in entry["annotations"]:
            by_sentence[record["sentence"]].append(record)
        for number in sorted(by_sentence):
            tagged = _tagged_sentence(index, by_sentence[number], schema, tuple(a for a in annotators if a != final))
            if set(tagged.taggers) & listed or (not tags and tagged.notes):
                brief.sentences.append(tagged)
        for record in entry.get("orphans", []):
            orphan = _tagged_sentence(index, [record], schema, (record["annotator"],))
            if set(orphan.taggers) & listed or (not tags and orphan.notes):
                brief.orphans.append(orphan)
        given = {n: {t for r in rs for t in r["tags"]} for n, rs in by_sentence.items()}
        for number, names in sorted((suggested or {}).get(entry["path"], {}).items()):
            only = [t for t in schema.sort(names) if t not in given.get(number, set()) and t in listed]
            if only:
                text = by_sentence[number][0]["text"] if number in by_sentence else ""
                if not text and sentence_text is not None:
                    text = sentence_text(entry["path"], number)
                brief.suggested_only.append(SuggestedOnly(index, number, tuple(only), text))
    return brief


def _tagged_sentence(article: int, records: list[ExportedRecord], schema: TagSchema, annotators: tuple[str, ...]) -> TaggedSentence:
    """One sentence from its records (every annotator's), with the tags ``annotators`` (the
    article's, the final layer left out) disagree on."""
    first = records[0]
    taggers: dict[str, list[str]] = defaultdict(list)
    for record in records:
        for tag in record["tags"]:
            taggers[tag].append(record["annotator"])
    ordered = {tag: tuple(sorted(set(taggers[tag]))) for tag in schema.sort(taggers)}
    disputed = {
        tag: tuple(a for a in annotators if a not in who)
        for tag, who in ordered.items()
        if set(who) & set(annotators) and not set(annotators) <= set(who)
    }
    notes = tuple(sorted((r["annotator"], r["note"]) for r in records if r["note"].strip()))
    return TaggedSentence(
        article=article,
        sentence=first["sentence"],
        section=first["section"],
        section_title=first["section_title"],
        text=first["text"],
        taggers=ordered,
        notes=notes,
        anchor=first.get("anchor", "exact"),
        disputed=disputed,
    )


# -- Markdown ------------------------------------------------------------------------

#: Front matter fields shown for each article, in this order.
ARTICLE_FIELDS = ("author", "date", "source", "url")


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown: plain text that reads well, and renders on common forges."""
    lines = [f"# {escape_text(brief.title)}", ""]
    if brief.generated:
        lines += [f"Generated {escape_text(brief.generated)}.", ""]
    lines += _articles_part(brief) + _counts_part(brief) + _disputed_part(brief) + _suggested_part(brief)
    for name in brief.listed_tags:
        lines += _tag_part(brief, name)
    lines += _untagged_notes_part(brief) + _orphans_part(brief)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _articles_part(brief: Brief) -> list[str]:
    lines = ["## Articles", ""]
    if not brief.articles:
        return [*lines, "No annotated articles.", ""]
    for number, article in enumerate(brief.articles, start=1):
        details = [escape_text(str(article.meta[key])) for key in ARTICLE_FIELDS if str(article.meta.get(key) or "").strip()]
        rows = [f"**{escape_text(article.title or article.path)}**"]
        if details:
            rows.append(" · ".join(details))
        rows.append(f"File: {escape_text(article.path)}")
        if len(article.annotators) > 1:
            rows.append(f"Annotators: {escape_text(', '.join(article.annotators))}")
        lines.append(f"{number}. " + "\\\n   ".join(rows))  # a backslash before the line end: a line break
    return [*lines, ""]


def _counts_part(brief: Brief) -> list[str]:
    lines = ["## Counts", "", "| tag | sentences |", "|---|---:|"]
    for name in brief.listed_tags:
        lines.append(f"| {escape_text(name)} | {len(brief.under(name))} |")
    tagged = [s for s in brief.sentences if set(s.taggers) & set(brief.listed_tags)]
    lines.append(f"| all tagged | {len(tagged)} |")
    disputed = sum(1 for s in brief.sentences if set(s.disputed) & set(brief.listed_tags))
    if disputed:
        lines.append(f"| disputed | {disputed} |")
    if brief.suggested_only:
        lines.append(f"| only suggested | {len(brief.suggested_only)} |")
    return [*lines, ""]


def _where(brief: Brief, item: TaggedSentence | SuggestedOnly) -> str:
    """``*Title*, §2 Section, sentence 14`` (the article's title only when there are several)."""
    parts = []
    if len(brief.articles) > 1:
        article = brief.articles[item.article]
        parts.append(f"*{escape_text(article.title or article.path)}*")
    if isinstance(item, TaggedSentence):
        section = f"§{item.section}"
        if item.section_title.strip():
            section += f" {escape_text(item.section_title)}"
        parts.append(section)
    parts.append(f"sentence {item.sentence}")
    return ", ".join(parts)


def _disputed_part(brief: Brief) -> list[str]:
    disputed = [s for s in brief.sentences if s.disputed and set(s.disputed) & set(brief.listed_tags)]
    if not disputed:
        return []
    lines = ["## Disputed", "", "Sentences the annotators of an article tagged differently.", ""]
    for item in disputed:
        differences = "; ".join(
            f"{escape_text(tag)} by {escape_text(', '.join(a for a in item.taggers[tag] if a != brief.final))}, not by {escape_text(', '.join(missing))}"
            for tag, missing in item.disputed.items()
            if tag in brief.listed_tags
        )
        lines.append(f"- {_where(brief, item)}: {differences}")
    return [*lines, ""]


def _suggested_part(brief: Brief) -> list[str]:
    if not brief.suggested_only:
        return []
    lines = [
        "## Only suggested",
        "",
        "Tags suggested for a sentence that no annotator in this brief gave it (with --annotator: none of those named).",
        "",
    ]
    for item in brief.suggested_only:
        text = f": “{escape_text(item.text)}”" if item.text else ""
        lines.append(f"- {_where(brief, item)}: {escape_text(', '.join(item.tags))}{text}")
    return [*lines, ""]


def _tag_part(brief: Brief, name: str) -> list[str]:
    tag = brief.schema.get(name)
    items = brief.under(name)
    lines = [f"## {escape_text(name.capitalize())} ({len(items)})", ""]
    if tag is not None and tag.description.strip():
        lines += [f"*{escape_text(tag.description)}*", ""]
    if not items:
        return [*lines, "None.", ""]
    for item in items:
        lines += _quote(brief, item, name)
    return lines


def _quote(brief: Brief, item: TaggedSentence, name: str | None) -> list[str]:
    """One sentence: the quote, where it is and who tagged it, the other tags, the notes."""
    lines = [f"> {escape_text(item.text)}", ""]
    about = [_where(brief, item)]
    if name is not None:
        about.append(f"tagged by {escape_text(', '.join(item.taggers[name]))}")
        others = [t for t in item.taggers if t != name]
        if others:
            label = "cited for" if name == "source" else "also"
            about.append(f"{label}: {escape_text(', '.join(others))}")
        if name in item.disputed:
            about.append(f"**disputed** (not by {escape_text(', '.join(item.disputed[name]))})")
    else:
        about.append(f"tags: {escape_text(', '.join(item.taggers))}" if item.taggers else "no tag")
    if item.anchor.startswith("fuzzy"):
        about.append(f"re-anchored to a changed sentence ({escape_text(item.anchor)})")
    lines += ["— " + " · ".join(about), ""]
    for annotator, note in item.notes:
        note_lines = escape_lines(note) or [""]
        lines.append(f"- Note by {escape_text(annotator)}: {note_lines[0]}" + ("\\" if len(note_lines) > 1 else ""))
        for position, line in enumerate(note_lines[1:], start=2):
            lines.append(f"  {line}" + ("\\" if position < len(note_lines) else ""))
    if item.notes:
        lines.append("")
    return lines


def _untagged_notes_part(brief: Brief) -> list[str]:
    noted = [s for s in brief.sentences if not s.taggers]
    if not noted:
        return []
    lines = ["## Notes on untagged sentences", ""]
    for item in noted:
        lines += _quote(brief, item, None)
    return lines


def _orphans_part(brief: Brief) -> list[str]:
    if not brief.orphans:
        return []
    lines = ["## Lost their sentence", "", "Annotations whose sentence is no longer in the article's text (as it was when tagged).", ""]
    for item in brief.orphans:
        lines += _quote(brief, item, None)
    return lines


# -- the whole pipeline ----------------------------------------------------------------


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
) -> BriefOutput:
    """The brief of ``articles`` (open, re-anchored to their current text), or of every
    stored article, in format ``fmt`` (``md`` or ``html``)."""
    if fmt not in BRIEF_FORMATS:
        raise KeyError(f"unknown brief format {fmt!r} (known: {', '.join(BRIEF_FORMATS)})")
    entries = gather_entries(store, articles, annotators=annotators, cache=cache)
    if articles is not None:
        entries = [e for e in entries if e["annotations"] or e.get("orphans") or (suggested or {}).get(e["path"])]
    texts = {opened.article.path: opened.article for opened in articles or ()}

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
    )
    markdown = render_markdown(brief)
    if fmt == "html":
        from annotations.exchange.brief_html import render_html

        data = render_html(markdown, close_bidi(brief.title)).encode("utf-8")
    else:
        data = markdown.encode("utf-8")
    listed = set(brief.listed_tags)
    return BriefOutput(data, sum(1 for s in brief.sentences if set(s.taggers) & listed), len(brief.articles))
