"""``newsmark export --format w3c``: one test per MUST of the W3C Web Annotation Data
Model (Recommendation, 23 February 2017) that applies to what newsmark writes, checked
directly on the JSON a real ``newsmark`` subprocess exports from a real store."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from annotations.formats.loader import load_article

from .test_cli_daily import newsmark

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The model's motivations (section 3.3.5): a motivation MUST be one of these (or an IRI).
MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip
#: xsd:dateTime with a time zone (``Z`` or an offset).
XSD_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
#: An IRI: a scheme, a colon, no spaces.
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Path]]:
    """A W3C export of a web-like article (front matter URL: a sentence with a note, a
    range, a span) and a plain text one (a span with a note), and the articles."""
    folder = tmp_path_factory.mktemp("w3c")
    water, artillery = folder / "water-audit.md", folder / "artillery.txt"
    shutil.copyfile(SAMPLES / "water-audit.md", water)
    shutil.copyfile(SAMPLES / "artillery-pipeline.txt", artillery)
    store = folder / "store"
    for args in (
        [str(water), "2", "claim", "--note", "Which fountains?"],
        [str(water), "3-4", "figure"],
        [str(water), "5", "source", "--span", "highest reading"],
        [str(artillery), "6", "figure", "--span", "approx. 300,000 shells", "--note", "Per year?"],
    ):
        result = newsmark("tag", *args, store=store)
        assert result.returncode == 0, result.stderr
    result = newsmark("export", "--format", "w3c", store=store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), {"water": water, "artillery": artillery}


def items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return list(collection["first"]["items"])


def test_context_is_the_anno_context_given_as_one_string(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    assert collection["@context"] == CONTEXT


def test_collection_has_one_iri_its_type_a_total_and_its_first_page(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    assert IRI.match(collection["id"]) and collection["type"] == "AnnotationCollection"
    page = collection["first"]
    assert IRI.match(page["id"]) and page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert collection["total"] == len(page["items"]) == 5


def test_each_annotation_has_exactly_one_iri_a_urn_uuid_of_its_record(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    ids = [item["id"] for item in items(collection)]
    assert all(isinstance(i, str) and re.match(r"^urn:uuid:[0-9a-f-]{36}$", i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_each_annotation_has_the_type_annotation(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    assert {item["type"] for item in items(collection)} == {"Annotation"}


def test_each_annotation_has_a_target_a_specific_resource_with_exactly_one_source(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, articles = exported
    plain_text = load_article(articles["artillery"]).text
    content = hashlib.sha256(unicodedata.normalize("NFC", plain_text).encode("utf-8")).hexdigest()
    sources = set()
    for item in items(collection):
        target = item["target"]
        assert target["type"] == "SpecificResource" and isinstance(target["source"], str) and IRI.match(target["source"])
        sources.add(target["source"])
    assert sources == {"https://example.org/water-audit", f"urn:sha256:{content}"}


def test_quote_selector_has_one_exact_and_position_selector_whole_numbers_in_the_plain_text(
    exported: tuple[dict[str, Any], dict[str, Path]],
) -> None:
    collection, articles = exported
    texts = {"https://example.org/water-audit": load_article(articles["water"]).text}
    texts.update({f"urn:sha256:{hashlib.sha256(t.encode()).hexdigest()}": t for t in [load_article(articles["artillery"]).text]})
    for item in items(collection):
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and isinstance(quote["exact"], str) and quote["exact"]
        assert position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
        text = texts[item["target"]["source"]]
        assert text[start:end] == quote["exact"]
        assert text[max(0, start - 32) : start] == quote["prefix"] and text[end : end + 32] == quote["suffix"]


def test_textual_bodies_have_exactly_one_value_a_tag_or_the_note_and_no_body_value(
    exported: tuple[dict[str, Any], dict[str, Path]],
) -> None:
    collection, _ = exported
    found = set()
    for item in items(collection):
        assert "bodyValue" not in item and item["body"]
        for body in item["body"]:
            assert body["type"] == "TextualBody" and isinstance(body["value"], str) and body["format"] == "text/plain"
            found.add((body["purpose"], body["value"]))
    assert found == {
        ("tagging", "claim"),
        ("tagging", "figure"),
        ("tagging", "source"),
        ("commenting", "Which fountains?"),
        ("commenting", "Per year?"),
    }


def test_motivations_are_the_models_and_follow_the_bodies(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    for item in items(collection):
        motivations = item["motivation"] if isinstance(item["motivation"], list) else [item["motivation"]]
        assert set(motivations) <= MOTIVATIONS
        assert set(motivations) == {body["purpose"] for body in item["body"]}


def test_created_and_modified_are_xsd_datetimes_with_a_time_zone(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    for item in items(collection):
        assert XSD_DATETIME.match(item["created"]) and XSD_DATETIME.match(item["modified"])


def test_creator_is_the_annotator_and_generator_is_newsmark(exported: tuple[dict[str, Any], dict[str, Path]]) -> None:
    collection, _ = exported
    for item in items(collection):
        assert item["creator"] == {"type": "Person", "name": "ana"}
        assert item["generator"]["type"] == "Software" and item["generator"]["name"].startswith("newsmark ")


def test_a_range_is_one_annotation_per_sentence_naming_its_range_and_a_span_quotes_its_words(
    exported: tuple[dict[str, Any], dict[str, Path]],
) -> None:
    collection, _ = exported
    ranged = [item for item in items(collection) if "urn:newsmark:group" in item]
    assert len(ranged) == 2 and ranged[0]["urn:newsmark:group"] == ranged[1]["urn:newsmark:group"]
    exacts = {item["target"]["selector"][0]["exact"] for item in items(collection)}
    assert {"highest reading", "approx. 300,000 shells"} <= exacts


def test_the_same_store_exports_the_same_bytes(tmp_path: Path) -> None:
    article = tmp_path / "water.md"
    shutil.copyfile(SAMPLES / "water-audit.md", article)
    store = tmp_path / "store"
    assert newsmark("tag", str(article), "1", "claim", store=store).returncode == 0
    first = newsmark("export", "--format", "w3c", store=store).stdout
    assert first and newsmark("export", "--format", "w3c", store=store).stdout == first
    out = tmp_path / "out"
    assert newsmark("export", str(article), "--format", "w3c", "-o", str(out), store=store).returncode == 0
    assert out.read_text(encoding="utf-8") == first
