"""The tag schema: which tags exist, their key letters, colours and descriptions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from annotations.errors import ConfigError
from annotations.patterns import text_pattern

_TAG_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_HEX_COLOUR = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
_RGB_COLOUR = r"^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$"
_NUMBERED_COLOUR = r"^colou?r\(?(\d{1,3})\)?$"
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
    if len(value) == 4 and text_pattern(_HEX_COLOUR).match(value):
        return "#" + "".join(2 * digit for digit in value[1:])
    return colour


def is_portable_colour(value: str) -> bool:
    """Whether ``value`` is ``#rgb``, ``#rrggbb``, ``rgb(r, g, b)``, ``color(N)`` (0-255) or a
    name in :data:`COLOUR_NAMES`."""
    value = value.strip().lower()
    if value in COLOUR_NAMES or text_pattern(_HEX_COLOUR).match(value):
        return True
    rgb = text_pattern(_RGB_COLOUR).match(value)
    if rgb:
        return all(int(part) <= 255 for part in rgb.groups())
    numbered = text_pattern(_NUMBERED_COLOUR).match(value)
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


class Verdict(NamedTuple):
    """One status of a checkable claim: its name, label, picker key, colour, a one-character
    mark readable without colour, and its ClaimReview rating (None: not a final verdict)."""

    name: str
    label: str
    key: str
    colour: str
    mark: str
    rating: int | None = None

    @property
    def final(self) -> bool:
        """Whether this is a verdict a claim ends with (one a ClaimReview publishes)."""
        return self.rating is not None


#: The default scale: the first status is where every claim starts.
DEFAULT_VERDICTS: tuple[Verdict, ...] = (
    Verdict("unverified", "Unverified", "u", "bright_black", "?"),
    Verdict("checking", "Checking", "c", "cyan", "…"),
    Verdict("verified", "Verified", "v", "green", "✓", 5),
    Verdict("false", "False", "f", "red", "✗", 1),
    Verdict("misleading", "Misleading", "m", "yellow", "~", 2),
    Verdict("unverifiable", "Unverifiable", "x", "magenta", "∅", 3),
)


class VerdictScale(NamedTuple):
    """The statuses a checkable claim goes through, in order (the first is the default),
    and the range of the final verdicts' ratings (``best``, ``worst``) for ClaimReview.
    A named tuple: a frozen dataclass costs several times as much to define at import."""

    verdicts: tuple[Verdict, ...] = DEFAULT_VERDICTS
    best: int = 5
    worst: int = 1

    @property
    def names(self) -> tuple[str, ...]:
        """The statuses' names, in order."""
        return tuple(verdict.name for verdict in self.verdicts)

    @property
    def default(self) -> Verdict:
        """Where a claim starts (``unverified`` by default)."""
        return self.verdicts[0]

    def get(self, name: str) -> Verdict | None:
        """The status called ``name``, if the scale has it."""
        return next((verdict for verdict in self.verdicts if verdict.name == name), None)

    def require(self, name: str) -> Verdict:
        """The status called ``name``; a one-line error naming the known ones if none."""
        found = self.get(name)
        if found is None:
            raise ConfigError(None, f"unknown status {name!r} (known: {', '.join(self.names)})")
        return found


#: The default statuses and ratings.
DEFAULT_SCALE = VerdictScale()


@dataclass(frozen=True)
class TagSchema:
    """An ordered set of tags; the order is the order of the ``1``-``9`` keys; with the tags
    whose records take a verdict (``checkable``) and the verdict scale."""

    tags: tuple[Tag, ...] = DEFAULT_TAGS
    checkable: tuple[str, ...] = ("claim", "figure")
    verdicts: VerdictScale = DEFAULT_SCALE

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


def checkable_from_config(raw: Any, tags: tuple[Tag, ...], source: str | Path) -> tuple[str, ...]:
    """The ``checkable:`` value of a config file: tags of the schema whose records take a verdict."""
    names = {tag.name for tag in tags}
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise ConfigError(source, "checkable: must be a list of tag names, such as [claim, figure]")
    unknown = [name for name in raw if name not in names]
    if unknown:
        raise ConfigError(source, f"checkable: {unknown[0]!r} is not a tag (tags: {', '.join(tag.name for tag in tags)})")
    return tuple(dict.fromkeys(raw))


_VERDICT_FIELDS = ("name", "label", "key", "colour", "color", "mark", "rating")


def verdicts_from_config(raw: Any, source: str | Path, is_colour: ColourCheck = is_portable_colour) -> VerdictScale:
    """The ``verdicts:`` value of a config file: ``best:`` and ``worst:`` ratings and a
    ``scale:`` of statuses (name, label, key, colour, mark, and a rating for each final
    verdict), the first one where every claim starts. A status named as a default one
    takes the default's values for the fields it leaves out (``rating: null``: not final)."""
    if not isinstance(raw, Mapping) or set(raw) - {"best", "worst", "scale"} or "scale" not in raw:
        raise ConfigError(source, "verdicts: must be a mapping with scale: (a list of statuses) and optional best: and worst: ratings")
    best, worst = raw.get("best", 5), raw.get("worst", 1)
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (best, worst)) or best == worst:
        raise ConfigError(source, "verdicts: best and worst must be two different whole numbers (ratings, such as 5 and 1)")
    items = raw["scale"]
    if not isinstance(items, list) or not items:
        raise ConfigError(source, "verdicts: scale: must be a list of statuses, each with name, label, key and colour")
    scale = tuple(_verdict(item, index, best, worst, source, is_colour) for index, item in enumerate(items, start=1))
    for index, verdict in enumerate(scale, start=1):
        if any(v.name == verdict.name for v in scale[: index - 1]):
            raise ConfigError(source, f"verdicts: scale[{index}] ({verdict.name!r}): the name is used twice")
        if any(v.key == verdict.key for v in scale[: index - 1]):
            raise ConfigError(source, f"verdicts: scale[{index}] ({verdict.name!r}): key {verdict.key!r} is used twice")
    return VerdictScale(scale, best, worst)


def _verdict(item: Any, index: int, best: int, worst: int, source: str | Path, is_colour: ColourCheck) -> Verdict:
    """One status of ``verdicts: scale:``, checked."""
    where = f"verdicts: scale[{index}]"
    if not isinstance(item, Mapping):
        raise ConfigError(source, f"{where}: must be a mapping with name, label, key, colour, mark and (for a final verdict) rating")
    unknown = sorted(str(name) for name in set(item) - set(_VERDICT_FIELDS))
    if unknown:
        raise ConfigError(source, f"{where}: unknown field {unknown[0]!r}")
    name = item.get("name")
    if isinstance(name, bool):
        raise ConfigError(source, f"{where}: name must be text (quote '{str(name).lower()}': unquoted it is a YAML true/false)")
    if not isinstance(name, str) or not is_tag_name(name):
        raise ConfigError(source, f"{where}: a name is 1-32 lowercase letters, digits, '-' or '_', starting with a letter")
    where = f"{where} ({name!r})"
    default = next((verdict for verdict in DEFAULT_VERDICTS if verdict.name == name), None)
    label = item.get("label", default.label if default else name.capitalize())
    key = item.get("key", default.key if default else None)
    colour = item.get("colour", item.get("color", default.colour if default else "white"))
    mark = item.get("mark", default.mark if default else name[0])
    for field_name, value in (("label", label), ("key", key), ("colour", colour), ("mark", mark)):
        if not isinstance(value, str):
            hint = " (quote it: unquoted, true, false, yes and no are YAML true/false)" if isinstance(value, bool) else ""
            raise ConfigError(source, f"{where}: {field_name} must be text{hint}")
    if one_letter(key) is not None:
        raise ConfigError(source, f"{where}: key must be one letter")
    if len(mark) != 1:
        raise ConfigError(source, f"{where}: mark must be one character (shown in the marker without colour)")
    if not is_colour(expand_short_hex(colour)):
        raise ConfigError(source, f"{where}: {colour!r} is not a colour (try a name such as 'red' or '#ff8800')")
    rating = item.get("rating", default.rating if default else None)  # rating: null: not final
    low, high = min(best, worst), max(best, worst)
    if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int) or not low <= rating <= high):
        raise ConfigError(source, f"{where}: rating must be a whole number from {low} to {high} (a final verdict's ClaimReview rating)")
    return Verdict(name, label, key, expand_short_hex(colour), mark, rating)
