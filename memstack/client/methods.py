"""The client's methods, written once as request plans for both doors.

Each public method has :class:`memstack.Memory`'s name and signature, builds
the request(s) and turns the JSON answer back into memstack's values
(:mod:`memstack.core.wire`). ``self._run(plan)`` is a value on ``Client`` and an
awaitable on ``AsyncClient``.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ..core import (
    UNSET,
    MemoryItem,
    Unset,
)
from ..core.wire import (
    hit_from,
    record_from,
)
from ..errors import UsageError
from ..models import (
    Added,
    Event,
    Hits,
    Ingested,
    ItemRefused,
    Kind,
    Record,
    Scope,
    Source,
    TurnChange,
)
from .prompt import PromptMethods
from .review import ReviewMethods
from .wire import (
    Plan,
    Request,
    Run,
    _bound,
    _call,
    _clean,
    _events,
    _filters,
    _id,
    _json,
    _meta,
    _meta_query,
    _none,
    _path,
    _records,
)

__all__ = ["Methods", "Plan", "Request"]


class RecordMethods(Run):
    """Writes and reads of memories, as on ``Memory``."""

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
        metadata: Mapping[str, Any] | None = None,
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
            "idempotency_key": idempotency_key, "metadata": _meta(metadata),
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
            chunk = [
                _clean({**i, "scope": _path(i["scope"]), "metadata": _meta(i.get("metadata"))})
                for i in items[start : start + size]
            ]
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
        metadata: Mapping[str, Any] | None | Unset = UNSET,
        expires_at: datetime | None | Unset = UNSET,
    ) -> Record:
        """A new version of a memory (see :meth:`memstack.Memory.update`).

        ``topic``, ``pinned``, ``importance``, ``metadata`` and ``expires_at`` keep
        their values unless given (``None`` clears them).
        """
        body = _clean({
            "text": text, "author": author, "valid_from": valid_from, "reason": reason,
            "pinned": None if isinstance(pinned, Unset) else pinned,
            "importance": None if isinstance(importance, Unset) else importance,
        })  # fmt: skip
        if not isinstance(metadata, Unset):
            metadata = _meta(metadata)
        for name, value in (("topic", topic), ("metadata", metadata), ("expires_at", expires_at)):
            if not isinstance(value, Unset):
                body[name] = _json(value)  # null clears it
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
        metadata: Mapping[str, Any] | None = None,
    ) -> builtins.list[Record]:
        """Records visible from ``scope`` (it and its ancestors), oldest first."""
        params = _filters(
            scope, kind, topic, include_descendants, include_superseded, as_of,
            limit=limit, offset=offset or None, metadata=_meta_query(metadata),
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
        metadata: Mapping[str, Any] | None = None,
    ) -> int:
        """How many records :meth:`list` would return."""
        params = _filters(
            scope, kind, topic, include_descendants, include_superseded, as_of,
            metadata=_meta_query(metadata),
        )  # fmt: skip
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
        metadata: Mapping[str, Any] | None = None,
    ) -> Hits:
        """Find the memories most relevant to ``query`` that ``scope`` may see."""
        body = _clean({
            "scope": _path(scope), "query": query, "limit": limit,
            "kind": list(kind) if isinstance(kind, list | tuple) else kind, "topic": topic,
            "as_of": as_of, "include_descendants": include_descendants,
            "include_superseded": include_superseded, "mode": mode, "metadata": metadata,
        })  # fmt: skip
        req = Request("POST", "/v1/search", json=body)
        return self._run(_call(req, _hits))  # type: ignore[no-any-return]

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


class Methods(RecordMethods, ReviewMethods, PromptMethods):
    """Every method of ``Memory``; the door supplies ``_run``."""


def _hits(d: dict[str, Any]) -> Hits:
    return Hits((hit_from(h) for h in d["data"]), memory_off=bool(d.get("memory_off", False)))
