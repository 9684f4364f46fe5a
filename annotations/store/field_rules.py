"""The rules attached to a record's fields (``Annotated[...]`` markers an import and a
store open check) and :func:`field_specs`, which reads a schema's fields with their rules
(see :class:`annotations.store.records.ExportedRecord`)."""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple, get_args, get_origin, get_type_hints

# -- rules an import checks, attached to fields with Annotated[...] ---------------
# Named tuples, not dataclasses: this module is on the reader's start path, and a
# named tuple is built ~6x faster (five dataclasses cost ~2 ms there).


class Minimum(NamedTuple):
    """A whole number at least ``value``."""

    value: int


class NonEmpty:
    """Text that may not be empty."""


class Timestamp:
    """ISO 8601 text (``2026-11-25T20:35:04.123456Z``)."""


class Multiline:
    """Text that may hold line breaks (written in YAML block style when it does)."""


class TagNames:
    """A list of tag names."""


class MaxLength(NamedTuple):
    """Text at most ``value`` characters long."""

    value: int


class Default(NamedTuple):
    """A field newer than some stores and exports: where it is missing, it is ``value``."""

    value: Any


class Absent:
    """A field only some records carry (not required by its TypedDict): where it is missing the record has
    none; it is never filled in, and never written where missing."""


class Pattern(NamedTuple):
    """Text matching a regular expression (``what`` says it to the user)."""

    regex: str
    what: str


class FieldSpec(NamedTuple):
    """One field of a record or selector: its name, its kind and its rules."""

    name: str
    kind: type
    """``int``, ``str``, ``list`` (of text) or ``dict`` (the selector)."""
    rules: tuple[object, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    """For the selector: its own fields."""

    @property
    def optional(self) -> bool:
        """Whether only some records carry the field (see :class:`Absent`)."""
        return self.rule(Absent) is not None

    def rule(self, kind: type[Any]) -> Any:
        """This field's rule of type ``kind``, if it has one."""
        return next((rule for rule in self.rules if isinstance(rule, kind)), None)

    @property
    def has_default(self) -> bool:
        """Whether the field may be missing (older stores and exports), meaning :attr:`default`."""
        return self.rule(Default) is not None

    @property
    def default(self) -> Any:
        """The value of the field where it is missing (see :class:`Default`)."""
        found = self.rule(Default)
        return found.value if found is not None else None

    @property
    def minimum(self) -> int:
        """The least whole number allowed (for ``int`` fields)."""
        found = self.rule(Minimum)
        return found.value if found is not None else 0


def field_specs(schema: type) -> tuple[FieldSpec, ...]:
    """The fields of a TypedDict, in order, with their kinds and ``Annotated`` rules (and
    :class:`Absent` for a field it does not require)."""
    specs: list[FieldSpec] = []
    optional: frozenset[str] = getattr(schema, "__optional_keys__", frozenset())
    for name, hint in get_type_hints(schema, include_extras=True).items():
        rules: tuple[object, ...] = (Absent(),) if name in optional else ()
        if get_origin(hint) is Annotated:
            hint, *extra = get_args(hint)
            rules = (*rules, *extra)
        if isinstance(hint, type) and issubclass(hint, dict):  # a nested TypedDict
            specs.append(FieldSpec(name, dict, rules, field_specs(hint)))
        elif get_origin(hint) is list and _is_typed_dict(get_args(hint)[0]):  # a list of mappings
            specs.append(FieldSpec(name, list, rules, field_specs(get_args(hint)[0])))
        else:
            specs.append(FieldSpec(name, get_origin(hint) or hint, rules))
    return tuple(specs)


def _is_typed_dict(hint: object) -> bool:
    return isinstance(hint, type) and issubclass(hint, dict)
