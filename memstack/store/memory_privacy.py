"""Erasure, export, retention and audit in the in-memory store.

Mixin for :class:`memstack.store.memory.InMemoryStore`: each ``_op_<OpName>(self, op, undo)`` method
handles one op type from :mod:`memstack.models`; ``batch`` dispatches to it
inside the store's transaction.

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

from ..errors import NotFound
from ..index import keyword
from ..models import (
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
    Job,
    JobListOp,
    PolicyListOp,
    ProposalListOp,
    Record,
    held_text,
    is_tombstone,
    new_id,
    normalize_match,
    scrub_context,
    text_matches,
    tombstone,
)

if TYPE_CHECKING:
    import numpy as np

    from ..index.keyword import BM25

__all__ = ["MemoryPrivacyOps"]

Undo = list[Callable[[], None]]
Inside = Callable[[str], bool]
_SELECTABLE = tuple(h for h in HELD if not h.whole_scope_only)
_PROPOSALS = "proposals"  # the Held whose ids ``proposal_refs`` point at


def _tree(scope: str, descendants: bool = True) -> Inside:
    if not descendants:
        return lambda s: s == scope
    return lambda s: s == scope or s.startswith(scope + "/")


class MemoryPrivacyOps:
    """Privacy ops for the in-memory store (see the module docstring)."""

    if TYPE_CHECKING:
        _records: dict[str, Record]
        _vectors: dict[str, dict[str, np.ndarray]]
        _events: list[Event]
        _bm25: BM25
        _review: Any
        _jobs: dict[str, Job]

        def _delete(self, rid: str, undo: Undo) -> None: ...

        def _append_event(self, event: Event, undo: Undo) -> None: ...

        def _one(self, op: Any, undo: Undo) -> Any: ...

    # -- ops --------------------------------------------------------------------------

    def _op_ForgetOp(self, op: ForgetOp, undo: Undo) -> ErasureCounts:
        receipt = op.event.id
        if op.ids or op.match is not None:
            counts = self._erase_selected(
                op.scope, True, undo, receipt=receipt, reason=op.reason,
                ids=op.ids, match=op.match, lineage=True,
            )  # fmt: skip
        else:
            counts = self._erase_tree(op.scope, undo, receipt=receipt, reason=op.reason)
        self._append_event(
            replace(op.event, detail={**op.event.detail, "counts": counts.to_dict()}), undo
        )
        return counts

    def _op_GcOp(self, op: GcOp, undo: Undo) -> ErasureCounts:
        scopes = sorted(
            {
                r.scope
                for r in self._records.values()
                if r.expires_at is not None and r.expires_at <= op.now
            }
        )
        receipt = str(op.event.detail.get("receipt") or op.event.id)
        total = ErasureCounts()
        for scope in scopes:
            counts = self._erase_selected(
                scope,
                False,
                undo,
                receipt=receipt,
                reason=op.reason,
                expired_at=op.now,
                lineage=False,
            )
            detail = {**op.event.detail, "counts": counts.to_dict()}
            self._append_event(replace(op.event, id=new_id(), scope=scope, detail=detail), undo)
            total += counts
        return total

    def _op_CompactOp(self, op: CompactOp, undo: Undo) -> Compaction:
        keyword._stem.cache_clear()  # a process-wide cache of stemmed words
        return Compaction(("caches",), True)

    def _op_ExportOp(self, op: ExportOp, undo: Undo) -> Holdings:
        inside = _tree(op.scope)
        records = sorted(
            (r for r in self._records.values() if inside(r.scope)),
            key=lambda r: (r.recorded_at, r.id),
        )
        extractions = sorted(
            self._one(ExtractionListOp(scope=op.scope), undo), key=lambda x: (x.created_at, x.id)
        )
        policies = [p for p in self._one(PolicyListOp(), undo) if inside(p.scope_prefix)]
        # sorted() is stable: events at the same time keep their append order (SQLite: seq).
        events = sorted((e for e in self._events if inside(e.scope)), key=lambda e: e.at)
        return Holdings(
            tuple(records),
            tuple(self._one(ProposalListOp(scope=op.scope), undo)),
            tuple(extractions),
            tuple(policies),
            tuple(events),
            tuple(self._one(JobListOp(scope=op.scope), undo)),
        )

    def _op_AuditOp(self, op: AuditOp, undo: Undo) -> list[Event]:
        inside = _tree(op.scope)
        found = [
            (e.at, i, e)
            for i, e in enumerate(self._events)
            if inside(e.scope)
            and (op.since is None or e.at >= op.since)
            and (not op.actions or e.action in op.actions)
        ]
        found.sort(key=lambda t: (t[0], t[1]), reverse=True)
        events = [e for _, _, e in found]
        return events if op.limit is None else events[: op.limit]

    # -- the erasure engine -----------------------------------------------------------

    def _held(self, h: Held) -> dict[Any, Any]:
        """The collection holding ``h``: the review tables keep theirs under the Held name."""
        table: dict[Any, Any] = (
            self._jobs if h.name == "extraction_jobs" else getattr(self._review, h.name)
        )
        return table

    def _erase_tree(self, scope: str, undo: Undo, *, receipt: str, reason: str) -> ErasureCounts:
        inside = _tree(scope)
        rows = [rid for rid, r in self._records.items() if inside(r.scope)]
        held = {
            h.name: self._drop_held(
                h, [k for k, v in self._held(h).items() if inside(getattr(v, h.scope))], undo
            )
            for h in HELD
        }
        events = self._tombstone(lambda e: inside(e.scope), undo, receipt, reason)
        records, versions, keyword_rows, contexts, vectors = self._drop_rows(rows, undo, whole=True)
        return ErasureCounts(
            records=records, versions=versions, events_tombstoned=events,
            keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
        )  # fmt: skip

    def _erase_selected(
        self,
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
            self._check_ids(ids, scope, inside)
            doomed.update(ids)
        if needle is not None:
            doomed.update(
                r.id
                for r in self._records.values()
                if inside(r.scope) and text_matches(r.text, needle)
            )
            doomed.update(
                e.memory_id
                for e in self._events
                if e.memory_id and inside(e.scope)
                and (text_matches(e.before, needle) or text_matches(e.after, needle))
            )  # fmt: skip
            for h in _SELECTABLE:
                selected[h.name].update(
                    key
                    for key, v in self._held(h).items()
                    if inside(getattr(v, h.scope))
                    and any(text_matches(held_text(getattr(v, c)), needle) for c in h.texts)
                )
        if expired_at is not None:
            doomed.update(
                r.id
                for r in self._records.values()
                if inside(r.scope) and r.expires_at is not None and r.expires_at <= expired_at
            )
        # 2. Close over links until nothing new joins.
        while True:
            size = len(doomed) + sum(len(s) for s in selected.values())
            if lineage:
                self._walk_lineage(doomed, inside)
            for h in _SELECTABLE:
                self._walk_links(h, doomed, selected, inside)
            if len(doomed) + sum(len(s) for s in selected.values()) == size:
                break
        # 3. Erase.
        rows = [rid for rid in doomed if rid in self._records and inside(self._records[rid].scope)]
        held = {h.name: self._drop_held(h, selected[h.name], undo) for h in _SELECTABLE}
        proposals = selected[_PROPOSALS]

        def linked(e: Event) -> bool:
            if not inside(e.scope):
                return False
            if e.memory_id in doomed or e.detail.get("proposal") in proposals:
                return True
            return needle is not None and (
                text_matches(e.before, needle) or text_matches(e.after, needle)
            )

        events = self._tombstone(linked, undo, receipt, reason)
        records, versions, keyword_rows, contexts, vectors = self._drop_rows(
            rows, undo, whole=False
        )
        return ErasureCounts(
            records=records, versions=versions, events_tombstoned=events,
            keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
        )  # fmt: skip

    def _check_ids(self, ids: Iterable[str], scope: str, inside: Inside) -> None:
        known = {rid for rid, r in self._records.items() if inside(r.scope)}
        known.update(e.memory_id for e in self._events if e.memory_id and inside(e.scope))
        unknown = [i for i in dict.fromkeys(ids) if i not in known]
        if unknown:
            raise NotFound(
                f"No memory or history with id {unknown[0]!r} under scope {scope!r}"
                + (f" (and {len(unknown) - 1} more unknown ids)." if len(unknown) > 1 else "."),
                hint="List ids with 'memstack list --scope ...' or 'memstack audit --scope ...'.",
            )

    def _walk_lineage(self, doomed: set[str], inside: Inside) -> None:
        for rid in list(doomed):
            r = self._records.get(rid)
            if r is not None and r.superseded_by:
                doomed.add(r.superseded_by)
        doomed.update(r.id for r in self._records.values() if r.superseded_by in doomed)
        for e in self._events:
            older = e.detail.get("supersedes")
            if not isinstance(older, str):
                continue
            if e.memory_id in doomed:
                doomed.add(older)
            elif older in doomed and e.memory_id and inside(e.scope):
                doomed.add(e.memory_id)

    def _walk_links(
        self, h: Held, doomed: set[str], selected: dict[str, set[Any]], inside: Inside
    ) -> None:
        chosen, proposals = selected[h.name], selected[_PROPOSALS]
        for key, v in self._held(h).items():
            if key in chosen or not inside(getattr(v, h.scope)):
                continue
            if any(getattr(v, c) in doomed for c in h.memory_refs) or any(
                proposals.intersection(getattr(v, c) or ()) for c in h.proposal_refs
            ):
                chosen.add(key)
        table = self._held(h)
        for key in chosen:
            for c in h.results:
                value = getattr(table[key], c)
                if value:
                    doomed.add(value)

    def _drop_held(self, h: Held, keys: Iterable[Any], undo: Undo) -> int:
        table = self._held(h)
        n = 0
        for key in list(keys):
            value = table.pop(key, None)
            if value is not None:
                undo.append(partial(table.__setitem__, key, value))
                n += 1
        return n

    def _tombstone(
        self, pick: Callable[[Event], bool], undo: Undo, receipt: str, reason: str
    ) -> int:
        events, n = self._events, 0
        for i, e in enumerate(events):
            if e.action in PRIVACY_ACTIONS or is_tombstone(e) or not pick(e):
                continue
            events[i] = tombstone(e, receipt=receipt, reason=reason)
            undo.append(partial(events.__setitem__, i, e))
            n += 1
        return n

    def _drop_rows(
        self, rows: list[str], undo: Undo, *, whole: bool
    ) -> tuple[int, int, int, int, int]:
        gone = set(rows)
        records = sum(1 for rid in rows if self._records[rid].superseded_by not in gone)
        contexts = 0 if whole else self._scrub_contexts(rows, undo)
        keyword_rows = sum(1 for rid in rows if self._bm25.entry(rid) is not None)
        vectors = sum(len(self._vectors.get(rid, {})) for rid in rows)
        for rid in rows:
            self._delete(rid, undo)
        return records, len(rows), keyword_rows, contexts, vectors

    def _scrub_contexts(self, rows: list[str], undo: Undo) -> int:
        gone = set(rows)
        erased: dict[str, list[str]] = defaultdict(list)
        for rid in rows:
            entry = self._bm25.entry(rid)
            if entry is not None and entry[0]:
                erased[self._records[rid].scope].append(entry[0])
        cleaned = 0
        for rid, r in list(self._records.items()):
            terms_list = erased.get(r.scope)
            if not terms_list or rid in gone:
                continue
            entry = self._bm25.entry(rid)
            if entry is None or not entry[1]:
                continue
            terms, context, extra = entry
            new = scrub_context(context, terms_list)
            if new != context:
                self._bm25.add(rid, terms, new, extra)
                undo.append(partial(self._bm25.add, rid, *entry))
                cleaned += 1
        return cleaned
