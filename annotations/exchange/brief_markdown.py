"""A brief as Markdown: plain text that reads well, and renders on common forges.

Every piece of article, metadata and note text goes through
:func:`~annotations.exchange.markdown_escape.escape_text`, every file path through
:func:`~annotations.exchange.markdown_escape.escape_path`.
"""

from __future__ import annotations

from annotations.exchange.brief_content import Brief, Shown, SuggestedOnly, TaggedSentence
from annotations.exchange.brief_verdicts import bold_words, claims_part
from annotations.exchange.markdown_escape import escape_paragraphs, escape_path, escape_text

#: Front matter fields shown for each article, in this order.
ARTICLE_FIELDS = ("author", "date", "source", "url")


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown: plain text that reads well, and renders on common forges."""
    lines = [f"# {escape_text(brief.title)}", ""]
    if brief.generated:
        lines += [f"Generated {escape_text(brief.generated)}.", ""]
    lines += _reading_part(brief) + _articles_part(brief) + _counts_part(brief)
    lines += claims_part(brief.claims, brief.schema, [a.title or a.path for a in brief.articles])
    lines += _disputed_part(brief) + _settled_untagged_part(brief)
    for name in brief.listed_tags:
        lines += _tag_part(brief, name)
    lines += _untagged_notes_part(brief) + _orphans_part(brief) + _suggested_part(brief)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _reading_part(brief: Brief) -> list[str]:
    """One line saying which reading the brief shows, when a final layer exists (or records are picked)."""
    reading = brief.reading
    final = escape_text(reading.final)
    exists = "a final reading exists" + (f": {escape_text(reading.switch)}" if reading.switch else "")
    if reading.shown is Shown.FINAL:
        switch = f"; {escape_text(reading.switch)}" if reading.switch else ""
        line = f"the final reading ({final}'s tags on the sentences it settled, everyone's elsewhere{switch})"
    elif reading.shown is Shown.PICKED:
        others = f" ({exists})" if reading.final_exists and reading.picked != (reading.final,) else ""
        line = f"only the tags of {escape_text(', '.join(reading.picked))}{others}"
    elif reading.final_exists:
        line = f"everyone's tags, {final}'s among them ({exists})"
    else:
        return []
    return [f"Reading: {line}", ""]


def _articles_part(brief: Brief) -> list[str]:
    lines = ["## Articles", ""]
    if not brief.articles:
        return [*lines, "No annotated articles.", ""]
    for number, article in enumerate(brief.articles, start=1):
        details = [escape_text(str(article.meta[key])) for key in ARTICLE_FIELDS if str(article.meta.get(key) or "").strip()]
        rows = [f"**{escape_text(article.title) if article.title else escape_path(article.path)}**"]
        if details:
            rows.append(" · ".join(details))
        rows.append(f"File: {escape_path(article.path)}")
        people = [name for name in article.annotators if name != brief.final]
        adjudicated = bool(brief.final) and brief.final in article.annotators
        if len(people) > 1 or adjudicated:
            settled = f" (adjudicated: the final layer, {escape_text(brief.final)})" if adjudicated else ""
            rows.append(f"Annotators: {escape_text(', '.join(people))}{settled}")
        lines.append(f"{number}. " + "\\\n   ".join(rows))  # a backslash before the line end: a line break
    return [*lines, ""]


def _counts_part(brief: Brief) -> list[str]:
    lines = ["## Counts", "", "| tag | sentences |", "|---|---:|"]
    for name in brief.listed_tags:
        lines.append(f"| {escape_text(name)} | {brief.count(name)} |")
    lines.append(f"| all tagged | {brief.count()} |")
    disputed = brief.count_disputed()
    if disputed:
        lines.append(f"| disputed | {disputed} |")
    if brief.settled_untagged:
        lines.append(f"| settled with no tag | {len(brief.settled_untagged)} |")
    if brief.suggested_only:
        lines.append(f"| only suggested | {len(brief.suggested_only)} |")
    return [*lines, ""]


def _where(brief: Brief, item: TaggedSentence | SuggestedOnly) -> str:
    """``*Title*, §2 Section, sentence 14`` (the article's title only when there are several)."""
    parts = []
    if len(brief.articles) > 1:
        article = brief.articles[item.article]
        parts.append(f"*{escape_text(article.title) if article.title else escape_path(article.path)}*")
    if isinstance(item, TaggedSentence):
        section = f"§{item.section}"
        if item.section_title.strip():
            section += f" {escape_text(item.section_title)}"
        parts.append(section)
    parts.append(f"sentence {item.sentence}")
    return ", ".join(parts)


def _at(brief: Brief, item: TaggedSentence) -> str:
    """Where ``item`` is (see :func:`_where`), its words named when it is on words inside
    the sentence: ``§2 Section, sentence 6, words "300,000 shells"``."""
    where = _where(brief, item)
    if item.words is None:
        return where
    start, end = item.words
    return f'{where}, words "{escape_text(item.text[start:end])}"'


def _disputed_part(brief: Brief) -> list[str]:
    disputed = [s for s in brief.sentences if s.disputed and set(s.disputed) & set(brief.listed_tags)]
    if not disputed:
        return []
    unsettled = " and the final layer has not settled" if brief.reading.shown is Shown.FINAL else ""
    lines = ["## Disputed", "", f"Sentences (or words in them) the annotators of an article tagged differently{unsettled}.", ""]
    for item in disputed:
        differences = "; ".join(
            f"{escape_text(tag)} by {escape_text(', '.join(a for a in item.taggers[tag] if a != brief.final))}, not by {escape_text(', '.join(missing))}"
            for tag, missing in item.disputed.items()
            if tag in brief.listed_tags
        )
        lines.append(f"- {_at(brief, item)}: {differences}")
    return [*lines, ""]


def _settled_untagged_part(brief: Brief) -> list[str]:
    if not brief.settled_untagged:
        return []
    final = escape_text(brief.final)
    lines = ["## Settled with no tag", "", f"Sentences (or words in **bold**) the final layer ({final}) settled as carrying no tag.", ""]
    lines += [f"- {_at(brief, item)}: “{quoted(item)}”" for item in brief.settled_untagged]
    return [*lines, ""]


def _suggested_part(brief: Brief) -> list[str]:
    if not brief.suggested_only:
        return []
    lines = [
        "## Only suggested",
        "",
        "Tags suggested for a sentence that no annotator in this brief gave it (with --by: none of those named).",
        "",
    ]
    for item in brief.suggested_only:
        text = f": “{escape_text(item.text)}”" if item.text else ""
        lines.append(f"- {_where(brief, item)}: {escape_text(', '.join(item.tags))}{text}")
    return [*lines, ""]


def _tag_part(brief: Brief, name: str) -> list[str]:
    tag = brief.schema.get(name)
    items = brief.under(name)
    lines = [f"## {escape_text(name.capitalize())} ({brief.count(name)})", ""]
    if tag is not None and tag.description.strip():
        lines += [f"*{escape_text(tag.description)}*", ""]
    if not items:
        return [*lines, "None.", ""]
    for item in items:
        lines += _quote(brief, item, name)
    return lines


def _quote(brief: Brief, item: TaggedSentence, name: str | None) -> list[str]:
    """One sentence: the quote, where it is and who tagged it, the other tags, the notes."""
    lines = [f"> {quoted(item)}", ""]
    about = [_where(brief, item)]
    if name is not None:
        about.append(f"tagged by {escape_text(', '.join(item.taggers[name]))}")
        others = [t for t in item.taggers if t != name]
        if others:
            label = "cited for" if name == "source" else "also"
            about.append(f"{label}: {escape_text(', '.join(others))}")
        if name == "source" and item.grades:
            about.append(_graded(item.grades))
        if name in item.disputed:
            about.append(f"**disputed** (not by {escape_text(', '.join(item.disputed[name]))})")
    else:
        about.append(f"tags: {escape_text(', '.join(item.taggers))}" if item.taggers else "no tag")
        who = sorted({annotator for names in item.taggers.values() for annotator in names})
        if who:  # whose annotation lost its sentence: only they can settle it
            about.append(f"by {escape_text(', '.join(who))}")
    if item.anchor.startswith("fuzzy"):
        about.append(f"re-anchored to a changed sentence ({escape_text(item.anchor)})")
    lines += ["— " + " · ".join(about), ""]
    for annotator, note in item.notes:
        lines += _note(annotator, note)
    if item.notes:
        lines.append("")
    return lines


def quoted(item: TaggedSentence) -> str:
    """The sentence, escaped; a span's words in **bold**."""
    return bold_words(item.text, item.words)


def _graded(grades: tuple[tuple[str, str], ...]) -> str:
    """``graded **B2**`` (one grade), or each annotator's: ``graded **B2** (ana), **C3** (bo)``."""
    if len({grade for _, grade in grades}) == 1:
        return f"graded **{escape_text(grades[0][1])}**"
    return "graded " + ", ".join(f"**{escape_text(grade)}** ({escape_text(who)})" for who, grade in grades)


def _note(annotator: str, note: str) -> list[str]:
    """A list item ``Note by NAME: …``: the note's lines joined by hard line breaks (a
    backslash before the line end), its paragraphs parted by a blank line and indented to
    stay in the item, each line's indentation kept (see
    :func:`~annotations.exchange.markdown_escape.escape_paragraphs`)."""
    lines: list[str] = []
    lead = f"- Note by {escape_text(annotator)}: "
    for number, paragraph in enumerate(escape_paragraphs(note) or [[""]]):
        if number:
            lines.append("")
        for position, line in enumerate(paragraph, start=1):
            lines.append(("  " if lines else lead) + line + ("\\" if position < len(paragraph) else ""))
    return lines


def _untagged_notes_part(brief: Brief) -> list[str]:
    noted = [s for s in brief.sentences if not s.taggers]
    if not noted:
        return []
    lines = ["## Notes on untagged sentences", ""]
    for item in noted:
        lines += _quote(brief, item, None)
    return lines


def _orphans_part(brief: Brief) -> list[str]:
    if not brief.orphans:
        return []
    lines = ["## Lost their sentence", "", "Annotations whose sentence is no longer in the article's text (as it was when tagged).", ""]
    for item in brief.orphans:
        lines += _quote(brief, item, None)
    return lines
