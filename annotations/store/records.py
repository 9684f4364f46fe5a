"""The annotation record: its schema, defined once, and the functions that make records.

One record per tagged (or noted) sentence and annotator, and one per tagged (or noted)
span of words inside a sentence (``span``, see :mod:`annotations.store.spans`).
:class:`ExportedRecord` lists
the fields in the order they are stored and exported, with their types and the rules
an import checks (``Annotated`` markers below); :data:`RECORD_FIELDS` and
:data:`SELECTOR_FIELDS` are read from it, and the export, the fast YAML layout and the
import validation are all derived from those, so a new field is added here only.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from typing import Annotated, Any, NamedTuple, TypedDict, cast, get_args, get_origin, get_type_hints

from annotations.model import Article, Sentence, storable_path

#: Characters of context kept on each side of a quote selector.
CONTEXT_CHARS = 32


# -- rules an import checks, attached to fields with Annotated[...] ---------------
# Named tuples, not dataclasses: this module is on the reader's start path, and a
# named tuple is built ~6x faster (five dataclasses cost ~2 ms there).


class Minimum(NamedTuple):
    """A whole number at least ``value``."""

    value: int


class NonEmpty:
    """Text that may not be empty."""


class Timestamp:
    """ISO 8601 text (``2026-11-25T20:35:04.123456Z``)."""


class Multiline:
    """Text that may hold line breaks (written in YAML block style when it does)."""


class TagNames:
    """A list of tag names."""


class MaxLength(NamedTuple):
    """Text at most ``value`` characters long."""

    value: int


class Default(NamedTuple):
    """A field newer than some stores and exports: where it is missing, it is ``value``."""

    value: Any


class Absent:
    """A field only some records carry (not required by its TypedDict): where it is missing the record has
    none; it is never filled in, and never written where missing."""


class Pattern(NamedTuple):
    """Text matching a regular expression (``what`` says it to the user)."""

    regex: str
    what: str


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


class ExportedRecord(_EveryRecord, total=False):
    """A record as exported and imported; the field order here is the order everywhere."""

    span: Span
    """Only on a span record: the words it is on (a whole-sentence record has no ``span``)."""


class ArticleRef(TypedDict):
    """The article fields every stored record carries."""

    sha256: str
    path: str
    title: str


class Record(ExportedRecord):
    """A record as stored: the exported fields, its article, and whether it lost its sentence."""

    article: ArticleRef
    orphan: bool


class FieldSpec(NamedTuple):
    """One field of a record or selector: its name, its kind and its rules."""

    name: str
    kind: type
    """``int``, ``str``, ``list`` (of text) or ``dict`` (the selector)."""
    rules: tuple[object, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    """For the selector: its own fields."""

    @property
    def optional(self) -> bool:
        """Whether only some records carry the field (see :class:`Absent`)."""
        return self.rule(Absent) is not None

    def rule(self, kind: type[Any]) -> Any:
        """This field's rule of type ``kind``, if it has one."""
        return next((rule for rule in self.rules if isinstance(rule, kind)), None)

    @property
    def has_default(self) -> bool:
        """Whether the field may be missing (older stores and exports), meaning :attr:`default`."""
        return self.rule(Default) is not None

    @property
    def default(self) -> Any:
        """The value of the field where it is missing (see :class:`Default`)."""
        found = self.rule(Default)
        return found.value if found is not None else None

    @property
    def minimum(self) -> int:
        """The least whole number allowed (for ``int`` fields)."""
        found = self.rule(Minimum)
        return found.value if found is not None else 0


def field_specs(schema: type) -> tuple[FieldSpec, ...]:
    """The fields of a TypedDict, in order, with their kinds and ``Annotated`` rules (and
    :class:`Absent` for a field it does not require)."""
    specs: list[FieldSpec] = []
    optional: frozenset[str] = getattr(schema, "__optional_keys__", frozenset())
    for name, hint in get_type_hints(schema, include_extras=True).items():
        rules: tuple[object, ...] = (Absent(),) if name in optional else ()
        if get_origin(hint) is Annotated:
            hint, *extra = get_args(hint)
            rules = (*rules, *extra)
        if isinstance(hint, type) and issubclass(hint, dict):  # a nested TypedDict
            specs.append(FieldSpec(name, dict, rules, field_specs(hint)))
        else:
            specs.append(FieldSpec(name, get_origin(hint) or hint, rules))
    return tuple(specs)


#: Every field a record may have, in order.
ALL_SPECS = field_specs(ExportedRecord)
#: The exported fields every record has, in order.
RECORD_SPECS = tuple(spec for spec in ALL_SPECS if not spec.optional)
#: The fields only some records carry, in order, after :data:`RECORD_SPECS`: ``span``.
OPTIONAL_SPECS = tuple(spec for spec in ALL_SPECS if spec.optional)
SPAN_SPEC = next(spec for spec in OPTIONAL_SPECS if spec.name == "span")
#: The fields of a span, in order.
SPAN_FIELDS = tuple(spec.name for spec in SPAN_SPEC.fields)
#: The fields of a selector, in order.
SELECTOR_SPECS = next(spec for spec in RECORD_SPECS if spec.name == "selector").fields
RECORD_FIELDS = tuple(spec.name for spec in RECORD_SPECS)
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
    return copied


def instant(stamp: str) -> tuple[int, _dt.datetime | str]:
    """A stamp as a moment, for ordering stamps written with different offsets."""
    try:
        return (1, parse_timestamp(stamp).astimezone(_dt.timezone.utc))
    except (ValueError, OverflowError):
        return (0, stamp)
