"""Every export format newsmark writes and reads back, in one table.

A format names its file suffixes and the module that holds its ``dump(document) ->
bytes`` and ``load(text, path) -> (document, own_layout)``. ``newsmark export
--format``, the reader's export and ``newsmark import`` all pick formats here; a new
export format is one module plus one entry in :data:`EXPORT_FORMATS`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast


class FormatModule(Protocol):
    """What an export format's module provides."""

    def dump(self, document: dict[str, Any]) -> bytes:
        """The document's bytes; the same document always gives the same bytes."""
        ...

    def load(self, text: str, path: Path) -> tuple[Any, bool]:
        """The document read from ``text``, and whether it was in newsmark's own layout
        (then only its ``meta`` mappings went through a general parser)."""
        ...


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name (``--format``), its file suffixes, its module."""

    name: str
    suffixes: tuple[str, ...]
    module: str

    @property
    def implementation(self) -> FormatModule:
        """The format's module (imported on first use)."""
        return cast(FormatModule, importlib.import_module(self.module))

    def dump(self, document: dict[str, Any]) -> bytes:
        """Serialize an export document."""
        return self.implementation.dump(document)

    def load(self, text: str, path: Path) -> tuple[Any, bool]:
        """Parse an export file's text; :class:`~annotations.errors.ImportFormatError` if it is not valid."""
        return self.implementation.load(text, path)


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "yaml": ExportFormat("yaml", (".yaml", ".yml"), "annotations.exchange.yaml_export"),
    "json": ExportFormat("json", (".json",), "annotations.exchange.json_export"),
    "csv": ExportFormat("csv", (".csv",), "annotations.exchange.csv_export"),
    "w3c": ExportFormat("w3c", (".jsonld",), "annotations.exchange.w3c_export"),
    "claimreview": ExportFormat("claimreview", (".jsonld",), "annotations.exchange.claimreview"),
}
DEFAULT_EXPORT_FORMAT = "yaml"


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; ``KeyError`` naming the known ones if there is none."""
    try:
        return EXPORT_FORMATS[name]
    except KeyError:
        raise KeyError(f"unknown export format {name!r} (known: {', '.join(EXPORT_FORMATS)})") from None


def format_of_file(path: str | Path) -> ExportFormat:
    """The format an export file is read as: by its suffix, else YAML."""
    suffix = Path(path).suffix.lower()
    for candidate in EXPORT_FORMATS.values():
        if suffix in candidate.suffixes:
            return candidate
    return EXPORT_FORMATS[DEFAULT_EXPORT_FORMAT]


#: Other tools' annotation formats ``newsmark import --from`` reads: name → the module
#: whose ``parse(data, path, now)`` reads that JSON (see :mod:`annotations.exchange.foreign`).
#: Their files are not newsmark exports, so they are never picked by suffix.
IMPORT_FROM: dict[str, str] = {"w3c": "annotations.exchange.w3c_import", "hypothesis": "annotations.exchange.hypothesis"}

#: Brief formats (``newsmark brief --format``): name → file suffix. A brief is written,
#: never read back, so it is not an export format (see :mod:`annotations.exchange.brief`).
BRIEF_FORMATS: dict[str, str] = {"md": ".md", "html": ".html"}
DEFAULT_BRIEF_FORMAT = "md"
