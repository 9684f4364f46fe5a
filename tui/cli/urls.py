"""URLs on the command line, in one place: every argument that names an article may be an
``http(s)://`` URL, read as the kept copy of its page (fetched first if there is none, or
with ``--refresh``). What is a URL is :func:`is_url`; which arguments name articles is
:data:`ARTICLE_ARGUMENTS`.

Light to import: the fetching (httpx) and the folder of pages are imported only when an
argument is a URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.web import is_url

if TYPE_CHECKING:
    import argparse

    from annotations.web.targets import TargetPolicy

__all__ = ["ARTICLE_ARGUMENTS", "NOT_ARTICLES", "is_url", "needs_resolving", "resolve_urls", "target_policy"]

#: The arguments that name articles, whatever the command (``paths``: ``newsmark PATH...``);
#: a new command that names its article argument so takes URLs with no change here.
ARTICLE_ARGUMENTS = ("file", "files", "paths")
#: Commands whose such arguments are not articles (``import`` reads exports).
NOT_ARTICLES = frozenset({"import", "add"})


def _article_argument(args: argparse.Namespace) -> str | None:
    """The name of the argument of ``args`` that names articles, if any."""
    if getattr(args, "command", None) in NOT_ARTICLES:
        return None
    return next((name for name in ARTICLE_ARGUMENTS if hasattr(args, name)), None)


def needs_resolving(args: argparse.Namespace) -> bool:
    """Whether some argument naming an article is a URL."""
    name = _article_argument(args)
    value = getattr(args, name, None) if name else None
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and is_url(v) for v in values)


def resolve_urls(args: argparse.Namespace) -> None:
    """Replace each URL that names an article by the path of its page's kept copy.

    Raises :class:`~annotations.web.fetch.WebError` (``URL: reason``) for a page that
    cannot be fetched; nothing is kept then.
    """
    if not needs_resolving(args):
        return
    from annotations.web.pages import WebPages

    name = _article_argument(args)
    if name is None:
        return
    pages = WebPages.default()
    refresh = bool(getattr(args, "refresh", False))
    policy = target_policy(args)
    value = getattr(args, name, None)
    if isinstance(value, str) and is_url(value):
        setattr(args, name, str(pages.get(value, refresh=refresh, policy=policy)))
    elif isinstance(value, list):
        setattr(args, name, [str(pages.get(v, refresh=refresh, policy=policy)) if is_url(v) else v for v in value])


def target_policy(args: argparse.Namespace) -> TargetPolicy:
    """Where this command's URLs may lead: the config's ``web_allow_private_redirects``,
    narrowed by the command's ``target_policy`` default if it sets one (``serve`` on a
    shared address refuses private addresses entirely)."""
    from annotations.config import resolve_settings
    from annotations.web.targets import TargetPolicy

    settings = resolve_settings(db=getattr(args, "db", None), config=getattr(args, "config", None))
    policy = TargetPolicy(allow_private_redirects=settings.web_allow_private_redirects)
    narrow = getattr(args, "target_policy", None)
    return narrow(args, policy) if callable(narrow) else policy
