"""A key sees its own tenant only; another tenant's scope or id is answered like a missing one.

Prefix tricks (``acme`` vs ``acme2``), case, trailing slashes, ``..``,
percent-encoding, unicode look-alikes and LIKE/GLOB wildcards must neither
reach another tenant's data nor tell whether it exists.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Server


@pytest.fixture
def other(server: Server) -> dict[str, Any]:
    """Data of tenant acme2 (the key for acme must never see it)."""
    h = server.http("admin", "acme2")
    rec = h.post("/v1/memories", json={"scope": "acme2/alice", "text": "Secret of acme2"}).json()
    prop = h.post(
        "/v1/proposals", json={"scope": "acme2/alice", "text": "acme2 idea", "kind": "fact"}
    )
    h.put("/v1/policies", json={"scope_prefix": "acme2", "kind": "fact", "mode": "auto"})
    return {"record": rec, "proposal": prop.json()}


FAKE = "01ZZZZZZZZZZZZZZZZZZZZZZZZ"


def _same_404(a: Any, b: Any, real: str) -> None:
    """Two answers identical but for the id they name (and the request id)."""
    assert a.status_code == b.status_code == 404
    ja, jb = a.json(), b.json()
    ja.pop("request_id"), jb.pop("request_id")
    assert a.text.count(real) == b.text.count(FAKE)
    assert str(ja).replace(real, "ID") == str(jb).replace(FAKE, "ID")


TRICKS = [
    "acme2",
    "acme2/alice",
    "ACME",
    "Acme/alice",
    "acm",
    "acme_",
    "acme-",
    "acme.",
]


@pytest.mark.parametrize("scope", TRICKS)
def test_scopes_of_other_tenants_are_not_found(server: Server, other: Any, scope: str) -> None:
    h = server.http("admin")
    for r in (
        h.get("/v1/memories", params={"scope": scope}),
        h.post("/v1/search", json={"scope": scope, "query": "secret"}),
        h.post("/v1/memories", json={"scope": scope, "text": "planted"}),
        h.get("/v1/render", params={"scope": scope}),
        h.post("/v1/compile", json={"scope": scope, "query": "secret"}),
        h.get("/v1/export", params={"scope": scope}),
        h.post("/v1/forget", json={"scope": scope}),
        h.get("/v1/proposals", params={"scope": scope}),
        h.get("/v1/audit", params={"scope": scope}),
        h.get("/v1/scopes", params={"prefix": scope}),
    ):
        assert r.status_code == 404, (scope, r.request.url, r.text)
        assert "Secret" not in r.text and "acme2 idea" not in r.text
    # Nothing of acme2 was touched.
    own = server.http("admin", "acme2").get("/v1/memories", params={"scope": "acme2/alice"})
    assert [m["text"] for m in own.json()["data"]] == ["Secret of acme2"]


@pytest.mark.parametrize(
    "scope",
    [
        "acme/",
        "acme/../acme2",
        "..",
        "acme/..",
        "acme%2F..%2Facme2",
        "аcme",
        "acme/ali*",
        "acme/%",
        "acme/a?",
        "acme\u200b",
        "acme/alice/",
    ],
)
def test_malformed_scopes_are_usage_errors_not_lookups(
    server: Server, other: Any, scope: str
) -> None:
    r = server.http("admin").get("/v1/memories", params={"scope": scope})
    assert r.status_code in (400, 404), r.text
    assert "Secret" not in r.text


def test_percent_encoded_scope_is_the_same_scope(server: Server) -> None:
    h = server.http("admin")
    h.post("/v1/memories", json={"scope": "acme/alice", "text": "Alice is vegetarian"})
    r = h.get("/v1/memories?scope=acme%2Falice")
    assert [m["text"] for m in r.json()["data"]] == ["Alice is vegetarian"]
    r = h.get("/v1/memories?scope=acme2%2Falice")
    assert r.status_code == 404


def test_ids_of_other_tenants_answer_exactly_like_unknown_ids(server: Server, other: Any) -> None:
    h = server.http("admin")
    rid, pid = other["record"]["id"], other["proposal"]["id"]
    approve = {"content_hash": other["proposal"]["content_hash"]}
    calls = [
        ("get", "/v1/memories/{}", rid, {}),
        ("patch", "/v1/memories/{}", rid, {"json": {"text": "x"}}),
        ("delete", "/v1/memories/{}", rid, {}),
        ("get", "/v1/memories/{}/history", rid, {}),
        ("get", "/v1/proposals/{}", pid, {}),
        ("post", "/v1/proposals/{}/approve", pid, {"json": approve}),
        ("post", "/v1/proposals/{}/reject", pid, {"json": {"reason": "x"}}),
        ("get", "/v1/proposals/{}/history", pid, {}),
    ]
    for method, path, real, kwargs in calls:
        theirs = getattr(h, method)(path.format(real), **kwargs)
        unknown = getattr(h, method)(path.format(FAKE), **kwargs)
        _same_404(theirs, unknown, real)
    # Nothing changed for acme2.
    h2 = server.http("admin", "acme2")
    assert h2.get(f"/v1/memories/{rid}").json()["text"] == "Secret of acme2"
    assert h2.get(f"/v1/proposals/{pid}").json()["state"] == "pending"


def test_proposing_against_another_tenants_memory_is_not_found(server: Server, other: Any) -> None:
    r = server.http("admin").post(
        "/v1/proposals",
        json={
            "scope": "acme/alice",
            "text": "x",
            "kind": "fact",
            "op": "update",
            "target": other["record"]["id"],
        },
    )
    assert r.status_code == 404


def test_bulk_review_skips_other_tenants(server: Server, other: Any) -> None:
    pid = other["proposal"]["id"]
    r = server.http("reviewer").post(
        "/v1/proposals/bulk",
        json={
            "action": "reject",
            "reason": "spam",
            "items": [{"id": pid}],
        },
    )
    assert r.json()["data"][0]["ok"] is False
    assert r.json()["data"][0]["error"]["status"] == 404


def test_listings_never_include_other_tenants(server: Server, other: Any) -> None:
    h = server.http("admin")
    h.post("/v1/memories", json={"scope": "acme/alice", "text": "mine"})
    assert h.get("/v1/proposals", params={"state": "all"}).json()["count"] == 0
    assert h.get("/v1/policies").json()["data"] == []
    assert h.get("/v1/scopes").json()["data"] == {"acme/alice": 1}
    stats = h.get("/v1/stats").json()
    assert (stats["tenant"], stats["memories"], stats["pending_proposals"]) == ("acme", 1, 0)
    assert all(k["tenant"] == "acme" for k in h.get("/v1/keys").json()["data"])


def test_policies_and_keys_stay_in_the_tenant(server: Server, other: Any) -> None:
    h = server.http("admin")
    r = h.put("/v1/policies", json={"scope_prefix": "*", "kind": None, "mode": "auto"})
    assert r.status_code == 400  # '*' is not a scope
    r = h.put("/v1/policies", json={"scope_prefix": "acme2", "kind": None, "mode": "deny"})
    assert r.status_code == 404
    assert h.post("/v1/keys", json={"role": "admin", "tenant": "acme2"}).status_code == 404
    other_key = server.http("admin", "acme2").get("/v1/keys").json()["data"][0]["id"]
    assert h.delete(f"/v1/keys/{other_key}").status_code == 404
