"""A link leads to its sentence as the article is now: after an edit renumbers the
sentences, never to whatever sentence took the old number, and to nothing when its
sentence is gone."""

from __future__ import annotations

from pathlib import Path

from annotations.formats.loader import load_article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store
from annotations.store.link_moves import current_end

ONE = "An opening line.\nThe minister said unemployment fell to 4 percent.\nThe claim came from a party leaflet.\n"
TWO = "A first line.\nThe statistics office put unemployment at 5.2 percent.\nA union said the same.\n"


def opened(store: Store, path: Path, annotator: str = "ana") -> ArticleAnnotations:
    return open_article(store, load_article(path), annotator=annotator, schema=TagSchema())


def test_a_claim_attributed_to_its_source_follows_it_when_the_article_is_edited(tmp_path: Path) -> None:
    root, one = tmp_path / "store", tmp_path / "one.txt"
    one.write_text(ONE, encoding="utf-8")
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([2], add=["claim"])
        notes.edit([3], add=["source"])
        notes.link(2, notes.link_end(3), "attributed-to")
    one.write_text(ONE.replace("An opening line.\n", ""), encoding="utf-8")  # every sentence moves up one
    with Store(root) as store, opened(store, one) as notes:
        [out] = notes.links(1)
        assert (out.kind, out.outgoing, out.other["sentence"]) == ("attributed-to", True, 2)
        assert out.other["content"] == notes.content  # stored re-pointed, on the new text
        [back] = notes.links(2)
        assert (back.kind, back.outgoing, back.other["sentence"]) == ("attributed-to", False, 1)
        assert notes.links(3) == []  # no sentence 3 any more: nothing leads there


def test_a_link_from_another_article_is_followed_to_where_its_sentence_went(tmp_path: Path) -> None:
    root, one, two = tmp_path / "store", tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(ONE, encoding="utf-8")
    two.write_text(TWO, encoding="utf-8")
    with Store(root) as store, opened(store, two) as there:
        there.edit([2], add=["claim"])
        target = there.link_end(2)
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([2], add=["claim"])
        notes.link(2, target, "contradicts")
    two.write_text("A new first line.\nAnd a second.\n" + TWO, encoding="utf-8")  # sentence 2 is now 4
    with Store(root) as store, opened(store, two) as there:
        [back] = there.incoming_links(4)
        assert (back.kind, back.other["path"], back.other["sentence"]) == ("contradicts", str(one), 2)
        assert there.incoming_links(2) == []  # the sentence that took its number is not linked
        now, moves = there.content, there.file.meta["moves"]
    with Store(root, mode=LockMode.READ) as store:
        [out] = opened(store, one).links(2)
        followed = current_end(out.other, now or "", moves)
        assert followed is not None and followed["sentence"] == 4


def test_a_link_whose_sentence_was_deleted_leads_nowhere(tmp_path: Path) -> None:
    root, one, two = tmp_path / "store", tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(ONE, encoding="utf-8")
    two.write_text(TWO, encoding="utf-8")
    with Store(root) as store, opened(store, two) as there:
        there.edit([2], add=["claim"])
        target = there.link_end(2)
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([2], add=["claim"])
        notes.link(2, target, "corroborates")
    two.write_text("A first line.\nSomething else entirely was written here today.\nA union said the same.\n", encoding="utf-8")
    with Store(root) as store, opened(store, two) as there:
        assert [r["orphan"] for r in there.file.records()] == [True]
        assert there.incoming_links(2) == []  # the new sentence 2 is not the one linked
        assert current_end(target, there.content or "", there.file.meta["moves"]) is None


def test_two_edits_in_a_row_are_followed_through(tmp_path: Path) -> None:
    root, one = tmp_path / "store", tmp_path / "one.txt"
    one.write_text(ONE, encoding="utf-8")
    with Store(root) as store, opened(store, one) as notes:
        notes.edit([2], add=["claim"])
        first = notes.link_end(2)
    one.write_text("Added.\n" + ONE, encoding="utf-8")
    with Store(root) as store, opened(store, one):
        pass
    one.write_text("Added.\nAnd again.\n" + ONE, encoding="utf-8")
    with Store(root) as store, opened(store, one) as notes:
        followed = current_end(first, notes.content or "", notes.file.meta["moves"])
        assert followed is not None and followed["sentence"] == 4
        assert len(notes.file.meta["moves"]) == 2


def test_claims_and_exports_name_a_linked_sentence_where_it_is_now_before_its_article_is_opened(tmp_path: Path) -> None:
    """`claims`, `export FILE` and the store-wide export follow a link into an article
    edited since (and not opened since), as opening it would re-anchor its records."""
    import json

    import yaml

    from .test_cli_daily import newsmark

    store, one, two = tmp_path / "store", tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(ONE, encoding="utf-8")
    two.write_text(TWO, encoding="utf-8")

    def ok(*args: str) -> str:
        result = newsmark(*args, store=store)
        assert result.returncode == 0, result.stderr
        return result.stdout

    ok("tag", str(two), "2", "claim")
    ok("tag", str(one), "2", "claim")
    ok("link", str(one), "2", "--to", f"{two}#2", "--as", "contradicts")
    two.write_text("A new first line.\nAnd a second.\n" + TWO, encoding="utf-8")  # its sentence 2 is now 4
    for args in ((), (str(one), str(two)), (str(one),)):
        [claim] = [c for c in json.loads(ok("claims", "--json", *args)) if c["path"] == str(one)]
        assert [link["to"]["sentence"] for link in claim["links"]] == [4], args  # type: ignore[index]
    for args in ((str(one),), ()):
        document = yaml.safe_load(ok("export", *args, "-o", "-"))
        [entry] = [a for a in document["articles"] if a["path"] == str(one)]
        assert [link["to"]["sentence"] for link in entry["annotations"][0]["links"]] == [4], args


def test_the_brief_names_a_source_an_edit_removed_as_gone_not_the_sentence_that_took_its_number(tmp_path: Path) -> None:
    from .test_cli_daily import newsmark

    store, one = tmp_path / "store", tmp_path / "one.txt"
    text = "Title\n\nA claim was made that costs rose 4 percent.\nThe ministry said so in a statement.\nThe union said otherwise.\n"
    one.write_text(text, encoding="utf-8")

    def ok(*args: str) -> str:
        result = newsmark(*args, store=store)
        assert result.returncode == 0, result.stderr
        return result.stdout

    ok("tag", str(one), "1", "claim")
    ok("tag", str(one), "2,3", "source")
    ok("link", str(one), "1", "--to", "2", "--as", "attributed-to")
    one.write_text(text.replace("The ministry said so in a statement.\n", ""), encoding="utf-8")  # the union's is now sentence 2
    brief = ok("brief", str(one))
    assert "gone: its article was edited since the link was made" in brief, brief
    assert "The union said otherwise" not in brief.split("gone:")[0].rsplit("\n", 3)[-1]
