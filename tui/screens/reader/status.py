"""The reader's status line and note line: widgets fed by reactives (the screen sets
what changed; each widget renders itself once per frame)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from enum import IntEnum
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from annotations.metadata import counted
from annotations.model import Article, Section
from annotations.store.article_annotations import ArticleAnnotations
from annotations.team.readings import readings

from ...shown import excerpt, excerpt_end, inert
from ...widgets.article_view import NOTE_MARK
from ...widgets.verdict_marks import status_symbol


def section_header(article: Article, section: Section) -> Text:
    """``2/5 · Label — subtitle``: the section on screen, above the text."""
    header = Text(f"{section.number}/{article.section_count} · ", style="bold")
    header.append(inert(section.label), style="bold")
    for subtitle in section.subtitles:
        header.append(" — ")
        header.append(inert(subtitle), style="italic")
    return header


class SearchStatus(NamedTuple):
    """A search term and the sentences that match it, in order."""

    term: str
    matches: tuple[int, ...]

    def describe(self, cursor: int) -> str:
        """``search: term · match 2/7`` (sentences that match), or that nothing matches."""
        return f"search: {inert(self.term)} · {self.found(cursor)}"

    def found(self, cursor: int) -> str:
        """``match 2/7`` (the cursor's match), ``7 matches`` or ``no match``."""
        if not self.matches:
            return "no match"
        index = bisect_left(self.matches, cursor)
        if index < len(self.matches) and self.matches[index] == cursor:
            return f"match {index + 1}/{len(self.matches)}"
        return counted(len(self.matches), "match", "matches")

    def item(self, cursor: int) -> StatusItem:
        """The search as a status item: short of room, its term's last words, then no term."""
        found = self.found(cursor)
        end = excerpt_end(self.term, SEARCH_END)
        short = f"search: {inert(end)} · {found}" if end.startswith("…") else ""
        return StatusItem(Rank.SEARCH, self.describe(cursor), short, fallback=found)


#: The most cells of a search term's end the status line shows short of room.
SEARCH_END = 20


class Rank(IntEnum):
    """The status items by priority, kept longest first: where the cursor is, why nothing
    can be saved, the words selected in word mode, the range, the search, the cursor
    sentence's tags, spans and suggestions, the orphans, the section, the article's
    counts, the annotator."""

    POSITION = 0
    READ_ONLY = 1
    WORDS = 2
    RANGE = 3
    SEARCH = 4
    TAGS = 5
    SPANS = 6
    SUGGESTED = 7
    ORPHANS = 8
    SECTION = 9
    TAGGED = 10
    ANNOTATOR = 11
    NOTED = 12
    ANNOTATORS = 13


class StatusItem(NamedTuple):
    """One item of the status line, dropped whole when the line has no room for it."""

    rank: Rank
    """Its priority: the items of the highest ranks go first (the position always stays)."""
    text: str
    short: str = ""
    """A shorter form, tried before anything is dropped ("" for none)."""
    lead: str = " · "
    """What separates it from the item before."""
    fallback: str = ""
    """A reduced form, tried instead of dropping the item ("" for none)."""


def fit_items(items: list[StatusItem], width: int, *, short: bool) -> str:
    """``items`` in their order on one line of ``width`` cells: while they do not fit,
    each in its short form, the lowest priority first (all of them when ``short``),
    then each in its fallback form, the lowest priority first, then without the item of
    the lowest priority; never an item cut, never two separators where one went."""
    texts = {id(item): (item.short or item.text) if short else item.text for item in items}

    places = {id(item): index for index, item in enumerate(items)}

    def lead(item: StatusItem, before: StatusItem) -> str:
        # An item's own lead only after the item it was made to follow: after a drop, " · ".
        return item.lead if places[id(item)] == places[id(before)] + 1 else " · "

    def joined(chosen: list[StatusItem]) -> str:
        return "".join(
            texts[id(item)] if index == 0 else lead(item, chosen[index - 1]) + texts[id(item)] for index, item in enumerate(chosen)
        )

    kept = list(items)
    for item in sorted((item for item in items if item.short), key=lambda item: -item.rank):
        if cell_len(joined(kept)) <= width:
            return joined(kept)
        texts[id(item)] = item.short
    for item in sorted((item for item in items if item.fallback), key=lambda item: -item.rank):
        if cell_len(joined(kept)) <= width:
            return joined(kept)
        texts[id(item)] = item.fallback
    while cell_len(joined(kept)) > width and any(item.rank for item in kept):
        kept.remove(max(kept, key=lambda item: item.rank))
    return joined(kept)


class FittedStatus(Visual):
    """Status items fitted (see :func:`fit_items`) to the width they are drawn in, found
    when drawn: a line made for the width before a resize would stay in its short form.
    A Textual visual drawn as plain :class:`~textual.content.Content` (a status line
    is drawn on every key: no Rich renderable's console pass)."""

    def __init__(self, items: list[StatusItem], *, short: bool, width: int) -> None:
        self.items = items
        self.short = short
        self.width = width
        """The width the line is read in as text (``str``): the widget's when made."""

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The line fitted to ``width`` (cut with an ellipsis by the widget's styles if
        even the position does not fit)."""
        return Content(fit_items(self.items, width, short=self.short)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The cells of the line fitted to ``container_width``."""
        return cell_len(fit_items(self.items, container_width, short=self.short))

    def get_height(self, rules: RulesMap, width: int) -> int:
        """One line."""
        return 1

    def __str__(self) -> str:
        return fit_items(self.items, self.width, short=self.short)


class StatusLine(Widget):
    """Where the cursor is, the article's counts, the range, the search and the cursor
    sentence's tags and suggestions, on one line: items that do not fit go whole, the
    least wanted first (see :func:`fit_items`)."""

    DEFAULT_CSS = """
    StatusLine {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    annotations: reactive[ArticleAnnotations | None] = reactive(None, always_update=True)
    """The article's records (set again after each change)."""
    cursor: reactive[int] = reactive(1)
    narrow: reactive[bool] = reactive(False)
    """Compact, for a narrow terminal."""
    who: reactive[bool] = reactive(False)
    """Who tagged what, rather than your tags and the others'."""
    range_anchor: reactive[int | None] = reactive(None)
    search: reactive[SearchStatus | None] = reactive(None)
    suggested: reactive[Mapping[int, tuple[str, ...]]] = reactive(dict, always_update=True)
    """The suggested tags shown, by sentence (empty while hidden)."""
    words: reactive[str] = reactive("")
    """The words selected in word mode ("": not in word mode)."""
    final: str = ""
    """The final (adjudicated) layer's annotator: not counted among the annotators."""
    rest_cached: reactive[bool] = reactive(False)
    """Whether the rest of a big article is read from the cache (else it is split). Not
    named ``loading``: that is Textual's own, which covers the widget with a spinner."""

    def render(self) -> RenderResult:
        """The status of ``cursor`` in ``annotations``, fitted to the line."""
        annotations = self.annotations
        if annotations is None:
            return Text()
        items = self._items(annotations) + self._tags(annotations) + self._suggested(annotations)
        items += self._spans(annotations)
        return FittedStatus(items, short=self.narrow, width=self.content_size.width)

    def _items(self, annotations: ArticleAnnotations) -> list[StatusItem]:
        article, cursor = annotations.article, self.cursor
        total = f"{len(article.sentences)}"
        if not article.complete:
            total += f"+ ({'loading' if self.rest_cached else 'splitting'} the rest…)"
        section = f"{article.section_of(cursor).number}/{article.section_count}"
        view = annotations.view
        items = [
            StatusItem(Rank.POSITION, f"sentence {cursor}/{total}", f"{cursor}/{total}"),
            StatusItem(Rank.SECTION, f"section {section}", f"§{section}"),
        ]
        items.append(StatusItem(Rank.TAGGED, f"{view.tagged_count} tagged"))
        if view.noted_count:
            items.append(StatusItem(Rank.NOTED, f"{view.noted_count} noted"))
        items.append(StatusItem(Rank.ANNOTATOR, inert(annotations.annotator)))
        people = view.annotator_count - (bool(self.final) and view.has_annotator(self.final))  # the final layer is nobody
        if people > 1:
            count = f"{people} annotators"
            items.append(StatusItem(Rank.ANNOTATORS, count + (" (who: w)" if self.who else ""), count))
        if self.range_anchor is not None:
            first, last = sorted((self.range_anchor, cursor))
            items.append(StatusItem(Rank.RANGE, f"range {first}-{last}"))
        if self.search is not None:
            items.append(self.search.item(cursor))
        orphans = len(view.orphans())
        if orphans:
            items.append(StatusItem(Rank.ORPHANS, f"{orphans} orphaned (R)"))
        if annotations.read_only:
            items.append(StatusItem(Rank.READ_ONLY, f"read-only: {inert(annotations.read_only_reason)}", "read-only"))
        return items

    def _tags(self, annotations: ArticleAnnotations) -> list[StatusItem]:
        """The cursor sentence's tags: each annotator's (who), or yours and the others'."""
        cursor = self.cursor
        tags = annotations.tags(cursor)
        if not tags:
            return []
        if self.who:
            return [self._who_tags(annotations)]
        own = annotations.own_tags(cursor)
        others = [tag for tag in tags if tag not in own]
        shown = ", ".join(own) + verdict_brief(annotations, cursor)
        if others:  # never shown as yours: your tag keys would add them, not take them off
            shown += f"{' + ' if own else ''}others: {', '.join(others)} (w)"
        return [StatusItem(Rank.TAGS, f"[{shown}]", lead="  ")]

    def _who_tags(self, annotations: ArticleAnnotations) -> StatusItem:
        """Each annotator's tags on the cursor sentence; short of room, how many gave each tag."""
        given = [(name, tags) for name, tags in readings(annotations.view, self.cursor).items() if tags]
        whole = "[" + "; ".join(f"{inert(name)}: {', '.join(tags)}" for name, tags in given) + "]"
        counts = Counter(tag for _, tags in given for tag in tags)
        counted = f"[{len(given)} readers: " + ", ".join(f"{inert(tag)} {count}" for tag, count in counts.items()) + "]"
        return StatusItem(Rank.TAGS, whole, lead="  ", fallback=counted)

    def _spans(self, annotations: ArticleAnnotations) -> list[StatusItem]:
        """Word mode's selected words, and the cursor sentence's spans (short of room, how many)."""
        items = []
        if self.words:
            words = f'"{inert(excerpt(self.words, 40))}"'
            items.append(StatusItem(Rank.WORDS, f"word mode: {words}", f"words: {words}"))
        readings = span_reading(annotations, self.cursor)
        if readings:
            many = f"{len(readings)} span{'s' * (len(readings) != 1)}"
            short = "; ".join(span_reading(annotations, self.cursor, quote_limit=20))
            items.append(StatusItem(Rank.SPANS, "; ".join(readings), short, fallback=many))
        return items

    def _suggested(self, annotations: ArticleAnnotations) -> list[StatusItem]:
        """The tags suggested for the cursor sentence that it does not have, and their keys."""
        wanted = self.suggested.get(self.cursor)
        if not wanted:
            return []
        tags = set(annotations.tags(self.cursor))
        names = ", ".join(tag.name for tag in annotations.schema.tags if tag.name in wanted and tag.name not in tags)
        if not names:
            return []
        return [StatusItem(Rank.SUGGESTED, f"‹suggested: {names} · y/d›", f"‹{names} · y/d›", lead="  ")]


def verdict_brief(annotations: ArticleAnnotations, sentence: int) -> str:
    """`` · ✗ false`` (your status of the sentence, unless unverified) and `` · B2`` (your grade), or ""."""
    record = next((r for r in annotations.view.at(sentence) if r["annotator"] == annotations.annotator), None)
    if record is None:
        return ""
    status, grade = record.get("status", ""), record.get("grade", "")
    symbol = status_symbol(annotations.schema.verdicts, status)
    return (f" · {symbol} {inert(status)}" if symbol else "") + (f" · {grade}" if grade else "")


def span_reading(annotations: ArticleAnnotations, sentence: int, *, quote_limit: int = 60) -> list[str]:
    """The spans of ``sentence`` as the status line names them: ``figure: "300,000 shells"``
    (every annotator's tags on the same words together, a note as ``✎``)."""
    named: dict[tuple[int, int], tuple[list[str], bool, str]] = {}
    for record in annotations.spans(sentence):
        span = record["span"]
        tags, noted, quote = named.get((span["start"], span["end"]), ([], False, span["quote"]))
        named[(span["start"], span["end"])] = ([*tags, *(t for t in record["tags"] if t not in tags)], noted or bool(record["note"]), quote)
    readings = []
    for tags, noted, quote in named.values():
        if tags or noted:
            head = ", ".join(annotations.schema.sort(tags)) + (f" {NOTE_MARK}" if noted else "")
            readings.append(f'{inert(head.strip())}: "{inert(excerpt(quote, quote_limit))}"')
    return readings


class NoteLine(Widget):
    """Every annotator's note on the cursor sentence and on its words, yours first
    (hidden when it has none)."""

    DEFAULT_CSS = """
    NoteLine {
        height: auto;
    }
    """

    annotations: reactive[ArticleAnnotations | None] = reactive(None, always_update=True, layout=True)
    """The article's records (set again after each change)."""
    cursor: reactive[int] = reactive(1, repaint=False)
    """The cursor sentence (a move repaints and lays the screen out again only where a
    note is shown: a move between unnoted sentences leaves the hidden line alone)."""

    def render(self) -> RenderResult:
        """The notes, one per line, each as one line (line breaks shown as ⏎)."""
        annotations = self.annotations
        text = Text()
        if annotations is None:
            return text
        for index, (annotator, words, note) in enumerate(sentence_notes(annotations, self.cursor)):
            if index:
                text.append("\n")
            text.append(f"{NOTE_MARK} ", style="bold")
            if annotator != annotations.annotator:
                text.append(f"{inert(annotator)}: ", style="italic")
            if words:  # a span's note, after its words
                text.append(f'"{inert(excerpt(words, 40))}": ', style="underline")
            text.append(" ⏎ ".join(inert(part) for part in note.splitlines()))
        return text

    def watch_annotations(self) -> None:
        self._show_or_hide()

    def watch_cursor(self, old: int, new: int) -> None:
        annotations = self.annotations
        if annotations is not None and (sentence_notes(annotations, old) or sentence_notes(annotations, new)):
            self.refresh(layout=True)  # the notes and their height may change; moves between unnoted sentences keep them
        self._show_or_hide()

    def _show_or_hide(self) -> None:
        annotations = self.annotations
        wanted = annotations is not None and bool(sentence_notes(annotations, self.cursor))
        if self.display != wanted:
            self.display = wanted


def sentence_notes(annotations: ArticleAnnotations, sentence: int) -> list[tuple[str, str, str]]:
    """Every annotator's note on ``sentence`` as ``(annotator, words, note)``, yours first:
    the whole sentence's (``words`` ""), then the notes on its words, in their order."""
    notes = [(r["annotator"], "", r["note"]) for r in annotations.view.at(sentence) if r["note"]]
    notes.sort(key=lambda note: (note[0] != annotations.annotator, note[0]))
    spans = [(r["annotator"], r["span"]["quote"], r["note"]) for r in annotations.spans(sentence) if r["note"]]
    return notes + sorted(spans, key=lambda note: note[0] != annotations.annotator)
