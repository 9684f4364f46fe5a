"""The headless commands: each parses its arguments' meaning and calls the core."""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.config import Settings, resolve_settings
from annotations.errors import NewsmarkError, escape_controls
from annotations.formats.loader import load_article
from annotations.formats.registry import article_suffixes, articles_in
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import ArticleAnnotations, open_article
from annotations.store.folder import LockMode, Store

if TYPE_CHECKING:
    from annotations.team.agreement import RatedArticle

Handler = Callable[[argparse.Namespace], int]
#: The status a command ends with when it fails in a way it did not explain (an exception).
EXIT_FAILED = 2
_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


class UsageError(NewsmarkError):
    """A command-line value that makes no sense."""


def parse_sentence_spec(spec: str) -> list[int]:
    """``5``, ``1-20``, ``3,7,9`` or a mix (``1-3,7``) → sorted sentence numbers."""
    numbers: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        match = _RANGE.match(part)
        if not match:
            raise UsageError(None, f"sentences: {spec!r} is not a number, a range like 1-20, or a list like 3,7,9")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise UsageError(None, f"sentences: {part!r} is not a valid range")
        if last - first > 1_000_000:
            raise UsageError(None, f"sentences: {part!r} is too large a range")
        numbers.update(range(first, last + 1))
    return sorted(numbers)


def tag_names(values: list[str] | None, schema: TagSchema) -> list[str]:
    """Tags named on the command line by name or key letter, as names (unknown ones kept,
    for :meth:`TagSchema.require` to refuse naming them)."""
    by_key = {tag.key: tag.name for tag in schema.tags}
    return [value if schema.get(value) is not None else by_key.get(value, value) for value in values or []]


def settings_for(args: argparse.Namespace) -> Settings:
    """Settings from the options every command shares."""
    from .colours import is_terminal_colour

    return resolve_settings(db=args.db, annotator=getattr(args, "annotator_name", None), config=args.config, is_colour=is_terminal_colour)


def read_article(path: str | Path, settings: Settings, *, first_part_only: bool = False) -> Article:
    """Load an article, its sentence boundaries cached where the settings say."""
    return load_article(path, cache=settings.sentence_cache, first_part_only=first_part_only)


#: Seconds a command waits for another writer (another command) to finish.
WRITER_WAIT = 3.0


@contextmanager
def open_store(settings: Settings, mode: str) -> Iterator[Store]:
    """Open the store (a writer waits its turn briefly) and always release its locks."""
    store = Store(settings.store_path, mode=LockMode(mode), wait=0.0 if mode == "read" else WRITER_WAIT)
    try:
        yield store
    finally:
        store.close()


def check_sentences(article: Article, sentences: list[int]) -> None:
    """Refuse sentence numbers the article does not have, before any store is opened."""
    total = len(article.sentences)
    wrong = next((n for n in sentences if not 1 <= n <= total), None)
    if wrong is not None:
        raise UsageError(article.path, f"sentence {wrong} is out of range 1-{total}")


def leaves_no_new_store(handler: Handler) -> Handler:
    """A store command that, when it fails, leaves no store folder it created behind
    (see :func:`annotations.store.creation.discard_new_store`)."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from annotations.store.creation import discard_new_store, first_missing

        root = settings_for(args).store_path
        created = first_missing(root)
        code = EXIT_FAILED
        try:
            code = handler(args)
            return code
        finally:
            if created is not None and code != 0:
                discard_new_store(root, created)

    return run


def _annotations(store: Store, article: Article, settings: Settings) -> ArticleAnnotations:
    return open_article(store, article, annotator=settings.annotator, schema=settings.schema)


@leaves_no_new_store
def cmd_tag(args: argparse.Namespace) -> int:
    """``newsmark tag FILE SENTENCES TAG... [--note TEXT] [--remove]``."""
    settings = settings_for(args)
    sentences = parse_sentence_spec(args.sentences)
    if not args.tags and args.note is None:
        raise UsageError(None, "tag: name at least one tag, or give --note")
    tags = settings.schema.require(tag_names(args.tags, settings.schema))
    article = read_article(args.file, settings)
    check_sentences(article, sentences)
    with open_store(settings, "articles") as store:
        annotations = _annotations(store, article, settings)
        note = None if args.note is None else ("" if args.remove else args.note)
        if args.remove:
            change = annotations.edit(sentences, remove=tags, note=note)
        else:
            change = annotations.edit(sentences, add=tags, note=note)
    print(f"{change.label}: {len(change.sentences)} of {len(sentences)} sentence(s) changed in {escape_controls(article.title)}")
    return 0


@leaves_no_new_store
def cmd_history(args: argparse.Namespace) -> int:
    """``newsmark undo FILE`` / ``newsmark redo FILE``."""
    settings = settings_for(args)
    article = read_article(args.file, settings)
    with open_store(settings, "articles") as store:
        annotations = _annotations(store, article, settings)
        change = annotations.redo() if args.command == "redo" else annotations.undo()
    if not change:
        print(f"nothing to {args.command} in {escape_controls(article.title)}")
        return 1
    print(f"{change.label} ({escape_controls(article.title)})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``newsmark export [FILE...] [--tag T]... [--annotator A] [--format F] [-o OUT|-]``."""
    from annotations.exchange.export import export_annotations

    settings = settings_for(args)
    tags = settings.schema.require(tag_names(args.tag, settings.schema))
    files = named_articles(args.files)
    if args.split is not None:
        return _split_export(args, settings, files)
    with open_store(settings, "read") as store:
        opened = open_articles(store, files, settings) if files else None
        result = export_annotations(
            store,
            opened,
            tags=tags,
            annotators=args.annotator or [],
            fmt=args.format,
            cache=settings.sentence_cache,
            schema=settings.schema,
            timestamp=args.timestamp,
        )
    write_result(result.data, args.output, result.summary, "export")
    return 0


def write_result(data: bytes, output: str, summary: Callable[[str], str], what: str) -> None:
    """Write an export or brief to stdout (``-``) or atomically to ``output``, then say so on stderr."""
    from annotations.exchange.export import write_output

    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_output(data, output)
    except OSError as error:
        raise NewsmarkError(output, f"cannot write the {what}: {error.strerror or error}") from None
    print(escape_controls(summary(output)), file=sys.stderr)


def brief_suggestions(settings: Settings, articles: list[Article]) -> dict[str, dict[int, list[str]]] | None:
    """What the suggestion patterns propose for ``articles`` (rejections left out), for a
    brief's *only suggested*; None when the config turns suggestions off."""
    if not settings.suggestions:
        return None
    from annotations.suggest.engine import suggested_tags

    try:
        return suggested_tags(settings.schema, settings.suggest_patterns, settings.store_path, articles)
    except NewsmarkError as error:  # the brief is still wanted: without its "only suggested" part
        print(f"newsmark: warning: no suggestions in the brief: {escape_controls(str(error))}", file=sys.stderr)
        return None


def cmd_brief(args: argparse.Namespace) -> int:
    """``newsmark brief [FILE...] [--tag T]... [--annotator A] [--format md|html] [-o OUT|-]``."""
    from annotations.exchange.brief import make_brief

    settings = settings_for(args)
    tags = settings.schema.require(tag_names(args.tag, settings.schema))
    files = named_articles(args.files)
    with open_store(settings, "read") as store:
        opened = open_articles(store, files, settings) if files else None
        result = make_brief(
            store,
            opened,
            schema=settings.schema,
            tags=tags,
            annotators=args.annotator or [],
            fmt=args.format,
            cache=settings.sentence_cache,
            suggested=brief_suggestions(settings, [o.article for o in opened]) if opened else None,
            timestamp=args.timestamp,
            final=settings.final_annotator,
        )
    write_result(result.data, args.output, result.summary, "brief")
    return 0


def _split_export(args: argparse.Namespace, settings: Settings, files: list[Path]) -> int:
    """``newsmark export --split DIR``: one file per article and annotator (see annotations.team.split)."""
    from annotations.exchange.export import entries_for_articles, entries_from_store
    from annotations.team.split import split_export

    clashing = [name for name, given in (("--tag", args.tag), ("--timestamp", args.timestamp), ("-o", args.output != "-")) if given]
    if args.format != "yaml":
        clashing.append("--format")
    if clashing:
        raise UsageError(args.split, f"--split writes whole YAML files; it does not take {', '.join(clashing)}")
    folder = Path(args.split)
    if folder.exists() and not folder.is_dir():
        raise UsageError(folder, "is not a folder")
    annotators = args.annotator or [settings.annotator]
    with open_store(settings, "read") as store:
        if files:
            opened = open_articles(store, files, settings)
            entries = list(entries_for_articles(opened, (), annotators))
        else:
            entries = list(entries_from_store(store, (), annotators, settings.sentence_cache))
    try:
        result = split_export(entries, folder, annotators, settings.schema, whole_store=not files)
    except OSError as error:
        raise NewsmarkError(error.filename or folder, f"cannot write the export: {error.strerror or error}") from None
    print(escape_controls(result.line(folder)), file=sys.stderr)
    for warning in result.warnings:
        print(f"newsmark: warning: {escape_controls(warning)}", file=sys.stderr)
    return 0


@leaves_no_new_store
def cmd_import(args: argparse.Namespace) -> int:
    """``newsmark import FILE... [--take-file]``: validate every file first, then merge."""
    from annotations.exchange.import_review import refuse_unknown_tags
    from annotations.exchange.importing import import_articles, load_export_file
    from annotations.team.folders import export_files

    settings = settings_for(args)
    imports = []
    for file in export_files(args.files):
        loaded = load_export_file(file)
        refuse_unknown_tags(file, ((article.path, article.records) for article in loaded), settings.schema)
        imports.extend(loaded)
    with open_store(settings, "articles") as store:
        summary = import_articles(store, imports, take_file=args.take_file)
    print(summary.line())
    for difference in summary.kept:
        print(escape_controls(difference.line()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """``newsmark stats [FILE...]``: a table of tag counts per article."""
    from annotations.exchange.stats import ArticleStats, article_stats, stored_stats

    settings = settings_for(args)
    rows: list[ArticleStats] = []
    with open_store(settings, "read") as store:
        if args.files:
            for file in expand_paths(args.files):
                annotations = _annotations(store, read_article(file, settings), settings)
                rows.append(article_stats(annotations.article.title, annotations.article.path, annotations.view))
        else:
            rows.extend(stored_stats(store, settings.sentence_cache))
    rows.sort(key=lambda r: r.path)
    if args.json or args.csv:
        from annotations.exchange.stats import stats_csv, stats_json

        sys.stdout.write(stats_json(rows, settings.schema) if args.json else stats_csv(rows, settings.schema))
        return 0
    from .printing import print_renderable
    from .stats_table import render_stats

    print_renderable(render_stats(rows, settings.schema))
    return 0


def cmd_agree(args: argparse.Namespace) -> int:
    """``newsmark agree [FILE...] [--tag T]... [--json]``: agreement between annotators per tag."""
    import json

    from annotations.team.agreement import agreement, agreement_json

    settings = settings_for(args)
    tags = settings.schema.require(tag_names(args.tag, settings.schema)) or list(settings.schema.names)
    files = named_articles(args.files)
    with open_store(settings, "read") as store:
        articles = _rated_files(store, files, settings) if files else _rated_store(store, settings)
    articles.sort(key=lambda a: a.path)
    final = {settings.final_annotator}
    figures = agreement(articles, tags, exclude=final)
    if args.json:
        sys.stdout.write(json.dumps(agreement_json(articles, figures, final), ensure_ascii=False, indent=2) + "\n")
        return 0
    from .agree_table import render_agreement
    from .printing import print_renderable

    print_renderable(render_agreement(figures))
    return 0


def _rated_files(store: Store, files: list[Path], settings: Settings) -> list[RatedArticle]:
    """The named articles as agreement sees them (re-read, re-anchored)."""
    from annotations.team.agreement import RatedArticle

    rated = []
    for file in files:
        opened = _annotations(store, read_article(file, settings), settings)
        rated.append(RatedArticle(opened.article.path, opened.article.title, len(opened.article.sentences), opened.view.all()))
    return rated


def _rated_store(store: Store, settings: Settings) -> list[RatedArticle]:
    """Every stored article as agreement sees it (see :func:`annotations.team.agreement.rated_store`)."""
    from annotations.team.agreement import rated_store

    return rated_store(store, settings.schema, settings.sentence_cache)


def named_articles(paths: list[str]) -> list[Path]:
    """The article files of ``paths`` (see :func:`expand_paths`); naming only folders
    without articles is a mistake, said in one line."""
    files = expand_paths(paths)
    if paths and not files:
        raise UsageError(paths[0], f"no articles here ({', '.join(sorted(article_suffixes()))})")
    return files


def open_articles(store: Store, files: list[Path], settings: Settings) -> list[ArticleAnnotations]:
    """Each of ``files`` read from disk and opened in ``store`` (re-anchored to its text)."""
    return [_annotations(store, read_article(file, settings), settings) for file in files]


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders become the article files inside them (by the format registry)."""
    result: list[Path] = []
    for value in paths:
        path = Path(value)
        if path.is_dir():
            result.extend(articles_in(path))
        else:
            result.append(path)
    return result


def opens_reader(paths: list[str]) -> bool:
    """Whether ``newsmark PATH...`` opens the reader (one article file) rather than the
    library (a folder, even of one article, or several paths)."""
    return len(paths) == 1 and not Path(paths[0]).is_dir()


def cmd_open(args: argparse.Namespace) -> int:
    """``newsmark PATH...``: one article file opens the reader; a folder, or several paths, the library."""
    settings = settings_for(args)
    paths = named_articles(args.paths)
    article = read_article(paths[0], settings, first_part_only=True) if opens_reader(args.paths) else None
    store = Store(settings.store_path, mode=LockMode.AUTO)
    # Textual paints at most 60 frames a second, so a key waits up to 17 ms for its frame.
    # At 240 the wait is at most 4 ms (cursor p90 16 -> 10 ms, measured), at no cost in
    # CPU: the screen timer sleeps when nothing changes, and a key repaints one frame
    # either way (0.2% idle, 16% holding j down, at 60, 120 and 240). TEXTUAL_FPS overrides.
    os.environ.setdefault("TEXTUAL_FPS", "240")
    try:
        from .app import NewsmarkApp

        app = NewsmarkApp(settings, store, article=article, paths=paths)
        app.run()
    finally:
        store.close()
    return app.return_code or 0


#: Addresses that only this machine can reach.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def serve_command(paths: list[Path], settings: Settings, args: argparse.Namespace) -> str:
    """The shell command each browser session runs: this newsmark's reader on ``paths``
    (absolute), with the store, config and annotator of this ``serve``."""
    import shlex

    command = [sys.executable, "-m", "tui.cli", f"--db={settings.store_path.resolve()}", f"--annotator={settings.annotator}"]
    if args.config is not None:
        command.append(f"--config={os.path.abspath(args.config)}")
    return shlex.join([*command, "--", *(os.path.abspath(path) for path in paths)])


def cmd_serve(args: argparse.Namespace) -> int:
    """``newsmark serve [PATH...] [--host H] [--port N]``: the reader in a browser."""
    settings = settings_for(args)
    given = args.paths or ["."]
    paths = [Path(path) for path in given]
    missing = next((path for path in paths if not path.exists()), None)
    if missing is not None:
        raise UsageError(missing, "no such file or folder")
    named_articles(given)
    if not 1 <= args.port <= 65535:
        raise UsageError(None, f"--port: {args.port} is not a port (1-65535)")
    public_url = None
    if args.host not in LOCAL_HOSTS:
        print(
            escape_controls(
                f"newsmark: warning: serving on {args.host}: anyone who can reach it reads and tags articles "
                f"in this machine's store ({settings.store_path}) as {settings.annotator}"
            ),
            file=sys.stderr,
        )
        if args.host in ("0.0.0.0", "::", ""):
            import socket

            public_url = f"http://{socket.getfqdn()}:{args.port}"
    from textual_serve.server import Server

    Server(serve_command(paths, settings, args), host=args.host, port=args.port, title="newsmark", public_url=public_url).serve()
    return 0
