"""The verdict panel: the cursor record's status and its history, evidence, rationale,
grade and links (both ways), following the cursor."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from annotations.model import Article
from annotations.schema import TagSchema, VerdictScale
from annotations.store.article_annotations import ArticleAnnotations
from annotations.store.records import Evidence, LinkEnd, Record, parse_timestamp
from annotations.store.verdicts import grade_meaning

from ..shown import excerpt, inert

#: Arrows of a link: from the record shown, and to it.
OUT_ARROW, IN_ARROW = "→", "←"


class LinkLine(NamedTuple):
    """One link of the record shown, either way."""

    kind: str
    """``attributed-to``, ``corroborates`` or ``contradicts``."""
    outgoing: bool
    """From the record shown (else to it, from another record)."""
    path: str
    """The other end's article ("" for this one)."""
    sentence: int
    """The other end's sentence."""
    quote: str = ""
    """The other end's words or sentence, when known."""
    annotator: str = ""
    """Whose link it is."""
    grade: str = ""
    """The other end's grade, when it is a graded source of this article (by the link's annotator)."""
    end: LinkEnd | None = None
    """The other end as stored, for a link into another article (followed through that
    article's edits when it is opened)."""
    lost: bool = False
    """Whether the other end's sentence is gone from this article (edited since the link was made)."""

    def describe(self) -> str:
        """``→ attributed-to sentence 9 "…"`` or ``← corroborates other.txt#4``."""
        arrow = OUT_ARROW if self.outgoing else IN_ARROW
        where = f"{self.path}#{self.sentence}" if self.path else f"sentence {self.sentence}"
        if self.lost:
            where = f"{self.path + ': ' if self.path else ''}a sentence gone in an edit (was {self.sentence})"
        quote = f' "{excerpt(self.quote, 50)}"' if self.quote else ""
        grade = f" graded {self.grade}" if self.grade else ""
        who = f" ({self.annotator})" if self.annotator else ""
        return f"{arrow} {self.kind} {where}{quote}{grade}{who}"


def _when(stamp: str) -> str:
    try:
        return parse_timestamp(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "?"


def status_label(scale: VerdictScale, status: str) -> str:
    """``✗ False``, as the panel and the status line name a status."""
    verdict = scale.get(status) if status else scale.default
    if verdict is None:
        return f"? {status}"
    return f"{verdict.mark} {verdict.label}".strip()


def verdict_text(
    where: str,
    record: Record | None,
    scale: VerdictScale,
    links: Sequence[LinkLine],
    checkable: Collection[str] = ("claim", "figure"),
    cited: Callable[[Evidence], str] | None = None,
) -> Text:
    """Everything the panel shows of ``record`` (your record of ``where``), readable without
    colour: a status and evidence only for a record with a ``checkable`` tag (a source: its
    grade and links). ``cited`` says where an evidence item is now (its value if not given)."""
    text = Text(inert(where), style="bold")
    if record is None:
        text.append("\nNo tag or note of yours here: tag it (a claim to check, a source to grade) first.")
        return text
    text.append(f" · {', '.join(inert(t) for t in record['tags']) or 'no tag'}")
    if set(checkable) & set(record["tags"]) or record.get("status") or record.get("evidence"):
        _status(text, record, scale)
        _evidence(text, record, cited)
    rationale = record.get("rationale", "")
    if rationale:
        text.append("\n\nRationale: ", style="bold")
        text.append(" ⏎ ".join(inert(line) for line in rationale.splitlines()))
    grade = record.get("grade", "")
    if grade:
        text.append("\n\nGrade: ", style="bold")
        text.append(f"{grade} ({grade_meaning(grade)})")
    text.append(f"\n\nLinks ({len(links)})", style="bold")
    for link in links:
        text.append("\n  " + inert(link.describe()))
    if not links:
        text.append("\n  none (X links, T follows)", style="dim")
    return text


def others_text(records: Sequence[Record], scale: VerdictScale, checkable: Collection[str]) -> Text:
    """Other annotators' verdicts on the same place: ``Others: bo ✓ Verified; cy B2`` ("" if none)."""
    parts = []
    for record in records:
        said = [status_label(scale, record.get("status", ""))] if set(checkable) & set(record["tags"]) else []
        said += [f"graded {record['grade']}"] if record.get("grade") else []
        if said:
            parts.append(f"{inert(record['annotator'])} {', '.join(said)}")
    return Text("\n\nOthers: " + "; ".join(parts)) if parts else Text()


def _status(text: Text, record: Record, scale: VerdictScale) -> None:
    status = record.get("status", "")
    text.append("\n\nStatus: ", style="bold")
    text.append(status_label(scale, status) + (" (unset)" if not status else ""))
    for change in record.get("status_history", []):
        before = change["from"] or "—"
        text.append(f"\n  {_when(change['at'])} {inert(change['by'])}: {inert(before)} → {inert(change['to'])}", style="dim")


def _evidence(text: Text, record: Record, cited: Callable[[Evidence], str] | None) -> None:
    evidence = record.get("evidence", [])
    text.append(f"\n\nEvidence ({len(evidence)})", style="bold")
    for item in evidence:
        text.append(f"\n  [{item['kind']}] ", style="bold")
        text.append(inert(excerpt(cited(item) if cited is not None else item["value"], 200)))
        if item["kind"] == "sentence" and item.get("quote", "").strip():
            text.append(f" “{inert(excerpt(item.get('quote', ''), 120))}”")
        text.append(f"  {inert(item['by'])} {_when(item['at'])}", style="dim")
    if not evidence:
        text.append("\n  none (p adds a web address, PATH#N or text)", style="dim")


class VerdictPanel(Vertical):
    """The cursor record's verdict, evidence, grade and links (see :func:`verdict_text`)."""

    def __init__(self, article: Article, annotations: ArticleAnnotations, schema: TagSchema, *, id: str | None = None) -> None:
        super().__init__(id=id)  # made as the other side panels are; the reader feeds it what to show
        self._text = Text()

    def compose(self) -> ComposeResult:
        yield Label("Verdict, evidence, links", classes="panel-title")
        with VerticalScroll(id="verdict-scroll"):
            yield Static(self._text, id="verdict-text")

    def show(self, text: Text) -> None:
        """Show ``text`` (made by :func:`verdict_text`)."""
        self._text = text
        if self.is_mounted:
            self.query_one("#verdict-text", Static).update(text)

    @property
    def shown(self) -> str:
        """What the panel shows, as plain text."""
        return self._text.plain
