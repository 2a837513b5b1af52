"""Memories: add, add in batches, get, list, count, update, delete, history, search.

A ``reviewer`` or ``admin`` key writes directly (a human-authored change). A
``writer`` key's add, update and delete become proposals handed to the scope's
review policy: ``auto`` applies a clean one at once (201/200, as a direct
write), ``human`` answers 202 with the pending proposal (the client raises
:class:`~memstack.errors.NeedsReview`), ``deny`` answers 403.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, cast

from fastapi import APIRouter, Query, Response

from ...core import UNSET, MemoryItem
from ...core.wire import hit_to
from ...errors import Forbidden, NeedsReview, TooLarge, UsageError
from ...models import ROLES, Kind, Proposal, Record, Source, proposal_to_dict
from ..deps import Caller, Config, Door, Principal
from ..schemas import (
    AddedOut,
    CountOut,
    EventsOut,
    HitsOut,
    MemoriesIn,
    MemoryIn,
    MemoryItemIn,
    MemoryUpdateIn,
    RecordOut,
    RecordsOut,
    SearchIn,
)

router = APIRouter(tags=["memories"])

# Plain strings here: Memory checks the kind names and says which are known (400).
KindQuery = Annotated[list[str] | None, Query()]
#: The scope bound of an id-based call (default: the key's tenant); outside it: 404.
BoundQuery = Annotated[str | None, Query(description="Act only if the id is in this scope.")]


MetaQuery = Annotated[
    str | None,
    Query(description='A metadata filter as JSON: {"key": value} or {"key": {"$in": [...]}}.'),
]


def _meta(value: str | None) -> dict[str, Any] | None:
    """The ``metadata`` query parameter: a JSON object, or a 400 saying so."""
    if value is None:
        return None
    try:
        found = json.loads(value)
    except ValueError as exc:
        raise UsageError(f"The metadata filter is not valid JSON: {exc}.") from exc
    if not isinstance(found, dict):
        raise UsageError("The metadata filter must be a JSON object.")
    return found


def _kinds(kind: list[str] | None) -> list[Kind] | None:
    return cast(list[Kind] | None, kind)


def direct(caller: Principal) -> bool:
    """True if the caller's writes apply at once (reviewer and above)."""
    return ROLES.index(caller.role) >= ROLES.index("reviewer")


def _item(body: MemoryItemIn, caller: Principal) -> MemoryItem:
    """An ``add_many`` item (the author defaults to the key's actor)."""
    opts = body.model_dump(exclude={"scope", "text", "idempotency_key"}, exclude_none=True)
    opts.setdefault("author", caller.actor)
    return cast(MemoryItem, {"scope": caller.scope(body.scope), "text": body.text, **opts})


async def outcome(door: Door, p: Proposal) -> Record | None:
    """What a writer's proposal became: the record, ``None`` for a delete, or raise."""
    if p.state == "approved":
        return None if p.op == "delete" or p.result_id is None else await door.mem.get(p.result_id)
    if p.state == "rejected":
        raise Forbidden(
            f"The review policy for {p.scope!r} ({p.kind}) rejects changes from this key.",
            hint=f"Proposal {p.id} was rejected by {p.reviewer}.",
        )
    exc = NeedsReview(f"The change waits for a reviewer (proposal {p.id}).", proposal_id=p.id)
    exc.proposal = proposal_to_dict(p)  # type: ignore[attr-defined]
    raise exc


def _source(caller: Principal) -> Source:
    return Source(origin="ai", author=caller.actor)


@router.post("/memories", response_model=RecordOut, status_code=201)
async def add_memory(body: MemoryIn, caller: Caller, door: Door) -> Any:
    """Store one memory (reviewer: at once; writer: through review, see the module notes)."""
    caller.require("writer")
    scope = caller.scope(body.scope)
    if direct(caller):
        rec = await door.mem.add(
            scope, body.text, kind=body.kind, topic=body.topic, pinned=body.pinned,
            importance=0.5 if body.importance is None else body.importance,
            source=body.source.model_dump() if body.source else None,
            author=body.author or caller.actor, valid_from=body.valid_from,
            expires_at=body.expires_at, idempotency_key=body.idempotency_key,
            metadata=body.metadata,
        )  # fmt: skip
        return rec.to_dict()
    p = await door.mem.propose(
        scope, body.text, kind=body.kind, topic=body.topic, source=_source(caller),
        rationale="Written through the API by a writer key.",
        idempotency_key=body.idempotency_key, metadata=body.metadata,
        valid_from=body.valid_from, pinned=body.pinned or None, importance=body.importance,
        memory_expires_at=body.expires_at,
    )  # fmt: skip
    found = await outcome(door, p)
    assert found is not None
    return found.to_dict()


@router.post("/memories/batch", response_model=AddedOut, status_code=201)
async def add_many(body: MemoriesIn, caller: Caller, door: Door, config: Config) -> Any:
    """Store many memories in one call (reviewer and above; at most ``max_batch`` items)."""
    caller.require("reviewer")
    if len(body.items) > config.max_batch:
        raise TooLarge(
            f"{len(body.items)} items in one batch; the server takes at most {config.max_batch}.",
            hint="Split the batch.",
        )
    items = [_item(i, caller) for i in body.items]
    records = await door.mem.add_many(
        items, idempotency_key=body.idempotency_key, strict=body.strict
    )
    return {
        "data": [r.to_dict() for r in records], "count": len(records),
        "refused": [r.to_dict() for r in records.refused],
    }  # fmt: skip


@router.get("/memories", response_model=RecordsOut)
async def list_memories(
    caller: Caller,
    door: Door,
    scope: str,
    kind: KindQuery = None,
    topic: str | None = None,
    include_descendants: bool = False,
    include_superseded: bool = False,
    as_of: datetime | None = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    metadata: MetaQuery = None,
) -> Any:
    """Memories visible from ``scope`` (it and its ancestors), oldest first."""
    caller.require("reader")
    records: list[Record] = await door.mem.list(
        caller.scope(scope), kind=_kinds(kind), topic=topic, as_of=as_of, limit=limit,
        offset=offset, include_descendants=include_descendants,
        include_superseded=include_superseded, metadata=_meta(metadata),
    )  # fmt: skip
    return {"data": [r.to_dict() for r in records], "count": len(records)}


@router.get("/memories/count", response_model=CountOut)
async def count_memories(
    caller: Caller,
    door: Door,
    scope: str,
    kind: KindQuery = None,
    topic: str | None = None,
    include_descendants: bool = False,
    include_superseded: bool = False,
    as_of: datetime | None = None,
    metadata: MetaQuery = None,
) -> Any:
    """How many memories ``GET /memories`` would list."""
    caller.require("reader")
    n = await door.mem.count(
        caller.scope(scope), kind=_kinds(kind), topic=topic, as_of=as_of,
        include_descendants=include_descendants, include_superseded=include_superseded,
        metadata=_meta(metadata),
    )  # fmt: skip
    return {"count": n}


@router.get("/memories/{id}", response_model=RecordOut)
async def get_memory(id: str, caller: Caller, door: Door, scope: BoundQuery = None) -> Any:
    """One memory by id (404 if unknown or in another tenant)."""
    caller.require("reader")
    return (await door.record(caller, id, caller.default_scope(scope))).to_dict()


@router.patch("/memories/{id}", response_model=RecordOut)
async def update_memory(
    id: str, body: MemoryUpdateIn, caller: Caller, door: Door, scope: BoundQuery = None
) -> Any:
    """A new version of a memory; the old one is superseded (writer: through review)."""
    caller.require("writer")
    bound = caller.default_scope(scope)
    rec = await door.record(caller, id, bound)
    if direct(caller):
        # Fields not sent keep their values; a topic sent as null is cleared.
        new = await door.mem.update(
            id, body.text, author=body.author or caller.actor,
            topic=body.topic if "topic" in body.model_fields_set else UNSET,
            pinned=UNSET if body.pinned is None else body.pinned,
            importance=UNSET if body.importance is None else body.importance,
            valid_from=body.valid_from, reason=body.reason, scope=bound,
            metadata=body.metadata if "metadata" in body.model_fields_set else UNSET,
            expires_at=body.expires_at if "expires_at" in body.model_fields_set else UNSET,
        )  # fmt: skip
        return new.to_dict()
    p = await door.mem.propose(
        rec.scope, body.text, kind=rec.kind, op="update", target=id,
        topic=body.topic, source=_source(caller), rationale=body.reason,
        metadata=body.metadata if "metadata" in body.model_fields_set else None,
        pinned=body.pinned, importance=body.importance, valid_from=body.valid_from,
        memory_expires_at=body.expires_at,  # not sent or null: the target's expiry is kept
    )  # fmt: skip
    found = await outcome(door, p)
    assert found is not None
    return found.to_dict()


@router.delete("/memories/{id}", status_code=204)
async def delete_memory(
    id: str,
    caller: Caller,
    door: Door,
    reason: str | None = None,
    author: str | None = None,
    scope: BoundQuery = None,
) -> Response:
    """Delete a memory; its history keeps a ``delete`` event (writer: through review)."""
    caller.require("writer")
    bound = caller.default_scope(scope)
    rec = await door.record(caller, id, bound)
    if direct(caller):
        await door.mem.delete(id, author=author or caller.actor, reason=reason, scope=bound)
    else:
        p = await door.mem.propose(
            rec.scope, None, kind=rec.kind, op="delete", target=id,
            source=_source(caller), rationale=reason,
        )  # fmt: skip
        await outcome(door, p)
    return Response(status_code=204)


@router.get("/memories/{id}/history", response_model=EventsOut)
async def memory_history(id: str, caller: Caller, door: Door, scope: BoundQuery = None) -> Any:
    """Every event of the memory's lineage, oldest first (also after a delete)."""
    caller.require("reader")
    events = await door.history(caller, id, caller.default_scope(scope))
    return {"data": [e.to_dict() for e in events], "count": len(events)}


@router.post("/search", response_model=HitsOut)
async def search(body: SearchIn, caller: Caller, door: Door) -> Any:
    """Hybrid search from a scope (it and its ancestors), best first, with score parts."""
    caller.require("reader")
    hits = await door.mem.search(
        caller.scope(body.scope), body.query, limit=body.limit, kind=body.kind,
        topic=body.topic, as_of=body.as_of, include_descendants=body.include_descendants,
        include_superseded=body.include_superseded, mode=body.mode, metadata=body.metadata,
    )  # fmt: skip
    return {"data": [hit_to(h) for h in hits], "count": len(hits), "memory_off": hits.memory_off}
