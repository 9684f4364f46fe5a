"""Where a URL may lead: its host name checked, looked up within a deadline, and the
policy on private addresses.

A URL the analyst gives is fetched where it points (it is their machine), loopback and
private addresses included. A redirect that moves from a public address to a loopback,
private or link-local one (``127.0.0.1``, ``10.0.0.5``, ``169.254.169.254``...) is
refused unless the config's ``web_allow_private_redirects: true`` allows it; ``newsmark
serve`` on an address other machines reach refuses private addresses entirely. The
addresses checked are the ones connected to (see :mod:`~annotations.web.fetch`), so a
name that resolves differently on a second lookup cannot slip past.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from annotations.errors import NewsmarkError

__all__ = ["Address", "Resolver", "TargetPolicy", "host_problem", "is_public_address", "resolve", "system_resolver", "without_userinfo"]

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Looks a host name up: ``(host, port)`` → its addresses, as text (raises :class:`socket.gaierror`).
Resolver = Callable[[str, int], list[str]]
#: The config key that lets a redirect lead from a public address to a private one.
ALLOW_PRIVATE_REDIRECTS_KEY = "web_allow_private_redirects"
#: The longest host name and label DNS allows (RFC 1035).
MAX_HOST = 253
MAX_LABEL = 63
#: A URL's user name and password: from after ``scheme://`` to the last ``@`` before the path.
_USERINFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@")


class TargetError(NewsmarkError):
    """A URL that leads where newsmark does not go: shown as ``URL: reason``."""


def is_public_address(address: Address) -> bool:
    """Whether ``address`` is on the public internet: not loopback (127.0.0.0/8, ::1),
    private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10),
    unspecified (0.0.0.0, ::), shared, reserved or documentation space, nor multicast. An
    IPv4 address written as IPv6 (``::ffff:127.0.0.1``) is judged as the IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class TargetPolicy:
    """Which addresses a fetch may connect to.

    ``is_public`` classifies an address (tests give one that calls a loopback test
    server public: a server on 127.0.0.1 cannot be public otherwise)."""

    allow_private_redirects: bool = False
    """The config's ``web_allow_private_redirects``: a redirect may lead from a public address to a private one."""
    refuse_private: bool = False
    """No private address at all (``newsmark serve`` on an address other machines reach)."""
    is_public: Callable[[Address], bool] = is_public_address

    def serving_publicly(self) -> TargetPolicy:
        """This policy for a server others reach: private addresses refused, redirected to or not."""
        return replace(self, refuse_private=True)

    def check(self, host: str, addresses: list[Address], *, redirected_from_public: bool) -> bool:
        """Whether every address of ``host`` is public; raise :class:`TargetError`
        (naming the host, not the URL: the caller adds it) where the policy refuses one."""
        private = [address for address in addresses if not self.is_public(address)]
        if not private:
            return True
        where = host if host == str(private[0]) else f"{host} ({private[0]})"
        if self.refuse_private:
            raise TargetError(None, f"{where} is a private address, which newsmark serve on a shared address does not fetch")
        if redirected_from_public and not self.allow_private_redirects:
            raise TargetError(
                None,
                f"redirected from a public address to a private one, {where} "
                f"(refused unless the config says {ALLOW_PRIVATE_REDIRECTS_KEY}: true)",
            )
        return False


def host_problem(host: str) -> str | None:
    """Why ``host`` (ASCII, as sent: IDNA already applied) is not a host name newsmark can
    look up, or ``None``: no host, an empty label (``a..b``), a label over 63 characters,
    a name over 253, an ``xn--`` label that is not valid IDNA."""
    if not host:
        return "the URL names no host"
    if _address(host) is not None:
        return None
    name = host[:-1] if host.endswith(".") else host
    if len(name) > MAX_HOST:
        return f"the host name is longer than {MAX_HOST} characters"
    for label in name.split("."):
        if not label:
            return f"the host name {host} has an empty label"
        if len(label) > MAX_LABEL:
            return f"the host name has a label longer than {MAX_LABEL} characters"
        if label[:4].lower() == "xn--":
            try:
                label.encode("ascii").decode("idna")
            except UnicodeError:
                return f"the host name {host} has a label that is not valid IDNA ({label})"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system's resolver gives for ``host``."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def resolve(host: str, port: int, seconds: float, resolver: Resolver | None = None) -> list[Address]:
    """The addresses of ``host``, looked up within ``seconds``: the lookup runs in a
    thread of its own, given up at the deadline (a resolver that never answers cannot
    hold the fetch). Raises :class:`TargetError` if it fails or takes longer."""
    literal = _address(host)
    if literal is not None:
        return [literal]
    lookup = resolver or system_resolver
    answer: list[list[str]] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            answer.append(lookup(host, port))
        except BaseException as error:  # handed to the waiting thread, which raises it
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name=f"lookup {host}", daemon=True).start()
    if not done.wait(max(seconds, 0.0)):
        raise TargetError(None, f"no answer within {seconds:g} seconds (timed out looking up {host})")
    if failure:
        if isinstance(failure[0], (OSError, UnicodeError)):
            raise TargetError(None, f"host not found: {host} (DNS lookup failed)")
        raise failure[0]
    addresses = [a for a in (_address(text) for text in answer[0]) if a is not None]
    if not addresses:
        raise TargetError(None, f"host not found: {host} (DNS lookup failed)")
    return addresses


def without_userinfo(url: str) -> str:
    """``url`` without a user name and password (``http://alice:secret@host/`` →
    ``http://host/``): what is kept and shown of a URL. The query stays as written."""
    return _USERINFO.sub(r"\1", url, count=1)


def _address(text: str) -> Address | None:
    """``text`` as an IP address (``[::1]`` too), or ``None``."""
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None
