"""Proposals, review events and extraction logs in the in-memory store.

Mixin for :class:`memstack.store.memory.InMemoryStore`: each ``_op_<OpName>(self, op, undo)`` method
handles one op type from :mod:`memstack.models`; ``batch`` dispatches to it
inside the store's transaction.

Same semantics as the SQLite mixin, down to ordering; every write registers an
undo step, so a batch that fails after a transition (e.g. an approval whose
record cannot be written) leaves the proposal exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Conflict, NotFound, UsageError
from ..models import (
    ANY_SCOPE,
    Event,
    Extraction,
    ExtractionListOp,
    ExtractionLogOp,
    Kind,
    Policy,
    PolicyListOp,
    PolicySetOp,
    Proposal,
    ProposalEventsOp,
    ProposalGetOp,
    ProposalListOp,
    ProposalPutOp,
    ProposalTransitionOp,
)

__all__ = ["MemoryReviewOps"]

Undo = list[Callable[[], None]]


@dataclass
class _ReviewTables:
    proposals: dict[str, Proposal] = field(default_factory=dict)
    policies: dict[tuple[str, Kind | None], Policy] = field(default_factory=dict)
    extractions: dict[str, Extraction] = field(default_factory=dict)


def _discard(table: dict[str, Any], key: str) -> None:
    table.pop(key, None)


def _in_scope(scope: str | None, value: str) -> bool:
    return scope is None or value == scope or value.startswith(scope + "/")


class MemoryReviewOps:
    """Review-queue ops for the in-memory store."""

    if TYPE_CHECKING:
        _events: list[Event]

        def _append_event(self, event: Event, undo: Undo) -> None: ...

    @property
    def _review(self) -> _ReviewTables:
        # Created on first use: the host store's constructor knows nothing of review.
        tables: _ReviewTables | None = self.__dict__.get("_review_tables")
        if tables is None:
            tables = self.__dict__["_review_tables"] = _ReviewTables()
        return tables

    def _op_ProposalPutOp(self, op: ProposalPutOp, undo: Undo) -> None:
        p, table = op.proposal, self._review.proposals
        if p.id in table:
            raise UsageError(f"A proposal with id {p.id!r} already exists.")
        table[p.id] = p
        undo.append(lambda: _discard(table, p.id))
        self._append_event(op.event, undo)

    def _op_ProposalGetOp(self, op: ProposalGetOp, undo: Undo) -> Proposal | None:
        return self._review.proposals.get(op.id)

    def _op_ProposalListOp(self, op: ProposalListOp, undo: Undo) -> list[Proposal]:
        found = sorted(
            (p for p in self._review.proposals.values() if op.matches(p)),
            key=lambda p: (p.created_at, p.id),
        )
        return found if op.limit is None else found[: op.limit]

    def _op_ProposalTransitionOp(self, op: ProposalTransitionOp, undo: Undo) -> Proposal | None:
        table = self._review.proposals
        current = table.get(op.id)
        if current is None:
            raise NotFound(f"No proposal with id {op.id!r}.")
        refusal = op.refusal(current)
        if refusal is not None:
            if op.strict:
                raise Conflict(refusal)
            return None
        table[op.id] = op.applied(current)
        undo.append(lambda: table.__setitem__(op.id, current))
        self._append_event(op.event, undo)
        return table[op.id]

    def _op_ProposalEventsOp(self, op: ProposalEventsOp, undo: Undo) -> list[Event]:
        # sorted() is stable: events at the same time keep their append order (SQLite: seq).
        return sorted(
            (e for e in self._events if e.detail.get("proposal") == op.id), key=lambda e: e.at
        )

    def _op_PolicySetOp(self, op: PolicySetOp, undo: Undo) -> None:
        table, key = self._review.policies, (op.scope_prefix, op.kind)
        previous = table.get(key)
        if op.mode is None:
            table.pop(key, None)
        else:
            table[key] = Policy(op.scope_prefix, op.kind, op.mode, op.at, op.author)

        def restore() -> None:
            if previous is None:
                table.pop(key, None)
            else:
                table[key] = previous

        undo.append(restore)
        self._append_event(op.event, undo)

    def _op_PolicyListOp(self, op: PolicyListOp, undo: Undo) -> list[Policy]:
        return sorted(
            self._review.policies.values(),
            key=lambda p: (
                p.scope_prefix != ANY_SCOPE,
                p.scope_prefix,
                p.kind is not None,
                p.kind or "",
            ),
        )

    def _op_ExtractionLogOp(self, op: ExtractionLogOp, undo: Undo) -> None:
        x, table = op.extraction, self._review.extractions
        if x.id in table:
            raise UsageError(f"An extraction with id {x.id!r} already exists.")
        table[x.id] = x
        undo.append(lambda: _discard(table, x.id))

    def _op_ExtractionListOp(self, op: ExtractionListOp, undo: Undo) -> list[Extraction]:
        found = [
            x
            for x in self._review.extractions.values()
            if _in_scope(op.scope, x.scope) and (op.status is None or x.status == op.status)
        ]
        found.sort(key=lambda x: (x.created_at, x.id), reverse=True)
        return found if op.limit is None else found[: op.limit]
