"""The client's address: the one function django-axes and the audit trail both use.

Without a proxy (``BEHIND_PROXY`` false) it is the socket's peer, ``REMOTE_ADDR``; headers are
ignored. Behind a proxy, ``X-Forwarded-For`` is read from the right: each hop that is one of the
``TRUSTED_PROXIES`` networks is skipped and the first address that is not is the client — the
left-most entries are whatever the client chose to send and are never believed. Only valid IP
addresses are returned; anything else (``not-an-ip``, ``junk``) ends the walk, and the last
trusted hop is the answer. ``None`` when even ``REMOTE_ADDR`` is not an address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest

__all__ = ["client_address", "parse_networks", "valid_address"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def valid_address(text: object) -> str | None:
    """``text`` as a normalised IP address, or ``None`` when it is not one."""
    text = str(text).strip()
    if "%" in text:  # an IPv6 zone ("fe80::1%eth0") is local to the host: not an address
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


@lru_cache(maxsize=8)
def parse_networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    """``("10.0.0.0/8", "::1")`` as networks; raises ``ValueError`` naming a bad entry."""
    networks = []
    for cidr in cidrs:
        try:
            networks.append(ipaddress.ip_network(cidr.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{cidr!r} is not an IP address or network (CIDR)") from None
    return tuple(networks)


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent ``request`` (see the module's docstring)."""
    peer = valid_address(request.META.get("REMOTE_ADDR", ""))
    if peer is None or not settings.BEHIND_PROXY:
        return peer
    networks = parse_networks(tuple(settings.TRUSTED_PROXIES))
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    address = peer
    while _trusted(address, networks) and hops:
        hop = valid_address(hops.pop())
        if hop is None:
            break
        address = hop
    return address
