"""The command palette while the elsewhere panel is open: link the sentence's claim to the
selected result's, as ``corroborates`` or ``contradicts`` (the panel's ``c`` and ``x``)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from annotations.elsewhere.matching import Result

from ...shown import inert


@runtime_checkable
class LinksElsewhereResults(Protocol):
    """A screen with the elsewhere panel (the reader)."""

    @property
    def elsewhere_selected(self) -> Result | None:
        """The result selected in the open panel, if any."""
        ...

    def link_elsewhere_selected(self, kind: str) -> None:
        """Link the panel's sentence's claim to the selected result's as ``kind``."""
        ...


class LinkElsewhereResult(Provider):
    """With a result selected in the elsewhere panel: "Link to FILE#N: corroborates" and "…: contradicts"."""

    def _hits(self) -> list[tuple[str, str, LinksElsewhereResults]]:
        screen = self.screen
        if not isinstance(screen, LinksElsewhereResults):
            return []
        selected = screen.elsewhere_selected
        if selected is None:
            return []
        other = f"{inert(Path(selected.path).name)}#{selected.sentence}"
        return [(f"Link to {other}: {kind}", kind, screen) for kind in ("corroborates", "contradicts")]

    async def discover(self) -> Hits:
        """Both links, before anything is typed."""
        for title, kind, screen in self._hits():
            yield DiscoveryHit(title, partial(screen.link_elsewhere_selected, kind), help="the elsewhere panel's selected result")

    async def search(self, query: str) -> Hits:
        """The links whose title matches."""
        matcher = self.matcher(query)
        for title, kind, screen in self._hits():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(screen.link_elsewhere_selected, kind),
                    help="the elsewhere panel's selected result",
                )
