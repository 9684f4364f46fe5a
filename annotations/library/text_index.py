"""The corpus's full-text index: every sentence of every article, for ``newsmark search``,
the library's text search and finding a sentence's twins in other articles.

**Engine: tantivy**, measured against SQLite FTS5 (``unicode61 remove_diacritics 2``)
on the benchmarks' generated library (10,000 articles of ~8 KB, 82.6 MB of files, 1.22
million sentences, one row each; ``python benchmarks/bench_search.py --engines``; 2 shared
cores, December 2026):

====================================  ===============  ==================  =================
                                      FTS5             FTS5, contentless   tantivy
====================================  ===============  ==================  =================
build (sentences already split)       4.9 s            3.8 s               5.2 s
index size / size of the files        1.99×            0.81× (no text)     0.55×
warm query, a word in 240,000 rows    235 ms           227 ms              1.8 ms
warm query, a phrase, 240,000 rows    262 ms           260 ms              11 ms
warm query, a phrase, 2,000 rows      9.6 ms           8.9 ms              0.3 ms
same word at 1,000 articles           21 ms            —                   0.2 ms
====================================  ===============  ==================  =================

FTS5 ranks by scoring every matching row before it can return the best 20, so a common
word costs time in proportion to the corpus (10× the articles, 10× the time: the issue's
"10,000 articles ≤ 1.5× the time of 1,000" fails, and 235 ms alone is more than twice a
whole ``newsmark --version``); it also stores the text uncompressed beside position
lists (2× the text, the budget is 1.5×), and a contentless table cannot delete a changed
article's rows in SQLite 3.40. tantivy (Lucene's design, in Rust) skips blocks that
cannot reach the top results, compresses the stored text, and builds as fast; its cost is
a compiled dependency (a 4 ms import, only where the index is used). It ranks by BM25.

**A cache, never the record**: the store stays in TinyDB; this index lives in the user
cache folder beside the library index (``~/.cache/newsmark/search`` on Linux): the
tantivy index (one document per sentence: its text, file path, its article's content
hash (the store's identity of the article: see :mod:`annotations.store.identity`), sentence
number as ``newsmark parse`` numbers it, section number; stored, not searched: its
article's title and its section's label) and ``articles.json`` (per file: size,
modification and status-change times when indexed; see
:mod:`~annotations.library.text_articles`). An update re-indexes the files whose size or
times changed, adds new ones and drops removed ones. One process updates at
a time (a lock file; readers never wait); an index that cannot be read, or one written by
another format version or sentence splitter, is built anew with one line saying why
(:attr:`TextIndex.notices`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import NewsmarkError
from annotations.files import user_cache_folder, write_cache_file
from annotations.library.text_articles import UNREAD, Stamp, Stamps, stamp_of
from annotations.library.text_scope import Scope, shown_path
from annotations.sentences.cache import SPLITTER_VERSION, SentenceCache
from annotations.store.locking import LockTimeout, WriterLock

if TYPE_CHECKING:
    import tantivy

#: Bump when what the index holds changes: an index of another version is built anew.
FORMAT_VERSION = 4
#: Articles indexed between commits (an interrupted build keeps what was committed).
COMMIT_EVERY = 500
#: How long an update waits for another process's update to end.
LOCK_WAIT_SECONDS = 600.0
#: The tokenizer of the text field: words of letters and digits, lower case, accents folded.
TOKENIZER = "newsmark_words"

#: Called after each article indexed: (done, to do).
Progress = Callable[[int, int], None]


class IndexUnavailable(NewsmarkError):
    """The index folder cannot be written (another process held it too long, a read-only disk)."""


class IndexDamaged(NewsmarkError):
    """The index failed while being read (a file damaged after it was opened): build it anew."""


def default_search_folder() -> Path:
    """The platform's user cache folder for the text index."""
    return user_cache_folder("search")


def analyzer() -> tantivy.TextAnalyzer:
    """How text is cut into terms, in the index and in queries alike."""
    import tantivy

    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    return builder.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build()


def schema() -> tantivy.Schema:
    """The index's fields: the sentence's text, its file, its article's content hash, its
    number and its section's; its article's title and its section's label."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name=TOKENIZER)
    builder.add_text_field("path", stored=True, tokenizer_name="raw")
    builder.add_text_field("content", stored=True, tokenizer_name="raw")
    builder.add_integer_field("number", stored=True, indexed=True)  # indexed: a filtered search asks for sentences
    builder.add_integer_field("section", stored=True)
    builder.add_bytes_field("title", stored=True)  # UTF-8; shown with a hit, never searched
    builder.add_bytes_field("label", stored=True)
    return builder.build()


class TextIndex:
    """The text index in ``folder``; opened on first use."""

    def __init__(self, folder: str | Path, *, sentence_cache: SentenceCache | None = None) -> None:
        self.folder = Path(folder)
        self.sentence_cache = sentence_cache
        self.notices: list[str] = []
        """One line for each time the index had to be built anew, and why."""
        self._index: tantivy.Index | None = None
        self._articles: Stamps | None = None

    @classmethod
    def default(cls) -> TextIndex:
        """The index in the user's cache folder, splitting through the sentence cache."""
        return cls(default_search_folder(), sentence_cache=SentenceCache.default())

    @property
    def engine_folder(self) -> Path:
        """Where tantivy keeps its files."""
        return self.folder / "tantivy"

    @property
    def articles_path(self) -> Path:
        """The list of indexed articles (``articles.json``)."""
        return self.folder / "articles.json"

    def articles(self) -> Stamps:
        """Every indexed article file by path, with its stamp when indexed, as of the last
        update seen (read only)."""
        if self._articles is None:
            self.open()
        assert self._articles is not None
        return self._articles

    def open(self) -> tantivy.Index:
        """The index, opened (built anew, empty, when missing, damaged or of another format)."""
        if self._index is None:
            problem = self._try_open()
            if problem is not None:
                with self._locked():
                    if self._try_open() is not None:  # another process may have rebuilt it meanwhile
                        self._rebuild(problem)
        assert self._index is not None
        return self._index

    def ready(self) -> bool:
        """Whether the index can be searched as it is (never waits for, nor starts, a build)."""
        return self._index is not None or self._try_open() is None

    def searcher(self) -> tantivy.Searcher:
        """A searcher over what was last committed."""
        index = self.open()
        index.reload()
        return index.searcher()

    def rebuild(self, why: str) -> None:
        """Throw the index away and start it empty, with a notice saying ``why``."""
        with self._locked():
            self._rebuild(why)

    def stamps_of(self, scope: Scope) -> dict[str, Stamp]:
        """The stamps of ``scope``'s files (:meth:`Scope.stamps`); those it had to leave
        out (a path not valid UTF-8) named in one notice."""
        left: list[str] = []
        stamps = scope.stamps(left)
        if left:
            more = f" and {len(left) - 1:,} more" if len(left) > 1 else ""
            self.notices.append(f"search index: {shown_path(left[0])}{more}: left out, the name is not valid UTF-8")
        return stamps

    def outdated(self, scope: Scope, stamps: dict[str, Stamp] | None = None) -> tuple[list[str], list[str]]:
        """The files in ``scope`` to index (new or changed) and the indexed ones gone from it;
        ``stamps``: the scope's (:meth:`Scope.stamps`) when already taken."""
        stamps = self.stamps_of(scope) if stamps is None else stamps
        if self._index is None:
            if self._open_listing(stamps):
                return [], []  # the usual case: every file as indexed, in the order walked, and no other
            if stamps == self.articles():
                self._relist(stamps)  # the same, listed in another order (by the library's update): this one from now on
                return [], []
        indexed = self.articles()
        if stamps == indexed:  # one comparison: every file as indexed, and no other
            return [], []
        todo = sorted(path for path, stamp in stamps.items() if indexed.get(path) != stamp)
        gone = sorted(path for path in indexed.keys() - stamps.keys() if scope.covers(path))
        return todo, gone

    def update(self, scope: Scope, progress: Progress | None = None, stamps: dict[str, Stamp] | None = None) -> int:
        """Index what changed in ``scope`` since (see :meth:`outdated`); the number of
        files indexed or dropped. Waits for another process's update to end first."""
        stamps = self.stamps_of(scope) if stamps is None else stamps
        todo, gone = self.outdated(scope, stamps)
        if not todo and not gone:
            return 0
        with self._locked():
            self._index = None
            self.open()  # what another process committed while this one waited
            todo, gone = self.outdated(scope, stamps)
            return self._apply(todo, gone, progress, stamps)

    def _open_listing(self, stamps: dict[str, Stamp]) -> bool:
        """Open the index without reading its list of articles when that list is ``stamps``,
        as :meth:`_save_articles` would write it, byte for byte (then every file is as it
        was indexed, in the order it is walked, and no other file is indexed). Comparing the
        bytes takes a quarter of the time decoding the list and comparing it takes (10,000
        files: ~2 ms against ~8; ``benchmarks/bench_search.py``). Otherwise nothing is
        opened here: :meth:`open` reads the list. Whether it was opened so."""
        try:
            listed = self.articles_path.read_bytes() == self._encoded(stamps)
        except OSError:
            return False  # no list: open() says why
        return listed and self._try_open(dict(stamps)) is None

    def _relist(self, stamps: dict[str, Stamp]) -> None:
        """Write the list of articles in the order of ``stamps``, the same files and stamps,
        so that the next search of the same scope finds it up to date from the bytes alone.
        Not when another process is updating (it never waits), nor when the list changed
        meanwhile or cannot be written: the next search compares the decoded list again."""
        lock = WriterLock(self.folder / "update.lock", folder=False)
        try:
            lock.acquire(timeout=0.0)
        except (LockTimeout, OSError):
            return  # only slower next time
        try:
            if self._read_articles() == stamps:
                self._save_articles(stamps)
        except OSError:
            pass  # a read-only cache folder: only slower next time
        finally:
            lock.release()

    def _apply(self, todo: list[str], gone: list[str], progress: Progress | None, order: dict[str, Stamp]) -> int:
        """Drop ``gone``, index ``todo`` (committing now and then), the list of articles
        left in the order of ``order`` (a scope's stamps: see :meth:`_open_listing`); under the lock."""
        index = self.open()
        known = self.articles()
        writer = index.writer(heap_size=50_000_000, num_threads=1)
        for path in gone:
            writer.delete_documents_by_term("path", path)
            known.pop(path, None)
        for done, path in enumerate(todo, 1):
            writer.delete_documents_by_term("path", path)
            stamp = self._add(writer, path)
            if stamp is None:
                known.pop(path, None)
            else:
                known[path] = stamp
            if done % COMMIT_EVERY == 0:
                self._commit(writer, known)
            if progress is not None:
                progress(done, len(todo))
        ordered = {path: known[path] for path in order if path in known}
        self._articles = known = ordered | known
        self._commit(writer, known)
        writer.wait_merging_threads()
        return len(todo) + len(gone)

    def _add(self, writer: tantivy.IndexWriter, path: str) -> Stamp | None:
        """Index the sentences of the article at ``path``; its stamp then, None if it is gone."""
        import tantivy

        from annotations.formats.loader import load_article
        from annotations.store.identity import content_hash

        try:
            stamp = stamp_of(os.stat(path))  # before reading: a file changed meanwhile is indexed again
            article = load_article(path, cache=self.sentence_cache)
        except FileNotFoundError:
            return None
        except OSError:
            return list(UNREAD)
        except NewsmarkError:
            return stamp  # not an article newsmark can read (it says why when opened): no sentences
        title, content = article.title.encode(), content_hash(article) or ""
        labels = [section.label.encode() for section in article.sections]
        for sentence in article.sentences:
            label = labels[sentence.section - 1] if 0 < sentence.section <= len(labels) else b""
            document = tantivy.Document(
                text=sentence.text,
                path=path,
                content=content,
                number=sentence.number,
                section=sentence.section,
                title=title,
                label=label,
            )
            writer.add_document(document)
        return stamp

    def _commit(self, writer: tantivy.IndexWriter, known: Stamps) -> None:
        """Commit the writer's documents, then the list of articles they are (in this order:
        a crash between the two only indexes some articles again)."""
        writer.commit()
        self._save_articles(known)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the update lock (one updating process at a time)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = WriterLock(self.folder / "update.lock", folder=False)
            lock.acquire(timeout=LOCK_WAIT_SECONDS)
        except LockTimeout:
            raise IndexUnavailable(self.folder, "another newsmark process has been updating the search index for too long") from None
        except OSError as problem:
            raise IndexUnavailable(self.folder, f"cannot update the search index: {problem.strerror or problem}") from None
        try:
            yield
        finally:
            lock.release()

    def _try_open(self, articles: Stamps | None = None) -> str | None:
        """Open the index as it is (with its list of ``articles`` when already known); why
        it cannot be used if not (None when it can)."""
        import tantivy

        if articles is None:
            read = self._read_articles()
            if isinstance(read, str):
                return read
            articles = read
        try:
            index = tantivy.Index(schema(), path=str(self.engine_folder), reuse=True)
            index.register_tokenizer(TOKENIZER, analyzer())
            index.reload()
            index.searcher()  # opening the segments checks their files
        except (ValueError, OSError):
            return "damaged (its files cannot be read)"
        self._index, self._articles = index, articles
        return None

    def _read_articles(self) -> Stamps | str:
        """The list of indexed articles; why it is unusable if it is."""
        import orjson

        try:
            data = orjson.loads(self.articles_path.read_bytes())
        except FileNotFoundError:
            return "new" if not self.engine_folder.exists() else "damaged (its list of articles is missing)"
        except (OSError, ValueError):
            return "damaged (its list of articles cannot be read)"
        if not isinstance(data, dict):
            return "damaged (its list of articles is not one)"
        if data.get("newsmark_search") != FORMAT_VERSION or data.get("splitter") != SPLITTER_VERSION:
            return f"made by another version of newsmark (format {data.get('newsmark_search')}, now {FORMAT_VERSION})"
        stamps = data.get("stamps")
        if not isinstance(stamps, dict):
            return "damaged (its list of articles is not one)"
        return stamps

    def _rebuild(self, why: str) -> None:
        """Start an empty index (under the lock), saying why unless there was none."""
        import tantivy

        if why != "new":
            self.notices.append(f"search index: {why}; building it anew")
        shutil.rmtree(self.engine_folder, ignore_errors=True)
        self.articles_path.unlink(missing_ok=True)
        self.engine_folder.mkdir(parents=True)
        index = tantivy.Index(schema(), path=str(self.engine_folder), reuse=False)
        index.register_tokenizer(TOKENIZER, analyzer())
        self._index, self._articles = index, {}
        self._save_articles(self._articles)

    def _save_articles(self, known: Stamps) -> None:
        """Write the list of indexed articles (atomically: the old list or the new)."""
        write_cache_file(self.articles_path, self._encoded(known))

    @staticmethod
    def _encoded(known: Stamps) -> bytes:
        """The list of indexed articles as written."""
        import orjson

        return orjson.dumps({"newsmark_search": FORMAT_VERSION, "splitter": SPLITTER_VERSION, "stamps": known})
