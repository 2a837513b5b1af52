"""The review page's server side: sign-in cookie, CSRF on every state change, no foreign content."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import Server


def _signed_in(server: Server, role: str = "reviewer") -> TestClient:
    # https: httpx, like a browser off loopback, sends Secure cookies only over TLS.
    page = TestClient(server.app, base_url="https://memstack.example")
    r = page.post("/ui/session", json={"key": server.keys[f"acme:{role}"]})
    assert r.status_code == 200 and r.json()["role"] == role
    return page


def test_sign_in_sets_an_http_only_strict_cookie(server: Server) -> None:
    page = TestClient(server.app, base_url="http://127.0.0.1:8765")
    r = page.post("/ui/session", json={"key": server.keys["acme:reviewer"]})
    cookies = r.headers.get_list("set-cookie")
    key_cookie = next(c for c in cookies if c.startswith("memstack_key="))
    assert "HttpOnly" in key_cookie and "SameSite=strict" in key_cookie and "Secure" in key_cookie
    csrf_cookie = next(c for c in cookies if c.startswith("memstack_csrf="))
    assert "HttpOnly" not in csrf_cookie
    assert page.post("/ui/session", json={"key": "msk_wrong"}).status_code == 401
    page.close()


def test_cookie_writes_need_the_csrf_token(server: Server) -> None:
    page = _signed_in(server)
    assert page.get("/v1/whoami").json()["role"] == "reviewer"  # reads work with the cookie
    body = {"scope": "acme/a", "text": "Alice is vegan", "kind": "fact"}
    forged = page.post("/v1/proposals", json=body)
    assert forged.status_code == 403 and "CSRF" in forged.json()["message"]
    wrong = page.post("/v1/proposals", json=body, headers={"X-CSRF-Token": "0" * 32})
    assert wrong.status_code == 403
    token = page.cookies["memstack_csrf"]
    ok = page.post("/v1/proposals", json=body, headers={"X-CSRF-Token": token})
    assert ok.status_code == 201
    assert page.get("/v1/whoami").json()["csrf"] == token
    page.delete("/ui/session")
    assert page.get("/v1/whoami").status_code == 401
    page.close()


def test_page_loads_nothing_from_elsewhere(server: Server) -> None:
    page = TestClient(server.app)
    r = page.get("/ui/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN, no external link
    js = page.get("/ui/static/app.js")
    assert js.status_code == 200 and "innerHTML" not in js.text and "http" not in js.text
    assert page.get("/ui/static/app.css").status_code == 200
    assert page.get("/ui", follow_redirects=False).headers["location"] == "/ui/"
    page.close()


def test_a_non_ascii_csrf_header_is_refused_not_a_crash(server: Server) -> None:
    page = _signed_in(server)
    r = page.post(
        "/v1/proposals",
        json={"scope": "acme/a", "text": "x y z", "kind": "fact"},
        headers={"X-CSRF-Token": "é".encode("latin-1")},  # a raw byte outside ASCII
    )
    assert r.status_code == 403
    page.close()
