"""JSON exports: the same document as the YAML export, as indented UTF-8 JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError


def dump(document: dict[str, Any]) -> bytes:
    """The document as JSON (keys in the document's order, non-ASCII kept as is)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load(text: str, path: Path) -> tuple[Any, bool]:
    """Parse a JSON export; it is never in the YAML layout, so the whole is checked."""
    try:
        return json.loads(text), False
    except json.JSONDecodeError as error:
        raise ImportFormatError(path, f"not valid JSON (line {error.lineno}): {error.msg}") from None
