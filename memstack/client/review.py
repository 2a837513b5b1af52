"""The client's review methods: proposals, policies, the memory switch, extraction."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote

from .. import errors as _errors
from ..core.wire import (
    policy_from,
    proposal_from,
)
from ..errors import MemstackError, UsageError
from ..models import (
    Decision,
    Event,
    Kind,
    MemorySwitch,
    Policy,
    Proposal,
    Remembered,
    Scope,
    Source,
    TurnChange,
)
from .wire import (
    Request,
    Run,
    _bound,
    _call,
    _clean,
    _events,
    _id,
    _meta,
    _path,
    _proposals,
)

__all__ = ["ReviewMethods"]


class ReviewMethods(Run):
    """Review, policies, the memory switch and ``remember``, as on ``Memory``."""

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
        metadata: Mapping[str, Any] | None = None,
        valid_from: datetime | None = None,
        pinned: bool | None = None,
        importance: float | None = None,
        memory_expires_at: datetime | None = None,
    ) -> Proposal:
        """Suggest a change; it is screened and handed to its policy.

        A retry with the same ``idempotency_key`` returns the first proposal.
        """
        body = _clean({
            "scope": _path(scope), "text": text, "kind": kind, "op": op, "target": target,
            "source": source, "rationale": rationale, "excerpt": excerpt, "topic": topic,
            "idempotency_key": idempotency_key, "metadata": _meta(metadata),
            "valid_from": valid_from, "pinned": pinned, "importance": importance,
            "memory_expires_at": memory_expires_at,
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
        return self._set_switch(scope, True, reads=reads, writes=writes, author=author)

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
        return self._set_switch(scope, False, reads=reads, writes=writes, author=author)

    def _set_switch(
        self, scope: Scope | str, off: bool, *, reads: bool, writes: bool, author: str | None
    ) -> MemorySwitch:
        # The halves not asked for are left out of the body: the server keeps them.
        body = _clean({"scope": str(scope), "reads_off": off if reads else None,
                       "writes_off": off if writes else None, "author": author})  # fmt: skip
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
        return self._run(_call(req, _remembered))  # type: ignore[no-any-return]


def _remembered(d: dict[str, Any]) -> Remembered:
    changes = [
        TurnChange(c["index"], c["turn"], tuple(c["secrets"]), c["parts"])
        for c in d.get("changes", ())
    ]
    return Remembered(_proposals(d), changes=changes)


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
