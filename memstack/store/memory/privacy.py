"""Erasure, export, retention and audit in the in-memory store.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch (see :mod:`memstack.store.memory.store`).

Same selection rules as the SQLite erasure engine (:mod:`memstack.store.sqlite_erasure`),
written over dicts: the scope-bearing collections besides records and events
are the ones :data:`memstack.models.HELD` lists (the review tables hold them
under the same names), and match and tombstones use the same helpers from
:mod:`memstack.models`. Every change registers an undo step, so an erasure
that fails half-way (an unknown id, say) leaves the store exactly as it was.
There are no files, so :class:`~memstack.models.CompactOp` only drops the
process-wide stemmer cache.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from ...errors import NotFound
from ...index import keyword
from ...models import (
    HELD,
    PRIVACY_ACTIONS,
    AuditOp,
    Compaction,
    CompactOp,
    ErasureCounts,
    Event,
    ExportOp,
    ExtractionListOp,
    ForgetOp,
    GcOp,
    Held,
    Holdings,
    JobListOp,
    PolicyListOp,
    ProposalListOp,
    held_text,
    is_tombstone,
    new_id,
    normalize_match,
    scrub_context,
    text_matches,
    tombstone,
)

if TYPE_CHECKING:
    pass

from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["HANDLERS", "held_table"]

Inside = Callable[[str], bool]
_SELECTABLE = tuple(h for h in HELD if not h.whole_scope_only)
_PROPOSALS = "proposals"  # the Held whose ids ``proposal_refs`` point at


def _tree(scope: str, descendants: bool = True) -> Inside:
    if not descendants:
        return lambda s: s == scope
    return lambda s: s == scope or s.startswith(scope + "/")


# -- ops --------------------------------------------------------------------------


def _forget(st: InMemoryStore, op: ForgetOp, undo: Undo) -> ErasureCounts:
    receipt = op.event.id
    if op.ids or op.match is not None:
        counts = _erase_selected(st, 
            op.scope, True, undo, receipt=receipt, reason=op.reason,
            ids=op.ids, match=op.match, lineage=True,
        )  # fmt: skip
    else:
        counts = _erase_tree(st, op.scope, undo, receipt=receipt, reason=op.reason)
    st._append_event(
        replace(op.event, detail={**op.event.detail, "counts": counts.to_dict()}), undo
    )
    return counts


def _gc(st: InMemoryStore, op: GcOp, undo: Undo) -> ErasureCounts:
    scopes = sorted(
        {
            r.scope
            for r in st._records.values()
            if r.expires_at is not None and r.expires_at <= op.now
        }
    )
    receipt = str(op.event.detail.get("receipt") or op.event.id)
    total = ErasureCounts()
    for scope in scopes:
        counts = _erase_selected(
            st,
            scope,
            False,
            undo,
            receipt=receipt,
            reason=op.reason,
            expired_at=op.now,
            lineage=False,
        )
        detail = {**op.event.detail, "counts": counts.to_dict()}
        st._append_event(replace(op.event, id=new_id(), scope=scope, detail=detail), undo)
        total += counts
    return total


def _compact(st: InMemoryStore, op: CompactOp, undo: Undo) -> Compaction:
    keyword.clear_caches()  # a process-wide cache of stemmed words
    return Compaction(("caches",), True)


def _export(st: InMemoryStore, op: ExportOp, undo: Undo) -> Holdings:
    inside = _tree(op.scope)
    records = sorted(
        (r for r in st._records.values() if inside(r.scope)),
        key=lambda r: (r.recorded_at, r.id),
    )
    extractions = sorted(
        st.run(ExtractionListOp(scope=op.scope), undo), key=lambda x: (x.created_at, x.id)
    )
    policies = [p for p in st.run(PolicyListOp(), undo) if inside(p.scope_prefix)]
    # sorted() is stable: events at the same time keep their append order (SQLite: seq).
    events = sorted((e for e in st._events if inside(e.scope)), key=lambda e: e.at)
    return Holdings(
        tuple(records),
        tuple(st.run(ProposalListOp(scope=op.scope), undo)),
        tuple(extractions),
        tuple(policies),
        tuple(events),
        tuple(st.run(JobListOp(scope=op.scope), undo)),
    )


def _audit(st: InMemoryStore, op: AuditOp, undo: Undo) -> list[Event]:
    inside = _tree(op.scope)
    found = [
        (e.at, i, e)
        for i, e in enumerate(st._events)
        if inside(e.scope)
        and (op.since is None or e.at >= op.since)
        and (not op.actions or e.action in op.actions)
    ]
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    events = [e for _, _, e in found]
    return events if op.limit is None else events[: op.limit]


# -- the erasure engine -----------------------------------------------------------


def held_table(st: InMemoryStore, h: Held) -> dict[Any, Any]:
    """The collection holding ``h``: the review tables keep theirs under the Held name."""
    table: dict[Any, Any] = st.jobs if h.name == "extraction_jobs" else getattr(st.review, h.name)
    return table


def _erase_tree(
    st: InMemoryStore, scope: str, undo: Undo, *, receipt: str, reason: str
) -> ErasureCounts:
    inside = _tree(scope)
    rows = [rid for rid, r in st._records.items() if inside(r.scope)]
    held = {
        h.name: _drop_held(
            st, h, [k for k, v in held_table(st, h).items() if inside(getattr(v, h.scope))], undo
        )
        for h in HELD
    }
    events = _tombstone(st, lambda e: inside(e.scope), undo, receipt, reason)
    records, versions, keyword_rows, contexts, vectors = _drop_rows(st, rows, undo, whole=True)
    return ErasureCounts(
        records=records, versions=versions, events_tombstoned=events,
        keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
    )  # fmt: skip


def _erase_selected(
    st: InMemoryStore,
    scope: str,
    descendants: bool,
    undo: Undo,
    *,
    receipt: str,
    reason: str,
    ids: Iterable[str] = (),
    match: str | None = None,
    expired_at: datetime | None = None,
    lineage: bool,
) -> ErasureCounts:
    inside = _tree(scope, descendants)
    needle = normalize_match(match) if match is not None else None
    doomed: set[str] = set()
    selected: dict[str, set[Any]] = {h.name: set() for h in _SELECTABLE}
    # 1. Seeds.
    ids = tuple(ids)
    if ids:
        _check_ids(st, ids, scope, inside)
        doomed.update(ids)
    if needle is not None:
        doomed.update(
            r.id for r in st._records.values() if inside(r.scope) and text_matches(r.text, needle)
        )
        doomed.update(
            e.memory_id
            for e in st._events
            if e.memory_id and inside(e.scope)
            and (text_matches(e.before, needle) or text_matches(e.after, needle))
        )  # fmt: skip
        for h in _SELECTABLE:
            selected[h.name].update(
                key
                for key, v in held_table(st, h).items()
                if inside(getattr(v, h.scope))
                and any(text_matches(held_text(getattr(v, c)), needle) for c in h.texts)
            )
    if expired_at is not None:
        doomed.update(
            r.id
            for r in st._records.values()
            if inside(r.scope) and r.expires_at is not None and r.expires_at <= expired_at
        )
    # 2. Close over links until nothing new joins.
    while True:
        size = len(doomed) + sum(len(s) for s in selected.values())
        if lineage:
            _walk_lineage(st, doomed, inside)
        for h in _SELECTABLE:
            _walk_links(st, h, doomed, selected, inside)
        if len(doomed) + sum(len(s) for s in selected.values()) == size:
            break
    # 3. Erase.
    rows = [rid for rid in doomed if rid in st._records and inside(st._records[rid].scope)]
    held = {h.name: _drop_held(st, h, selected[h.name], undo) for h in _SELECTABLE}
    proposals = selected[_PROPOSALS]

    def linked(e: Event) -> bool:
        if not inside(e.scope):
            return False
        if e.memory_id in doomed or e.detail.get("proposal") in proposals:
            return True
        return needle is not None and (
            text_matches(e.before, needle) or text_matches(e.after, needle)
        )

    events = _tombstone(st, linked, undo, receipt, reason)
    records, versions, keyword_rows, contexts, vectors = _drop_rows(st, rows, undo, whole=False)
    return ErasureCounts(
        records=records, versions=versions, events_tombstoned=events,
        keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
    )  # fmt: skip


def _check_ids(st: InMemoryStore, ids: Iterable[str], scope: str, inside: Inside) -> None:
    known = {rid for rid, r in st._records.items() if inside(r.scope)}
    known.update(e.memory_id for e in st._events if e.memory_id and inside(e.scope))
    unknown = [i for i in dict.fromkeys(ids) if i not in known]
    if unknown:
        raise NotFound(
            f"No memory or history with id {unknown[0]!r} under scope {scope!r}"
            + (f" (and {len(unknown) - 1} more unknown ids)." if len(unknown) > 1 else "."),
            hint="List ids with 'memstack list --scope ...' or 'memstack audit --scope ...'.",
        )


def _walk_lineage(st: InMemoryStore, doomed: set[str], inside: Inside) -> None:
    for rid in list(doomed):
        r = st._records.get(rid)
        if r is not None and r.superseded_by:
            doomed.add(r.superseded_by)
    doomed.update(r.id for r in st._records.values() if r.superseded_by in doomed)
    for e in st._events:
        older = e.detail.get("supersedes")
        if not isinstance(older, str):
            continue
        if e.memory_id in doomed:
            doomed.add(older)
        elif older in doomed and e.memory_id and inside(e.scope):
            doomed.add(e.memory_id)


def _walk_links(
    st: InMemoryStore, h: Held, doomed: set[str], selected: dict[str, set[Any]], inside: Inside
) -> None:
    chosen, proposals = selected[h.name], selected[_PROPOSALS]
    for key, v in held_table(st, h).items():
        if key in chosen or not inside(getattr(v, h.scope)):
            continue
        if any(getattr(v, c) in doomed for c in h.memory_refs) or any(
            proposals.intersection(getattr(v, c) or ()) for c in h.proposal_refs
        ):
            chosen.add(key)
    table = held_table(st, h)
    for key in chosen:
        for c in h.results:
            value = getattr(table[key], c)
            if value:
                doomed.add(value)


def _drop_held(st: InMemoryStore, h: Held, keys: Iterable[Any], undo: Undo) -> int:
    table = held_table(st, h)
    n = 0
    for key in list(keys):
        value = table.pop(key, None)
        if value is not None:
            undo.append(partial(table.__setitem__, key, value))
            n += 1
    return n


def _tombstone(
    st: InMemoryStore, pick: Callable[[Event], bool], undo: Undo, receipt: str, reason: str
) -> int:
    events, n = st._events, 0
    for i, e in enumerate(events):
        if e.action in PRIVACY_ACTIONS or is_tombstone(e) or not pick(e):
            continue
        events[i] = tombstone(e, receipt=receipt, reason=reason)
        undo.append(partial(events.__setitem__, i, e))
        n += 1
    return n


def _drop_rows(
    st: InMemoryStore, rows: list[str], undo: Undo, *, whole: bool
) -> tuple[int, int, int, int, int]:
    gone = set(rows)
    records = sum(1 for rid in rows if st._records[rid].superseded_by not in gone)
    contexts = 0 if whole else _scrub_contexts(st, rows, undo)
    keyword_rows = sum(1 for rid in rows if st._bm25.entry(rid) is not None)
    vectors = sum(len(st._vectors.get(rid, {})) for rid in rows)
    for rid in rows:
        st._delete(rid, undo)
    return records, len(rows), keyword_rows, contexts, vectors


def _scrub_contexts(st: InMemoryStore, rows: list[str], undo: Undo) -> int:
    gone = set(rows)
    erased: dict[str, list[str]] = defaultdict(list)
    for rid in rows:
        entry = st._bm25.entry(rid)
        if entry is not None and entry[0]:
            erased[st._records[rid].scope].append(entry[0])
    cleaned = 0
    for rid, r in list(st._records.items()):
        terms_list = erased.get(r.scope)
        if not terms_list or rid in gone:
            continue
        entry = st._bm25.entry(rid)
        if entry is None or not entry[1]:
            continue
        terms, context, extra = entry
        new = scrub_context(context, terms_list)
        if new != context:
            st._bm25.add(rid, terms, new, extra)
            undo.append(partial(st._bm25.add, rid, *entry))
            cleaned += 1
    return cleaned


HANDLERS: Handlers = {
    ForgetOp: _forget,
    GcOp: _gc,
    CompactOp: _compact,
    ExportOp: _export,
    AuditOp: _audit,
}
