"""The reader's side panels (contents, annotations, article info): made when first
opened, one shown at a time, rebuilt when the article or its records are read again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from .host import ReaderHost

if TYPE_CHECKING:
    # The panels load when one is first opened, not on the start path.
    from ...widgets.panels import AnnotationsPanel, ContentsPanel, InfoPanel
    from ...widgets.verdict_panel import VerdictPanel

    Panel = ContentsPanel | AnnotationsPanel | InfoPanel | VerdictPanel


class SidePanels:
    """The side panels beside the text, in ``body``."""

    def __init__(self, host: ReaderHost, body: Widget) -> None:
        self._host = host
        self._body = body
        self._opened = False
        """Whether a panel was ever opened (until then their module is not even loaded)."""

    def all(self) -> list[Panel]:
        """Every panel made so far."""
        if not self._opened:
            return []
        from ...widgets.panels import AnnotationsPanel, ContentsPanel, InfoPanel
        from ...widgets.verdict_panel import VerdictPanel

        body = self._body
        return [*body.query(ContentsPanel), *body.query(AnnotationsPanel), *body.query(InfoPanel), *body.query(VerdictPanel)]

    def toggle(self, wanted: type[Panel]) -> None:
        """Show the ``wanted`` panel (made if need be) and hide the others, or hide it."""
        for panel in self.all():
            if not isinstance(panel, wanted):
                panel.display = False
        existing = self._body.query(wanted)
        if not existing:
            self._opened = True
            host = self._host
            panel = wanted(host.article, host.annotations, host.schema, id=f"{wanted.__name__.removesuffix('Panel').lower()}-panel")
            self._body.mount(panel)
            self._body.call_after_refresh(self._focus, panel)
            return
        panel = existing.first()
        panel.display = not panel.display
        if panel.display:
            self._focus(panel)
        else:
            self._host.view.focus()

    def _focus(self, panel: Panel) -> None:
        from ...widgets.panels import ContentsPanel

        if isinstance(panel, ContentsPanel):
            panel.refresh_counts(current=self._host.view.section.number)
        lists = panel.query("OptionList")
        if lists:
            lists.first().focus()

    def hide(self) -> bool:
        """Hide the panel shown, if any (the text gets the focus); whether one was shown."""
        shown = [p for p in self.all() if p.display]
        for panel in shown:
            panel.display = False
        if shown:
            self._host.view.focus()
        return bool(shown)

    def remove(self) -> None:
        """Remove every panel: each is made again, from the records as they are, when next opened."""
        for panel in self.all():
            panel.remove()

    def refresh(self) -> None:
        """Show the counts and the annotations as they are after a change."""
        if not self._opened:
            return
        from ...widgets.panels import AnnotationsPanel, ContentsPanel

        for contents in self._body.query(ContentsPanel):
            contents.refresh_counts()
        for listing in self._body.query(AnnotationsPanel):
            listing.refresh_list()


class PanelActions:
    """The side panels' keys, mixed into the reader screen."""

    panels: SidePanels

    def action_toggle_contents(self) -> None:
        """Show or hide the table of contents."""
        from ...widgets.panels import ContentsPanel

        self.panels.toggle(ContentsPanel)

    def action_toggle_annotations(self) -> None:
        """Show or hide the list of this article's annotations."""
        from ...widgets.panels import AnnotationsPanel

        self.panels.toggle(AnnotationsPanel)

    def action_toggle_info(self) -> None:
        """Show or hide the article's metadata."""
        from ...widgets.panels import InfoPanel

        self.panels.toggle(InfoPanel)
