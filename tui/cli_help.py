"""What ``newsmark --help`` and each ``newsmark COMMAND --help`` say: a description and
examples per command, and the tag names with their key letters (from the config)."""

from __future__ import annotations

from annotations.schema import TagSchema

USAGE = """newsmark PATH...                  open articles (one file: the reader; folders or several: the library)
       newsmark COMMAND [OPTIONS] ...   (newsmark COMMAND --help for each)"""

DESCRIPTION = """Read news articles sentence by sentence, tag sentences and add notes; keep them in a
store and export them.

  newsmark article.txt              read and tag one article
  newsmark ~/news/                  a library of every article in a folder
  newsmark https://news.example/a   read a web page's article (a copy is kept to read offline)"""

EPILOG = "Errors are one line on stderr naming the file and the reason, with exit status 2."

#: Per command: (one-line help, description, examples).
COMMANDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "parse": (
        "print an article's sections and numbered sentences",
        "Print the article's sections and numbered sentences (the numbers the other commands and exports use). "
        '--json prints {"title", "meta", "sections": [{"title", "subtitles", "paragraphs": '
        '[[{"n", "text", "start", "end"}, ...], ...]}]}: each sentence with its number and its offsets '
        "(code points in the article's normalized text).",
        ("newsmark parse article.txt", "newsmark parse --json article.txt | jq '.sections[0].paragraphs[0][0]'"),
    ),
    "tag": (
        "tag sentences: SENTENCES is 5, 1-20 or 3,7,9",
        "Tag sentences of an article (and optionally set their note). SENTENCES is a number, a range, "
        "a list or a mix (1-3,7). A TAG is a tag's name or its key letter.",
        (
            "newsmark tag article.txt 3-5 claim",
            "newsmark tag article.txt 7 f --note 'Which bank?'",
            "newsmark tag article.txt 3,9 claim --remove",
        ),
    ),
    "undo": (
        "undo your last change to an article",
        "Undo your last change to an article (the reader's and the command line's changes share one history, kept across restarts).",
        ("newsmark undo article.txt",),
    ),
    "redo": ("redo the last undone change", "Redo the change you last undid in an article.", ("newsmark redo article.txt",)),
    "export": (
        "export annotations as YAML (schema version 1), JSON or CSV",
        "Export annotations: of every stored article, or only of the FILEs (folders: every article in them) re-read "
        "from disk. YAML and JSON hold the whole record; CSV is one row per annotation for spreadsheets.",
        (
            "newsmark export -o all.yaml",
            "newsmark export ~/news/ --tag concern --annotator ana",
            "newsmark export article.txt --format csv -o article.csv",
            "newsmark export --split ~/team-repo",
        ),
    ),
    "brief": (
        "a brief to hand on: tagged sentences by tag, with notes (Markdown or HTML)",
        "A brief of the annotations (of every stored article, or only of the FILEs re-read from disk): the articles "
        "covered, counts per tag, the sentences annotators disagree on, then one heading per tag (in the config's "
        "order) quoting each tagged sentence with its article, section, number and notes. --format html writes one "
        "standalone, printable HTML file. Article and note text stays literal in both. The same store gives the "
        "same bytes unless --timestamp.",
        (
            "newsmark brief article.txt -o brief.md",
            "newsmark brief ~/news/ --tag claim --tag figure",
            "newsmark brief --format html -o brief.html",
        ),
    ),
    "import": (
        "merge newsmark exports into the store (by id; newer wins)",
        "Merge exports into the store: by record id, the newer 'updated' wins. A record that is not newer but whose "
        "tags or note differ (edited by hand) is reported and the store's version kept, unless --take-file. "
        "A tag this newsmark does not know is refused, as 'tag' refuses it.",
        ("newsmark import colleague.yaml", "newsmark import ~/team-repo", "newsmark import --take-file edited.yaml"),
    ),
    "stats": (
        "tag counts per article",
        "A table of tag counts per article (of every stored article, or of the FILEs), with totals; --json or --csv for other programs.",
        ("newsmark stats", "newsmark stats --csv > counts.csv", "newsmark stats --json article.txt"),
    ),
    "serve": (
        "the reader in a web browser (textual-serve), on this machine only unless --host",
        "Serve the reader in a web browser: each browser tab runs 'newsmark PATH...' with the same --db, --config "
        "and --annotator. It listens on 127.0.0.1 (this machine only) unless --host names another address; then "
        "anyone who can reach it reads and tags articles in this machine's store, as you.",
        ("newsmark serve article.txt", "newsmark serve ~/news/ --port 8080"),
    ),
    "agree": (
        "agreement between annotators per tag (kappa, alpha, disagreements)",
        "For each tag, sentence-level agreement between the annotators of the articles (every stored article, "
        "or the FILEs): Cohen's kappa for two annotators (a table per pair for more), Fleiss' kappa for three or "
        "more, Krippendorff's alpha (nominal), the number of items and the sentences where they disagree. An "
        "annotator with a record on an article rates each of its sentences (untagged: no); one without is missing. "
        "The final (adjudicated) layer is left out.",
        ("newsmark agree", "newsmark agree article.txt --tag claim", "newsmark agree --json | jq '.tags.claim.kappa'"),
    ),
    "orphans": (
        "list an article's orphaned annotations; attach or delete them",
        "List the annotations of an article that lost their sentence when its text changed (orphans), each with "
        "its old text, tags, note and the best candidate sentences; --fuzzy adds those re-anchored to a similar "
        "sentence. Attach one to a sentence, confirm a fuzzy one, or delete one (newsmark undo brings it back). "
        "ID is an annotation's id as listed, or its first 4 or more characters.",
        (
            "newsmark orphans article.txt",
            "newsmark orphans article.txt --fuzzy",
            "newsmark orphans article.txt --attach 3f2a 14",
            "newsmark orphans article.txt --delete 3f2a",
        ),
    ),
    "add": (
        "fetch web pages into the folder of fetched pages (not opening the reader)",
        "Fetch each URL's page and keep a copy in the folder of fetched pages ($NEWSMARK_PAGES, or 'pages' in the "
        "user data folder), printing each copy's path; the last line names the folder, which 'newsmark FOLDER' lists. "
        "A page already kept is not fetched again unless --refresh. Each failure is one line; exit status 2 if any failed. "
        "Every command that takes an article takes its URL too, read from the copy kept.",
        (
            "newsmark add https://news.example/2026/03/harbour-dredging https://news.example/live/floods",
            "newsmark https://news.example/2026/03/harbour-dredging",
            "newsmark parse --refresh https://news.example/2026/03/harbour-dredging",
        ),
    ),
    "suggest": (
        "tags the patterns propose for an article's sentences (stores nothing unless --accept)",
        "Print the tags the suggestion patterns propose for each sentence of the article, with the pattern and "
        "the words that triggered each; tags the sentence has and suggestions you rejected in the reader are left "
        "out. Stores nothing, unless --accept: then the sentences are tagged as yours, as one change (newsmark undo "
        "takes it back). --explain lists every pattern with your accepts and rejects and its precision (a pattern "
        "mostly rejected stops suggesting). Patterns: the built-in ones, and the config's suggest_patterns: file over them.",
        (
            "newsmark suggest article.txt",
            "newsmark suggest article.txt --tag figure --json",
            "newsmark suggest article.txt --accept",
            "newsmark suggest --explain",
        ),
    ),
}


def tags_line(schema: TagSchema) -> str:
    """``claim (c), figure (f), …``: each tag with its key letter."""
    return ", ".join(f"{tag.name} ({tag.key})" for tag in schema.tags)


def epilog(command: str, schema: TagSchema) -> str:
    """The examples of ``command`` (and for commands that name tags, the tags)."""
    lines = ["examples:", *(f"  {example}" for example in COMMANDS[command][2])]
    if command in ("tag", "export", "brief", "import", "stats", "orphans", "agree", "suggest"):
        lines += ["", f"tags (name and key letter): {tags_line(schema)}"]
    return "\n".join(lines)
