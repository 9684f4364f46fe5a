"""The key bar at the bottom of every screen: the screen's shown keys on one line."""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Leave, MouseMove
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class KeySpan(NamedTuple):
    """Where one key sits on the bar, and what clicking it does."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


#: The actions a screen's key bar keeps however narrow it is, unless the screen names its own.
KEEP_ALWAYS = frozenset({"help", "back", "quit"})


class KeyBar(Widget, can_focus=False):
    """What Textual's ``Footer`` shows, drawn as one widget instead of one per key.

    It lists the active bindings with ``show=True`` (one per action, dimmed when the
    action is disabled) and the command palette's key at the right edge; when they do
    not all fit, the screen's ``KEY_BAR_KEEP`` actions stay and the others go from the last, reads them
    from the screen whenever its bindings change, and presses a key when it is clicked.
    The Footer mounts a styled widget per key, which made up a fifth of the time to the
    reader's first frame; keys are read from the real bindings either way.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--hover", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover { background: $block-hover-background; }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """

    hovered: reactive[str | None] = reactive(None)
    """The key under the mouse pointer, if any."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[KeySpan] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        if y != 0:
            return Strip.blank(width, base)
        key_style = base + self.get_component_rich_style("key-bar--key", partial=True)
        description_style = base + self.get_component_rich_style("key-bar--description", partial=True)
        hover_style = self.get_component_rich_style("key-bar--hover", partial=True)
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        shown: dict[str, tuple[str, str, str, bool, str]] = {}
        palette: tuple[str, str, str, bool, str] | None = None
        actions: dict[str, str] = {}
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            actions[key] = binding.action
            entry = (
                key,
                self.app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip or binding.tooltip or binding.description,
            )
            if key == palette_key:
                palette = entry
            elif binding.show and binding.action not in shown:
                shown[binding.action] = entry
        entries = self._fitting([*shown.values()], width - (self._entry_width(palette) + 1 if palette else 0), actions)
        spans: list[KeySpan] = []
        left: list[Segment] = []
        position = 0
        for index, (key, display, description, enabled, tooltip) in enumerate([*entries, *([palette] if palette else [])]):
            pieces = [(f" {display} ", key_style), (f"{description} ", description_style)]
            length = sum(cell_len(text) for text, _ in pieces)
            extra = Style.null()
            if not enabled:
                extra += disabled_style
            if key == self.hovered:
                extra += hover_style
            segments = [Segment(text, style + extra) for text, style in pieces]
            if index == len(entries):  # the palette: at the right edge, after a thin rule, as in Footer
                keys_width = max(0, width - length - 1)
                spans = [span._replace(end=min(span.end, keys_width)) for span in spans if span.start < keys_width]
                strip = Strip.join([Strip(left).adjust_cell_length(keys_width, base), Strip([Segment("▏", description_style), *segments])])
                spans.append(KeySpan(keys_width + 1, keys_width + 1 + length, key, enabled, tooltip))
                self._spans = spans
                return strip.adjust_cell_length(width, base)
            left.extend(segments)
            spans.append(KeySpan(position, position + length, key, enabled, tooltip))
            position += length
        self._spans = spans
        return Strip(left).adjust_cell_length(width, base)

    @staticmethod
    def _entry_width(entry: tuple[str, str, str, bool, str] | None) -> int:
        return 0 if entry is None else cell_len(f" {entry[1]} {entry[2]} ")

    def _fitting(
        self, entries: list[tuple[str, str, str, bool, str]], room: int, actions: dict[str, str]
    ) -> list[tuple[str, str, str, bool, str]]:
        """The entries that fit in ``room`` cells: the screen's ``KEY_BAR_KEEP`` actions
        (help and quit) always, the others in order while they fit, from the last
        (``actions``: each key's action, read once: the screen's active bindings are
        computed afresh on every read)."""
        keep = set(getattr(self.screen, "KEY_BAR_KEEP", KEEP_ALWAYS))
        chosen = list(entries)
        while sum(self._entry_width(e) for e in chosen) > room:
            droppable = [i for i, e in enumerate(chosen) if actions.get(e[0], "") not in keep]
            if not droppable:
                break
            del chosen[droppable[-1]]
        return chosen

    def span_at(self, x: int) -> KeySpan | None:
        """The key drawn at column ``x``, if any."""
        return next((span for span in self._spans if span.start <= x < span.end), None)

    def key_offset(self, key: str) -> int | None:
        """The column where ``key``'s cell starts on the bar as last drawn (None if not shown)."""
        return next((span.start for span in self._spans if span.key == key), None)

    def on_mouse_move(self, event: MouseMove) -> None:
        span = self.span_at(event.x)
        self.hovered = span.key if span else None
        self.tooltip = span.tooltip if span else None

    def on_leave(self, event: Leave) -> None:
        self.hovered = None

    def on_click(self, event: Click) -> None:
        span = self.span_at(event.x)
        if span is None:
            return
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()
