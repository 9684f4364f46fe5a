"""The reader's status line and note line: widgets fed by reactives (the screen sets
what changed; each widget renders itself once per frame)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import NamedTuple

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from annotations.model import Article, Section
from annotations.store.article_annotations import ArticleAnnotations
from annotations.team.readings import readings

from ...shown import inert
from ...widgets.article_view import NOTE_MARK


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
        term = f"search: {inert(self.term)}"
        if not self.matches:
            return f"{term} · no match"
        index = bisect_left(self.matches, cursor)
        if index < len(self.matches) and self.matches[index] == cursor:
            return f"{term} · match {index + 1}/{len(self.matches)}"
        return f"{term} · {len(self.matches)} matches"


class StatusLine(Widget):
    """Where the cursor is, the article's counts, the range, the search and the cursor
    sentence's tags and suggestions, on one line."""

    DEFAULT_CSS = """
    StatusLine {
        height: auto;
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
    rest_cached: reactive[bool] = reactive(False)
    """Whether the rest of a big article is read from the cache (else it is split). Not
    named ``loading``: that is Textual's own, which covers the widget with a spinner."""

    def render(self) -> RenderResult:
        """The status of ``cursor`` in ``annotations``."""
        annotations = self.annotations
        if annotations is None:
            return Text()
        status = Text(" · ".join(self._parts(annotations)))
        status.append(self._tags(annotations))
        suggested = self._suggested(annotations)
        if suggested:
            status.append(f"  ‹suggested: {', '.join(suggested)} · y/d›")
        return status

    def _parts(self, annotations: ArticleAnnotations) -> list[str]:
        article, cursor, narrow = annotations.article, self.cursor, self.narrow
        total = f"{len(article.sentences)}"
        if not article.complete:
            total += f"+ ({'loading' if self.rest_cached else 'splitting'} the rest…)"
        section = f"{article.section_of(cursor).number}/{article.section_count}"
        view = annotations.view
        parts = [f"{cursor}/{total}" if narrow else f"sentence {cursor}/{total}", f"§{section}" if narrow else f"section {section}"]
        parts.append(f"{view.tagged_count} tagged")
        if view.noted_count:
            parts.append(f"{view.noted_count} noted")
        parts.append(inert(annotations.annotator))
        if view.annotator_count > 1:
            parts.append(f"{view.annotator_count} annotators" + (" (who: w)" if self.who else ""))
        if self.range_anchor is not None:
            first, last = sorted((self.range_anchor, cursor))
            parts.append(f"range {first}-{last}")
        if self.search is not None:
            parts.append(self.search.describe(cursor))
        orphans = len(view.orphans())
        if orphans:
            parts.append(f"{orphans} orphaned (R)")
        if annotations.read_only:
            parts.append("read-only")
        return parts

    def _tags(self, annotations: ArticleAnnotations) -> str:
        """The cursor sentence's tags: each annotator's (who), or yours and the others'."""
        cursor = self.cursor
        tags = annotations.tags(cursor)
        if not tags:
            return ""
        if self.who:
            given = readings(annotations.view, cursor).items()
            return "  [" + "; ".join(f"{inert(name)}: {', '.join(tags)}" for name, tags in given if tags) + "]"
        own = annotations.own_tags(cursor)
        others = [tag for tag in tags if tag not in own]
        shown = ", ".join(own)
        if others:  # never shown as yours: your tag keys would add them, not take them off
            shown += f"{' + ' if own else ''}others: {', '.join(others)} (w)"
        return f"  [{shown}]"

    def _suggested(self, annotations: ArticleAnnotations) -> list[str]:
        """The names of the tags suggested for the cursor sentence that it does not have."""
        wanted = self.suggested.get(self.cursor)
        if not wanted:
            return []
        tags = set(annotations.tags(self.cursor))
        return [tag.name for tag in annotations.schema.tags if tag.name in wanted and tag.name not in tags]


class NoteLine(Widget):
    """Every annotator's note on the cursor sentence, yours first (hidden when it has none)."""

    DEFAULT_CSS = """
    NoteLine {
        height: auto;
    }
    """

    annotations: reactive[ArticleAnnotations | None] = reactive(None, always_update=True, layout=True)
    """The article's records (set again after each change)."""
    cursor: reactive[int] = reactive(1)
    """The cursor sentence (a move lays the screen out again only where a note is shown)."""

    def render(self) -> RenderResult:
        """The notes, one per line, each as one line (line breaks shown as ⏎)."""
        annotations = self.annotations
        text = Text()
        if annotations is None:
            return text
        for index, (annotator, note) in enumerate(sentence_notes(annotations, self.cursor)):
            if index:
                text.append("\n")
            text.append(f"{NOTE_MARK} ", style="bold")
            if annotator != annotations.annotator:
                text.append(f"{inert(annotator)}: ", style="italic")
            text.append(" ⏎ ".join(inert(part) for part in note.splitlines()))
        return text

    def watch_annotations(self) -> None:
        self._show_or_hide()

    def watch_cursor(self, old: int, new: int) -> None:
        annotations = self.annotations
        if annotations is not None and (sentence_notes(annotations, old) or sentence_notes(annotations, new)):
            self.refresh(layout=True)  # the notes' height may change; moves between unnoted sentences keep it
        self._show_or_hide()

    def _show_or_hide(self) -> None:
        annotations = self.annotations
        wanted = annotations is not None and bool(sentence_notes(annotations, self.cursor))
        if self.display != wanted:
            self.display = wanted


def sentence_notes(annotations: ArticleAnnotations, sentence: int) -> list[tuple[str, str]]:
    """Every annotator's note on ``sentence`` as ``(annotator, note)``, yours first."""
    notes = [(r["annotator"], r["note"]) for r in annotations.view.at(sentence) if r["note"]]
    return sorted(notes, key=lambda pair: (pair[0] != annotations.annotator, pair[0]))
