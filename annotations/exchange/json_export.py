"""JSON exports: the same document as the YAML export, as indented UTF-8 JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError

#: Written as ``\u`` escapes though JSON takes them raw: DEL and C1 controls, the line and
#: paragraph separators, and the bidi embedding, override and isolate controls, which
#: would act in a terminal or an editor showing the file (a path from the file system may
#: hold them, article text keeps its bidi controls). They read back as the same text.
_SHOWN_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dump(document: dict[str, Any]) -> bytes:
    """The document as JSON (keys in the document's order, non-ASCII kept as is but for
    the controls of :data:`_SHOWN_ESCAPED`)."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return (_SHOWN_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n").encode("utf-8")


def load(text: str, path: Path) -> tuple[Any, bool]:
    """Parse a JSON export; it is never in the YAML layout, so the whole is checked."""
    try:
        return json.loads(text), False
    except json.JSONDecodeError as error:
        raise ImportFormatError(path, f"not valid JSON (line {error.lineno}): {error.msg}") from None
