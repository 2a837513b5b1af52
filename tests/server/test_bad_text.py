"""Lone surrogates and NUL characters in a request: a 400 InvalidInput, never a 500 (10.9)."""

from __future__ import annotations

import pytest

from .conftest import Server

BAD = "caf\\udce9"  # a JSON escape: valid JSON, not valid text
NUL = "a\\u0000b"


@pytest.mark.parametrize("text", [BAD, NUL])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/memories", '{"scope": "acme/alice", "text": "%s"}'),
        ("POST", "/v1/memories/batch", '{"items": [{"scope": "acme/alice", "text": "%s"}]}'),
        ("POST", "/v1/conversations",
         '{"scope": "acme/alice", "messages": [{"role": "user", "content": "%s"}]}'),
        ("POST", "/v1/conversations/remember",
         '{"scope": "acme/alice", "messages": [{"role": "user", "content": "%s"}]}'),
        ("POST", "/v1/search", '{"scope": "acme/alice", "query": "%s"}'),
        ("POST", "/v1/compile", '{"scope": "acme/alice", "query": "%s"}'),
        ("POST", "/v1/apply", '{"scope": "acme/alice", "markdown": "## Facts\\n\\n- %s\\n"}'),
    ],
)  # fmt: skip
def test_bad_text_is_invalid_input(
    server: Server, method: str, path: str, body: str, text: str
) -> None:
    http = server.http("admin")
    r = http.request(
        method, path, content=(body % text).encode(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "InvalidInput", r.text
    assert "not valid Unicode" in r.json()["message"]
    assert http.get("/v1/memories", params={"scope": "acme/alice"}).json()["count"] == 0
