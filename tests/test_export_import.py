"""Export and import: determinism, schema, filters, validation and round trips."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.errors import ImportFormatError
from annotations.exchange.export import article_entry, build_export, dump_export
from annotations.exchange.importing import import_articles, load_export_file
from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import Store

from .helpers import export_store, hours_ahead


def tagged_store(root: Path, article_path: Path) -> None:
    store = Store(root)
    notes = open_article(store, load_article(article_path), annotator="ana", schema=TagSchema())
    notes.edit([3], add=["claim", "source"])
    notes.edit([7], add=["figure"], note="Compare with the\nMarch pledge: 1,000,000")
    notes.edit([12], add=["concern"], note="yes")
    store.close()


def test_export_schema_version_1(store_root: Path, article_copy: Path) -> None:
    tagged_store(store_root, article_copy)
    text = export_store(store_root).decode("utf-8")
    document = yaml.safe_load(text)
    assert document["newsmark_export"] == 1
    (article,) = document["articles"]
    assert list(article) == ["title", "path", "sha256", "content", "meta", "annotations"]
    assert [r["sentence"] for r in article["annotations"]] == [3, 7, 12]
    record = article["annotations"][1]
    assert list(record) == [
        "sentence",
        "section",
        "section_title",
        "text",
        "tags",
        "note",
        "annotator",
        "created",
        "updated",
        "id",
        "group",
        "anchor",
        "quote",
        "selector",
    ]
    assert (record["anchor"], record["quote"]) == ("exact", "")
    assert list(record["selector"]) == ["exact", "prefix", "suffix", "start", "end"]
    assert record["note"] == "Compare with the\nMarch pledge: 1,000,000"
    assert "note: |-\n      Compare with the\n      March pledge: 1,000,000\n" in text  # block style
    assert article["annotations"][2]["note"] == "yes"  # quoted, not a boolean
    assert text == export_store(store_root).decode("utf-8")  # deterministic


def test_export_filters_and_json(store_root: Path, article_copy: Path) -> None:
    tagged_store(store_root, article_copy)
    only_figures = yaml.safe_load(export_store(store_root, tags=["figure", "concern"]))
    assert [r["sentence"] for r in only_figures["articles"][0]["annotations"]] == [7, 12]
    nobody = yaml.safe_load(export_store(store_root, annotators=["bo"]))
    assert nobody == {"newsmark_export": 1, "articles": []}
    import json

    as_json = json.loads(export_store(store_root, fmt="json"))
    assert as_json == yaml.safe_load(export_store(store_root))


def test_round_trip_through_an_empty_store_is_byte_identical(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged_store(store_root, article_copy)
    first = export_store(store_root)
    export_file = tmp_path / "export.yaml"
    export_file.write_bytes(first)
    other = tmp_path / "other-store"
    with Store(other) as store:
        summary = import_articles(store, load_export_file(export_file))
    assert (summary.added, summary.updated, summary.unchanged) == (3, 0, 0)
    assert export_store(other) == first
    with Store(other) as store:
        again = import_articles(store, load_export_file(export_file))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert export_store(other) == first


def test_newer_updated_wins(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged_store(store_root, article_copy)
    document = yaml.safe_load(export_store(store_root))
    records = document["articles"][0]["annotations"]
    records[0]["tags"] = ["figure"]
    records[0]["updated"] = hours_ahead(12)
    records[1]["tags"] = ["source"]
    records[1]["updated"] = "2000-01-01T00:00:00.000000Z"
    edited = tmp_path / "edited.yaml"
    edited.write_bytes(dump_export(document))
    with Store(store_root) as store:
        summary = import_articles(store, load_export_file(edited))
    assert (summary.added, summary.updated, summary.unchanged, len(summary.kept)) == (0, 1, 1, 1)  # the older one differs: kept
    result = yaml.safe_load(export_store(store_root))["articles"][0]["annotations"]
    assert result[0]["tags"] == ["figure"] and result[1]["tags"] == ["figure"]


HASH = "a" * 64
BAD_EXPORTS = [
    ("newsmark_export: 2\narticles: []\n", "export version 2 is not supported"),
    ("articles: []\n", "not a newsmark export"),
    ("- 1\n- 2\n", "not a newsmark export"),
    ("newsmark_export: 1\narticles: {}\n", "'articles' must be a list"),
    (
        "newsmark_export: 1\narticles:\n- {title: t, path: /a, sha256: xyz, meta: {}, annotations: []}\n",
        "article 1 (/a): field 'sha256' must be 64 lowercase hex digits",
    ),
    (
        f'newsmark_export: 1\narticles:\n- {{title: t, path: /a, sha256: "{HASH}\\n", meta: {{}}, annotations: []}}\n',
        "article 1 (/a): field 'sha256' must be 64 lowercase hex digits",
    ),
    (
        f"newsmark_export: 1\narticles:\n- {{title: t, path: /a, sha256: {HASH}, content: 12ab, meta: {{}}, annotations: []}}\n",
        "article 1 (/a): field 'content' must be 64 lowercase hex digits",
    ),
    (
        f'newsmark_export: 1\narticles:\n- {{title: t, path: /a, sha256: {HASH}, content: "{HASH}\\n", meta: {{}}, annotations: []}}\n',
        "article 1 (/a): field 'content' must be 64 lowercase hex digits",
    ),
    ("!!python/object/apply:os.system ['echo hacked']\n", "only plain YAML data is accepted"),
    ("newsmark_export: !!python/name:os.system 1\n", "only plain YAML data is accepted"),
    ("a: &a [1, 2]\nb: &b [*a, *a]\nnewsmark_export: 1\narticles: [*b]\n", "YAML aliases"),
    ("newsmark_export: 1\narticles: [\n", "not valid YAML"),
]


@pytest.mark.parametrize(("content", "reason"), BAD_EXPORTS)
def test_bad_exports_are_refused_with_a_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        load_export_file(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


def valid_record(**overrides: Any) -> dict[str, Any]:
    record = {
        "sentence": 1,
        "section": 1,
        "section_title": "Lede",
        "text": "A sentence.",
        "tags": ["claim"],
        "note": "",
        "annotator": "ana",
        "created": "2026-01-01T00:00:00.000000Z",
        "updated": "2026-01-01T00:00:00.000000Z",
        "id": str(uuid.uuid4()),
        "selector": {"exact": "A sentence.", "prefix": "", "suffix": "", "start": 0, "end": 11},
    }
    record.update(overrides)
    return record


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"tags": "claim"}, "field 'tags' must be a list of tag names"),
        ({"sentence": 0}, "field 'sentence' must be a whole number >= 1"),
        ({"sentence": True}, "field 'sentence' must be a whole number >= 1"),
        ({"updated": "last tuesday"}, "field 'updated' is not an ISO 8601 timestamp"),
        ({"text": ""}, "field 'text' must be non-empty text"),
        ({"selector": {"exact": "x"}}, "selector: field 'prefix' must be text"),
        ({"note": None}, "field 'note' must be text"),
    ],
)
def test_record_validation_names_article_record_and_field(tmp_path: Path, overrides: dict[str, Any], reason: str) -> None:
    good = valid_record()
    bad = valid_record(**overrides)
    document = {
        "newsmark_export": 1,
        "articles": [{"title": "T", "path": "/news/a.txt", "sha256": "a" * 64, "meta": {}, "annotations": [good, bad]}],
    }
    path = tmp_path / "bad.yaml"
    path.write_bytes(dump_export(document))
    with pytest.raises(ImportFormatError) as caught:
        load_export_file(path)
    message = str(caught.value)
    assert f"article 1 (/news/a.txt), annotation 2 ({bad['id']})" in message
    assert reason in message


ADVERSARIAL = st.one_of(
    st.sampled_from(
        [
            "yes",
            "no",
            "null",
            "~",
            "1e3",
            "0x1F",
            "---",
            "...",
            ": ",
            "- ",
            "# not a comment",
            "'",
            '"',
            "@x",
            "`x",
            "%TAG",
            "\ttab",
            "trailing space ",
            " leading",
            "line\nbreak",
            "two\n\nblank lines\n",
            "emoji 😀🇺🇦",
            "RTL مرحبا עברית",
            "\u2028sep",
            "[bold]x[/]",
            "{a: 1}",
            "&anchor",
            "*alias",
            "!!python/object",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    note=ADVERSARIAL,
    title=ADVERSARIAL,
    annotator=ADVERSARIAL.filter(lambda s: s != ""),
    text=ADVERSARIAL.filter(lambda s: s != ""),
    meta_value=ADVERSARIAL,
)
def test_adversarial_strings_round_trip(
    tmp_path_factory: pytest.TempPathFactory, note: str, title: str, annotator: str, text: str, meta_value: str
) -> None:
    from hypothesis import assume

    from annotations.formats.hygiene import clean_field, clean_heading, clean_line, strip_controls

    # Text enters the store cleaned (no control characters): what newsmark exports then
    # comes back byte for byte.
    note, title, annotator, text, meta_value = (
        clean_field(note),
        clean_heading(title),
        clean_line(annotator),
        strip_controls(text),
        clean_field(meta_value),
    )
    assume(annotator != "" and text != "")
    workdir = tmp_path_factory.mktemp("roundtrip")
    record = valid_record(
        note=note,
        annotator=annotator,
        text=text,
        section_title=title,
        selector={"exact": text, "prefix": note, "suffix": title, "start": 3, "end": 9},
    )
    entry = article_entry(
        title=title or "untitled",
        path=f"/news/{clean_line(title) or 'x'}.txt",  # a path enters cleaned as a one-line field
        sha256="b" * 64,
        meta={"source": meta_value, "n": 3},
        records=[record],
        orphans=[],
    )
    first = dump_export(build_export([entry]))
    export_file = workdir / "export.yaml"
    export_file.write_bytes(first)
    (loaded,) = load_export_file(export_file)
    assert loaded.records[0]["note"] == note and loaded.records[0]["text"] == text and loaded.title == (title or "untitled")
    with Store(workdir / "store") as store:
        import_articles(store, [loaded])
    assert export_store(workdir / "store") == first


TEXT = st.one_of(
    ADVERSARIAL,
    st.text(max_size=40),
    st.sampled_from(
        [
            "a: b",
            "x #y",
            "ends:",
            'O\'Neil said "no"',
            "naïve café",
            "- item",
            "? q",
            "0123",
            "1_000",
            "2026-01-01",
            "~",
            "true",
            "On",
            "=",
            "<<",
            "a\n",
            "a\n\n",
            "\n",
            "a\n b",
            " lead\nx",
            "tab\tin",
            "x\u0085y",
            "\ufeffbom",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(TEXT, min_size=6, max_size=6),
    tags=st.lists(st.sampled_from(["claim", "yes", "null", "on", "x-1", "n0"]), max_size=3, unique=True),
    numbers=st.lists(st.integers(min_value=0, max_value=10**12), min_size=3, max_size=3),
)
def test_fast_yaml_writer_agrees_with_pyyaml(texts: list[str], tags: list[str], numbers: list[int]) -> None:
    from annotations.exchange import yaml_layout as yamlfast
    from annotations.safe_yaml import SafeLoader

    note, title, text, prefix, annotator, meta_value = texts
    record = valid_record(
        note=note,
        text=text,
        annotator=annotator,
        section_title=title,
        tags=tags,
        sentence=numbers[0] + 1,
        selector={"exact": text, "prefix": prefix, "suffix": note, "start": numbers[1], "end": numbers[2]},
    )
    entry = article_entry(
        title=title,
        path=prefix,
        sha256="c" * 64,
        meta={"k": meta_value, "n": numbers[0], "list": [meta_value, 1.5, None, True]},
        records=[record],
        orphans=[record],
    )
    document = build_export([entry])
    written = yamlfast.dump(document)
    assert yaml.load(written, Loader=SafeLoader) == document
    assert yamlfast.load(written) == document


def test_hand_edited_export_falls_back_to_pyyaml(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    tagged_store(store_root, article_copy)
    document = yaml.safe_load(export_store(store_root))
    document["articles"][0]["annotations"][0]["note"] = "edited by hand"
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(document, sort_keys=True, default_flow_style=True), encoding="utf-8")  # a layout we never write
    (article,) = load_export_file(edited)
    assert article.records[0]["note"] == "edited by hand"


def test_edited_export_is_read_as_yaml_reads_it(tmp_path: Path, store_root: Path, article_copy: Path) -> None:
    """An edit breaks the checksum, so every plain scalar is checked again: `yes` is a boolean."""
    tagged_store(store_root, article_copy)
    text = export_store(store_root).decode("utf-8")
    assert text.splitlines()[-1].startswith("# newsmark-export-sha256: ")
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("annotator: ana", "annotator: yes", 1), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="field 'annotator' must be non-empty text"):
        load_export_file(edited)
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(text.replace("annotator: ana", "annotator: bo", 1), encoding="utf-8")
    assert {r["annotator"] for r in load_export_file(renamed)[0].records} == {"ana", "bo"}


# -- the layout reader gives PyYAML's answer, always --------------------------------------


def reseal(text: str) -> str:
    """``text`` with its checksum line recomputed, as a forger would."""
    import hashlib

    from annotations.exchange.yaml_layout import SEAL, split_seal

    body, _ = split_seal(text)
    return body + f"{SEAL}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


@pytest.mark.parametrize(
    ("field", "forged", "reason"),
    [
        ("annotator", "yes", "field 'annotator' must be non-empty text"),  # PyYAML: True
        ("note", "null", "field 'note' must be text"),  # None
        ("section_title", "0x1F", "field 'section_title' must be text"),  # 31
        ("tags", "[claim,source ]", None),  # one list item by a naive split, PyYAML's two
    ],
)
def test_a_forged_checksum_changes_nothing_about_how_a_file_reads(
    tmp_path: Path, store_root: Path, article_copy: Path, field: str, forged: str, reason: str | None
) -> None:
    from annotations.exchange import yaml_layout
    from annotations.safe_yaml import SafeLoader

    tagged_store(store_root, article_copy)
    lines = export_store(store_root).decode("utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"    {field}: "))
    lines[index] = f"    {field}: {forged}"
    edited = reseal("\n".join(lines))
    assert yaml_layout.is_sealed(edited)  # the checksum matches: it proves nothing
    with pytest.raises(yaml_layout.NotCanonical):
        yaml_layout.load(edited)
    path = tmp_path / "forged.yaml"
    path.write_text(edited, encoding="utf-8")
    if reason is None:
        (article,) = load_export_file(path)
        assert (
            article.records[0]["tags"]
            == yaml.load(edited, Loader=SafeLoader)["articles"][0]["annotations"][0]["tags"]
            == ["claim", "source"]
        )
    else:
        with pytest.raises(ImportFormatError, match=reason):
            load_export_file(path)


FORGERIES = st.sampled_from(
    [
        "yes",
        "No",
        "null",
        "~",
        "",
        "1e3",
        "1.5",
        "0x1F",
        "0o17",
        "12:30",
        "2026-01-01",
        "<<",
        "=",
        ".inf",
        "-.nan",
        "a #b",
        "a: b",
        "x ",
        '"yes"',
        '"plain"',
        '"a\\u2028b"',
        '"raw\u2028sep"',
        '"x" # c',
        "'single'",
        "[a, b]",
        "{a: 1}",
        "&a x",
        "*a",
        "!!str 5",
        "|-",
        "|",
        ">-",
        "- x",
        "? x",
        "@x",
        "%x",
        "plain\u0085x",
        "é",
        "\t",
        "007",
        "+1",
        "-1",
        "1_000",
    ]
)


@settings(max_examples=400, deadline=None)
@given(line=st.integers(min_value=0, max_value=60), value=FORGERIES)
def test_any_forged_value_reads_as_pyyaml_reads_it(line: int, value: str) -> None:
    """Put any value on any line of a real export, reseal it: the layout reader either gives
    exactly what PyYAML's safe loader gives, or declines (and PyYAML then reads it)."""
    from annotations.exchange import yaml_layout
    from annotations.safe_yaml import SafeLoader

    record = valid_record(note="two\nlines", tags=["claim", "figure"])
    document = build_export([article_entry(title="T", path="/a.txt", sha256="a" * 64, meta={"k": "v"}, records=[record], orphans=[])])
    lines = yaml_layout.dump(document).split("\n")[:-2]
    index = line % len(lines)
    key, colon, _ = lines[index].partition(": ")
    lines[index] = f"{key}: {value}" if colon else lines[index] + value
    forged = reseal("\n".join(lines) + "\n")
    try:
        expected = yaml.load(forged, Loader=SafeLoader)
    except yaml.YAMLError:
        with pytest.raises(yaml_layout.NotCanonical):
            yaml_layout.load(forged)
        return
    try:
        got = yaml_layout.load(forged)
    except yaml_layout.NotCanonical:
        return
    assert got == expected


def test_a_round_trip_of_every_record_field_takes_the_fast_path(tmp_path: Path) -> None:
    """Every field of the record schema, with values that need each style (plain, quoted,
    block), is read back by newsmark's own layout reader, not by the PyYAML fallback."""
    from annotations.exchange.formats import format_of_file
    from annotations.safe_yaml import SafeLoader
    from annotations.store.records import RECORD_SPECS, FieldSpec, Multiline, Timestamp

    def value_for(spec: FieldSpec, index: int) -> Any:
        if spec.kind is dict:
            return {sub.name: value_for(sub, index) for sub in spec.fields}
        if spec.kind is int:
            return spec.minimum + index
        if spec.kind is list:
            return ["claim", "yes", "x-1"][: index + 1]
        if spec.rule(Timestamp) is not None:
            return f"2026-0{index + 1}-01T00:00:00.000000Z"
        if spec.rule(Multiline) is not None:
            return ["one\ntwo", "trailing\n", "plain"][index]
        return ["plain text", "yes", "a: b # c"][index]

    records = [{spec.name: value_for(spec, index) for spec in RECORD_SPECS} for index in range(3)]
    document = build_export([article_entry(title="T", path="/a.txt", sha256="a" * 64, meta={"k": "v"}, records=[], orphans=[])])
    document["articles"][0]["annotations"] = records
    data = dump_export(document)
    path = tmp_path / "every-field.yaml"
    path.write_bytes(data)
    text = data.decode("utf-8")
    read, own_layout = format_of_file(path).load(text, path)
    assert own_layout, "the export fell back to PyYAML"
    assert read == yaml.load(text, Loader=SafeLoader) == document
    assert [list(r) for r in read["articles"][0]["annotations"]] == [[spec.name for spec in RECORD_SPECS]] * 3
