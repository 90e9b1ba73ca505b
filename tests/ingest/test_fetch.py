from __future__ import annotations

import pytest

from bot.ingest.fetch import FetchPolicy, fetch
from tests.httpserver import serve

LOCAL = FetchPolicy(timeout=5, max_bytes=10_000, max_redirects=2, allow_private=("127.0.0.1",))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/admin",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_and_local_addresses_are_refused_by_default(url: str) -> None:
    result = fetch(url, FetchPolicy(timeout=1))
    assert not result.ok
    assert "refused" in result.error


def test_non_http_schemes_are_refused() -> None:
    assert "only http and https" in fetch("file:///etc/passwd", FetchPolicy()).error
    assert "only http and https" in fetch("gopher://example.com/", FetchPolicy()).error


def test_redirect_to_a_private_address_is_refused_on_every_hop() -> None:
    routes = {"/r": (302, {"Location": "http://169.254.169.254/latest/meta-data"}, b"")}
    with serve(routes) as (base, seen):
        result = fetch(base + "/r", LOCAL)
    assert "refused" in result.error and "169.254.169.254" in result.error
    assert [s["path"] for s in seen] == ["/r"]


def test_redirect_cap() -> None:
    routes = {f"/{i}": (301, {"Location": f"/{i + 1}"}, b"") for i in range(10)}
    with serve(routes) as (base, _):
        result = fetch(base + "/0", LOCAL)
    assert "too many redirects" in result.error


def test_size_cap_declared_and_streamed() -> None:
    big = b"x" * 20_000
    routes = {
        "/declared": (200, {"Content-Type": "text/html"}, big),
        "/chunked": (200, {"Content-Type": "text/html", "Content-Length": "10"}, b"x" * 10),
    }
    with serve(routes) as (base, _):
        assert "too large" in fetch(base + "/declared", LOCAL).error
        assert fetch(base + "/chunked", LOCAL).ok


def test_http_errors_become_one_line_messages() -> None:
    with serve({}) as (base, _):
        result = fetch(base + "/missing", LOCAL)
    assert result.error == "HTTP 404 Not Found"


def test_unreachable_host_is_a_message_not_an_exception() -> None:
    result = fetch("http://127.0.0.1:9/", LOCAL)
    assert result.error and "network error" in result.error


def test_conditional_get_sends_validators() -> None:
    def route(handler):  # noqa: ANN001, ANN202
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {}, b""
        return 200, {"ETag": '"v1"', "Content-Type": "text/html"}, b"<html>hi</html>"

    with serve({"/p": route}) as (base, _):
        first = fetch(base + "/p", LOCAL)
        assert first.ok and first.etag == '"v1"'
        second = fetch(base + "/p", LOCAL, etag=first.etag)
        assert second.not_modified


def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept() -> None:
    def route(handler):  # noqa: ANN001, ANN202
        return 200, {"Content-Type": "text/plain"}, handler.headers.get("Host", "").encode()

    with serve({"/who": route}) as (base, seen):
        port = base.rsplit(":", 1)[1]
        result = fetch(f"http://localhost:{port}/who", FetchPolicy(timeout=5, allow_private=("localhost",)))
    assert result.ok, result.error
    assert result.content == f"localhost:{port}".encode()  # virtual hosting still works
    assert result.final_url == f"http://localhost:{port}/who"


def test_pinned_https_request_keeps_sni_and_certificate_host() -> None:
    import ipaddress

    from bot.ingest.fetch import pinned_request

    target, headers, ext = pinned_request("https://news.example.org/a?b=1", ipaddress.ip_address("93.184.216.34"))
    assert target == "https://93.184.216.34/a?b=1"
    assert headers == {"Host": "news.example.org"} and ext == {"sni_hostname": "news.example.org"}
    target6, _, _ = pinned_request("http://example.org:8080/", ipaddress.ip_address("2001:db8::1"))
    assert target6 == "http://[2001:db8::1]:8080/"
