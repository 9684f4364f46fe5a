"""W3C Web Annotation export: newsmark's records as one ``AnnotationCollection`` (JSON-LD).

Every record (sentence, span, each sentence record of a range, orphans too) is one
``Annotation`` of the W3C Web Annotation Data Model:

- ``id``: ``urn:uuid:`` and the record's id; ``type``: ``Annotation``;
- ``motivation`` and ``body``: what :func:`bodies_of` makes of the record (a
  ``TextualBody`` with ``purpose: tagging`` per tag, one with ``purpose: commenting``
  for the note);
- ``target``: a ``SpecificResource`` whose ``source`` is :func:`source_iri` (the page's
  URL for a web article, else ``urn:sha256:`` of its plain text), with a
  ``TextQuoteSelector`` (exact, 32 characters of prefix and suffix) and a
  ``TextPositionSelector`` (start, end) over that plain text: the article's normalized
  text, ``Article.text`` (its blocks, headings and paragraphs as the reader shows them,
  joined by a blank line; positions count code points);
- ``creator`` (the annotator, a ``Person``), ``created`` and ``modified`` (the record's
  ``created`` and ``updated``: xsd:dateTime in UTC), ``generator`` (newsmark);
- a range (records one action tagged together) is one annotation per sentence record,
  each naming its range in :data:`GROUP_PROPERTY`, so an import groups them again.

The collection holds every annotation in its first (only) page. The file is never
imported by suffix: ``newsmark import FILE --from w3c`` reads it (see
:mod:`annotations.exchange.w3c_import`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotations.errors import ImportFormatError
from annotations.exchange.json_export import dump as dump_json
from annotations.store.records import CONTEXT_CHARS

#: The JSON-LD context every Web Annotation document names.
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The property (an absolute IRI, valid JSON-LD without another context) naming the
#: range a record belongs to: ``urn:uuid:`` of its ``group``.
GROUP_PROPERTY = "urn:newsmark:group"
#: Where generated ids of collections and pages live (uuid5 namespace).
NAMESPACE = uuid.UUID("6f1d3c52-8e0b-4a52-9c2d-2b7f6f3f1a61")
#: Where :func:`record_uuid` puts record ids that are not UUIDs.
_ID_NAMESPACE = uuid.uuid5(NAMESPACE, "record")


def record_uuid(record_id: str) -> str:
    """A record id as a UUID: itself if it is one, else a UUID made from it (stable)."""
    try:
        return str(uuid.UUID(record_id))
    except ValueError:
        return str(uuid.uuid5(_ID_NAMESPACE, record_id))


def content_iri(content: str) -> str:
    """The IRI of an article's plain text by its SHA-256 (hex)."""
    return f"urn:sha256:{content}"


def kept_url(path: str) -> str | None:
    """The URL a page kept by ``newsmark add`` (or opened by URL) was fetched from: its
    JSON sidecar's ``url``; None for any other file."""
    try:
        data = json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def source_iri(entry: dict[str, Any]) -> str:
    """The IRI an article is annotated as: the URL it was fetched from, else the URL its
    front matter or page names (``url``: canonical), else ``urn:sha256:`` of its plain
    text (``content``), else a ``file:`` IRI of its path (an old store without it)."""
    url = kept_url(entry["path"])
    if url is not None:
        return url
    meta_url = entry.get("meta", {}).get("url")
    if isinstance(meta_url, str) and meta_url.startswith(("http://", "https://")):
        return meta_url
    if entry.get("content"):
        return content_iri(entry["content"])
    return Path(entry["path"]).absolute().as_uri()


def textual_body(value: str, purpose: str) -> dict[str, Any]:
    """A ``TextualBody`` with its value and purpose (plain text)."""
    return {"type": "TextualBody", "value": value, "purpose": purpose, "format": "text/plain"}


def bodies_of(record: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """A record's motivations and bodies: ``tagging`` and one body per tag, ``commenting``
    and one body for the note, ``assessing`` and one body each for a verdict and a grade.
    The one place a new kind of body is added."""
    motivations: list[str] = []
    bodies: list[dict[str, Any]] = [textual_body(tag, "tagging") for tag in record["tags"]]
    if bodies:
        motivations.append("tagging")
    if record["note"]:
        motivations.append("commenting")
        bodies.append(textual_body(record["note"], "commenting"))
    assessments = _assessments(record)
    if assessments:
        motivations.append("assessing")
        bodies.extend(textual_body(value, "assessing") for value in assessments)
    return motivations, bodies


def _assessments(record: dict[str, Any]) -> list[str]:
    """A claim's verdict (``false``, or ``false: RATIONALE``) and a source's grade
    (``grade B2``): the ``assessing`` bodies (newsmark's import reads them as such and
    keeps them out of the note; verdicts travel in newsmark's own exports)."""
    found: list[str] = []
    status = record.get("status")
    if isinstance(status, str) and status:
        rationale = record.get("rationale")
        found.append(f"{status}: {rationale}" if isinstance(rationale, str) and rationale else status)
    grade = record.get("grade")
    if isinstance(grade, str) and grade:
        found.append(f"grade {grade}")
    return found


def selectors_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The quote and position selectors of a record's words (its sentence, or its span
    inside the sentence) in the article's plain text; an orphan's quote only (its words
    are not in this text: positions it had counted in an older text or another tool's page)."""
    selector = record["selector"]
    span = record.get("span")
    if span is None:
        exact, prefix, suffix, start = selector["exact"], selector["prefix"], selector["suffix"], selector["start"]
    else:
        text = record["text"]
        exact = span["quote"]
        prefix = (selector["prefix"] + text[: span["start"]])[-CONTEXT_CHARS:]
        suffix = (text[span["end"] :] + selector["suffix"])[:CONTEXT_CHARS]
        start = selector["start"] + span["start"]
    quote = {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
    if record.get("anchor") == "orphan":
        return [quote]
    return [quote, {"type": "TextPositionSelector", "start": start, "end": start + len(exact)}]


def annotation_of(record: dict[str, Any], source: str, generator: dict[str, Any]) -> dict[str, Any]:
    """One record as a Web Annotation on ``source``."""
    motivations, bodies = bodies_of(record)
    annotation: dict[str, Any] = {
        "id": f"urn:uuid:{record_uuid(record['id'])}",
        "type": "Annotation",
        "motivation": motivations[0] if len(motivations) == 1 else motivations,
        "created": record["created"],
        "modified": record["updated"],
        "creator": {"type": "Person", "name": record["annotator"]},
        "generator": generator,
        "body": bodies,
        "target": {"type": "SpecificResource", "source": source, "selector": selectors_of(record)},
    }
    if record.get("group"):
        annotation[GROUP_PROPERTY] = f"urn:uuid:{record_uuid(record['group'])}"
    return annotation


def annotations_of(document: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Every record of an export document as a Web Annotation, article by article."""
    generator = {"type": "Software", "name": document.get("generator") or _generator_name()}
    for entry in document["articles"]:
        source = source_iri(entry)
        for record in [*entry["annotations"], *entry.get("orphans", [])]:
            yield annotation_of(record, source, generator)


def collection(document: dict[str, Any]) -> dict[str, Any]:
    """An export document as an ``AnnotationCollection`` with one ``AnnotationPage``; its
    ids are made from the annotations' (the same records, the same ids)."""
    items = list(annotations_of(document))
    collection_id = uuid.uuid5(NAMESPACE, "\n".join(item["id"] for item in items))
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{collection_id}",
        "type": "AnnotationCollection",
        "label": "newsmark annotations",
        "total": len(items),
    }
    if items:
        result["first"] = {
            "id": f"urn:uuid:{uuid.uuid5(collection_id, 'page 1')}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return result


def dump(document: dict[str, Any]) -> bytes:
    """The export document as a W3C ``AnnotationCollection`` in indented UTF-8 JSON."""
    return dump_json(collection(document))


def load(text: str, path: Path) -> tuple[Any, bool]:
    """A W3C file is not a newsmark export: it is imported with ``--from w3c``. (A ``.jsonld``
    file may also be a ClaimReview export, which says so itself.)"""
    if '"ClaimReview"' in text:
        from annotations.exchange import claimreview

        return claimreview.load(text, path)
    raise ImportFormatError(path, "a W3C Web Annotation file: import it with 'newsmark import FILE --from w3c'")


def _generator_name() -> str:
    from annotations.exchange.export_header import generator

    return generator()
