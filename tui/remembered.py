"""What a screen reads of the app it runs in: a setting, and the remembered choices
(:class:`~annotations.preferences.Preferences`); defaults outside newsmark's app."""

from __future__ import annotations

from textual.dom import DOMNode

from annotations.preferences import Preferences

_IN_MEMORY = Preferences(None)


def setting(node: DOMNode, name: str, default: object) -> object:
    """The app's setting ``name`` (see :class:`~annotations.config.Settings`), or ``default``
    in an app without settings."""
    return getattr(getattr(node.app, "settings", None), name, default)


def preferences(node: DOMNode) -> Preferences:
    """The preferences of the app ``node`` runs in."""
    found = setting(node, "preferences", None)
    return found if isinstance(found, Preferences) else _IN_MEMORY
