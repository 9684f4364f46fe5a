"""The reader's moving keys (:class:`MovingActions`) and where they go: sections,
screenfuls of lines (plain functions of the article and the text widget)."""

from __future__ import annotations

from annotations.model import Article

from ...widgets.article_view import ArticleView


def next_section_start(article: Article, view: ArticleView) -> int | None:
    """The first sentence of the next section (None in the last)."""
    number = view.section.number
    return article.sections[number].first_sentence if number < len(article.sections) else None


def previous_section_start(article: Article, view: ArticleView) -> int:
    """The first sentence of this section, or of the previous one if already there."""
    section = view.section
    if view.cursor != section.first_sentence or section.number == 1:
        return section.first_sentence
    return article.sections[section.number - 2].first_sentence


def page_lines(view: ArticleView, *, half: bool = False) -> int:
    """The lines a page (or half a page) key moves."""
    lines = max(1, view.scrollable_content_region.height - 2)
    return max(1, lines // 2) if half else lines


def lines_away(view: ArticleView, lines: int) -> int | None:
    """The first sentence starting ``lines`` screen lines away; past the section's end
    (or start) its last (first) sentence, and from there on (None: the cursor is not shown)."""
    section = view.section
    here = view.line_of(view.cursor)
    if here is None:
        return None
    if lines > 0:
        target = view.sentence_at_line(here + lines)
        if target is None or target <= view.cursor:
            target = section.last_sentence if view.cursor != section.last_sentence else view.cursor + 1
        return target
    target = view.sentence_at_line(here + lines) if here + lines > 0 else None
    if target is None or target >= view.cursor:
        target = section.first_sentence if view.cursor != section.first_sentence else view.cursor - 1
    return target


class MovingActions:
    """The keys that move the cursor by sentences, sections and screenfuls, mixed into the
    reader screen (which puts the cursor where they say: :meth:`move_to`)."""

    article: Article

    @property
    def view(self) -> ArticleView:
        """The article text widget (the reader screen's)."""
        raise NotImplementedError

    def move_to(self, sentence: int | None) -> None:
        """Put the cursor on ``sentence`` (the reader screen's)."""
        raise NotImplementedError

    def action_next_sentence(self) -> None:
        """Next sentence, on into the next section."""
        self.move_to(self.view.cursor + 1)

    def action_previous_sentence(self) -> None:
        """Previous sentence, back into the previous section."""
        self.move_to(self.view.cursor - 1)

    def action_next_section(self) -> None:
        """First sentence of the next section."""
        self.move_to(next_section_start(self.article, self.view))

    def action_previous_section(self) -> None:
        """First sentence of this section, or of the previous one if already there."""
        self.move_to(previous_section_start(self.article, self.view))

    def action_first_sentence(self) -> None:
        """The article's first sentence."""
        self.move_to(1)

    def action_last_sentence(self) -> None:
        """The article's last sentence."""
        self.move_to(len(self.article.sentences))

    def action_page_down(self) -> None:
        """A screenful of lines down (on into the next section at its end)."""
        self.move_to(lines_away(self.view, page_lines(self.view)))

    def action_page_up(self) -> None:
        """A screenful of lines up (back into the previous section at its start)."""
        self.move_to(lines_away(self.view, -page_lines(self.view)))

    def action_half_page_down(self) -> None:
        """Half a screenful down."""
        self.move_to(lines_away(self.view, page_lines(self.view, half=True)))

    def action_half_page_up(self) -> None:
        """Half a screenful up."""
        self.move_to(lines_away(self.view, -page_lines(self.view, half=True)))
