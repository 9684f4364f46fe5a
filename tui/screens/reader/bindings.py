"""The reader's keys: its own bindings, and a number and a letter key for each tag."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from annotations.schema import TagSchema

from ...key_groups import CHECKING, FILES, FINDING, GENERAL, MOVING, SUGGESTIONS, TAGGING, TEAM, VIEWS

#: The reader's own keys (the README's key table and the help screen are made from them).
READER_BINDINGS: list[BindingType] = [
    Binding("j,down", "next_sentence", "Next sentence", show=False, group=MOVING),
    Binding("k,up", "previous_sentence", "Previous sentence", show=False, group=MOVING),
    Binding("right_square_bracket,l", "next_section", "Next section", show=False, group=MOVING),
    Binding("left_square_bracket,h", "previous_section", "Previous section", show=False, group=MOVING),
    Binding("g,home", "first_sentence", "First sentence", show=False, group=MOVING),
    Binding("G,end", "last_sentence", "Last sentence", show=False, group=MOVING),
    Binding("pagedown,space,ctrl+f", "page_down", "Page down", show=False, tooltip="Page down (on into the next section)", group=MOVING),
    Binding("pageup,ctrl+b", "page_up", "Page up", show=False, tooltip="Page up (back into the previous section)", group=MOVING),
    Binding("ctrl+d", "half_page_down", "Half page down", show=False, group=MOVING),
    Binding("ctrl+u", "half_page_up", "Half page up", show=False, group=MOVING),
    Binding(
        "colon",
        "go_to",
        "Go to sentence",
        show=False,
        tooltip="Go to a sentence by its number (as the CLI and exports number them)",
        group=MOVING,
        priority=True,  # keys typed with it are the bar's: see tui.typed_ahead
    ),
    Binding(
        "m",
        "word_mode",
        "Words",
        tooltip="Word mode: select words inside the sentence (←/→, shift+←/→, n the next figure) and tag or note them (a span); Esc leaves",
        show=False,
        group=TAGGING,
    ),
    Binding("x", "clear_tags", "Clear tags", show=False, tooltip="Clear every tag of the sentence (or range)", group=TAGGING),
    Binding("e", "edit_note", "Note", tooltip="Write or edit the note of the sentence (or range)", group=TAGGING),
    Binding(
        "v",
        "toggle_range",
        "Range",
        tooltip="Start a range here (move to extend it; tags, x and notes apply to it all and keep it until Esc or a move); again to drop it",
        show=False,
        group=TAGGING,
    ),
    Binding("u", "undo", "Undo", tooltip="Undo your last change (kept across restarts)", show=False, group=TAGGING),
    Binding("U,ctrl+r", "redo", "Redo", show=False, group=TAGGING),
    Binding(
        "V",
        "set_status",
        "Status",
        show=False,
        tooltip="Set the claim's status (or the selected words'): a picker, one key per status of the scale",
        group=CHECKING,
    ),
    Binding(
        "p", "add_evidence", "Evidence", show=False, tooltip="Add evidence to the claim: a web address, PATH#N or text", group=CHECKING
    ),
    Binding(
        "r", "grade_source", "Grade", show=False, tooltip="Grade the source (Admiralty code such as B2; the meanings shown)", group=CHECKING
    ),
    Binding(
        "X",
        "link",
        "Link",
        show=False,
        tooltip="Link mode: move to the other end (or o, another article), Enter, then a: attributed to, c: corroborates, x: contradicts",
        group=CHECKING,
    ),
    Binding(
        "T",
        "follow_link",
        "Follow link",
        show=False,
        tooltip="Go to the other end of the cursor's link (its article opened)",
        group=CHECKING,
    ),
    Binding(
        "I",
        "toggle_verdict",
        "Verdict panel",
        show=False,
        tooltip="The cursor's status and its history, evidence, rationale, grade and links (both ways)",
        group=CHECKING,
    ),
    Binding(
        "t", "toggle_contents", "Contents", show=False, tooltip="Table of contents with tag counts (j/k move, Enter jumps)", group=VIEWS
    ),
    Binding(
        "a",
        "toggle_annotations",
        "Annotations",
        show=False,
        tooltip="This article's annotations and notes (j/k move, 1-9 filter by tag, 0 all, Enter jumps)",
        group=VIEWS,
    ),
    Binding(
        "number_sign",
        "toggle_sentence_lines",
        "Sentence per line",
        show=False,
        tooltip="One sentence per line, numbered as the CLI and exports number them; again for paragraphs",
        group=VIEWS,
    ),
    Binding("i", "toggle_info", "Article info", show=False, tooltip="Article info: title, author, date, source, url, file", group=VIEWS),
    Binding(
        "slash",
        "search",
        "Search",
        tooltip="Search as you type (Enter keeps the match, Esc goes back)",
        show=False,
        group=FINDING,
        priority=True,  # keys typed with it are the bar's: see tui.typed_ahead
    ),
    Binding("n", "next_match", "Next match", show=False, group=FINDING),
    Binding("N", "previous_match", "Previous match", show=False, group=FINDING),
    Binding(
        "equals_sign",
        "elsewhere",
        "Elsewhere",
        show=False,
        key_display="=",
        tooltip="The sentence's claim in other articles, best first, numbers same or differs (Enter opens one, Esc closes)",
        group=FINDING,
    ),
    Binding(
        "E",
        "export",
        "Export YAML",
        show=False,
        tooltip="Export this article's annotations to YAML beside it (never over another file)",
        group=FILES,
    ),
    Binding(
        "b",
        "brief",
        "Brief",
        show=False,
        tooltip="Preview this article's brief (tagged sentences by tag, with notes); s writes it beside the article",
        group=FILES,
    ),
    Binding(
        "R",
        "review",
        "Review orphans",
        show=False,
        tooltip="Orphaned and fuzzily re-anchored annotations: attach, confirm or delete",
        group=TEAM,
    ),
    Binding(
        "w",
        "toggle_who",
        "Who tagged what",
        show=False,
        tooltip="Show who tagged what: each annotator's tag letters and = (agree) or ≠ (differ) in the markers; again for the tags",
        group=TEAM,
    ),
    Binding(
        "A",
        "adjudicate",
        "Adjudicate",
        show=False,
        tooltip="Walk the sentences where annotators disagree; 1-9 takes a reading into the final layer",
        group=TEAM,
    ),
    Binding(
        "y",
        "accept_suggestions",
        "Accept",
        tooltip=(
            "Accept the suggested tag (‹c›) of the sentence (or range): an ordinary tag change, u undoes it; "
            "with several it asks which: a tag's key or number takes that one, y again (or Enter) all"
        ),
        group=SUGGESTIONS,
    ),
    Binding(
        "d",
        "reject_suggestions",
        "Reject",
        show=False,
        tooltip="Reject the suggested tag of the sentence (or range), never suggested there again; with several, d then a tag's key, d again (or Enter) all",
        group=SUGGESTIONS,
    ),
    Binding(
        "enter",
        "take_all_suggested",
        "Take all asked",
        show=False,
        tooltip="After y or d asked which tag: take (or drop) them all",
        group=SUGGESTIONS,
    ),
    Binding(
        "Y",
        "accept_section_suggestions",
        "Accept all in section",
        show=False,
        tooltip="Accept every suggestion left in the section",
        group=SUGGESTIONS,
    ),
    Binding(
        "D",
        "reject_section_suggestions",
        "Reject all in section",
        show=False,
        tooltip="Reject every suggestion left in the section",
        group=SUGGESTIONS,
    ),
    Binding("z", "toggle_suggestions", "Suggestions", show=False, tooltip="Hide or show suggested tags", group=SUGGESTIONS),
    Binding(
        "Z",
        "least_certain",
        "Least certain suggestion",
        show=False,
        tooltip="Go to the sentence whose suggestion is least certain (among those found so far): deciding it teaches the most",
        group=SUGGESTIONS,
    ),
    Binding("question_mark", "help", "Help", group=GENERAL),
    Binding("escape", "cancel", "Close search or panel, drop range", show=False, group=GENERAL),
    Binding("q", "back", "Quit", tooltip="Back to the library, or quit (position is saved)", group=GENERAL),
]


def tag_bindings(schema: TagSchema, action: str = "toggle_tag", where: str = "") -> list[BindingType]:
    """A number key (the first nine) and a letter key running ``action`` with each tag of
    ``schema`` (toggling it; ``where``: on what, for the description, "" for the sentence)."""
    bindings: list[BindingType] = []
    for index, tag in enumerate(schema.tags, start=1):
        keys = f"{index},{tag.key}" if index <= 9 else tag.key
        display = f"{index}/{tag.key}" if index <= 9 else tag.key
        toggle = f"Toggle the {tag.name} tag{where}"
        tooltip = f"{toggle}: {tag.description}" if tag.description and not where else toggle
        bindings.append(Binding(keys, f"{action}('{tag.name}')", tag.name, key_display=display, tooltip=tooltip, group=TAGGING))
    return bindings
