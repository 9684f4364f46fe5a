"""What the reader is told once, when it is made: the settings it reads, frozen."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from annotations.config import DEFAULT_FINAL_ANNOTATOR, DEFAULT_READING_WIDTH, Settings
from annotations.preferences import Preferences
from annotations.sentences.cache import SentenceCache


class ReaderOptions(NamedTuple):
    """The reader's part of :class:`~annotations.config.Settings` (built once by the app,
    :meth:`from_settings`). A named tuple: a frozen dataclass costs several times as much
    to define, on every start."""

    cache: SentenceCache
    """Where a big article's sentence boundaries are cached."""
    preferences: Preferences
    """What is remembered between runs (one sentence per line)."""
    reading_width: int = DEFAULT_READING_WIDTH
    """The widest line of article text (0: the terminal's whole width)."""
    final_annotator: str = DEFAULT_FINAL_ANNOTATOR
    """Who adjudicated readings are stored as (the config's ``final_annotator:``)."""
    suggestions: bool = True
    """Whether tags are suggested (the config's ``suggestions:``)."""
    suggest_patterns: Path | None = None
    """The user's suggestion pattern file (the config's ``suggest_patterns:``), if any."""
    export_folder: Path | None = None
    """Where ``E`` writes (the config's ``export_dir:``); None: beside the article."""

    @classmethod
    def from_settings(cls, settings: Settings) -> ReaderOptions:
        """The options ``settings`` give the reader."""
        return cls(
            cache=settings.sentence_cache,
            reading_width=settings.reading_width,
            final_annotator=settings.final_annotator,
            suggestions=settings.suggestions,
            suggest_patterns=settings.suggest_patterns,
            export_folder=settings.export_folder,
            preferences=settings.preferences,
        )
