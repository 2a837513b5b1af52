"""The client's methods, written once as request plans for both doors.

Each public method has :class:`memstack.Memory`'s name and signature, builds
the request(s) and turns the JSON answer back into memstack's values
(:mod:`memstack.core.wire`). ``self._run(plan)`` is a value on ``Client`` and an
awaitable on ``AsyncClient``.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar
from urllib.parse import quote

from .. import errors as _errors
from ..core import (
    DEFAULT_BUDGET,
    DEFAULT_RECALL,
    DEFAULT_RECALL_LIMIT,
    UNSET,
    ChangeSet,
    Export,
    MemoryItem,
    Prompt,
    Unset,
)
from ..core import FORGET_REASON as DEFAULT_REASON
from ..core.wire import (
    changeset_from,
    event_from,
    export_from,
    hit_from,
    policy_from,
    prompt_from,
    proposal_from,
    receipt_from,
    record_from,
)
from ..errors import MemstackError, UsageError
from ..models import (
    Added,
    Decision,
    ErasureReceipt,
    Event,
    Hit,
    Ingested,
    ItemRefused,
    Kind,
    MemorySwitch,
    Policy,
    Proposal,
    Record,
    Remembered,
    Scope,
    Source,
    TurnChange,
)

__all__ = ["Methods", "Plan", "Request"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP call of a plan: the answer's JSON (or text) is sent back into the plan."""

    method: str
    path: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    text: bool = False


Plan = Generator[Request, Any, T]


def _call(req: Request, decode: Callable[[Any], T]) -> Plan[T]:
    return decode((yield req))


def _path(scope: Scope | str) -> str:
    return scope.path if isinstance(scope, Scope) else scope


def _json(value: Any) -> Any:
    """Arguments as JSON: times in ISO 8601, sources as dicts, tuples as lists."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Source):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def _clean(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _json(v) for k, v in d.items() if v is not None}


def _bound(scope: Scope | str | None) -> dict[str, str] | None:
    """The query of an id-based call bound to ``scope`` (the server always binds to the tenant)."""
    return None if scope is None else {"scope": _path(scope)}


def _id(value: str) -> str:
    return quote(str(value), safe="")


def _records(d: Any) -> list[Record]:
    return [record_from(r) for r in d["data"]]


def _events(d: Any) -> list[Event]:
    return [event_from(e) for e in d["data"]]


def _proposals(d: Any) -> list[Proposal]:
    return [proposal_from(p) for p in d["data"]]


class Methods:
    """Mixin with every method; the door supplies ``_run``."""

    def _run(self, plan: Plan[T]) -> Any:
        raise NotImplementedError

    # -- writes -----------------------------------------------------------------------------

    def add(
        self,
        scope: Scope | str,
        text: str,
        /,
        *,
        kind: Kind = "fact",
        topic: str | None = None,
        pinned: bool = False,
        importance: float = 0.5,
        source: Source | Mapping[str, Any] | None = None,
        author: str | None = None,
        valid_from: datetime | None = None,
        expires_at: datetime | None = None,
        idempotency_key: str | None = None,
    ) -> Record:
        """Store one memory (see :meth:`memstack.Memory.add`).

        With a ``writer`` key the write is a proposal: the memory comes back when
        the scope's policy applies it at once, else :class:`~memstack.errors.NeedsReview`
        is raised with the proposal id. A retry with the same ``idempotency_key``
        stores nothing twice.
        """
        body = _clean({
            "scope": _path(scope), "text": text, "kind": kind, "topic": topic, "pinned": pinned,
            "importance": importance, "source": source, "author": author,
            "valid_from": valid_from, "expires_at": expires_at,
            "idempotency_key": idempotency_key,
        })  # fmt: skip
        return self._run(_call(Request("POST", "/v1/memories", json=body), record_from))  # type: ignore[no-any-return]

    def add_many(
        self,
        items: Iterable[MemoryItem],
        /,
        *,
        batch_size: int = 256,
        progress: Callable[[int], None] | None = None,
        idempotency_key: str | None = None,
        strict: bool = True,
    ) -> Added:
        """Store many memories, ``batch_size`` per request (each request is one transaction).

        With ``idempotency_key``, each request carries a key derived from it and the
        batch's first position (the key itself for the first batch), so retrying the
        same call with the same ``batch_size`` stores only what is missing. With
        ``strict=False`` bad items are reported in ``refused`` (as ``Memory.add_many``).
        """
        if batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, got {batch_size}.")
        found = self._add_many(list(items), batch_size, progress, idempotency_key, strict)
        return self._run(found)  # type: ignore[no-any-return]

    def _add_many(
        self,
        items: builtins.list[MemoryItem],
        size: int,
        progress: Callable[[int], None] | None,
        key: str | None,
        strict: bool,
    ) -> Plan[Added]:
        out: list[Record] = []
        refused: list[ItemRefused] = []
        for start in range(0, len(items), size):
            for i, item in enumerate(items[start : start + size], start):
                if not isinstance(item, Mapping) or "scope" not in item or "text" not in item:
                    raise UsageError(f"Item {i} must be a mapping with 'scope' and 'text'.")
            chunk = [_clean({**i, "scope": _path(i["scope"])}) for i in items[start : start + size]]
            body: dict[str, Any] = {"items": chunk, "strict": strict}
            if key is not None:
                body["idempotency_key"] = key if start == 0 else f"{key}@{start}"
            found = yield Request("POST", "/v1/memories/batch", json=body)
            out += _records(found)
            refused += [
                ItemRefused(start + r["index"], r["error"], r["message"])
                for r in found.get("refused", ())
            ]
            if progress is not None:
                progress(len(chunk))
        return Added(out, refused)

    def ingest_conversation(
        self,
        scope: Scope | str,
        messages: Sequence[Mapping[str, Any]],
        /,
        *,
        session_time: datetime | None = None,
        conversation: str | None = None,
        session: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Ingested:
        """Archive OpenAI-style messages as episodes (as ``Memory.ingest_conversation``)."""
        body = _clean({
            "scope": _path(scope), "messages": list(messages), "session_time": session_time,
            "conversation": conversation, "session": session,
        })  # fmt: skip

        def done(d: Any) -> Ingested:
            changes = [
                TurnChange(c["index"], c["turn"], tuple(c["secrets"]), c["parts"])
                for c in d.get("changes", ())
            ]
            found = Ingested(_records(d), changes)
            if progress is not None:
                progress(len(found))
            return found

        return self._run(_call(Request("POST", "/v1/conversations", json=body), done))  # type: ignore[no-any-return]

    def update(
        self,
        id: str,
        text: str,
        /,
        *,
        author: str | None = None,
        topic: str | None | Unset = UNSET,
        pinned: bool | Unset = UNSET,
        importance: float | Unset = UNSET,
        valid_from: datetime | None = None,
        reason: str | None = None,
        scope: Scope | str | None = None,
    ) -> Record:
        """A new version of a memory (see :meth:`memstack.Memory.update`).

        ``topic``, ``pinned`` and ``importance`` keep their values unless given
        (``topic=None`` clears the topic).
        """
        body = _clean({
            "text": text, "author": author, "valid_from": valid_from, "reason": reason,
            "pinned": None if isinstance(pinned, Unset) else pinned,
            "importance": None if isinstance(importance, Unset) else importance,
        })  # fmt: skip
        if not isinstance(topic, Unset):
            body["topic"] = topic  # null clears it
        req = Request("PATCH", f"/v1/memories/{_id(id)}", params=_bound(scope), json=body)
        return self._run(_call(req, record_from))  # type: ignore[no-any-return]

    def delete(
        self,
        id: str,
        /,
        *,
        author: str | None = None,
        reason: str | None = None,
        scope: Scope | str | None = None,
    ) -> None:
        """Delete a memory; a ``delete`` event stays in its history."""
        params = _clean({"author": author, "reason": reason, **(_bound(scope) or {})})
        return self._run(_call(Request("DELETE", f"/v1/memories/{_id(id)}", params=params), _none))  # type: ignore[no-any-return]

    # -- reads ------------------------------------------------------------------------------

    def get(self, id: str, /, *, scope: Scope | str | None = None) -> Record:
        """The record with this id (within ``scope`` if given). Raises NotFound."""
        req = Request("GET", f"/v1/memories/{_id(id)}", params=_bound(scope))
        return self._run(_call(req, record_from))  # type: ignore[no-any-return]

    def list(
        self,
        scope: Scope | str,
        /,
        *,
        kind: str | Sequence[str] | None = None,
        topic: str | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        as_of: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[Record]:
        """Records visible from ``scope`` (it and its ancestors), oldest first."""
        params = _filters(
            scope, kind, topic, include_descendants, include_superseded, as_of,
            limit=limit, offset=offset or None,
        )  # fmt: skip
        return self._run(_call(Request("GET", "/v1/memories", params=params), _records))  # type: ignore[no-any-return]

    def count(
        self,
        scope: Scope | str,
        /,
        *,
        kind: Kind | Sequence[Kind] | None = None,
        topic: str | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        as_of: datetime | None = None,
    ) -> int:
        """How many records :meth:`list` would return."""
        params = _filters(scope, kind, topic, include_descendants, include_superseded, as_of)
        req = Request("GET", "/v1/memories/count", params=params)
        return self._run(_call(req, lambda d: int(d["count"])))  # type: ignore[no-any-return]

    def search(
        self,
        scope: Scope | str,
        query: str,
        /,
        *,
        limit: int = 10,
        kind: str | Sequence[str] | None = None,
        topic: str | None = None,
        as_of: datetime | None = None,
        include_descendants: bool = False,
        include_superseded: bool = False,
        mode: str = "hybrid",
    ) -> builtins.list[Hit]:
        """Find the memories most relevant to ``query`` that ``scope`` may see."""
        body = _clean({
            "scope": _path(scope), "query": query, "limit": limit,
            "kind": list(kind) if isinstance(kind, list | tuple) else kind, "topic": topic,
            "as_of": as_of, "include_descendants": include_descendants,
            "include_superseded": include_superseded, "mode": mode,
        })  # fmt: skip
        req = Request("POST", "/v1/search", json=body)
        return self._run(_call(req, lambda d: [hit_from(h) for h in d["data"]]))  # type: ignore[no-any-return]

    def history(self, id: str, /, *, scope: Scope | str | None = None) -> builtins.list[Event]:
        """Every event of this memory's lineage, oldest first."""
        req = Request("GET", f"/v1/memories/{_id(id)}/history", params=_bound(scope))
        return self._run(_call(req, _events))  # type: ignore[no-any-return]

    def scopes(self, prefix: str | None = None) -> dict[str, int]:
        """Scopes holding current memories, with counts (default: the key's tenant)."""
        req = Request("GET", "/v1/scopes", params=_clean({"prefix": prefix}))
        return self._run(_call(req, lambda d: dict(d["data"])))  # type: ignore[no-any-return]

    def stats(self) -> dict[str, Any]:
        """Counts for the key's tenant."""
        return self._run(_call(Request("GET", "/v1/stats"), dict))  # type: ignore[no-any-return]

    # -- review -----------------------------------------------------------------------------

    def propose(
        self,
        scope: Scope | str,
        /,
        text: str | None = None,
        *,
        kind: Kind,
        op: str = "add",
        target: str | None = None,
        source: Source | Mapping[str, Any] | None = None,
        rationale: str | None = None,
        excerpt: str | None = None,
        topic: str | None = None,
        idempotency_key: str | None = None,
    ) -> Proposal:
        """Suggest a change; it is screened and handed to its policy.

        A retry with the same ``idempotency_key`` returns the first proposal.
        """
        body = _clean({
            "scope": _path(scope), "text": text, "kind": kind, "op": op, "target": target,
            "source": source, "rationale": rationale, "excerpt": excerpt, "topic": topic,
            "idempotency_key": idempotency_key,
        })  # fmt: skip
        return self._run(_call(Request("POST", "/v1/proposals", json=body), proposal_from))  # type: ignore[no-any-return]

    def proposals(
        self, scope: Scope | str | None = None, *, state: str | None = "pending",
        limit: int | None = None, kind: Kind | None = None, proposer: str | None = None,
        severity: str | None = None,
    ) -> builtins.list[Proposal]:  # fmt: skip
        """Proposals under ``scope`` (default: the key's tenant), oldest first, filtered."""
        params = _clean({
            "scope": None if scope is None else _path(scope), "state": state or "all",
            "limit": limit, "kind": kind, "proposer": proposer, "severity": severity,
        })  # fmt: skip
        return self._run(_call(Request("GET", "/v1/proposals", params=params), _proposals))  # type: ignore[no-any-return]

    def proposal(self, id: str, /, *, scope: Scope | str | None = None) -> Proposal:
        """One proposal by id. Raises NotFound."""
        req = Request("GET", f"/v1/proposals/{_id(id)}", params=_bound(scope))
        return self._run(_call(req, proposal_from))  # type: ignore[no-any-return]

    def proposal_history(
        self, id: str, /, *, scope: Scope | str | None = None
    ) -> builtins.list[Event]:
        """Every event of a proposal, oldest first."""
        req = Request("GET", f"/v1/proposals/{_id(id)}/history", params=_bound(scope))
        return self._run(_call(req, _events))  # type: ignore[no-any-return]

    def approve(
        self, id: str, /, *, reviewer: str | None = None, text: str | None = None,
        content_hash: str | None = None, scope: Scope | str | None = None,
    ) -> Proposal:  # fmt: skip
        """Approve a pending proposal; the server requires ``content_hash`` (what you saw)."""
        if content_hash is None:
            raise UsageError(
                "approve() over HTTP needs content_hash: the Proposal.content_hash you reviewed."
            )
        body = _clean({"reviewer": reviewer, "text": text, "content_hash": content_hash})
        req = Request(
            "POST", f"/v1/proposals/{_id(id)}/approve", params=_bound(scope), json=body
        )
        return self._run(_call(req, proposal_from))  # type: ignore[no-any-return]

    def reject(
        self,
        id: str,
        /,
        *,
        reviewer: str | None = None,
        reason: str,
        scope: Scope | str | None = None,
    ) -> Proposal:
        """Reject a pending proposal, with a reason."""
        body = _clean({"reviewer": reviewer, "reason": reason})
        req = Request("POST", f"/v1/proposals/{_id(id)}/reject", params=_bound(scope), json=body)
        return self._run(_call(req, proposal_from))  # type: ignore[no-any-return]

    def set_policy(
        self, scope_prefix: str, /, kind: str | None, mode: str, *, author: str | None = None
    ) -> Policy | None:
        """Set how proposals under a scope prefix (and of a kind) are reviewed."""
        body = {"scope_prefix": scope_prefix, "kind": kind, "mode": mode, "author": author}
        req = Request("PUT", "/v1/policies", json=body)
        return self._run(_call(req, lambda d: None if d is None else policy_from(d)))  # type: ignore[no-any-return]

    def decide(
        self,
        items: Sequence[tuple[str, str | None]],
        /,
        *,
        action: Literal["approve", "reject"],
        reviewer: str | None = None,
        reason: str | None = None,
        scope: Scope | str | None = None,
    ) -> builtins.list[Decision]:
        """Approve or reject many proposals (``POST /v1/proposals/bulk``); each on its own."""
        body = _clean({"action": action, "reviewer": reviewer, "reason": reason,
                       "items": [{"id": i, "content_hash": h} for i, h in items]})  # fmt: skip
        req = Request("POST", "/v1/proposals/bulk", params=_bound(scope), json=body)
        return self._run(_call(req, lambda d: [_decision(x) for x in d["data"]]))  # type: ignore[no-any-return]

    def memory_off(
        self,
        scope: Scope | str,
        /,
        *,
        reads: bool = True,
        writes: bool = True,
        author: str | None = None,
    ) -> MemorySwitch:
        """Turn memory off for a scope (and the scopes below it): reads, writes or both."""
        body = _clean({"scope": str(scope), "reads_off": True if reads else None,
                       "writes_off": True if writes else None, "author": author})  # fmt: skip
        return self._run(_call(Request("PUT", "/v1/switches", json=body), _switch))  # type: ignore[no-any-return]

    def memory_on(
        self,
        scope: Scope | str,
        /,
        *,
        reads: bool = True,
        writes: bool = True,
        author: str | None = None,
    ) -> MemorySwitch:
        """Turn memory back on for a scope (its own switch; an ancestor's stays)."""
        body = _clean({"scope": str(scope), "reads_off": False if reads else None,
                       "writes_off": False if writes else None, "author": author})  # fmt: skip
        return self._run(_call(Request("PUT", "/v1/switches", json=body), _switch))  # type: ignore[no-any-return]

    def memory_status(self, scope: Scope | str, /) -> MemorySwitch:
        """Whether memory is off for reads and writes in a scope."""
        req = Request("GET", f"/v1/switches/{quote(str(scope), safe='/')}")
        return self._run(_call(req, _switch))  # type: ignore[no-any-return]

    def memory_switches(self) -> builtins.list[MemorySwitch]:
        """The scopes of the key's tenant with memory switched off."""
        req = Request("GET", "/v1/switches")
        return self._run(_call(req, lambda d: [_switch(s) for s in d["data"]]))  # type: ignore[no-any-return]

    def policies(self) -> builtins.list[Policy]:
        """The review policies of the key's tenant."""
        req = Request("GET", "/v1/policies")
        return self._run(_call(req, lambda d: [policy_from(p) for p in d["data"]]))  # type: ignore[no-any-return]

    def remember(
        self,
        scope: Scope | str,
        messages: Sequence[Mapping[str, Any]],
        /,
        *,
        session_time: datetime | None = None,
        conversation: str | None = None,
    ) -> Remembered:
        """Turn a conversation into proposals with the server's extractor."""
        body = _clean({
            "scope": _path(scope), "messages": list(messages), "session_time": session_time,
            "conversation": conversation,
        })  # fmt: skip
        req = Request("POST", "/v1/conversations/remember", json=body)
        return self._run(_call(req, lambda d: Remembered(_proposals(d))))  # type: ignore[no-any-return]

    # -- prompts ----------------------------------------------------------------------------

    def compile(
        self,
        scope: Scope | str,
        /,
        query: str | None = None,
        *,
        budget_tokens: int = DEFAULT_BUDGET,
        recall_tokens: int = DEFAULT_RECALL,
        provider: str = "anthropic",
        recall_limit: int = DEFAULT_RECALL_LIMIT,
        history: Sequence[str] | None = None,
    ) -> Prompt:
        """Compile a scope's memory into a prompt (build provider payloads with ``.payload``)."""
        body = _clean({
            "scope": _path(scope), "query": query, "budget_tokens": budget_tokens,
            "recall_tokens": recall_tokens, "provider": provider, "recall_limit": recall_limit,
            "history": None if history is None else list(history),
        })  # fmt: skip
        return self._run(_call(Request("POST", "/v1/compile", json=body), prompt_from))  # type: ignore[no-any-return]

    def render(self, scope: Scope | str, /) -> str:
        """The scope's current memories as deterministic Markdown."""
        req = Request("GET", "/v1/render", params={"scope": _path(scope)})
        return self._run(_call(req, lambda d: str(d["markdown"])))  # type: ignore[no-any-return]

    def apply(
        self, scope: Scope | str, markdown: str, /, *, reviewer: str, dry_run: bool = False
    ) -> ChangeSet:
        """Apply an edited :meth:`render` as human-authored changes, in one transaction."""
        body = {"scope": _path(scope), "markdown": markdown, "reviewer": reviewer,
                "dry_run": dry_run}  # fmt: skip
        return self._run(_call(Request("POST", "/v1/apply", json=body), changeset_from))  # type: ignore[no-any-return]

    # -- privacy ----------------------------------------------------------------------------

    def forget(
        self,
        scope: Scope | str,
        /,
        *,
        match: str | None = None,
        ids: Iterable[str] | None = None,
        reason: str = DEFAULT_REASON,
        author: str | None = None,
    ) -> ErasureReceipt:
        """Erase a scope (or matching memories or ids in it) and return the receipt."""
        body = _clean({
            "scope": _path(scope), "match": match, "ids": None if ids is None else list(ids),
            "reason": reason, "author": author,
        })  # fmt: skip
        return self._run(_call(Request("POST", "/v1/forget", json=body), receipt_from))  # type: ignore[no-any-return]

    def export(self, scope: Scope | str, /, *, author: str | None = None) -> Export:
        """Everything held about a scope and its descendants."""
        req = Request("GET", "/v1/export", params=_clean({"scope": _path(scope), "author": author}))
        return self._run(_call(req, export_from))  # type: ignore[no-any-return]

    def audit(
        self,
        scope: Scope | str,
        /,
        *,
        since: datetime | None = None,
        action: str | Sequence[str] | None = None,
        limit: int | None = 100,
    ) -> builtins.list[Event]:
        """Who did what under a scope, newest first."""
        actions = [action] if isinstance(action, str) else action
        params = _clean({"scope": _path(scope), "since": since, "action": actions, "limit": limit})
        return self._run(_call(Request("GET", "/v1/audit", params=params), _events))  # type: ignore[no-any-return]


def _none(_: Any) -> None:
    return None


def _filters(
    scope: Scope | str,
    kind: str | Sequence[str] | None,
    topic: str | None,
    include_descendants: bool,
    include_superseded: bool,
    as_of: datetime | None,
    **more: Any,
) -> dict[str, Any]:
    kinds = [kind] if isinstance(kind, str) else (list(kind) if kind is not None else None)
    return _clean({
        "scope": _path(scope), "kind": kinds, "topic": topic,
        "include_descendants": include_descendants or None,
        "include_superseded": include_superseded or None, "as_of": as_of, **more,
    })  # fmt: skip


def _switch(d: dict[str, Any]) -> MemorySwitch:
    at = d.get("updated_at")
    return MemorySwitch(
        d["scope"], bool(d["reads_off"]), bool(d["writes_off"]),
        datetime.fromisoformat(at) if at else None, d.get("author"),
    )  # fmt: skip


def _decision(d: dict[str, Any]) -> Decision:
    if d.get("ok"):
        return Decision(d["id"], proposal=proposal_from(d["proposal"]))
    err = d.get("error") or {}
    cls = getattr(_errors, str(err.get("error")), None)
    if not (isinstance(cls, type) and issubclass(cls, MemstackError)):
        cls = MemstackError
    return Decision(d["id"], error=cls(str(err.get("message", "")), hint=err.get("hint")))
