"""Side panels of the reader: the table of contents and the annotations list."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations

from ..shown import inert


def _tag_counts(schema: TagSchema, counts: dict[str, int]) -> Text:
    text = Text()
    for tag in schema.tags:
        if counts.get(tag.name):
            text.append(f" {tag.key}{counts[tag.name]}", style=tag.colour)
    return text


class _ArticlePanel(Vertical):
    """A side panel that lists something about the open article."""

    def __init__(self, article: Article, annotations: ArticleAnnotations, schema: TagSchema, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.annotations = annotations
        self.schema = schema


class ContentsPanel(_ArticlePanel):
    """Sections with per-tag counts; Enter jumps to one."""

    class SectionChosen(Message):
        """The user picked a section."""

        def __init__(self, section: int) -> None:
            self.section = section
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Label("Contents", classes="panel-title")
        yield OptionList(id="contents-list")

    def on_mount(self) -> None:
        self.refresh_counts()

    def refresh_counts(self, current: int | None = None) -> None:
        """Rebuild the list from the store's current tags."""
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        total = len(self.article.sections)
        for section in self.article.sections:
            counts: dict[str, int] = {}
            for sentence in section.sentences:
                for tag in self.annotations.tags(sentence.number):
                    counts[tag] = counts.get(tag, 0) + 1
            prompt = Text(f"{section.number}/{total} ", style="dim")
            prompt.append(inert(section.label))
            prompt.append_text(_tag_counts(self.schema, counts))
            option_list.add_option(Option(prompt, id=f"section-{section.number}"))
        target = current - 1 if current is not None else highlighted
        if target is not None:
            option_list.highlighted = min(target, total - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.SectionChosen(event.option_index + 1))


class AnnotationsPanel(_ArticlePanel):
    """This article's annotated sentences, filterable by tag; Enter jumps to one."""

    BINDINGS = [
        Binding("0", "filter(0)", "All tags", show=False),
        *(Binding(str(i), f"filter({i})", f"Only tag {i}", show=False) for i in range(1, 10)),
    ]

    class SentenceChosen(Message):
        """The user picked an annotated sentence."""

        def __init__(self, sentence: int) -> None:
            self.sentence = sentence
            super().__init__()

    def __init__(self, article: Article, annotations: ArticleAnnotations, schema: TagSchema, *, id: str | None = None) -> None:
        super().__init__(article, annotations, schema, id=id)
        self.tag_filter: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("Annotations", classes="panel-title", id="annotations-title")
        yield OptionList(id="annotations-list")

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Rebuild the list (after a change or a new filter)."""
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        numbers = sorted(
            n for n in {r["sentence"] for r in self.annotations.records()} if self.annotations.tags(n) or self.annotations.has_note(n)
        )
        shown = 0
        for number in numbers:
            tags = self.annotations.tags(number)
            if self.tag_filter and self.tag_filter not in tags:
                continue
            prompt = Text(f"{number:>4} ", style="dim")
            letters = Text()
            for tag in self.schema.tags:
                letters.append(tag.key if tag.name in tags else "·", style=tag.colour if tag.name in tags else "dim")
            prompt.append_text(letters)
            prompt.append(" ✎ " if self.annotations.has_note(number) else "   ")
            words = " ".join(self.article.sentence(number).text.split()[:8])
            prompt.append(inert(words))
            option_list.add_option(Option(prompt, id=f"sentence-{number}"))
            shown += 1
        if shown:
            option_list.highlighted = 0
        label = f"Annotations ({shown})" + (f" · {self.tag_filter} only · 0 for all" if self.tag_filter else " · 1-9 filter by tag")
        orphans = len(self.annotations.orphans())
        label += f" · {orphans} orphaned: R reviews" if orphans else ""
        self.query_one("#annotations-title", Label).update(label)

    def action_filter(self, index: int) -> None:
        """Show only sentences with the index-th tag (0: all)."""
        if index == 0 or index > len(self.schema.tags):
            self.tag_filter = None
        else:
            self.tag_filter = self.schema.tags[index - 1].name
        self.refresh_list()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        self.post_message(self.SentenceChosen(int(option_id.removeprefix("sentence-"))))
