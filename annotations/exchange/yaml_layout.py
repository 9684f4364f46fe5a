"""newsmark's own YAML layout for exports: a fast, exact writer and reader.

PyYAML takes ~23 s to dump and ~46 s to load 100,000 annotations here, because it
represents and constructs every scalar in Python. Exports have a fixed shape, so this
module writes it directly, one line per field in the order of
:data:`~annotations.store.records.RECORD_SPECS`, choosing for each string a style that
PyYAML reads back as the same string: plain where PyYAML's resolver says ``str``,
otherwise a JSON-escaped double-quoted scalar, block style for multi-line notes.

The reader accepts only text that :func:`dump` itself would write: every scalar must be
written exactly as :func:`dump` writes its value, and every line must be where
:func:`dump` puts it. Since PyYAML reads :func:`dump`'s output as the document dumped
(tested), the reader's answer is always PyYAML's answer; for anything else (a
hand-edited or forged file) it raises :class:`NotCanonical` and the caller reads the
file with PyYAML's safe loader. The checksum line at the end only tells whether the
file was changed since it was written; it never changes how a line is read.

The document's frame (header, articles, checksum) is here; each scalar is written and
read by :mod:`annotations.exchange.yaml_scalars`, each record by
:mod:`annotations.exchange.yaml_records`.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import yaml

from annotations.exchange.export_header import HEADER_FIELDS, LEGEND_FIELDS
from annotations.exchange.yaml_records import read_record, write_record
from annotations.exchange.yaml_scalars import (
    Lines,
    int_scalar,
    read_int,
    read_scalar,
    scalar,
)
from annotations.exchange.yaml_scalars import (
    NotCanonical as NotCanonical,  # raised by dump and load: part of this module's interface
)
from annotations.safe_yaml import SafeDumper, SafeLoader

SEAL = "# newsmark-export-sha256: "
#: An article's ``meta`` (its front matter) is the one value this layout leaves to PyYAML,
#: which needs ~1.4 s and ~135 MB per MB to read and check it. A meta line longer than
#: this, or meta lines longer than :data:`MAX_META_TOTAL` together, are not written in
#: this layout nor read as it: such a document is all YAML, read with the general limit.
MAX_META_LINE = 1024 * 1024
MAX_META_TOTAL = 8 * 1024 * 1024
#: The one header field that is no text: a split file's ``complete: true``.
_COMPLETE = "complete"
_COMPLETE_LINE = "complete: true"
_SEAL_LINE = re.compile(r"# newsmark-export-sha256: ([0-9a-f]{64})\n\Z")


class ExportDumper(SafeDumper):  # type: ignore[misc]
    """PyYAML's safe dumper as exports use it: multi-line text in block style, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never write anchors and aliases: each value is written where it is."""
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


ExportDumper.add_representer(str, _represent_str)


def dump_with_pyyaml(document: Any, *, flow: bool = False) -> str:
    """``document`` in YAML by PyYAML (for shapes this layout does not cover, and ``meta``)."""
    width = 1_000_000_000
    return str(yaml.dump(document, Dumper=ExportDumper, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=width))


class _MetaBudget:
    """Counts the meta lines of one document against :data:`MAX_META_LINE` and :data:`MAX_META_TOTAL`."""

    def __init__(self) -> None:
        self.total = 0

    def spend(self, meta_text: str) -> str:
        """``meta_text``, or :class:`NotCanonical` if it is too long for this layout."""
        self.total += len(meta_text)
        if len(meta_text) > MAX_META_LINE or self.total > MAX_META_TOTAL:
            raise NotCanonical
        return meta_text


def _legend(tags: object, out: list[str]) -> None:
    """The header's tag legend: one mapping of :data:`LEGEND_FIELDS` per tag."""
    if not isinstance(tags, list):
        raise NotCanonical
    out.append("tags:" if tags else "tags: []")
    for tag in tags:
        if not isinstance(tag, dict) or list(tag) != list(LEGEND_FIELDS):
            raise NotCanonical
        for index, name in enumerate(LEGEND_FIELDS):
            out.append(f"{'- ' if index == 0 else '  '}{name}: {scalar(tag[name])}")


def _read_header(lines: Lines, document: dict[str, Any]) -> None:
    """The header fields that :func:`dump` writes between the version and the articles."""
    for key in HEADER_FIELDS:
        line = lines.peek()
        if key == _COMPLETE:
            if line == _COMPLETE_LINE:
                lines.index += 1
                document[key] = True
            continue
        if key != "tags":
            if line is not None and line.startswith(f"{key}: "):
                document[key] = read_scalar(lines.take(f"{key}: "))
            continue
        if line == "tags: []":
            lines.index += 1
            document["tags"] = []
            continue
        if line != "tags:":
            continue
        lines.index += 1
        tags: list[dict[str, str]] = []
        while (line := lines.peek()) is not None and line.startswith(f"- {LEGEND_FIELDS[0]}: "):
            tags.append({name: read_scalar(lines.take(f"{'- ' if i == 0 else '  '}{name}: ")) for i, name in enumerate(LEGEND_FIELDS)})
        if not tags:
            raise NotCanonical
        document["tags"] = tags


_ARTICLE_HEAD = ("title", "path", "sha256", "meta")
#: The article's normalized-text hash, between ``sha256`` and ``meta`` when known (older exports lack it).
_CONTENT = "content"
_RECORD_LISTS = ("annotations", "orphans")


def dump(document: dict[str, Any]) -> str:
    """Write an export document (the shape :func:`annotations.exchange.export.build_export` makes).

    Raises :class:`NotCanonical` for a document of another shape.
    """
    keys = list(document)
    header = keys[1:-1]
    if keys[:1] != ["newsmark_export"] or keys[-1:] != ["articles"] or header != [k for k in HEADER_FIELDS if k in header]:
        raise NotCanonical
    out = [f"newsmark_export: {int_scalar(document['newsmark_export'])}"]
    for key in header:
        if key == "tags":
            _legend(document[key], out)
        elif key == _COMPLETE:
            if document[key] is not True:
                raise NotCanonical
            out.append(_COMPLETE_LINE)
        else:
            out.append(f"{key}: {scalar(document[key])}")
    meta_budget = _MetaBudget()
    articles = document["articles"]
    out.append("articles:" if articles else "articles: []")
    for article in articles:
        keys = list(article)
        head = [*_ARTICLE_HEAD[:3], _CONTENT, _ARTICLE_HEAD[3]] if _CONTENT in article else list(_ARTICLE_HEAD)
        lists = keys[len(head) :]
        if keys[: len(head)] != head or any(k not in _RECORD_LISTS for k in lists) or lists != sorted(lists, key=_RECORD_LISTS.index):
            raise NotCanonical
        out.append(f"- title: {scalar(article['title'])}")
        out.append(f"  path: {scalar(article['path'])}")
        out.append(f"  sha256: {scalar(article['sha256'])}")
        if _CONTENT in article:
            out.append(f"  content: {scalar(article[_CONTENT])}")
        out.append(f"  meta: {meta_budget.spend(dump_with_pyyaml(article['meta'], flow=True).strip())}")
        for key in lists:
            records = article[key]
            out.append(f"  {key}:" if records else f"  {key}: []")
            for record in records:
                write_record(record, out)
    body = "\n".join(out) + "\n"
    return body + f"{SEAL}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


# -- reading ------------------------------------------------------------------------


def split_seal(text: str) -> tuple[str, bool | None]:
    """The text without its checksum line, and whether the checksum matches it (None
    if there is no checksum line: a file not written by newsmark, or cut short)."""
    cut = text.rfind("\n" + SEAL)
    if cut < 0:
        return text, None
    body, seal = text[: cut + 1], text[cut + 1 :]
    match = _SEAL_LINE.match(seal)
    if match is None:
        return text, None
    return body, hashlib.sha256(body.encode("utf-8")).hexdigest() == match.group(1)


def load(text: str) -> dict[str, Any]:
    """Read text written by :func:`dump`; raise :class:`NotCanonical` for anything else."""
    body, _sealed = split_seal(text)
    lines = Lines(body)
    meta_budget = _MetaBudget()
    document: dict[str, Any] = {"newsmark_export": read_int(lines.take("newsmark_export: "))}
    _read_header(lines, document)
    articles_line = lines.peek()
    if articles_line not in ("articles:", "articles: []"):
        raise NotCanonical
    lines.index += 1
    articles: list[dict[str, Any]] = []
    document["articles"] = articles
    while lines.peek() is not None:
        articles.append(_read_article(lines, meta_budget))
    if (articles_line == "articles: []") == bool(articles):
        raise NotCanonical
    return document


def _read_article(lines: Lines, meta_budget: _MetaBudget) -> dict[str, Any]:
    """One article: its head as :func:`dump` writes it, then its lists of records."""
    article: dict[str, Any] = {
        "title": read_scalar(lines.take("- title: ")),
        "path": read_scalar(lines.take("  path: ")),
        "sha256": read_scalar(lines.take("  sha256: ")),
    }
    if (line := lines.peek()) is not None and line.startswith(f"  {_CONTENT}: "):
        article[_CONTENT] = read_scalar(lines.take(f"  {_CONTENT}: "))
    article["meta"] = _read_meta(meta_budget.spend(lines.take("  meta: ")))
    for key in _RECORD_LISTS:
        header = lines.peek()
        if header not in (f"  {key}:", f"  {key}: []"):
            continue
        lines.index += 1
        records: list[dict[str, Any]] = []
        while (line := lines.peek()) is not None and line.startswith("  - "):
            records.append(read_record(lines))
        if (header.endswith("[]")) == bool(records):
            raise NotCanonical
        article[key] = records
    return article


def _read_meta(meta_text: str) -> dict[str, Any]:
    """An article's front matter, read by PyYAML from the one line :func:`dump` writes."""
    try:
        meta = yaml.load(meta_text, Loader=SafeLoader)
    except yaml.YAMLError:
        raise NotCanonical from None
    if not isinstance(meta, dict) or dump_with_pyyaml(meta, flow=True).strip() != meta_text:
        raise NotCanonical
    return meta


def is_sealed(text: str) -> bool | None:
    """Whether an export's checksum line matches its text (None: it has none)."""
    return split_seal(text)[1]
