"""Fetching URLs safely: a total deadline, a size cap, a redirect cap and an SSRF guard.

``timeout`` bounds the whole fetch (every redirect hop and every read together), not
each read: a server that drips a byte at a time is cut off when the deadline passes.

Every hop of a redirect chain is resolved and refused when any address it
resolves to is private, loopback, link-local, multicast or reserved, unless the
host or its address is explicitly allowed in configuration; the connection then
goes to the address that was checked (no second DNS answer can swap it). Fetches never
raise for network trouble: the result carries a one-line ``error``.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0  # seconds for a whole fetch (all hops and reads), not per read
    max_bytes: int = 5_000_000  # also the cap on local files
    max_redirects: int = 5
    allow_private: tuple[str, ...] = ()  # hostnames or CIDR ranges
    user_agent: str = "newsbrief/0.1"
    max_feed_items: int | None = 50  # new entries stored per feed poll (newest first)
    parallel_fetches: int = 8  # article pages of one feed fetched at once...
    per_host_fetches: int = 2  # ...and at most this many from one host


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class BlockedAddress(Exception):
    pass


def _allowed(host: str, ip: IPAddress, allow: tuple[str, ...]) -> bool:
    for entry in allow:
        if entry.lower() == host.lower():
            return True
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def check_url(url: str, allow: tuple[str, ...] = ()) -> IPAddress:
    """The address to connect to; raises BlockedAddress (or ValueError) when ``url`` must not be fetched."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"only http and https URLs can be fetched, not '{parts.scheme or url}'")
    host = parts.hostname
    if not host:
        raise ValueError("the URL has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise ValueError(f"cannot resolve host '{host}' ({exc.strerror})") from None
    checked: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if getattr(ip, "ipv4_mapped", None):
            ip = ip.ipv4_mapped  # type: ignore[union-attr]
        public = ip.is_global and not ip.is_multicast
        if not public and not _allowed(host, ip, allow):
            raise BlockedAddress(
                f"refused: '{host}' resolves to a private or local address ({ip})"
            )
        checked.append(ip)
    return checked[0]


def pinned_request(url: str, ip: IPAddress) -> tuple[str, dict[str, str], dict[str, str]]:
    """Connect to the address that was checked, not to a second DNS answer (DNS rebinding):
    the URL names the IP, the Host header and TLS (SNI and certificate check) keep the host name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    address = f"[{ip}]" if ip.version == 6 else str(ip)
    port = f":{parts.port}" if parts.port else ""
    target = urlunsplit((parts.scheme, address + port, parts.path or "/", parts.query, ""))
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return target, {"Host": host + port}, extensions


class _Watchdog:
    """Closes a response whose reading outlasts the fetch's deadline: a server that drips a few
    bytes and then falls silent would otherwise hold the last read for a whole read timeout."""

    def __init__(self, resp: httpx.Response, seconds: float) -> None:
        self._timer = threading.Timer(max(seconds, 0.0), self._close, args=(resp,))
        self._timer.daemon = True

    @staticmethod
    def _close(resp: httpx.Response) -> None:
        # Shutting the socket down wakes a read blocked in another thread (closing it does not).
        try:
            stream = resp.extensions.get("network_stream")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
        except Exception:  # noqa: BLE001 - the reading thread reports the failure
            pass

    def __enter__(self) -> "_Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """GET ``url`` with conditional headers; never raises for network problems."""
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    client = client or httpx.Client(timeout=policy.timeout, follow_redirects=False)
    current = url
    deadline = time.monotonic() + policy.timeout
    late = f"timed out after {policy.timeout:g} s"

    def left() -> float:
        return deadline - time.monotonic()

    try:
        for _hop in range(policy.max_redirects + 1):
            try:
                ip = check_url(current, policy.allow_private)
            except (BlockedAddress, ValueError) as exc:
                return FetchResult(url, current, error=str(exc))
            if left() <= 0:
                return FetchResult(url, current, error=late)
            target, host_header, extensions = pinned_request(current, ip)
            # httpx's timeouts are per operation; no single wait may outlast the whole deadline.
            with client.stream("GET", target, headers={**headers, **host_header}, timeout=max(left(), 0.01),
                               extensions=extensions) as resp, _Watchdog(resp, left()):
                if resp.is_redirect:
                    location = resp.headers.get("location")
                    if not location:
                        return FetchResult(url, current, resp.status_code, error="redirect without a Location")
                    current = urljoin(current, location)
                    continue
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                    return FetchResult(url, current, resp.status_code, error=f"too large ({int(declared)} bytes, limit {policy.max_bytes})")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > policy.max_bytes:
                        return FetchResult(url, current, resp.status_code, error=f"too large (over {policy.max_bytes} bytes)")
                    if left() <= 0:
                        return FetchResult(url, current, resp.status_code, error=late)
                result = FetchResult(
                    url,
                    current,
                    resp.status_code,
                    bytes(body),
                    resp.headers.get("content-type", ""),
                    resp.headers.get("etag"),
                    resp.headers.get("last-modified"),
                    headers=dict(resp.headers),
                )
                if resp.status_code >= 400:
                    return FetchResult(url, current, resp.status_code, error=f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                return result
        return FetchResult(url, current, error=f"too many redirects (more than {policy.max_redirects})")
    except httpx.TimeoutException:
        return FetchResult(url, current, error=late)
    except httpx.HTTPError as exc:
        if left() <= 0:  # the watchdog closed a read that outlasted the deadline
            return FetchResult(url, current, error=late)
        return FetchResult(url, current, error=f"network error: {type(exc).__name__}: {exc}".rstrip(": "))
    finally:
        if own:
            client.close()
