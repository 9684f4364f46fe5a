"""Sectioned text: a line that starts like a list item is a paragraph, never a heading.

The format's spec says a heading line "is not a list item"; list markers come in many
shapes ("1.)", "⁃9.", "(a)", "•3."), and a file of such lines is an article to read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.formats.loader import load_article
from annotations.formats.sectioned import is_heading_line

LIST_LINES = [
    "1.) The first item 2.) The second item",
    "⁃9. The first item",
    "⁃ The first item",
    "• 3. First point • 4. Second point",
    "•3. First point",
    "- 2) The first item",
    "1) The first item",
    "12.) The twelfth item",
    "(1) The first item",
    "(a) The first item",
    "a.) The first item",
    "‣ The first item",
    "· The first item",
    "* The first item",
]


@pytest.mark.parametrize("line", LIST_LINES)
def test_a_list_item_line_is_no_heading(line: str) -> None:
    assert not is_heading_line(line)


@pytest.mark.parametrize(
    "line",
    ["North Korean Shell Supply", "Concerns of U.S. and European Officials", "2026 in Review", "A Year of Strikes", "(Updated) Port Talks"],
)
def test_headings_that_start_with_a_number_letter_or_bracket_stay_headings(line: str) -> None:
    assert is_heading_line(line)


@pytest.mark.parametrize("line", LIST_LINES)
def test_a_file_of_list_items_reads_as_paragraphs(tmp_path: Path, line: str) -> None:
    path = tmp_path / "list.txt"
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    article = load_article(path)
    assert [len(section.paragraphs) for section in article.sections] == [2]
    assert article.sections[0].title is None


def test_list_items_under_a_heading_are_its_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("What the Union Wants\n1.) Higher pay 2.) Shorter shifts\n⁃9. Safer cranes\n", encoding="utf-8")
    (section,) = load_article(path).sections
    assert section.title == "What the Union Wants"
    assert [p.sentences[0].text for p in section.paragraphs] == ["1.) Higher pay", "⁃9. Safer cranes"]
