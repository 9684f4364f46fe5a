"""The keys the reader keeps for itself: a configured tag cannot take one of them."""

from __future__ import annotations

#: Keys the reader binds for itself, and letters kept for its next keys; a tag's key
#: letter cannot be one of them (a test checks every reader binding is in this set).
RESERVED_KEYS = frozenset("jkhlgGvVqQnNxXuUrRaAeEiIpPtTyYzZdDmbw?/[]{}:.,;!+-=<>#0123456789 ")


def reserved_letters() -> str:
    """The letters a tag cannot take, readably: ``a e g … z, A E G … Z``."""
    letters = sorted(k for k in RESERVED_KEYS if k.isalpha())
    return " ".join(k for k in letters if k.islower()) + ", " + " ".join(k for k in letters if k.isupper())


def tag_key_problem(key: str) -> str | None:
    """What is wrong with a configured tag's key (None: nothing): it must be one letter the
    reader does not bind (the :data:`annotations.schema.KeyCheck` the interface passes
    where it loads the settings)."""
    if len(key) == 1 and key.isalpha() and key not in RESERVED_KEYS:
        return None
    return f"key must be one letter not used by the reader ({reserved_letters()} are taken)"
