"""The app's remembered choices (:class:`~annotations.preferences.Preferences`) as any
screen reaches them: the settings' preferences, or in-memory ones outside newsmark's app."""

from __future__ import annotations

from textual.dom import DOMNode

from annotations.preferences import Preferences

_IN_MEMORY = Preferences(None)


def preferences(node: DOMNode) -> Preferences:
    """The preferences of the app ``node`` runs in."""
    settings = getattr(node.app, "settings", None)
    found = getattr(settings, "preferences", None)
    return found if isinstance(found, Preferences) else _IN_MEMORY
