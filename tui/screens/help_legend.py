"""The reader help's legend: every marker the reader draws before a sentence or around its words, each shown
as the reader draws it (made by the same functions and constants), with what it means."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from annotations.schema import TagSchema
from annotations.store.verdicts import CREDIBILITY, RELIABILITY, SOURCE_TAG
from annotations.team.readings import SentenceReadings

from ..widgets.markers import (
    AGREE_GLYPH,
    DISAGREE_GLYPH,
    MIN_MARKER,
    NOTE_MARK,
    OTHERS_MARK,
    SUGGESTION_CLOSE,
    SUGGESTION_OPEN,
    fit_marker,
    marker_text,
    who_text,
)
from ..widgets.span_pieces import SPAN_NOTE, SpanMark
from ..widgets.verdict_marks import status_symbol, verdict_inside

#: What the reader draws for a tag the config no longer has (see ``own_marker``).
UNKNOWN_TAG = "?"


def legend_rows(schema: TagSchema) -> list[tuple[str, str]]:
    """Each marker the reader draws, as drawn, and what it means (the example letters are
    ``schema``'s first tags)."""
    keys = {tag.name: tag.key for tag in schema.tags}
    first = [tag.key for tag in schema.tags[:2]] or ["c"]
    letters = "".join(first)
    names = ", ".join(f"{tag.key} {tag.name}" for tag in schema.tags)
    tags = list(keys)[:2]
    agree = SentenceReadings({"ana": tags[:1], "bo": tags[:1]}, True, False)
    differ = SentenceReadings({"ana": tags, "bo": tags[:1]}, False, True)
    differ_text = who_text(differ, ["ana", "bo"], keys, NOTE_MARK)
    return [
        (marker_text(letters, False), f"your tags on the sentence, by key letter ({names})"),
        (marker_text(first[0], True), f"{NOTE_MARK} the sentence has your note"),
        (marker_text(first[0] + OTHERS_MARK, False), f"{OTHERS_MARK} others gave it tags or a note you did not (w shows whose)"),
        (
            marker_text("", False, letters),
            f"{SUGGESTION_OPEN}…{SUGGESTION_CLOSE} suggested tags, not yours yet (y or the tag's key accepts, d rejects, z hides them)",
        ),
        (
            _span_example(first[0], "300,000 shells"),
            f"words inside a sentence with tags (a span, m tags them): its letters open and close it, {SPAN_NOTE} your note, {OTHERS_MARK} others'",
        ),
        *_verdict_rows(schema),
        (marker_text(UNKNOWN_TAG, False), f"{UNKNOWN_TAG} a tag the config no longer has"),
        (who_text(agree, ["ana", "bo"], keys, NOTE_MARK), f"{AGREE_GLYPH} with w: every annotator gave it the same tags"),
        (differ_text, f"{DISAGREE_GLYPH} with w: the annotators differ; each name's tag letters, {NOTE_MARK} a note"),
        (fit_marker(differ_text, MIN_MARKER), "… a marker cut to fit the line (the status line names all)"),
    ]


def _verdict_rows(schema: TagSchema) -> list[tuple[str, str]]:
    """A claim's status after its letters, one row per status of the scale, and a source's grade with the Admiralty code's meanings."""
    keys = {tag.name: tag.key for tag in schema.tags}
    claim = keys.get(schema.checkable[0], "c") if schema.checkable else "c"
    scale = schema.verdicts
    rows = [(marker_text(claim, False), f"a claim at {scale.default.label.lower()} (no mark; V sets a status, I shows the verdict panel)")]
    for verdict in scale.verdicts[1:]:
        rows.append(
            (marker_text(verdict_inside(claim, status_symbol(scale, verdict.name), ""), False), f"{verdict.mark} {verdict.label.lower()}")
        )
    reliability = ", ".join(f"{letter} {meaning}" for letter, meaning in RELIABILITY.items())
    credibility = ", ".join(f"{digit} {meaning}" for digit, meaning in CREDIBILITY.items())
    grade = marker_text(verdict_inside(keys.get(SOURCE_TAG, "s"), "", "B2"), False)
    return [*rows, (grade, f"a source's grade (r grades it): source reliability {reliability}; information credibility {credibility}")]


def _span_example(letters: str, words: str) -> str:
    """A span as the reader draws it: ``⟨f⟩300,000 shells⟨/f⟩``."""
    mark = SpanMark(0, len(words), letters, None)
    return mark.opening + words + mark.closing


def marker_legend(schema: TagSchema) -> Table:
    """The legend as a two-column table: the marker, then its meaning."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for marker, meaning in legend_rows(schema):
        table.add_row(Text(marker), Text(meaning))
    return table
