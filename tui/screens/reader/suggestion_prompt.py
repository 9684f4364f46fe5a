"""The reader's suggestion prompt: after ``y`` (or ``d``) on a sentence with several
suggested tags, which one to take (or drop); a one-line bar under the text, mounted when
first wanted."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from annotations.schema import TagSchema


@dataclass(frozen=True)
class Pending:
    """A ``y`` or ``d`` waiting for its second key: on which sentences, which tags."""

    accepted: bool
    sentences: tuple[int, ...]
    cursor: int
    tags: tuple[str, ...]

    @property
    def key(self) -> str:
        """The key that asked (and that, again, takes or drops them all)."""
        return "y" if self.accepted else "d"


def prompt_text(pending: Pending, schema: TagSchema) -> Text:
    """``y: take which? c claim · f figure · y all · Esc``."""
    keys = {tag.name: tag.key for tag in schema.tags}
    verb = "take" if pending.accepted else "drop"
    text = Text(f"{pending.key}: {verb} which? ", style="bold")
    choices = [f"{keys.get(tag, '?')} {tag}" for tag in pending.tags]
    text.append(" · ".join([*choices, f"{pending.key} all", "Esc"]))
    return text


class SuggestionPrompt(Static):
    """The one-line prompt; hidden while nothing is asked."""

    DEFAULT_CSS = """
    SuggestionPrompt { height: 1; padding: 0 1; background: $boost; }
    """

    def ask(self, pending: Pending, schema: TagSchema) -> None:
        """Show what ``pending`` asks."""
        self.update(prompt_text(pending, schema))
        self.display = True

    def close(self) -> None:
        """Nothing asked any more."""
        self.display = False
