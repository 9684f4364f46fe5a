"""Optional YAML front matter between ``---`` lines at the top of an article."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from annotations.errors import ArticleError


def split_front_matter(lines: list[str], path: str | Path) -> tuple[dict[str, Any], list[str]]:
    """Return ``(meta, remaining_lines)``; ``meta`` is empty without front matter."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        return {}, lines  # an opening rule with no closing one is text, not front matter
    block = "\n".join(lines[1:index])
    import yaml  # only articles with front matter need PyYAML

    from annotations.safe_yaml import SafeLoader

    try:
        meta = yaml.load(block, Loader=SafeLoader) if block.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ArticleError(path, f"front matter is not valid YAML{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(path, "front matter is not a YAML mapping of fields")
    return {str(key): _plain(value) for key, value in meta.items()}, lines[index + 1 :]


def _plain(value: Any) -> Any:
    """Make front-matter values JSON- and YAML-safe (dates become ISO strings)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value
