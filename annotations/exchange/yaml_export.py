"""YAML exports: newsmark's own layout when the document fits it, PyYAML otherwise.

Writing: :mod:`annotations.exchange.yaml_layout` writes every document newsmark makes;
a document of another shape (never made by newsmark itself) goes through PyYAML's safe
dumper. Reading: a file in newsmark's own layout is read by that module's reader, which
gives PyYAML's answer ~20x faster; anything else is read by PyYAML's safe loader, up to
:data:`MAX_GENERAL_YAML_BYTES`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from annotations.errors import ImportFormatError
from annotations.exchange import yaml_layout
from annotations.safe_yaml import SafeLoader, error_line

#: Files not in newsmark's own layout go through PyYAML, which needs ~0.7 s and ~40 MB of
#: memory per MB of YAML here: past this size they are refused rather than left to run.
MAX_GENERAL_YAML_BYTES = 8 * 1024 * 1024


def dump(document: dict[str, Any]) -> bytes:
    """The document as YAML; the same document always gives the same bytes."""
    try:
        return yaml_layout.dump(document).encode("utf-8")
    except yaml_layout.NotCanonical:
        pass  # not the shape newsmark writes (e.g. a test's deliberately broken file)
    return yaml_layout.dump_with_pyyaml(document).encode("utf-8")


def load(text: str, path: Path) -> tuple[Any, bool]:
    """The document, and whether it was in newsmark's own layout."""
    try:
        return yaml_layout.load(text), True
    except yaml_layout.NotCanonical:
        pass  # not in newsmark's own layout (edited by hand?): read it as any YAML
    if len(text) > MAX_GENERAL_YAML_BYTES:
        raise ImportFormatError(
            path,
            f"not in newsmark's own export layout and too large ({len(text) // (1024 * 1024)} MB) to read as general YAML "
            f"(limit {MAX_GENERAL_YAML_BYTES // (1024 * 1024)} MB); export it again with newsmark",
        )
    try:
        return yaml.load(text, Loader=SafeLoader), False
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ImportFormatError(path, f"{where}{error.problem} (only plain YAML data is accepted)") from None
    except yaml.YAMLError as error:
        line = error_line(error, text)
        where = f" at line {line}" if line is not None else ""
        raise ImportFormatError(path, f"not valid YAML{where}: {getattr(error, 'problem', None) or error}") from None
