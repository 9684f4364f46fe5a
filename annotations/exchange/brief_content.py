"""What a brief says: its articles, tagged sentences, disputes and suggestions, built
from the records an export holds (see :mod:`annotations.exchange.brief`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from annotations.exchange.brief_verdicts import CheckedClaim, gather_claims
from annotations.exchange.export import ArticleEntry, build_export, entries_for_articles, entries_from_store
from annotations.schema import TagSchema
from annotations.sentences.cache import SentenceCache
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.folder import Store
from annotations.store.records import ExportedRecord

Suggested = Mapping[str, Mapping[int, Collection[str]]]
"""Suggested tags: article path → sentence number → tag names (see :mod:`annotations.exchange.brief`)."""


class Shown(Enum):
    """Whose tags a brief shows."""

    EVERYONE = "everyone"
    """Every annotator's records (the final layer's among them)."""
    FINAL = "final"
    """The final reading: on a sentence the final layer settled, only its record; elsewhere everyone's."""
    PICKED = "picked"
    """Only the records of the annotators picked (``--by``)."""


@dataclass(frozen=True)
class BriefReading:
    """Which reading a brief shows, whether a final (adjudicated) layer exists for its
    articles, and how to see the other reading (``switch``: the caller's words)."""

    shown: Shown = Shown.EVERYONE
    final: str = ""
    final_exists: bool = False
    picked: tuple[str, ...] = ()
    switch: str = ""


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
    words: tuple[int, int] | None = None
    """For tags on words inside the sentence (a span): their offsets in :attr:`text`."""
    grades: tuple[tuple[str, str], ...] = ()
    """``(annotator, grade)`` of each source grade given to it, by annotator."""

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
    """Everything a brief says, in the order it says it (see :func:`~annotations.exchange.brief_markdown.render_markdown`)."""

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
    reading: BriefReading = field(default_factory=BriefReading)
    settled_untagged: list[TaggedSentence] = field(default_factory=list)
    """The sentences (and words in them) the final layer settled with no tag (its record there has none)."""
    claims: list[CheckedClaim] = field(default_factory=list)
    """The claims listed, with their verdicts (see :mod:`annotations.exchange.brief_verdicts`)."""

    @property
    def listed_tags(self) -> tuple[str, ...]:
        """The tags that get a heading: those asked for, else the schema's."""
        return self.tags or self.schema.names

    def under(self, tag: str) -> list[TaggedSentence]:
        """The sentences (and words in them) listed under ``tag``, by article then sentence."""
        return [s for s in self.sentences if tag in s.taggers]

    def count(self, tag: str | None = None) -> int:
        """How many sentences carry ``tag`` (any listed tag when None), as ``stats`` counts
        them: a sentence tagged as a whole and on its words, or on several runs of words,
        counts once."""
        wanted = {tag} if tag is not None else set(self.listed_tags)
        return len({(s.article, s.sentence) for s in self.sentences if wanted & set(s.taggers)})

    def count_disputed(self) -> int:
        """How many sentences hold a dispute over a listed tag (as a whole or on words), each once."""
        listed = set(self.listed_tags)
        return len({(s.article, s.sentence) for s in self.sentences if listed & set(s.disputed)})

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


def choose_reading(
    entries: list[ArticleEntry], final: str, *, annotators: Collection[str] = (), prefer_final: bool = True, switch: str = ""
) -> tuple[list[ArticleEntry], BriefReading]:
    """The entries a brief shows (of ``entries``, every annotator's) and which reading they
    are: ``annotators``' records when some are picked; else, when ``prefer_final`` and an
    article has a final layer, its final reading (see :attr:`Shown.FINAL`); else everyone's."""
    exists = bool(final) and any(r["annotator"] == final for e in entries for r in [*e["annotations"], *e.get("orphans", [])])
    if annotators:
        picked = [_only(entry, set(annotators)) for entry in entries]
        shown = [e for e in picked if e["annotations"] or e.get("orphans")]
        return shown, BriefReading(Shown.PICKED, final, exists, tuple(annotators), switch)
    if prefer_final and exists:
        return [_final_reading(entry, final) for entry in entries], BriefReading(Shown.FINAL, final, exists, (), switch)
    return entries, BriefReading(Shown.EVERYONE, final, exists, (), switch)


def _only(entry: ArticleEntry, annotators: set[str]) -> ArticleEntry:
    """``entry`` with only the records of ``annotators``."""
    picked = entry.copy()
    picked["annotations"] = [r for r in entry["annotations"] if r["annotator"] in annotators]
    orphans = [r for r in entry.get("orphans", []) if r["annotator"] in annotators]
    if orphans:
        picked["orphans"] = orphans
    else:
        picked.pop("orphans", None)
    return picked


def _place(record: ExportedRecord) -> tuple[int, int, int]:
    """Where a record is: its sentence, and its words' offsets (``-1, -1``: the whole sentence)."""
    span = record.get("span")
    return (record["sentence"], -1, -1) if span is None else (record["sentence"], span["start"], span["end"])


def _final_reading(entry: ArticleEntry, final: str) -> ArticleEntry:
    """``entry`` with the final layer's record alone at each place it settled: a whole
    sentence, or the very same words in one (everyone's spans on other words stay)."""
    settled = {_place(r) for r in entry["annotations"] if r["annotator"] == final}
    reading = entry.copy()
    reading["annotations"] = [r for r in entry["annotations"] if r["annotator"] == final or _place(r) not in settled]
    return reading


def build_brief(
    entries: Iterable[ArticleEntry],
    schema: TagSchema,
    *,
    tags: Collection[str] = (),
    suggested: Suggested | None = None,
    sentence_text: Callable[[str, int], str] | None = None,
    generated: str | None = None,
    final: str = "",
    reading: BriefReading | None = None,
    people: Mapping[str, Collection[str]] | None = None,
) -> Brief:
    """The brief of export ``entries``; ``tags`` limits what is listed; ``suggested`` (see
    :data:`Suggested`) adds what is only suggested, quoted through ``sentence_text(path,
    number)`` where the store holds no record of the sentence; ``final``: the final layer's
    annotator, left out of the disputes; ``reading``: which reading ``entries`` are (see
    :func:`choose_reading`); ``people``: by path, who annotated each article (the final
    reading replaces their records where it settled them, not their names)."""
    brief = Brief(schema=schema, tags=tuple(schema.sort(tags)) if tags else (), generated=generated, final=final)
    if reading is not None:
        brief.reading = reading
    listed = set(brief.listed_tags)
    entries = list(entries)
    brief.claims = gather_claims(entries, schema, listed)
    for index, entry in enumerate(entries):
        records = [*entry["annotations"], *entry.get("orphans", [])]
        annotators = tuple(sorted({r["annotator"] for r in records}))
        named = tuple(sorted(people[entry["path"]])) if people is not None and entry["path"] in people else annotators
        brief.articles.append(BriefArticle(entry["title"], entry["path"], entry["meta"], named))
        by_sentence: dict[int, list[ExportedRecord]] = defaultdict(list)
        for record in entry["annotations"]:
            by_sentence[record["sentence"]].append(record)
        for number in sorted(by_sentence):
            # disputed among everyone who read the article: a reader whose records the final
            # reading replaced everywhere still disagrees where it settled nothing
            _add_sentence(brief, index, by_sentence[number], tuple(a for a in named if a != final), listed)
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


def _add_sentence(brief: Brief, article: int, records: list[ExportedRecord], annotators: tuple[str, ...], listed: set[str]) -> None:
    """List one sentence's records (see :func:`units`) where the brief shows them: under
    their tags (or with the untagged notes), and among those the final layer settled with
    no tag."""
    for unit in units(records):
        tagged = _tagged_sentence(article, unit, brief.schema, annotators)
        if set(tagged.taggers) & listed or (not brief.tags and tagged.notes):
            brief.sentences.append(tagged)
        if brief.final and any(r["annotator"] == brief.final and not r["tags"] for r in unit):
            brief.settled_untagged.append(tagged)


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
        words=(first["span"]["start"], first["span"]["end"]) if "span" in first else None,
        grades=tuple(sorted((r["annotator"], str(r["grade"])) for r in records if r.get("grade"))),
    )


def units(records: list[ExportedRecord]) -> list[list[ExportedRecord]]:
    """One sentence's records as the brief quotes them: the whole-sentence records
    together (if any), then those on each run of words (spans), by offset."""
    whole = [r for r in records if "span" not in r]
    spans: dict[tuple[int, int], list[ExportedRecord]] = defaultdict(list)
    for record in records:
        if "span" in record:
            spans[(record["span"]["start"], record["span"]["end"])].append(record)
    return ([whole] if whole else []) + [spans[key] for key in sorted(spans)]
