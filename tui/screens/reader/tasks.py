"""What the reader starts on the whole article: export (E), the brief (b), the triage of
orphans (R), adjudication (A), and taking the store once another newsmark lets go."""

from __future__ import annotations

import re
from pathlib import Path

from annotations.errors import NewsmarkError
from annotations.store.article_annotations import ArticleAnnotations, Change

from .host import ReaderHost


class ArticleTasks:
    """The reader's whole-article tasks (their code loads when first used)."""

    def __init__(self, host: ReaderHost) -> None:
        self._host = host

    def export_folder(self) -> Path:
        """Where ``E`` writes: the config's ``export_dir``, else the article's own folder."""
        from annotations.exchange.export_target import export_folder_for

        return export_folder_for(self._host.article.path, self._host.options.export_folder)

    def export(self) -> None:
        """Export the article's annotations to YAML beside it: a new file, or an update of
        its own earlier export (never over another file). A page opened by URL is exported
        into the config's ``export_dir``, else the current folder, named after its title."""
        from annotations.exchange.export import export_annotations
        from annotations.exchange.export_target import write_article_export
        from annotations.metadata import counted

        host = self._host
        folder, name = self._export_place()
        try:
            result = export_annotations(host.annotations.store, [host.annotations], schema=host.annotations.schema)
            written = write_article_export(result.data, host.article.path, folder, name=name)
        except (OSError, NewsmarkError) as error:
            where = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) and error.filename else str(error)
            host.notify(f"Export failed: {where} (export_dir: in the config chooses the folder)", severity="error", timeout=8)
            return
        outcome = written.outcome("Export", f"Exported {counted(result.annotations, 'annotation')}")
        host.notify(outcome, severity="warning" if written.refused else "information", timeout=8 if written.refused else 6)

    def _export_place(self) -> tuple[Path, str | None]:
        """The folder and name ``E`` writes to: a page fetched by URL (kept in the hidden
        folder of pages) goes to ``export_dir``, else the current folder, named after its title."""
        from annotations.web.pages import kept_source

        host = self._host
        if not kept_source(host.article.path):
            return self.export_folder(), None
        slug = re.sub(r"[^a-z0-9]+", "-", host.article.title.lower()).strip("-")[:60].strip("-") or "page"
        return host.options.export_folder or Path.cwd(), slug

    def brief(self) -> None:
        """Preview the article's brief; from there, write it beside the article."""
        from ..brief import BriefScreen

        host = self._host
        build = BriefBuilder(
            host.annotations, host.options.final_annotator, suggesting=host.options.suggestions, patterns=host.options.suggest_patterns
        )
        host.app.push_screen(BriefScreen(host.article.title, build, host.article.path, self.export_folder()))

    def review(self) -> None:
        """Open the triage view of orphaned and fuzzily re-anchored annotations."""
        from ..triage import TriageScreen

        host = self._host
        if not host.writable():
            return

        def shown() -> None:
            host.view.refresh_records(range(1, len(host.article.sentences) + 1))
            host.show_change(Change("review", ()))

        # each decision shows at once (the orphan count), not only when the view closes
        final = host.options.final_annotator
        host.app.push_screen(TriageScreen(host.annotations, host.view.cursor, on_change=shown, final_annotator=final))

    def adjudicate(self) -> None:
        """Open the adjudication view of the article's disagreements."""
        from annotations.team.adjudication import Adjudication

        from ..adjudication import AdjudicationScreen

        host = self._host
        if not host.writable():
            return
        if not host.article.complete:
            host.notify("Still loading the whole article; adjudicate in a moment.", severity="warning")
            return
        annotations = host.annotations
        adjudication = Adjudication(
            annotations.store, host.article, annotations.file, final=host.options.final_annotator, schema=host.schema
        )

        def adjudicated(changed: bool | None) -> None:
            if changed:
                host.reload_store()

        host.app.push_screen(AdjudicationScreen.for_schema(host.schema)(adjudication), adjudicated)

    def take_store_when_free(self) -> None:
        """A reader opened while another newsmark wrote starts read-only; once that one has
        finished, take the store and show what it holds now (the other may have changed it)."""
        host = self._host
        if not host.annotations.read_only or not host.annotations.store.try_write():
            return
        if host.reload_store():
            host.notify("The other newsmark has finished: tags are saved again.", timeout=5)


class BriefBuilder:
    """Makes the brief's text, in a thread (reads no reactive)."""

    def __init__(self, annotations: ArticleAnnotations, final: str, *, suggesting: bool, patterns: Path | None) -> None:
        self._annotations = annotations
        self._final = final
        self._suggesting = suggesting
        self._patterns = patterns

    def __call__(self, *, suggested: bool, everyone: bool) -> str:
        """The brief as Markdown: with what is only suggested, everyone's tags rather than the final reading."""
        from annotations.exchange.brief import make_brief

        annotations = self._annotations
        brief = make_brief(
            annotations.store,
            [annotations],
            schema=annotations.schema,
            suggested=self._suggested() if suggested else None,
            final=self._final,
            prefer_final=not everyone,
        )
        return brief.data.decode("utf-8")

    def _suggested(self) -> dict[str, dict[int, list[str]]] | None:
        if not self._suggesting:
            return None
        from annotations.suggest.engine import suggested_tags

        annotations = self._annotations
        try:
            return suggested_tags(annotations.schema, self._patterns, annotations.store.root, [annotations.article])
        except NewsmarkError:  # a damaged suggestions file or patterns: the brief without that part
            return None


class TaskActions:
    """The whole-article tasks' keys, mixed into the reader screen."""

    tasks: ArticleTasks

    def action_export(self) -> None:
        """Export this article's annotations to YAML beside it (never over another file)."""
        self.tasks.export()

    def action_brief(self) -> None:
        """Preview this article's brief; from there, write it beside the article."""
        self.tasks.brief()

    def action_review(self) -> None:
        """Open the triage view of orphaned and fuzzily re-anchored annotations."""
        self.tasks.review()

    def action_adjudicate(self) -> None:
        """Open the adjudication view of this article's disagreements."""
        self.tasks.adjudicate()
