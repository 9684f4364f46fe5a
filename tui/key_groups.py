"""The groups newsmark's keys are listed under, in the help screen and the README's key
table alike: each binding names its group (``Binding(..., group=MOVING)``), and both are
made from the bindings, so neither can drift from the keys in force."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

MOVING = Binding.Group("Moving")
TAGGING = Binding.Group("Tags, ranges, notes and undo")
CHECKING = Binding.Group("Checking claims")
SUGGESTIONS = Binding.Group("Suggestions")
FINDING = Binding.Group("Search, filter and sort")
VIEWS = Binding.Group("Opening, panels and views")
TEAM = Binding.Group("Several annotators and orphans")
DECIDING = Binding.Group("Deciding")
FILES = Binding.Group("Export and brief")
GENERAL = Binding.Group("Help and leaving")

#: Every group, in the order they are listed (a screen lists those its keys use).
GROUPS: tuple[Binding.Group, ...] = (MOVING, TAGGING, CHECKING, SUGGESTIONS, FINDING, VIEWS, TEAM, DECIDING, FILES, GENERAL)


def grouped(bindings: Iterable[Binding]) -> list[tuple[Binding.Group, list[Binding]]]:
    """The described bindings of newsmark's groups, by group in :data:`GROUPS` order (each
    group's keys in binding order); bindings without a group (Textual's own focus and copy
    keys) are left out."""
    by_group: dict[Binding.Group, list[Binding]] = {group: [] for group in GROUPS}
    for binding in bindings:
        if binding.description and binding.group in by_group:
            by_group[binding.group].append(binding)
    return [(group, members) for group, members in by_group.items() if members]
