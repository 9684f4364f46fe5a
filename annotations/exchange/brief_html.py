"""A brief as one standalone, printable HTML file, rendered from its Markdown.

markdown-it-py renders the Markdown (CommonMark with tables) with raw HTML and link
detection off, so nothing in an article or a note can become an element: the brief's
Markdown escapes it, and the renderer would not pass HTML through even if it did not.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

#: The style sheet embedded in every brief: readable on screen, clean on paper.
STYLE = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #222; margin: 0; }
main { max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 1.8em; page-break-after: avoid; }
blockquote { margin: 1em 0 0.3em; padding: 0.2em 1em; border-left: 4px solid #888; background: #f6f6f6; }
blockquote + p { margin-top: 0; color: #555; font-size: 0.9em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.8em; }
li { margin: 0.2em 0; }
figure { margin: 1.2em 0; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #555; }
@media print {
  body { font-size: 11pt; }
  main { margin: 0; max-width: none; }
  blockquote { background: none; page-break-inside: avoid; }
}
""".strip()


def markdown_renderer() -> MarkdownIt:
    """CommonMark plus tables; raw HTML, link detection and typographic replacements off."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_html(markdown: str, title: str, figures: str = "") -> str:
    """A whole HTML document of the brief's ``markdown`` (``title`` is plain text), then
    ``figures``: HTML made by newsmark itself, never from article text unescaped (see
    :mod:`annotations.exchange.brief_figures`)."""
    body = markdown_renderer().render(markdown) + figures
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
