"""User settings: config file, store location and annotator name."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotations.errors import ConfigError
from annotations.formats.hygiene import clean_line
from annotations.preferences import Preferences
from annotations.schema import (
    ColourCheck,
    KeyCheck,
    TagSchema,
    VerdictScale,
    checkable_from_config,
    is_portable_colour,
    one_letter,
    tags_from_config,
    verdicts_from_config,
)
from annotations.sentences.cache import SentenceCache

APP_NAME = "newsmark"
DB_ENV = "NEWSMARK_DB"
ANNOTATOR_ENV = "NEWSMARK_ANNOTATOR"
CONFIG_ENV = "NEWSMARK_CONFIG"
_CONFIG_KEYS = frozenset(
    {
        "annotator",
        "tags",
        "db",
        "export_dir",
        "reading_width",
        "final_annotator",
        "suggest_patterns",
        "suggestions",
        "web_allow_private_redirects",
        "serve_token",
        "library_depth",
        "checkable",
        "verdicts",
        "organisation",
        "review_url",
    }
)
#: Who the adjudicated (final) reading is stored as, unless the config's ``final_annotator:`` says.
DEFAULT_FINAL_ANNOTATOR = "final"
#: The widest line of article text in the reader, in cells (``reading_width: 0`` turns it off).
DEFAULT_READING_WIDTH = 88
#: How many levels of subfolders a library lists below a folder it is opened on (``library_depth:``).
DEFAULT_LIBRARY_DEPTH = 3
#: The most ``library_depth:`` may be (a library walks no deeper).
MAX_LIBRARY_DEPTH = 32


@dataclass(frozen=True)
class Settings:
    """Everything the commands need to know before they open a store."""

    store_path: Path
    annotator: str
    schema: TagSchema = field(default_factory=TagSchema)
    config_path: Path | None = None
    sentence_cache: SentenceCache = field(default_factory=SentenceCache.default)
    """Where sentence boundaries are cached (the user cache folder unless told otherwise)."""
    export_folder: Path | None = None
    """Where the reader's export key writes (the config's ``export_dir``); None: beside the article."""
    reading_width: int = DEFAULT_READING_WIDTH
    """The widest line of article text in the reader (0: the terminal's whole width)."""
    preferences: Preferences = field(default_factory=Preferences.default)
    """What the reader remembers between runs (theme, sentence lines, the library's sort)."""
    final_annotator: str = DEFAULT_FINAL_ANNOTATOR
    """The annotator adjudication stores the settled reading as (left out of agreement)."""
    suggestions: bool = True
    """Whether the reader suggests tags (the config's ``suggestions: false`` turns it off)."""
    suggest_patterns: Path | None = None
    """A user's suggestion pattern file (the config's ``suggest_patterns``), over the built-in patterns."""
    serve_token: str | None = None
    """The secret ``newsmark serve`` requires (the config's ``serve_token``); None: a new one each time."""
    web_allow_private_redirects: bool = False
    """Whether a redirect may lead from a public address to a private one (see :mod:`annotations.web.targets`)."""
    annotator_defaulted: bool = False
    """True when no option, environment or config named the annotator (it is the login name)."""
    library_depth: int = DEFAULT_LIBRARY_DEPTH
    """How many levels of subfolders a library lists below a folder (0: the folder's own files)."""
    organisation: str | None = None
    """Who publishes the fact checks (the config's ``organisation:``; a ClaimReview's author)."""
    review_url: str | None = None
    """Where each published fact check lives (the config's ``review_url:``, a template with ``{id}``)."""


def default_config_path() -> Path:
    """The platform's config file location for newsmark."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.yaml"


def default_store_path() -> Path:
    """The platform's user data location for the store."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "store"


def load_config(path: Path, *, required: bool) -> dict[str, object]:
    """Read a YAML config file; a missing optional file is an empty config."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError(path, "no such config file") from None
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot read config: {getattr(error, 'strerror', None) or error}") from None
    import yaml  # only when there is a config file to read

    from annotations.safe_yaml import SafeLoader, error_line

    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        line = error_line(error, text)
        where = f" at line {line}" if line is not None else ""
        raise ConfigError(path, f"not valid YAML{where}: {getattr(error, 'problem', None) or error}") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(path, "a config file must be a YAML mapping (annotator:, tags:, db:, export_dir:)")
    unknown = sorted(str(k) for k in data if k not in _CONFIG_KEYS)
    if unknown:
        raise ConfigError(path, f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(_CONFIG_KEYS))})")
    return dict(data)


def resolve_settings(
    *,
    db: str | None = None,
    annotator: str | None = None,
    config: str | None = None,
    environ: Mapping[str, str] | None = None,
    is_colour: ColourCheck = is_portable_colour,
    key_check: KeyCheck = one_letter,
) -> Settings:
    """Combine command-line options, environment, config file and defaults, in that order.

    ``is_colour`` checks the colours of configured tags (the terminal interface passes
    one that knows every colour it can show), ``key_check`` their keys (it passes one
    that refuses the keys it binds).
    """
    environ = os.environ if environ is None else environ
    config_value = config or environ.get(CONFIG_ENV)
    config_path = Path(config_value).expanduser() if config_value else default_config_path()
    data = load_config(config_path, required=bool(config_value))
    schema = _schema(data, config_path, is_colour, key_check)
    for key in ("annotator", "db", "export_dir", "final_annotator", "suggest_patterns", "serve_token", "organisation", "review_url"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(config_path, f"{key}: must be text")
    chosen = annotator or environ.get(ANNOTATOR_ENV) or data.get("annotator")
    who = chosen or _login_name()
    store = db or environ.get(DB_ENV) or data.get("db")
    store_path = Path(str(store)).expanduser() if store else default_store_path()
    export_dir = data.get("export_dir")
    patterns = data.get("suggest_patterns")
    suggestions = data.get("suggestions", True)
    if not isinstance(suggestions, bool):
        raise ConfigError(config_path, "suggestions: must be true or false")
    private_redirects = data.get("web_allow_private_redirects", False)
    if not isinstance(private_redirects, bool):
        raise ConfigError(config_path, "web_allow_private_redirects: must be true or false")
    reading_width = data.get("reading_width", DEFAULT_READING_WIDTH)
    if isinstance(reading_width, bool) or not isinstance(reading_width, int) or not (reading_width == 0 or 20 <= reading_width <= 1000):
        raise ConfigError(config_path, "reading_width: must be a number of columns from 20 up (0 for the whole width)")
    library_depth = data.get("library_depth", DEFAULT_LIBRARY_DEPTH)
    if isinstance(library_depth, bool) or not isinstance(library_depth, int) or not 0 <= library_depth <= MAX_LIBRARY_DEPTH:
        raise ConfigError(config_path, f"library_depth: must be a number of folder levels from 0 to {MAX_LIBRARY_DEPTH}")
    return Settings(
        store_path=store_path,
        annotator=clean_line(str(who)).strip() or "unknown",
        schema=schema,
        config_path=config_path,
        export_folder=Path(str(export_dir)).expanduser() if export_dir else None,
        reading_width=reading_width,
        final_annotator=clean_line(str(data.get("final_annotator", ""))).strip() or DEFAULT_FINAL_ANNOTATOR,
        suggestions=suggestions,
        suggest_patterns=_beside(config_path, str(patterns)) if patterns else None,
        serve_token=str(data["serve_token"]) if "serve_token" in data else None,
        web_allow_private_redirects=private_redirects,
        annotator_defaulted=not chosen,
        library_depth=library_depth,
        organisation=clean_line(str(data["organisation"])).strip() or None if "organisation" in data else None,
        review_url=_review_url(data, config_path),
    )


def _schema(data: Mapping[str, object], config_path: Path, is_colour: ColourCheck, key_check: KeyCheck) -> TagSchema:
    """The tags, the checkable ones and the verdict scale a config file sets (defaults where it does not)."""
    tags = tags_from_config(data["tags"], config_path, is_colour, key_check) if "tags" in data else TagSchema().tags
    names = {tag.name for tag in tags}
    checkable = (
        checkable_from_config(data["checkable"], tags, config_path)
        if "checkable" in data
        else tuple(name for name in TagSchema().checkable if name in names)
    )
    scale = verdicts_from_config(data["verdicts"], config_path, is_colour) if "verdicts" in data else VerdictScale()
    return TagSchema(tags, checkable, scale)


def _review_url(data: Mapping[str, object], config_path: Path) -> str | None:
    """The config's ``review_url:``: a web address with ``{id}`` where each review's id goes."""
    value = data.get("review_url")
    if value is None:
        return None
    text = str(value).strip()
    if not text.startswith(("https://", "http://")) or "{id}" not in text:
        raise ConfigError(config_path, "review_url: must be a web address with {id} where each review's id goes")
    return text


def _beside(config_path: Path, value: str) -> Path:
    """A path from the config file: ``~`` expanded, relative to the config file's folder."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else config_path.parent / path


def _login_name() -> str:
    import getpass  # only when nothing names the annotator

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
