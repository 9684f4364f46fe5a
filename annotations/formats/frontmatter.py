"""Optional YAML front matter between ``---`` lines at the top of an article.

The meta it gives is stored with the article's annotations (rewritten on every save) and
exported, so it must be plain JSON data, bounded in size and clean text:

- YAML aliases are refused: a few hundred bytes of nested aliases expand to gigabytes
  ("billion laughs"), and no article's front matter needs them.
- At most :data:`MAX_META_BYTES` of front matter and of the meta it gives (as JSON), and
  at most :data:`MAX_META_DEPTH` levels of nesting (what an import accepts).
- Values YAML has and JSON has not become JSON: dates ISO 8601 text, sets sorted lists,
  binary data its base64 text, integers beyond 64 bits and non-finite numbers their
  text, and keys of any kind text (``null``, ``true``, ``[x, y]`` as JSON).
- Text is cleaned *after* YAML decoded it (a ``"\\e[2J"`` escape becomes a real ESC only
  then): see :func:`~annotations.formats.hygiene.clean_field`.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.errors import ArticleError
from annotations.formats.hygiene import clean_field, clean_line

if TYPE_CHECKING:
    import yaml

#: The largest front matter (UTF-8 bytes) and meta (compact UTF-8 JSON) accepted. The meta
#: is rewritten into the article's store file on every save, which should stay small and
#: fast; real front matter (title, source, url, date, author, tags, a summary) is a few
#: KB, so 64 KB leaves room for long summaries while bounding what each save carries.
MAX_META_BYTES = 64 * 1024
#: The deepest nesting accepted in meta (the same bound an import checks).
MAX_META_DEPTH = 20
# JSON stores keep integers of 64 bits at most (orjson: signed 64, unsigned 64).
_SMALLEST_INT, _LARGEST_INT = -(2**63), 2**64 - 1


class MetaError(ValueError):
    """Meta that cannot be stored: the message completes "meta ..."."""


class _AliasRefused(Exception):
    """A YAML alias (``*name``) in front matter; carries the line it is on."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def split_front_matter(lines: list[str], path: str | Path) -> tuple[dict[str, Any], list[str]]:
    """Return ``(meta, remaining_lines)``; ``meta`` is empty without front matter.

    Raises :class:`ArticleError` for front matter that is not a YAML mapping, uses
    aliases, is too large or too deeply nested.
    """
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        return {}, lines  # an opening rule with no closing one is text, not front matter
    block = "\n".join(lines[1:index])
    _check_size(len(block.encode("utf-8", "surrogatepass")), path)
    try:
        meta = _load(block, path) if block.strip() else {}
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise ArticleError(path, "front matter is not a YAML mapping of fields")
        plain = plain_meta(meta)
    except MetaError as error:
        raise ArticleError(path, f"front matter {error}") from None
    _check_size(meta_size(plain), path)
    return plain, lines[index + 1 :]


def _check_size(size: int, path: str | Path) -> None:
    if size > MAX_META_BYTES:
        raise ArticleError(path, f"front matter is too large ({math.ceil(size / 1024)} KB; at most {MAX_META_BYTES // 1024} KB)")


def meta_size(meta: Mapping[str, Any]) -> int:
    """The size of ``meta`` as stored: UTF-8 bytes of its compact JSON."""
    return len(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def _load(block: str, path: str | Path) -> Any:
    """The YAML document in ``block``, by the safe loader with no aliases."""
    import yaml  # only articles with front matter need PyYAML

    try:
        return yaml.load(block, Loader=_front_matter_loader())
    except _AliasRefused as refused:
        raise ArticleError(
            path, f"front matter uses a YAML alias (line {refused.line + 2}); aliases (&anchor/*alias) are not accepted"
        ) from None
    except RecursionError:  # a mapping key nested hundreds deep (``? [[[...]]]``): keys are built recursively
        raise MetaError(f"is nested too deeply (more than {MAX_META_DEPTH} levels)") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ArticleError(path, f"front matter is not valid YAML{where}: {problem}") from None


@functools.cache
def _front_matter_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader that refuses aliases and turns every mapping key into text."""
    from annotations.safe_yaml import SafeLoader

    class FrontMatterLoader(SafeLoader):  # type: ignore[misc]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            # Each node is built once; a node asked for again was reached by an alias.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _AliasRefused(node.start_mark.line)
            return super().construct_object(node, deep)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
            # SafeLoader refuses unhashable keys (``? [x, y]``); here every key is text.
            self.flatten_mapping(node)
            return {_key_text(self.construct_object(key, deep=True)): self.construct_object(value, deep=deep) for key, value in node.value}

    return FrontMatterLoader


def plain_meta(meta: Mapping[Any, Any]) -> dict[str, Any]:
    """``meta`` as plain, clean JSON data (see the module's docstring).

    Raises :class:`MetaError` if it is nested deeper than :data:`MAX_META_DEPTH`.
    Plain, clean meta comes back equal.
    """
    return {_key_text(key): _plain(value, 1) for key, value in meta.items()}


def _key_text(key: Any) -> str:
    """A mapping key as one line of text."""
    if isinstance(key, str):
        return clean_line(key)
    plain = _plain(key, 1)
    if isinstance(plain, str):  # a date, binary data, a huge integer
        return clean_line(plain)
    return clean_line(json.dumps(plain, ensure_ascii=False))  # null, true, 1.5, [x, y], {k: v}


def _plain(value: Any, depth: int) -> Any:
    """``value`` as JSON data with clean text; ``depth`` counts from the meta's values (1)."""
    if depth > MAX_META_DEPTH:
        raise MetaError(f"is nested too deeply (more than {MAX_META_DEPTH} levels)")
    if isinstance(value, str):
        return clean_field(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if _SMALLEST_INT <= value <= _LARGEST_INT else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {_key_text(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v, depth + 1) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (list, tuple)):
        return [_plain(v, depth + 1) for v in value]
    return clean_field(str(value))
