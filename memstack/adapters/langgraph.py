"""LangGraph's ``BaseStore`` over memstack: ``MemstackStore``, and ``dump_store`` to move out.

A LangGraph application keeps long-term memory in a ``BaseStore``: items (a
JSON ``value`` under a ``key``) in hierarchical namespaces, read with ``get``,
found with ``search`` (a filter on the value and/or a natural-language query),
written with ``put``. :class:`MemstackStore` answers those ops from a memstack
:class:`~memstack.Memory` (or ``AsyncMemory``, or the HTTP ``Client``), so the
items get memstack's hybrid search, history, export and erasure.

**Mapping** (documented in ``docs/langgraph.md``; the helpers live in
:mod:`memstack.importers`, which reads LangGraph dumps into the same places):

* a namespace ``("users", "alice")`` is the scope ``<root>/users/alice/_``. The
  items of a namespace live in its own leaf segment ``_``, so a namespace's
  ancestors (which memstack reads too) hold no items of their children, and a
  search under a prefix sees exactly the namespaces below it. Labels are
  escaped reversibly: letters, digits and ``-`` stay; every other character
  (``_`` included) becomes ``_XX`` per UTF-8 byte (``"a b"`` → ``a_20b``). So an
  encoded label is never the bare ``_`` marker;
* an item is one memory: its ``metadata`` is the ``value`` exactly (so a filter
  on the value is a metadata filter, run in the store before the limit) plus two
  reserved keys, ``$key`` and ``$created_at``; its text is what LangGraph's
  ``index`` names (field paths), or the whole value as JSON;
* ``put`` on an existing key is an ``update`` (the old version stays in the
  history), ``put(value=None)`` a ``delete``; ``ttl`` (minutes) becomes
  ``expires_at``. Reads do not extend a TTL (``refresh_ttl`` is ignored).

**Writes are direct by default.** LangGraph's contract is read-your-writes: a
node that puts an item and a later node that gets it expect to see it. A
proposal would be invisible until someone approves it, so ``writes="direct"``
applies each put at once, screened for secrets like any human-authored write.
``writes="propose"`` turns puts and deletes into proposals for review instead,
for stores that a model writes without supervision (reads then see only what
was approved).

The logic is written once, as generators that yield facade calls; the sync and
async doors only differ in how they make the call (as the facade's own plans).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Generator, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypeVar

try:
    import langgraph.store.base  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "The LangGraph adapter needs the langgraph package: pip install 'memstack[langgraph]'."
    ) from exc

from langgraph.store.base import (
    BaseStore,
    GetOp,
    InvalidNamespaceError,
    Item,
    ListNamespacesOp,
    MatchCondition,
    Op,
    PutOp,
    Result,
    SearchItem,
    SearchOp,
)
from langgraph.store.base.embed import get_text_at_path

from ..errors import UsageError
from ..importers import CREATED, KEY, LEAF, decode_label, encode_label, item_scope
from ..models import Record, Scope

__all__ = ["KEY", "CREATED", "MemstackStore", "decode_label", "dump_store", "encode_label"]

#: Longest text a memory holds (memstack.plan.validate.MAX_TEXT); longer index text is cut.
_MAX_TEXT = 20_000

T = TypeVar("T")
#: One facade call: method name, positional and keyword arguments.
Call = tuple[str, tuple[Any, ...], dict[str, Any]]
Steps = Generator[Call, Any, T]


class MemstackStore(BaseStore):
    """A LangGraph ``BaseStore`` whose items are memstack memories.

    Args:
        memory: a :class:`memstack.Memory`, :class:`memstack.AsyncMemory`, or a
            memstack ``Client``/``AsyncClient`` (the items then live on a server).
        root: the scope under which every namespace lives (e.g. ``"acme/agent"``);
            the adapter owns it: memories written there by other means are ignored.
        index: default field paths whose text is indexed (LangGraph's syntax:
            ``"title"``, ``"notes[*].text"``); ``None``: the whole value as JSON.
        kind: the memory kind of items (``fact`` by default).
        writes: ``"direct"`` (default: read-your-writes, as LangGraph expects) or
            ``"propose"`` (each put or delete becomes a proposal for review).
        author: who the memories' history names as the writer.

    Example:
        >>> from memstack import Memory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> store = MemstackStore(Memory(store=InMemoryStore(), embedder=FakeEmbedder()))
        >>> store.put(("users", "alice"), "diet", {"text": "Alice is vegan", "since": 2019})
        >>> store.get(("users", "alice"), "diet").value
        {'text': 'Alice is vegan', 'since': 2019}
        >>> [i.key for i in store.search(("users",), query="vegan")]
        ['diet']
    """

    supports_ttl = True

    def __init__(
        self,
        memory: Any,
        *,
        root: str = "langgraph",
        index: list[str] | None = None,
        kind: Literal["fact", "rule", "episode"] = "fact",
        writes: Literal["direct", "propose"] = "direct",
        author: str = "langgraph",
    ) -> None:
        if writes not in ("direct", "propose"):
            raise UsageError(f"writes must be 'direct' or 'propose', got {writes!r}.")
        self.memory = memory
        self.root = Scope.parse(root).path
        self.index = index
        self.kind = kind
        self.writes = writes
        self.author = author
        self._async = inspect.iscoroutinefunction(getattr(memory, "get", None))

    # -- the two doors ------------------------------------------------------------------

    def batch(self, ops: Iterable[Op]) -> list[Result]:
        """Run LangGraph store ops in order (sync door)."""
        if self._async:
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return asyncio.run(self.abatch(ops))
            raise UsageError(
                "This MemstackStore wraps an AsyncMemory; inside an event loop use abatch "
                "(LangGraph does when a graph runs with ainvoke/astream)."
            )
        out: list[Result] = []
        for op in ops:
            steps = self._op(op)
            try:
                call = next(steps)
                while True:
                    name, args, kw = call
                    call = steps.send(getattr(self.memory, name)(*args, **kw))
            except StopIteration as stop:
                out.append(stop.value)
        return out

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        """Run LangGraph store ops in order (async door; a sync memory runs in a thread)."""
        if not self._async:
            return await asyncio.to_thread(self.batch, list(ops))
        out: list[Result] = []
        for op in ops:
            steps = self._op(op)
            try:
                call = next(steps)
                while True:
                    name, args, kw = call
                    call = steps.send(await getattr(self.memory, name)(*args, **kw))
            except StopIteration as stop:
                out.append(stop.value)
        return out

    # -- ops ----------------------------------------------------------------------------

    def _op(self, op: Op) -> Steps[Result]:
        if isinstance(op, GetOp):
            rec = yield from self._current(op.namespace, op.key)
            return None if rec is None else _item(op.namespace, rec)
        if isinstance(op, PutOp):
            yield from self._put(op)
            return None
        if isinstance(op, SearchOp):
            return (yield from self._search(op))
        if isinstance(op, ListNamespacesOp):
            return (yield from self._namespaces(op))
        raise UsageError(f"Unknown LangGraph store op {type(op).__name__}.")

    def _now(self) -> datetime:
        # The memory's own clock when it has one (tests travel in time), else the wall clock.
        planner = getattr(self.memory, "planner", None)
        clock = getattr(planner, "clock", None)
        return clock() if callable(clock) else datetime.now(UTC)

    def scope(self, namespace: tuple[str, ...], *, leaf: bool = True) -> str:
        """The scope of a namespace's items (``leaf=False``: of the namespace as a prefix)."""
        try:
            return item_scope(self.root, tuple(namespace), leaf=leaf)
        except UsageError as exc:
            raise InvalidNamespaceError(exc.message) from exc

    def namespace(self, scope: str) -> tuple[str, ...] | None:
        """The namespace whose items live in ``scope`` (``None``: not an item scope)."""
        parts = scope.split("/")
        root = self.root.split("/")
        if parts[: len(root)] != root or len(parts) <= len(root) + 1 or parts[-1] != LEAF:
            return None
        return tuple(decode_label(p) for p in parts[len(root) : -1])

    def _current(self, namespace: tuple[str, ...], key: str) -> Steps[Record | None]:
        scope = self.scope(namespace)
        found: list[Record] = yield ("list", (scope,), {"metadata": {KEY: key}})
        mine = [r for r in found if r.scope == scope]
        return max(mine, key=lambda r: (r.recorded_at, r.id)) if mine else None

    def _put(self, op: PutOp) -> Steps[None]:
        scope = self.scope(op.namespace)
        old = yield from self._current(op.namespace, op.key)
        if op.value is None:
            if old is None:
                return
            if self.writes == "propose":
                yield ("propose", (scope, None), _proposal(self, "delete", old.id))
            else:
                yield ("delete", (old.id,), {"author": self.author})
            return
        value = _checked_value(op.value)
        now = self._now()
        metadata: dict[str, Any] = {**value, KEY: op.key}
        if old is not None:  # the first version's time; a first put needs none (valid_from)
            metadata[CREATED] = old.metadata.get(CREATED) or old.valid_from.isoformat()
        text = _index_text(op.key, value, self.index if op.index is None else op.index)
        expires = now + timedelta(minutes=op.ttl) if op.ttl is not None else None
        if self.writes == "propose":
            kw = _proposal(self, "add" if old is None else "update", old.id if old else None)
            yield ("propose", (scope, text), {**kw, "metadata": metadata})
        elif old is None:
            yield (
                "add",
                (scope, text),
                {
                    "kind": self.kind, "metadata": metadata, "expires_at": expires,
                    "source": {"origin": "ai", "author": self.author},
                },
            )  # fmt: skip
        else:
            kw = {"metadata": metadata, "author": self.author, "expires_at": expires}
            yield ("update", (old.id, text), kw)

    def _search(self, op: SearchOp) -> Steps[list[SearchItem]]:
        prefix = self.scope(op.namespace_prefix, leaf=False) if op.namespace_prefix else self.root
        flt = _filter(op.filter)
        if op.offset < 0 or op.limit < 0:
            raise UsageError("limit and offset must not be negative.")
        if op.limit == 0:
            return []
        if op.query:
            if op.offset + op.limit > 1000:
                raise UsageError("A query search reaches at most 1000 items (offset + limit).")
            hits = yield (
                "search",
                (prefix, op.query),
                {"limit": op.offset + op.limit, "include_descendants": True, "metadata": flt},
            )
            ranked = [(h.memory, h.score) for h in hits][op.offset :]
        else:
            records = yield (
                "list",
                (prefix,),
                {"include_descendants": True, "metadata": flt, "limit": op.limit,
                 "offset": op.offset},
            )  # fmt: skip
            ranked = [(r, None) for r in records]
        out: list[SearchItem] = []
        for rec, score in ranked:
            ns = self.namespace(rec.scope)
            if ns is not None and KEY in rec.metadata:
                item = _item(ns, rec)
                out.append(
                    SearchItem(
                        ns, item.key, item.value, item.created_at, item.updated_at, score
                    )
                )
        return out

    def _namespaces(self, op: ListNamespacesOp) -> Steps[list[tuple[str, ...]]]:
        scopes: dict[str, int] = yield ("scopes", (self.root,), {})
        found: set[tuple[str, ...]] = set()
        for scope in scopes:
            ns = self.namespace(scope)
            if ns is None or not all(_matches(ns, c) for c in op.match_conditions or ()):
                continue
            found.add(ns[: op.max_depth] if op.max_depth is not None else ns)
        return sorted(found)[op.offset : op.offset + op.limit]


def _proposal(store: MemstackStore, op: str, target: str | None) -> dict[str, Any]:
    return {
        "kind": store.kind, "op": op, "target": target,
        "source": {"origin": "ai", "author": store.author},
        "rationale": f"Written through the LangGraph store adapter ({op}).",
    }  # fmt: skip


def _checked_value(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise UsageError(f"A LangGraph item's value must be a dict, got {type(value).__name__}.")
    reserved = sorted(k for k in (KEY, CREATED) if k in value)
    if reserved:
        raise UsageError(
            f"A value may not use the reserved key(s) {', '.join(reserved)}; the adapter keeps "
            "the item's key and creation time there."
        )
    return dict(value)


def _index_text(key: str, value: Mapping[str, Any], index: Any) -> str:
    """The text memstack indexes: the ``index`` fields, or the whole value as JSON."""
    if index is False:
        return key  # not meant to be found by a query: only the key is indexed
    if index:
        parts = [t for path in index for t in get_text_at_path(value, path) if t.strip()]
        text = "\n".join(parts)
    else:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (text if text.strip() else key)[:_MAX_TEXT]


def _filter(flt: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """LangGraph's filter as memstack's: equality and ``$eq`` (and memstack's ``$in``)."""
    if not flt:
        return None
    out: dict[str, Any] = {}
    for key, cond in flt.items():
        if isinstance(cond, Mapping):
            ops = set(cond) - {"$eq", "$in"}
            if ops:
                raise UsageError(
                    f"Filter on {key!r}: {', '.join(sorted(ops))} is not supported by the memstack "
                    "store; use a value, {'$eq': v} or {'$in': [v1, v2]}.",
                )
        out[key] = cond
    return out


def _matches(ns: tuple[str, ...], cond: MatchCondition) -> bool:
    path = tuple(cond.path)
    if len(path) > len(ns):
        return False
    part = ns[: len(path)] if cond.match_type == "prefix" else ns[len(ns) - len(path) :]
    return all(p == "*" or p == n for p, n in zip(path, part, strict=True))


def _item(namespace: tuple[str, ...], rec: Record) -> Item:
    meta = rec.metadata
    value = {k: v for k, v in meta.items() if k not in (KEY, CREATED)}
    created = meta.get(CREATED)
    return Item(
        value=value,
        key=str(meta.get(KEY, rec.id)),
        namespace=namespace,
        created_at=datetime.fromisoformat(created) if isinstance(created, str) else rec.valid_from,
        updated_at=rec.recorded_at,
    )


def dump_store(store: BaseStore, *, page: int = 500) -> list[dict[str, Any]]:
    """Every item of any LangGraph store as JSON-ready dicts: the ``--from langgraph`` format.

    Each dict is ``{"namespace": [...], "key": ..., "value": {...}, "created_at": ISO 8601,
    "updated_at": ISO 8601}`` (``Item.dict()``), so ``json.dump(dump_store(old), file)``
    writes a file that ``memstack import --from langgraph FILE`` reads.

    Args:
        store: any ``BaseStore`` (``InMemoryStore``, ``PostgresStore``, ...).
        page: items fetched per ``search`` call.

    Example:
        >>> from langgraph.store.memory import InMemoryStore
        >>> old = InMemoryStore()
        >>> old.put(("users", "alice"), "diet", {"text": "Alice is vegan"})
        >>> [(d["namespace"], d["key"], d["value"]) for d in dump_store(old)]
        [(['users', 'alice'], 'diet', {'text': 'Alice is vegan'})]
    """
    out: list[dict[str, Any]] = []
    for ns in store.list_namespaces(limit=1_000_000):
        offset = 0
        while True:
            items = store.search(ns, limit=page, offset=offset)
            for item in items:
                if tuple(item.namespace) == tuple(ns):  # descendants come with their own ns
                    d = item.dict()
                    d.pop("score", None)
                    out.append(d)
            if len(items) < page:
                break
            offset += page
    return out
