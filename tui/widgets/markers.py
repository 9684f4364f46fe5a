"""The markers drawn before a sentence in the reader: your tags' letters, ``[cs✎]``,
with a claim's status and a source's grade, ``[c✗]``, ``[s B2]``, or who tagged what, ``[≠ ana:cf bo:c ✎]``, built from the readings the core returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from rich.cells import cell_len, set_cell_size

from annotations.schema import TagSchema, VerdictScale
from annotations.store.records import Record
from annotations.store.views import RecordView
from annotations.team.readings import SentenceReadings, sentence_readings

from .verdict_marks import reader_verdicts, status_symbol, verdict_inside

#: In a marker: the sentence has a note.
NOTE_MARK = "✎"
#: The brackets around suggested tags' letters (``‹co›``): unlike a tag's ``[c]`` with or without colour.
SUGGESTION_OPEN, SUGGESTION_CLOSE = "‹", "›"
#: In a marker, after your own tags' letters: other annotators gave the sentence tags (or a note) you did not (``[f+]``).
OTHERS_MARK = "+"
#: The fewest cells a who-tagged-what marker is cut to (``[≠ ana…]``).
MIN_MARKER = 8
#: The marker's glyph when every reader of the article gave the sentence the same tags.
AGREE_GLYPH = "="
#: ... and when they did not.
DISAGREE_GLYPH = "≠"
#: Characters of an annotator's name in a marker (the whole name when two would clash).
SHORT_NAME = 3


class AnnotationSource(Protocol):
    """What the view asks about each sentence (the core's ``ArticleAnnotations``)."""

    view: RecordView

    @property
    def annotator(self) -> str:
        """Whose tags are drawn as yours."""
        ...

    def tags(self, sentence: int) -> list[str]: ...

    def own_tags(self, sentence: int) -> list[str]: ...

    def note(self, sentence: int) -> str: ...

    def has_note(self, sentence: int) -> bool: ...


def fit_marker(mark: str, cells: int) -> str:
    """``mark`` cut to ``cells`` cells, ending ``…]`` when cut (a long who-tagged-what
    marker would push the sentence's first word off the line; the status line names all)."""
    if cell_len(mark) <= cells:
        return mark
    return set_cell_size(mark, cells - 2).rstrip() + "…]"


def marker_text(letters: str, note: bool, suggested: str = "") -> str:
    """The marker drawn just before an annotated sentence: ``[cs✎]``, then the letters
    of suggested tags in lowercase, ``‹co›`` ("" if nothing to mark)."""
    inside = letters + (NOTE_MARK if note else "")
    tagged = f"[{inside}]" if inside else ""
    return tagged + (f"{SUGGESTION_OPEN}{suggested.lower()}{SUGGESTION_CLOSE}" if suggested else "")


def own_marker(source: AnnotationSource, schema: TagSchema, sentence: int, tags: set[str], suggested: str) -> str:
    """The marker of ``sentence`` in your own view (see :func:`marker_text`): your tags'
    letters in schema order, :data:`OTHERS_MARK` if others gave it ``tags`` or a note you
    did not, your note's mark, then the ``suggested`` letters."""
    own = set(source.own_tags(sentence))
    letters = "".join(tag.key for tag in schema.tags if tag.name in own)
    letters += "".join("?" for name in own if schema.get(name) is None)  # a tag the schema no longer has
    record = own_record(source, sentence)
    if record is not None:  # its status and grade, readable without colour: [c✓], [s B2]
        letters = verdict_inside(letters, status_symbol(schema.verdicts, record.get("status", "")), record.get("grade", ""))
    mine = bool(source.note(sentence))
    if tags - own or (source.has_note(sentence) and not mine):
        letters += OTHERS_MARK  # others' tags or note: never drawn as yours (your keys edit yours); w shows whose
    return marker_text(letters, mine, suggested)


def own_record(source: AnnotationSource, sentence: int) -> Record | None:
    """Your record of the whole ``sentence``, if you have one."""
    return next((record for record in source.view.at(sentence) if record["annotator"] == source.annotator), None)


def short_names(names: Sequence[str]) -> dict[str, str]:
    """Each name cut to :data:`SHORT_NAME` characters, unless that makes two alike."""
    cut = {name: name[:SHORT_NAME] for name in names}
    clashing = {short for short in cut.values() if list(cut.values()).count(short) > 1}
    return {name: name if short in clashing else short for name, short in cut.items()}


def who_text(
    given: SentenceReadings, who: Sequence[str], letters: dict[str, str], note: str, verdicts: Mapping[str, str] | None = None
) -> str:
    """The who-tagged-what marker for these readings: ``[≠ ana:cf bo:c ✎]`` (the glyph
    only when two or more readers are compared; "" if nobody tagged or noted it).
    ``letters``: each tag's key letter, in key order; ``note``: the note mark;
    ``verdicts``: each annotator's status mark and grade, after the letters (``ana:c✗``)."""
    verdicts = verdicts or {}
    names = short_names(list(who))
    parts = []
    for name, tags in given.tags.items():
        keys = "".join(key for tag, key in letters.items() if tag in tags) + "".join("?" for tag in tags if tag not in letters)
        parts.append(f"{names[name]}:{keys or 'none'}{verdicts.get(name, '') if keys else ''}")  # only the final layer settles with no tag
    if not parts and not given.noted:
        return ""
    tagged = bool(parts)
    if given.agree is not None:
        parts.insert(0, AGREE_GLYPH if given.agree else DISAGREE_GLYPH)
    if given.noted:
        # a note alone says whose it is (``[bo ✎]``): no tag names anyone
        parts.append(note if tagged or not given.noters else " ".join(names.get(n, n) for n in given.noters) + f" {note}")
    return "[" + " ".join(parts) + "]"


def who_marker(
    view: RecordView,
    sentence: int,
    who: Sequence[str],
    letters: dict[str, str],
    note: str,
    *,
    final: str = "",
    scale: VerdictScale | None = None,
) -> str:
    """The who-tagged-what marker of ``sentence`` as the store has it (see :func:`who_text`);
    ``final``: the final layer, shown but no party to the glyph (it settles only disputes).
    With a verdict ``scale``, each reader's status and grade are shown, and readers who
    gave the same tags but different verdicts differ (``≠``)."""
    given = sentence_readings(view, sentence, who, final=final)
    if scale is None:
        return who_text(given, who, letters, note)
    verdicts = reader_verdicts(view.at(sentence), scale)
    compared = {verdicts.get(name, "") for name in given.tags if name != final}
    if given.agree and len(compared) > 1:
        given = given._replace(agree=False)
    return who_text(given, who, letters, note, verdicts)
