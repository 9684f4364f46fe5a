"""The annotation record: its schema, defined once, and the functions that make records.

One record per tagged (or noted) sentence and annotator, and one per tagged (or noted)
span of words inside a sentence (``span``, see :mod:`annotations.store.spans`).
:class:`ExportedRecord` lists
the fields in the order they are stored and exported, with their types and the rules
an import checks (``Annotated`` markers, see :mod:`annotations.store.field_rules`); :data:`RECORD_FIELDS` and
:data:`SELECTOR_FIELDS` are read from it, and the export, the fast YAML layout and the
import validation are all derived from those, so a new field is added here only.
"""

from __future__ import annotations

import copy
import datetime as _dt
import uuid
from typing import Annotated, Any, TypedDict, cast

from annotations.model import Article, Sentence, storable_path
from annotations.store.field_rules import Absent as Absent
from annotations.store.field_rules import Default as Default
from annotations.store.field_rules import FieldSpec as FieldSpec
from annotations.store.field_rules import MaxLength as MaxLength
from annotations.store.field_rules import Minimum as Minimum
from annotations.store.field_rules import Multiline as Multiline
from annotations.store.field_rules import NonEmpty as NonEmpty
from annotations.store.field_rules import Pattern as Pattern
from annotations.store.field_rules import TagNames as TagNames
from annotations.store.field_rules import Timestamp as Timestamp
from annotations.store.field_rules import field_specs

#: Characters of context kept on each side of a quote selector.
CONTEXT_CHARS = 32

#: How a record is anchored: ``exact`` (its sentence, where it was), ``moved`` (the same
#: sentence elsewhere), ``fuzzy 0.87`` (a changed sentence, with the quote similarity),
#: ``orphan`` (no sentence of the current text). See annotations.store.anchoring.
ANCHOR_PATTERN = r"^(?:exact|moved|orphan|fuzzy (?:0\.[0-9]{2}|1\.00))$"


# -- the schema -----------------------------------------------------------------


class Selector(TypedDict):
    """A W3C TextQuoteSelector plus TextPositionSelector: the quote, its context, its offsets."""

    exact: str
    prefix: str
    suffix: str
    start: Annotated[int, Minimum(0)]
    end: Annotated[int, Minimum(0)]


class Span(TypedDict):
    """Words inside the record's sentence: their offsets in its ``text``, the words, and
    up to :data:`CONTEXT_CHARS` of the sentence either side (a TextQuoteSelector within
    the sentence, to find the words again when it changes)."""

    start: Annotated[int, Minimum(0)]
    end: Annotated[int, Minimum(1)]
    quote: Annotated[str, NonEmpty(), MaxLength(1_000_000)]
    prefix: Annotated[str, Default("")]
    """The sentence's words before the quote (an export written by hand may leave both out)."""
    suffix: Annotated[str, Default("")]


class _EveryRecord(TypedDict):
    """The fields every record has (see :class:`ExportedRecord`)."""

    sentence: Annotated[int, Minimum(1)]
    section: Annotated[int, Minimum(1)]
    section_title: str
    text: Annotated[str, NonEmpty()]
    tags: Annotated[list[str], TagNames()]
    note: Annotated[str, Multiline(), MaxLength(20_000)]
    annotator: Annotated[str, NonEmpty()]
    created: Annotated[str, Timestamp()]
    updated: Annotated[str, Timestamp()]
    id: Annotated[str, NonEmpty(), MaxLength(200)]
    group: Annotated[str, MaxLength(200), Default("")]
    """Shared by the records one action changed together (a range tagged at once); "" alone."""
    anchor: Annotated[str, Pattern(ANCHOR_PATTERN, "exact, moved, orphan or 'fuzzy 0.NN'"), Default("exact")]
    quote: Annotated[str, MaxLength(1_000_000), Default("")]
    selector: Selector


#: A source grade (Admiralty code): source reliability A-F, information credibility 1-6.
GRADE_PATTERN = r"^[A-F][1-6]$"
#: What an evidence item is: a web address, a sentence of an article in the store, or text.
EVIDENCE_KINDS = ("url", "sentence", "text")
#: How a record is linked to another: its source, or a claim it corroborates or contradicts.
LINK_KINDS = ("attributed-to", "corroborates", "contradicts")


#: The most of a cited sentence's words an evidence item keeps (its ``quote``).
EVIDENCE_QUOTE_MAX = 2_000


class _Evidence(TypedDict):
    kind: Annotated[str, Pattern(r"^(?:url|sentence|text)$", "url, sentence or text")]
    value: Annotated[str, NonEmpty(), MaxLength(20_000)]
    by: Annotated[str, NonEmpty()]
    at: Annotated[str, Timestamp()]


class Evidence(_Evidence, total=False):
    """One evidence item of a verdict: what it is, who added it and when; a ``sentence``
    (``PATH#N``) keeps the sentence's words as they were when it was cited (``quote``),
    so it is found again after an edit of its article, or known gone."""

    quote: Annotated[str, MaxLength(EVIDENCE_QUOTE_MAX)]


#: One change of a record's status: who, when, from which status to which ("" before any).
StatusChange = TypedDict(
    "StatusChange",
    {"by": Annotated[str, NonEmpty()], "at": Annotated[str, Timestamp()], "from": str, "to": Annotated[str, NonEmpty()]},
)


class _LinkEnd(TypedDict):
    """The record a link leads to: its article (path and content hash) and sentence."""

    path: Annotated[str, NonEmpty()]
    content: Annotated[str, Default("")]
    sentence: Annotated[int, Minimum(1)]


class LinkEnd(_LinkEnd, total=False):
    """The record a link leads to, and its words when it is a span record."""

    span: Span


#: A link from a record to another (``as``: one of :data:`LINK_KINDS`).
Link = TypedDict(
    "Link",
    {
        "as": Annotated[str, Pattern(r"^(?:attributed-to|corroborates|contradicts)$", "attributed-to, corroborates or contradicts")],
        "to": LinkEnd,
    },
)


class ExportedRecord(_EveryRecord, total=False):
    """A record as exported and imported; the field order here is the order everywhere.

    The fields after ``span`` assess what the record is on (see
    :mod:`annotations.store.verdicts`, :mod:`annotations.store.links`); only records
    that were assessed carry them."""

    span: Span
    """Only on a span record: the words it is on (a whole-sentence record has no ``span``)."""
    status: Annotated[str, NonEmpty(), MaxLength(64)]
    """Where a checkable claim stands (a name of the configured verdict scale)."""
    rationale: Annotated[str, Multiline(), MaxLength(20_000)]
    """Why the status is what it is (kept apart from the note: see :mod:`annotations.store.verdicts`)."""
    evidence: list[Evidence]
    status_history: list[StatusChange]
    grade: Annotated[str, Pattern(GRADE_PATTERN, "a grade such as B2 (reliability A-F, credibility 1-6)")]
    """A source's Admiralty grade (only on records tagged ``source``)."""
    links: list[Link]
    """Links to other records, stored on this end only (see :mod:`annotations.store.links`)."""


class ArticleRef(TypedDict):
    """The article fields every stored record carries."""

    sha256: str
    path: str
    title: str


class Record(ExportedRecord):
    """A record as stored: the exported fields, its article, and whether it lost its sentence."""

    article: ArticleRef
    orphan: bool


#: Every field a record may have, in order.
ALL_SPECS = field_specs(ExportedRecord)
#: The exported fields every record has, in order.
RECORD_SPECS = tuple(spec for spec in ALL_SPECS if not spec.optional)
#: The fields only some records carry, in order, after :data:`RECORD_SPECS`: ``span`` and
#: the assessment (:data:`ASSESSMENT_FIELDS`).
OPTIONAL_SPECS = tuple(spec for spec in ALL_SPECS if spec.optional)
SPAN_SPEC = next(spec for spec in OPTIONAL_SPECS if spec.name == "span")
#: The fields of a span, in order.
SPAN_FIELDS = tuple(spec.name for spec in SPAN_SPEC.fields)
#: The fields of a selector, in order.
SELECTOR_SPECS = next(spec for spec in RECORD_SPECS if spec.name == "selector").fields
RECORD_FIELDS = tuple(spec.name for spec in RECORD_SPECS)
#: The fields that assess what a record is on: status, rationale, evidence, history, grade, links.
ASSESSMENT_FIELDS = tuple(spec.name for spec in OPTIONAL_SPECS if spec.name != "span")
SELECTOR_FIELDS = tuple(spec.name for spec in SELECTOR_SPECS)
#: Fields a record stored or exported before they existed may lack, with their values then.
DEFAULTS: dict[str, Any] = {spec.name: spec.default for spec in RECORD_SPECS if spec.has_default}


# -- making records ----------------------------------------------------------------


#: The longest note a record holds, in characters (about 3,000 words): a note is an
#: analyst's comment, and every save of the article rewrites it.
MAX_NOTE_CHARS = 20_000

_STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> str:
    """Now, as ISO 8601 in UTC with microseconds (``2026-11-25T20:35:04.123456Z``)."""
    return _dt.datetime.now(_dt.timezone.utc).strftime(_STAMP)


def stamp_after(previous: str | None, now: str) -> str:
    """The ``updated`` stamp of an edit to a record last stamped ``previous``: ``now``, or
    one microsecond after ``previous`` if that is not earlier (a colleague's clock ran
    ahead). A local edit is thus always newer than what it edited, and an import of the
    older version never takes it back."""
    if previous is None:
        return now
    try:
        before = parse_timestamp(previous)
    except (ValueError, OverflowError):
        return now
    if before < parse_timestamp(now):
        return now
    try:
        return (before + _dt.timedelta(microseconds=1)).astimezone(_dt.timezone.utc).strftime(_STAMP)
    except OverflowError:  # stamped at the end of time: nothing is later
        return previous


def parse_timestamp(value: str) -> _dt.datetime:
    """Parse an ISO 8601 timestamp; naive ones are taken as UTC."""
    parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed


def selector_for(article: Article, sentence: Sentence) -> Selector:
    """A quote selector (exact text, context, position) for re-anchoring later."""
    text = article.text
    return {
        "exact": sentence.text,
        "prefix": text[max(0, sentence.start - CONTEXT_CHARS) : sentence.start],
        "suffix": text[sentence.end : sentence.end + CONTEXT_CHARS],
        "start": sentence.start,
        "end": sentence.end,
    }


def article_ref(article: Article) -> ArticleRef:
    """The article fields every record carries."""
    return {"sha256": article.sha256, "path": storable_path(article.path), "title": article.title}


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
        "group": "",
        "anchor": "exact",
        "quote": "",
        "orphan": False,
    }


def anchor_record(record: Record, article: Article, sentence: Sentence) -> Record:
    """``record`` moved onto ``sentence`` of the current ``article`` text."""
    moved = record.copy()
    moved["article"] = article_ref(article)
    moved["sentence"] = sentence.number
    moved["section"] = sentence.section
    moved["section_title"] = article.sections[sentence.section - 1].label
    moved["text"] = sentence.text
    moved["selector"] = selector_for(article, sentence)
    moved["orphan"] = False
    moved["anchor"] = "exact"
    moved["quote"] = ""
    return moved


def exported(record: Record) -> ExportedRecord:
    """A stored record in export form: the exported fields only, in schema order (stored
    records are checked against the schema when their file is opened)."""
    get = cast(dict[str, Any], record).get
    out: dict[str, Any] = {name: get(name, default) for name, default in _EXPORTED_DEFAULTS}
    out["tags"] = list(record["tags"])
    selector = record["selector"]
    out["selector"] = {name: selector[name] for name in SELECTOR_FIELDS}  # type: ignore[literal-required]
    span = record.get("span")
    if span is not None:
        out["span"] = {name: span[name] for name in SPAN_FIELDS}  # type: ignore[literal-required]
    for name in ASSESSMENT_FIELDS:
        if name in record:
            out[name] = copy.deepcopy(get(name))
    return out  # type: ignore[return-value]


#: (field, value where a record lacks it) in export order: one dict lookup a field.
_EXPORTED_DEFAULTS = tuple((name, DEFAULTS.get(name)) for name in RECORD_FIELDS)


def is_empty(record: Record) -> bool:
    """A record with neither tags nor a note says nothing and is not kept."""
    return not record["tags"] and not record["note"]


def copy_record(record: Record) -> Record:
    """A record to change: its lists and mappings copied, its text shared."""
    copied = record.copy()
    copied["tags"] = list(record["tags"])
    copied["selector"] = record["selector"].copy()
    if "span" in record:
        copied["span"] = record["span"].copy()
    for name in ASSESSMENT_FIELDS:
        value = copied.get(name)
        if isinstance(value, list):
            copied[name] = copy.deepcopy(value)  # type: ignore[literal-required]
    return copied


def assessment(record: Record | dict[str, Any]) -> dict[str, Any]:
    """The assessment fields ``record`` carries (see :data:`ASSESSMENT_FIELDS`), copied."""
    return {name: copy.deepcopy(record[name]) for name in ASSESSMENT_FIELDS if name in record}  # type: ignore[literal-required]


def with_assessment(record: Record, fields: dict[str, Any]) -> None:
    """Make ``record``'s assessment exactly ``fields`` (those it lacks are removed)."""
    for name in ASSESSMENT_FIELDS:
        if name in fields:
            record[name] = copy.deepcopy(fields[name])  # type: ignore[literal-required]
        else:
            record.pop(name, None)  # type: ignore[misc]


def instant(stamp: str) -> tuple[int, _dt.datetime | str]:
    """A stamp as a moment, for ordering stamps written with different offsets."""
    try:
        return (1, parse_timestamp(stamp).astimezone(_dt.timezone.utc))
    except (ValueError, OverflowError):
        return (0, stamp)
