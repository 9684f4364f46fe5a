"""The tag schema: which tags exist, their key letters, colours and descriptions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from annotations.errors import ConfigError

_TAG_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RGB_COLOUR = re.compile(r"^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$")
_NUMBERED_COLOUR = re.compile(r"^colou?r\(?(\d{1,3})\)?$")
_BASIC_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
#: Colour names every terminal has (the reader accepts its own, longer list too).
COLOUR_NAMES = frozenset((*_BASIC_COLOURS, *(f"bright_{name}" for name in _BASIC_COLOURS), "grey", "gray", "default"))

ColourCheck = Callable[[str], bool]
"""Tells whether a text names a colour; the terminal interface passes one that knows all of its own."""

KeyCheck = Callable[[str], str | None]
"""Tells what is wrong with a tag's key (None: nothing); the terminal interface passes one
that also refuses the keys it binds for itself."""


def one_letter(key: str) -> str | None:
    """The core's own rule for a tag's key: one letter."""
    return None if len(key) == 1 and key.isalpha() else "key must be one letter"


def is_tag_name(name: str) -> bool:
    """Whether ``name`` is a valid tag name: 1-32 lowercase letters, digits, '-' or '_', starting with a letter."""
    return _TAG_NAME.match(name) is not None


def expand_short_hex(colour: str) -> str:
    """``#f80`` as ``#ff8800`` (terminals and Rich know only the six-digit form); others unchanged."""
    value = colour.strip()
    if len(value) == 4 and _HEX_COLOUR.match(value):
        return "#" + "".join(2 * digit for digit in value[1:])
    return colour


def is_portable_colour(value: str) -> bool:
    """Whether ``value`` is ``#rgb``, ``#rrggbb``, ``rgb(r, g, b)``, ``color(N)`` (0-255) or a
    name in :data:`COLOUR_NAMES`."""
    value = value.strip().lower()
    if value in COLOUR_NAMES or _HEX_COLOUR.match(value):
        return True
    rgb = _RGB_COLOUR.match(value)
    if rgb:
        return all(int(part) <= 255 for part in rgb.groups())
    numbered = _NUMBERED_COLOUR.match(value)
    return numbered is not None and int(numbered.group(1)) <= 255


class Tag(NamedTuple):
    """One tag: its name, the key letter that toggles it, a colour and a description."""

    name: str
    key: str
    colour: str
    description: str


DEFAULT_TAGS: tuple[Tag, ...] = (
    Tag("claim", "c", "#5fafff", "An assertion the article makes or reports, to verify."),
    Tag("figure", "f", "#ffd75f", "A number, amount, date or statistic worth checking."),
    Tag("concern", "o", "#ff5f5f", "A risk, worry or weakness raised by the text or the reader."),
    Tag("source", "s", "#87d787", "Who or what the information is attributed to."),
)


@dataclass(frozen=True)
class TagSchema:
    """An ordered set of tags; the order is the order of the ``1``-``9`` keys."""

    tags: tuple[Tag, ...] = DEFAULT_TAGS

    def __post_init__(self) -> None:
        # Colours are checked where tags come from a user (tags_from_config), with the
        # check the caller knows best; here only names and keys.
        validate_tags(self.tags, source=None, is_colour=lambda colour: True)

    @property
    def names(self) -> tuple[str, ...]:
        """Tag names in schema order."""
        return tuple(tag.name for tag in self.tags)

    def get(self, name: str) -> Tag | None:
        """The tag called ``name``, if the schema has it."""
        return next((tag for tag in self.tags if tag.name == name), None)

    def sort(self, names: Iterable[str]) -> list[str]:
        """``names`` without duplicates, in schema order; unknown names last, sorted."""
        unique = set(names)
        known = [n for n in self.names if n in unique]
        return known + sorted(unique - set(known))

    def require(self, names: Iterable[str]) -> list[str]:
        """Check that every name is a tag of this schema; raise a one-line error if not."""
        names = list(names)
        unknown = [n for n in names if self.get(n) is None]
        if unknown:
            plural = "s" if len(unknown) > 1 else ""
            raise ConfigError(None, f"unknown tag{plural} {', '.join(repr(n) for n in unknown)} (known: {', '.join(self.names)})")
        return names


def validate_tags(
    tags: tuple[Tag, ...], source: str | Path | None, is_colour: ColourCheck = is_portable_colour, key_check: KeyCheck = one_letter
) -> None:
    """Raise :class:`ConfigError` naming the problem with a list of tags."""
    if not tags:
        raise ConfigError(source, "tags: at least one tag is needed")
    seen_names: set[str] = set()
    seen_keys: set[str] = set()
    for index, tag in enumerate(tags, start=1):
        where = f"tags[{index}] ({tag.name!r})"
        if not is_tag_name(tag.name):
            raise ConfigError(source, f"{where}: a name is 1-32 lowercase letters, digits, '-' or '_', starting with a letter")
        if tag.name in seen_names:
            raise ConfigError(source, f"{where}: the name is used twice")
        problem = key_check(tag.key)
        if problem is not None:
            raise ConfigError(source, f"{where}: {problem}")
        if tag.key in seen_keys:
            raise ConfigError(source, f"{where}: key {tag.key!r} is used twice")
        if not is_colour(tag.colour):
            raise ConfigError(source, f"{where}: {tag.colour!r} is not a colour (try a name such as 'red' or '#ff8800')")
        seen_names.add(tag.name)
        seen_keys.add(tag.key)


def tags_from_config(
    raw: Any, source: str | Path, is_colour: ColourCheck = is_portable_colour, key_check: KeyCheck = one_letter
) -> tuple[Tag, ...]:
    """Build the tag list from the ``tags:`` value of a config file (``key_check``: see :data:`KeyCheck`)."""
    if not isinstance(raw, list):
        raise ConfigError(source, "tags: must be a list of tags, each with name, key, colour and description")
    tags: list[Tag] = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise ConfigError(source, f"tags[{index}]: must be a mapping with name, key, colour and description")
        unknown = set(item) - {"name", "key", "colour", "color", "description"}
        if unknown:
            raise ConfigError(source, f"tags[{index}]: unknown field {sorted(map(str, unknown))[0]!r}")
        default = next((t for t in DEFAULT_TAGS if t.name == item.get("name")), None)
        values = {
            "name": item.get("name"),
            "key": item.get("key", default.key if default else None),
            "colour": item.get("colour", item.get("color", default.colour if default else "white")),
            "description": item.get("description", default.description if default else ""),
        }
        for field_name, value in values.items():
            if not isinstance(value, str):
                hint = (
                    " (quote a colour such as '#ff8800': an unquoted # starts a YAML comment)"
                    if field_name == "colour" and value is None
                    else ""
                )
                raise ConfigError(source, f"tags[{index}]: {field_name} must be text{hint}")
        values["colour"] = expand_short_hex(values["colour"])
        tags.append(Tag(**values))
    result = tuple(tags)
    validate_tags(result, source, is_colour, key_check)
    return result
