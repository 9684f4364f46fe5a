"""The key bar at the bottom of every screen: the screen's shown keys on one line."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import ActiveBinding, Binding
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


class KeyEntry(NamedTuple):
    """One key as the bar shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class Fit(IntEnum):
    """How tightly the bar draws its keys, each step only when the one before does not fit."""

    FULL = 0
    """`` 1/c claim `` and `` ^p palette `` at the right edge."""
    PALETTE_KEY = 1
    """The palette by its key alone."""
    TIGHT = 2
    """No space after a key's description: one space between keys (and before the
    palette's rule, the palette's key right after it)."""
    SHORT_KEYS = 3
    """A key shown as ``1/c`` by its last key alone, ``c``."""


def shown_key(display: str, fit: Fit) -> str:
    """``display`` as drawn at ``fit``: ``1/c`` becomes ``c`` when keys are short."""
    if fit >= Fit.SHORT_KEYS and "/" in display[1:-1]:
        return display.rsplit("/", 1)[-1]
    return display


def entry_pieces(entry: KeyEntry, fit: Fit, *, palette: bool = False) -> tuple[str, str]:
    """The key's text and the description's text of ``entry`` as drawn at ``fit``."""
    key = shown_key(entry.display, fit)
    if palette and fit >= Fit.PALETTE_KEY:
        return (f" {key} " if fit < Fit.TIGHT else key, "")
    if fit >= Fit.TIGHT:
        return (f" {key}", f" {entry.description}")
    return (f" {key} ", f"{entry.description} ")


def palette_rule(fit: Fit) -> str:
    """The thin rule before the palette's key: keys drawn tight end without a space, so it
    brings its own (never ``Quit▏``)."""
    return "▏" if fit < Fit.TIGHT else " ▏"


def entry_cells(entry: KeyEntry, fit: Fit, *, palette: bool = False) -> int:
    """Cells ``entry`` takes at ``fit``."""
    return sum(cell_len(text) for text in entry_pieces(entry, fit, palette=palette))


class KeyBar(Widget, can_focus=False):
    """What Textual's ``Footer`` shows, drawn as one widget instead of one per key.

    It lists the active bindings with ``show=True`` (one per action, dimmed when the
    action is disabled; none of the screen's ``key_bar_hidden`` actions, if it has any;
    a description the screen's ``key_bar_labels`` gives an action, if any, over the binding's)
    and the command palette's key at the right edge. When they do not all fit, the bar
    first draws them tighter (see :class:`Fit`), so every key of the default tags fits
    from 70 columns on; then keys go whole, from the last, except the screen's
    ``KEY_BAR_KEEP`` actions (a screen lists its keys most wanted first). It reads them
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

    def _entries(self) -> tuple[list[KeyEntry], KeyEntry | None, dict[str, str]]:
        """The shown keys (one per action), the palette's key, and each key's action
        (the screen's active bindings are computed afresh on every read: read once)."""
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        hidden: frozenset[str] = getattr(self.screen, "key_bar_hidden", frozenset())
        labels: Mapping[str, str] = getattr(self.screen, "key_bar_labels", {})
        shown: dict[str, KeyEntry] = {}
        palette: KeyEntry | None = None
        actions: dict[str, str] = {}
        active = self.screen.active_bindings
        for key, (_node, binding, enabled, tooltip) in active.items():
            actions[key] = binding.action
            description = labels.get(binding.action, binding.description)
            entry = KeyEntry(key, self._display(binding, active), description, enabled, tooltip or binding.tooltip or description)
            if key == palette_key:
                palette = entry
            elif binding.show and binding.action not in shown and binding.action not in hidden:
                shown[binding.action] = entry
        return [*shown.values()], palette, actions

    def _display(self, binding: Binding, active: Mapping[str, ActiveBinding]) -> str:
        """How ``binding``'s keys are shown, less those a panel or a mode took over (a
        display such as ``1/c`` shows ``1`` while ``c`` links instead of tagging claim)."""
        display = self.app.get_key_display(binding)
        parts = display.split("/")
        own = [part for part in parts if part not in active or active[part].binding.action == binding.action]
        return "/".join(own) if own and len(own) < len(parts) else display

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        if y != 0:
            return Strip.blank(width, base)
        entries, palette, actions = self._entries()
        entries, fit = self._fitting(entries, palette, width, actions)
        key_style = base + self.get_component_rich_style("key-bar--key", partial=True)
        description_style = base + self.get_component_rich_style("key-bar--description", partial=True)
        spans: list[KeySpan] = []
        left: list[Segment] = []
        position = 0
        for entry in entries:
            segments = self._segments(entry, fit, key_style, description_style)
            length = sum(segment.cell_length for segment in segments)
            left.extend(segments)
            spans.append(KeySpan(position, position + length, entry.key, entry.enabled, entry.tooltip))
            position += length
        if palette is None:
            self._spans = spans
            return Strip(left).adjust_cell_length(width, base)
        # The palette: at the right edge, after a thin rule, as in Footer.
        segments = self._segments(palette, fit, key_style, description_style, palette=True)
        length = sum(segment.cell_length for segment in segments)
        rule = palette_rule(fit)
        keys_width = max(0, width - length - len(rule))
        spans = [span._replace(end=min(span.end, keys_width)) for span in spans if span.start < keys_width]
        strip = Strip.join([Strip(left).adjust_cell_length(keys_width, base), Strip([Segment(rule, description_style), *segments])])
        start = keys_width + len(rule)
        spans.append(KeySpan(start, start + length, palette.key, palette.enabled, palette.tooltip))
        self._spans = spans
        return strip.adjust_cell_length(width, base)

    def _segments(self, entry: KeyEntry, fit: Fit, key_style: Style, description_style: Style, *, palette: bool = False) -> list[Segment]:
        """The segments of one key, dimmed when disabled, highlighted under the mouse."""
        extra = Style.null()
        if not entry.enabled:
            extra += self.get_component_rich_style("key-bar--disabled", partial=True)
        if entry.key == self.hovered:
            extra += self.get_component_rich_style("key-bar--hover", partial=True)
        key_text, description_text = entry_pieces(entry, fit, palette=palette)
        return [Segment(text, style + extra) for text, style in ((key_text, key_style), (description_text, description_style)) if text]

    def _fitting(
        self, entries: list[KeyEntry], palette: KeyEntry | None, width: int, actions: dict[str, str]
    ) -> tuple[list[KeyEntry], Fit]:
        """The entries that fit in ``width`` cells and how tightly they are drawn: the
        loosest :class:`Fit` where they all fit; failing that, at the tightest, the
        screen's ``KEY_BAR_KEEP`` actions (help and quit) always, the others in order
        while they fit, from the last (``actions``: each key's action)."""

        def cells(chosen: list[KeyEntry], fit: Fit) -> int:
            palette_cells = entry_cells(palette, fit, palette=True) + len(palette_rule(fit)) if palette else 0
            return sum(entry_cells(entry, fit) for entry in chosen) + palette_cells

        for fit in Fit:
            if cells(entries, fit) <= width:
                return entries, fit
        keep = set(getattr(self.screen, "KEY_BAR_KEEP", KEEP_ALWAYS))
        chosen = list(entries)
        while cells(chosen, Fit.SHORT_KEYS) > width:
            droppable = [i for i, e in enumerate(chosen) if actions.get(e.key, "") not in keep]
            if not droppable:
                break
            del chosen[droppable[-1]]
        return chosen, Fit.SHORT_KEYS

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
