"""The REST API in-process: roles, the writer's review flow, the error shape, limits, OpenAPI."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from memstack.server import ServerConfig

from .conftest import Server, make_server

ERROR_KEYS = {"ok", "status", "error", "message", "hint", "request_id"}


def _error(r: Any, status: int, name: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert ERROR_KEYS <= set(body) and body["ok"] is False
    assert (body["status"], body["error"]) == (status, name)
    assert "Traceback" not in r.text and 'File "' not in r.text
    assert r.headers["x-request-id"] == body["request_id"]
    return body


def test_no_key_is_401_and_a_bad_key_too(server: Server) -> None:
    anonymous = server.http(None)
    _error(anonymous.get("/v1/memories", params={"scope": "acme"}), 401, "Unauthorized")
    bad = anonymous.get(
        "/v1/memories", params={"scope": "acme"}, headers={"Authorization": "Bearer msk_not-a-key"}
    )
    _error(bad, 401, "Unauthorized")
    assert anonymous.get("/v1/health").json()["ok"] is True
    assert anonymous.get("/v1/ready").json()["ok"] is True


def test_a_revoked_key_stops_working_at_once(server: Server) -> None:
    reader = server.http("reader")
    assert reader.get("/v1/memories", params={"scope": "acme"}).status_code == 200
    kid = reader.get("/v1/whoami").json()["key_id"]
    assert server.http("admin").delete(f"/v1/keys/{kid}").status_code == 204
    _error(reader.get("/v1/memories", params={"scope": "acme"}), 401, "Unauthorized")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("reader", set()),
        ("writer", {"propose"}),
        ("reviewer", {"propose", "approve", "add"}),
        ("admin", {"propose", "approve", "add", "forget", "policy"}),
    ],
)
def test_roles(server: Server, role: str, allowed: set[str]) -> None:
    admin, h = server.http("admin"), server.http(role)
    p = admin.post(
        "/v1/proposals", json={"scope": "acme/a", "text": "Alice is vegan", "kind": "fact"}
    ).json()
    calls = {
        "propose": lambda: h.post(
            "/v1/proposals", json={"scope": "acme/a", "text": "x y", "kind": "fact"}
        ),
        "approve": lambda: h.post(
            f"/v1/proposals/{p['id']}/approve", json={"content_hash": p["content_hash"]}
        ),
        "add": lambda: h.post(
            "/v1/memories/batch", json={"items": [{"scope": "acme/a", "text": "z"}]}
        ),
        "forget": lambda: h.post("/v1/forget", json={"scope": "acme/a"}),
        "policy": lambda: h.put("/v1/policies", json={"scope_prefix": "acme", "mode": "human"}),
    }
    for name, call in calls.items():
        r = call()
        if name in allowed:
            assert r.status_code in (200, 201), (name, r.text)
        else:
            _error(r, 403, "Forbidden")
    assert h.get("/v1/memories", params={"scope": "acme"}).status_code == 200


def test_a_writers_add_waits_for_review_then_appears_in_search(server: Server) -> None:
    writer, reviewer = server.http("writer"), server.http("reviewer")
    r = writer.post("/v1/memories", json={"scope": "acme/alice", "text": "Alice is vegetarian"})
    body = _error(r, 202, "NeedsReview")
    pid, proposal = body["proposal_id"], body["proposal"]
    assert proposal["state"] == "pending" and proposal["source"]["origin"] == "ai"
    search = {"scope": "acme/alice", "query": "vegetarian"}
    assert reviewer.post("/v1/search", json=search).json()["count"] == 0
    ok = reviewer.post(
        f"/v1/proposals/{pid}/approve", json={"content_hash": proposal["content_hash"]}
    )
    assert ok.json()["state"] == "approved" and ok.json()["reviewer"] == "acme-reviewer"
    hits = reviewer.post("/v1/search", json=search).json()["data"]
    assert [h["memory"]["text"] for h in hits] == ["Alice is vegetarian"]


def test_a_writers_options_survive_review(server: Server) -> None:
    """Pin, importance, expiry and valid_from sent by a writer reach the approved memory."""
    writer, reviewer = server.http("writer"), server.http("reviewer")
    sent = {"scope": "acme/alice", "text": "Alice is allergic to nuts", "pinned": True,
            "importance": 0.9, "expires_at": "2031-01-01T00:00:00Z",
            "valid_from": "2026-03-14T09:00:00Z"}  # fmt: skip
    proposal = _error(writer.post("/v1/memories", json=sent), 202, "NeedsReview")["proposal"]
    assert (proposal["pinned"], proposal["importance"]) == (True, 0.9)
    assert proposal["memory_expires_at"].startswith("2031-01-01")
    done = reviewer.post(
        f"/v1/proposals/{proposal['id']}/approve", json={"content_hash": proposal["content_hash"]}
    ).json()
    rec = reviewer.get(f"/v1/memories/{done['result_id']}").json()
    assert (rec["pinned"], rec["importance"]) == (True, 0.9)
    assert rec["expires_at"].startswith("2031-01-01")
    assert rec["valid_from"].startswith("2026-03-14")
    # An update proposal that says nothing about them keeps the target's values.
    up = _error(
        writer.patch(f"/v1/memories/{rec['id']}", json={"text": "Alice is allergic to peanuts"}),
        202, "NeedsReview",
    )["proposal"]  # fmt: skip
    assert (up["pinned"], up["importance"], up["memory_expires_at"]) == (None, None, None)
    done = reviewer.post(
        f"/v1/proposals/{up['id']}/approve", json={"content_hash": up["content_hash"]}
    ).json()
    new = reviewer.get(f"/v1/memories/{done['result_id']}").json()
    assert (new["pinned"], new["importance"]) == (True, 0.9)
    assert new["expires_at"] == rec["expires_at"]


def test_a_writers_add_under_an_auto_policy_applies_at_once(server: Server) -> None:
    server.http("admin").put(
        "/v1/policies", json={"scope_prefix": "acme/bot", "kind": "fact", "mode": "auto"}
    )
    r = server.http("writer").post(
        "/v1/memories", json={"scope": "acme/bot/x", "text": "The bot speaks French"}
    )
    assert r.status_code == 201 and r.json()["text"] == "The bot speaks French"
    server.http("admin").put(
        "/v1/policies", json={"scope_prefix": "acme/bot", "kind": "fact", "mode": "deny"}
    )
    r = server.http("writer").post("/v1/memories", json={"scope": "acme/bot/x", "text": "Another"})
    _error(r, 403, "Forbidden")


def test_writer_update_and_delete_are_proposals(server: Server) -> None:
    rec = (
        server.http("admin")
        .post("/v1/memories", json={"scope": "acme/a", "text": "Uses pip"})
        .json()
    )
    writer = server.http("writer")
    up = _error(
        writer.patch(f"/v1/memories/{rec['id']}", json={"text": "Uses uv"}), 202, "NeedsReview"
    )
    assert (up["proposal"]["op"], up["proposal"]["target"]) == ("update", rec["id"])
    gone = _error(writer.delete(f"/v1/memories/{rec['id']}"), 202, "NeedsReview")
    assert gone["proposal"]["op"] == "delete"
    assert server.http("reader").get(f"/v1/memories/{rec['id']}").json()["text"] == "Uses pip"


def test_error_shape_for_each_status(server: Server) -> None:
    h = server.http("admin")
    _error(h.get("/v1/memories", params={"scope": "acme//x"}), 400, "InvalidScope")
    _error(h.post("/v1/search", json={"scope": "acme"}), 400, "UsageError")
    _error(
        h.post("/v1/memories", content=b"{not json", headers={"content-type": "application/json"}),
        400,
        "UsageError",
    )
    _error(h.get("/v1/memories/01ZZZZZZZZZZZZZZZZZZZZZZZZ"), 404, "NotFound")
    _error(h.get("/v1/no-such-route"), 404, "NotFound")
    p = h.post(
        "/v1/proposals", json={"scope": "acme/a", "text": "Alice is vegan", "kind": "fact"}
    ).json()
    _error(
        h.post(f"/v1/proposals/{p['id']}/approve", json={"content_hash": "sha256:" + "0" * 64}),
        409,
        "Conflict",
    )
    secret = "sk-proj-" + "a1B2c3D4e5F6g7H8i9J0" * 3
    refused = _error(
        h.post("/v1/memories", json={"scope": "acme/a", "text": f"key {secret}"}), 422, "Refused"
    )
    assert refused["findings"][0]["category"] == "secret"
    assert secret not in str(refused)
    invalid = _error(
        h.post("/v1/memories", json={"scope": "acme/a", "text": "x", "kind": "rumour"}),
        400,
        "UsageError",
    )
    assert invalid["errors"][0]["loc"] == ["body", "kind"] and "rumour" not in str(invalid)


def test_body_and_batch_limits_answer_413() -> None:
    s = make_server(ServerConfig(rate=0, max_body=2000, max_batch=3))
    h = s.http("admin")
    _error(h.post("/v1/memories", json={"scope": "acme/a", "text": "x" * 5000}), 413, "TooLarge")

    def chunks() -> Any:  # no Content-Length: the limit holds while reading
        for _ in range(10):
            yield b" " * 500

    r = h.post("/v1/memories", content=chunks(), headers={"content-type": "application/json"})
    _error(r, 413, "TooLarge")
    items = [{"scope": "acme/a", "text": f"n {i}"} for i in range(4)]
    _error(h.post("/v1/memories/batch", json={"items": items}), 413, "TooLarge")
    assert h.post("/v1/memories/batch", json={"items": items[:3]}).status_code == 201
    s.close()


def test_rate_limit_per_key_answers_429_with_retry_after() -> None:
    s = make_server(ServerConfig(rate=1, burst=3))
    reader, other = s.http("reader"), s.http("writer")
    codes = [reader.get("/v1/scopes").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
    r = reader.get("/v1/scopes")
    body = _error(r, 429, "RateLimited")
    assert int(r.headers["retry-after"]) >= 1 and body["retry_after"] > 0
    assert other.get("/v1/scopes").status_code == 200  # another key has its own bucket
    s.close()


def test_unexpected_errors_are_500_without_a_traceback(server: Server) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database exploded at /secret/path")

    server.memory.store.abatch = broken  # type: ignore[method-assign]
    from fastapi.testclient import TestClient

    h = TestClient(
        server.app,
        raise_server_exceptions=False,
        headers={"Authorization": f"Bearer {server.keys['acme:admin']}"},
    )
    logging.getLogger("memstack.server").disabled = True
    try:
        r = h.get("/v1/memories", params={"scope": "acme"})
    finally:
        logging.getLogger("memstack.server").disabled = False
    body = _error(r, 500, "MemstackError")
    assert "exploded" not in r.text and "/secret/path" not in r.text
    assert body["request_id"] in body["message"]
    h.close()


def test_access_log_is_json_without_memory_text(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="memstack.server.access")
    h = server.http("admin")
    h.post("/v1/memories", json={"scope": "acme/a", "text": "Alice is vegetarian"})
    h.post("/v1/search", json={"scope": "acme/a", "query": "vegetarian food"})
    h.get(
        "/v1/memories",
        params={"scope": "acme/a", "topic": "diet secret"},
        headers={"X-Request-Id": "req-42"},
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "memstack.server.access"]
    assert len(lines) == 3
    assert all("vegetarian" not in line and "secret" not in line for line in lines)
    import json

    last = json.loads(lines[-1])
    assert (last["request_id"], last["path"], last["status"]) == ("req-42", "/v1/memories", 200)
    assert last["key"] and "msk_" not in lines[-1]


def test_openapi_documents_every_route_and_the_error_shape(server: Server) -> None:
    spec = server.http(None).get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in (
        "/v1/memories",
        "/v1/memories/{id}",
        "/v1/search",
        "/v1/proposals/{id}/approve",
        "/v1/compile",
        "/v1/forget",
        "/v1/export",
        "/v1/audit",
        "/v1/policies",
        "/v1/conversations",
        "/v1/conversations/remember",
        "/v1/render",
        "/v1/apply",
        "/v1/scopes",
        "/v1/stats",
        "/v1/health",
        "/v1/ready",
        "/v1/keys",
    ):
        assert p in paths, p
    assert "ErrorOut" in spec["components"]["schemas"]


def test_compile_returns_the_provider_payload(server: Server) -> None:
    h = server.http("admin")
    h.post(
        "/v1/memories", json={"scope": "acme", "text": "Answer in British English.", "kind": "rule"}
    )
    out = h.post(
        "/v1/compile",
        json={
            "scope": "acme/alice",
            "query": "hello",
            "provider": "anthropic",
            "messages": [{"role": "user", "content": "hi"}],
        },
    ).json()
    assert "British English" in out["stable"]
    assert out["payload"]["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert out["payload"]["messages"][-1]["content"] == "hi"


def test_search_says_when_memory_is_off_for_reads(server: Server) -> None:
    http = server.http()
    added = http.post("/v1/memories", json={"scope": "acme/alice", "text": "Alice likes jazz"})
    assert added.status_code == 201, added.text
    found = http.post("/v1/search", json={"scope": "acme/alice", "query": "jazz"}).json()
    assert found["count"] == 1 and found["memory_off"] is False
    switch = {"scope": "acme/alice", "reads_off": True}
    assert http.put("/v1/switches", json=switch).status_code == 200
    off = http.post("/v1/search", json={"scope": "acme/alice", "query": "jazz"}).json()
    assert off == {"data": [], "count": 0, "memory_off": True}
    hits = server.client().search("acme/alice", "jazz")  # the Python client carries it too
    assert hits == [] and hits.memory_off


def test_remember_reports_a_message_read_in_parts(server: Server) -> None:
    long = "Remember that I prefer green tea. " + "The tests took a while. " * 1000
    messages = [{"role": "user", "id": "m1", "content": long}]
    body = {"scope": "acme/alice", "messages": messages}
    out = server.http().post("/v1/conversations/remember", json=body).json()
    assert out["changes"] == [{"index": 0, "turn": "m1", "secrets": [], "parts": 2}]
    found = server.client().remember("acme/bob", messages)
    assert [(c.turn, c.parts) for c in found.changes] == [("m1", 2)]


def test_apply_refuses_a_stale_render(server: Server) -> None:
    h = server.http("reviewer")
    h.post("/v1/memories", json={"scope": "acme", "text": "Use pip.", "kind": "rule"})
    first = h.get("/v1/render", params={"scope": "acme"}).json()
    h.post("/v1/memories", json={"scope": "acme", "text": "Tabs, not spaces.", "kind": "rule"})
    edited = first["markdown"].replace("Use pip.", "Use uv.")
    r = h.post(
        "/v1/apply",
        json={"scope": "acme", "markdown": edited, "base_digest": first["render_digest"]},
    )
    _error(r, 409, "Conflict")
    now = h.get("/v1/render", params={"scope": "acme"}).json()
    r = h.post(
        "/v1/apply",
        json={
            "scope": "acme",
            "markdown": now["markdown"].replace("Use pip.", "Use uv."),
            "base_digest": now["render_digest"],
        },
    )
    assert r.status_code == 200 and len(r.json()["edited"]) == 1


def test_proposal_filters_and_order(server: Server) -> None:
    h = server.http("admin")
    h.post("/v1/proposals", json={"scope": "acme/a", "text": "Alice is vegan", "kind": "fact"})
    h.post(
        "/v1/proposals", json={"scope": "acme/b", "text": "Always answer in French", "kind": "rule"}
    )
    h.post(
        "/v1/proposals",
        json={"scope": "acme/b", "text": "Mail bob@example.com daily", "kind": "fact"},
    )
    newest = h.get("/v1/proposals", params={"order": "newest"}).json()["data"]
    assert [p["scope"] for p in newest] == ["acme/b", "acme/b", "acme/a"]
    assert [p["kind"] for p in h.get("/v1/proposals", params={"kind": "rule"}).json()["data"]] == [
        "rule"
    ]
    flagged = h.get("/v1/proposals", params={"severity": "low"}).json()["data"]
    assert [p["text"] for p in flagged] == ["Mail bob@example.com daily"]
    assert h.get("/v1/proposals", params={"scope": "acme/a"}).json()["count"] == 1
    assert h.get("/v1/proposals", params={"proposer": "acme-admin"}).json()["count"] == 3


def test_bulk_review(server: Server) -> None:
    h = server.http("reviewer")
    ps = [
        h.post(
            "/v1/proposals", json={"scope": "acme/a", "text": f"Fact {i}", "kind": "fact"}
        ).json()
        for i in range(3)
    ]
    items = [{"id": p["id"], "content_hash": p["content_hash"]} for p in ps[:2]]
    items.append({"id": ps[2]["id"], "content_hash": "sha256:" + "0" * 64})
    out = h.post("/v1/proposals/bulk", json={"action": "approve", "items": items}).json()["data"]
    assert [o["ok"] for o in out] == [True, True, False]
    assert out[2]["error"]["error"] == "Conflict"
    r = h.post(
        "/v1/proposals/bulk",
        json={"action": "reject", "items": [{"id": ps[2]["id"]}], "reason": "dup"},
    )
    assert r.json()["data"][0]["proposal"]["state"] == "rejected"
    assert h.get("/v1/memories/count", params={"scope": "acme/a"}).json()["count"] == 2


def test_export_as_markdown_and_keys_over_http(server: Server) -> None:
    h = server.http("admin")
    h.post("/v1/memories", json={"scope": "acme/alice", "text": "Alice is vegetarian"})
    md = h.get("/v1/export", params={"scope": "acme/alice", "format": "markdown"})
    assert md.headers["content-type"].startswith("text/markdown") and "vegetarian" in md.text
    new = h.post("/v1/keys", json={"role": "reader", "name": "ci"}).json()
    assert new["key"].startswith("msk_") and new["tenant"] == "acme"
    listed = h.get("/v1/keys").json()["data"]
    assert new["id"] in [k["id"] for k in listed] and all("key" not in k for k in listed)
    r = h.get("/v1/scopes", headers={"Authorization": f"Bearer {new['key']}"})
    assert r.json()["data"] == {"acme/alice": 1}


def test_the_app_also_serves_a_blocking_memory_from_worker_threads() -> None:
    from fastapi.testclient import TestClient

    from memstack import Client, Memory
    from memstack.core import create_key
    from memstack.embed.fake import FakeEmbedder
    from memstack.server import create_app
    from memstack.store.sqlite import SqliteStore

    store = SqliteStore(":memory:")
    mem = Memory(store=store, embedder=FakeEmbedder())
    secret, _ = create_key(store, "acme", "admin")
    http = TestClient(create_app(mem, config=ServerConfig(rate=0)))
    with Client("http://testserver", secret, http=http) as client:
        rec = client.add("acme/alice", "Alice is vegetarian")
        assert client.search("acme/alice", "vegetarian")[0].memory == rec
    http.close()
    mem.close()


def test_no_auth_mode_answers_loopback_hosts_only() -> None:
    from fastapi.testclient import TestClient

    s = make_server(ServerConfig(auth=False, rate=0))
    local = TestClient(s.app, base_url="http://127.0.0.1:8765")
    who = local.get("/v1/whoami").json()
    assert (who["tenant"], who["role"]) == (None, "admin")
    assert local.post("/v1/memories", json={"scope": "any/x", "text": "hello"}).status_code == 201
    rebound = TestClient(s.app, base_url="http://attacker.example")
    _error(rebound.get("/v1/memories", params={"scope": "any"}), 401, "Unauthorized")
    # Keys still work, and still bind to their tenant.
    keyed = s.http("admin")
    assert keyed.get("/v1/memories", params={"scope": "any"}).status_code == 404
    local.close()
    rebound.close()
    s.close()


def test_message_timestamps_date_remembered_facts_and_ingested_turns(server: Server) -> None:
    h = server.http("admin")
    said = "2026-03-14T09:30:00+00:00"
    messages = [{"role": "user", "content": "I prefer green tea.", "timestamp": said}]
    out = h.post("/v1/conversations/remember", json={"scope": "acme/alice", "messages": messages})
    assert out.status_code == 201, out.text
    [p] = out.json()["data"]
    assert p["source"]["event_time"] == said
    epoch = [{"role": "user", "content": "We met on the bridge.", "created_at": 1773480600}]
    out = h.post("/v1/conversations", json={"scope": "acme/alice", "messages": epoch})
    assert out.status_code == 201, out.text
    [turn] = server.client().list("acme/alice", kind="episode")
    assert turn.valid_from.isoformat() == said
    bad = [{"role": "user", "content": "hi", "timestamp": "whenever"}]
    out = h.post("/v1/conversations", json={"scope": "acme/alice", "messages": bad})
    assert out.status_code == 400 and "not an ISO 8601 time" in out.text
