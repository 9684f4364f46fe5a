"""The remembered choices (:class:`~annotations.preferences.Preferences`) of the app a
screen runs in; kept in memory only outside newsmark's app."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.dom import DOMNode

from annotations.config import Settings
from annotations.preferences import Preferences

_IN_MEMORY = Preferences(None)


@runtime_checkable
class _WithSettings(Protocol):
    """An app that carries newsmark's settings."""

    settings: Settings


def preferences(node: DOMNode) -> Preferences:
    """The preferences of the app ``node`` runs in."""
    app = node.app
    return app.settings.preferences if isinstance(app, _WithSettings) else _IN_MEMORY
