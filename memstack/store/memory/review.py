"""Proposals, review events and extraction logs in the in-memory store.

Each function handles one op of :mod:`memstack.models.contract` inside the
batch (see :mod:`memstack.store.memory.store`).

Same semantics as the SQLite mixin, down to ordering; every write registers an
undo step, so a batch that fails after a transition (e.g. an approval whose
record cannot be written) leaves the proposal exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import Conflict, NotFound, UsageError
from ...models import (
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
from .tx import Handlers, Undo

if TYPE_CHECKING:
    from .store import InMemoryStore

__all__ = ["HANDLERS", "ReviewTables"]


@dataclass
class ReviewTables:
    proposals: dict[str, Proposal] = field(default_factory=dict)
    policies: dict[tuple[str, Kind | None], Policy] = field(default_factory=dict)
    extractions: dict[str, Extraction] = field(default_factory=dict)


def _discard(table: dict[str, Any], key: str) -> None:
    table.pop(key, None)


def _in_scope(scope: str | None, value: str) -> bool:
    return scope is None or value == scope or value.startswith(scope + "/")


def _proposal_put(st: InMemoryStore, op: ProposalPutOp, undo: Undo) -> Proposal | None:
    p, table = op.proposal, st.review.proposals
    if p.id in table:
        if op.idempotent:
            return op.retried(table[p.id])
        raise UsageError(f"A proposal with id {p.id!r} already exists.")
    table[p.id] = p
    undo.append(lambda: _discard(table, p.id))
    st._append_event(op.event, undo)
    return None


def _proposal_get(st: InMemoryStore, op: ProposalGetOp, undo: Undo) -> Proposal | None:
    return st.review.proposals.get(op.id)


def _proposal_list(st: InMemoryStore, op: ProposalListOp, undo: Undo) -> list[Proposal]:
    found = sorted(
        (p for p in st.review.proposals.values() if op.matches(p)),
        key=lambda p: (p.created_at, p.id),
    )
    return found if op.limit is None else found[: op.limit]


def _proposal_transition(
    st: InMemoryStore, op: ProposalTransitionOp, undo: Undo
) -> Proposal | None:
    table = st.review.proposals
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
    st._append_event(op.event, undo)
    return table[op.id]


def _proposal_events(st: InMemoryStore, op: ProposalEventsOp, undo: Undo) -> list[Event]:
    # sorted() is stable: events at the same time keep their append order (SQLite: seq).
    return sorted((e for e in st._events if e.detail.get("proposal") == op.id), key=lambda e: e.at)


def _policy_set(st: InMemoryStore, op: PolicySetOp, undo: Undo) -> None:
    table, key = st.review.policies, (op.scope_prefix, op.kind)
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
    st._append_event(op.event, undo)


def _policy_list(st: InMemoryStore, op: PolicyListOp, undo: Undo) -> list[Policy]:
    return sorted(
        st.review.policies.values(),
        key=lambda p: (
            p.scope_prefix != ANY_SCOPE,
            p.scope_prefix,
            p.kind is not None,
            p.kind or "",
        ),
    )


def _extraction_log(st: InMemoryStore, op: ExtractionLogOp, undo: Undo) -> None:
    x, table = op.extraction, st.review.extractions
    if x.id in table:
        raise UsageError(f"An extraction with id {x.id!r} already exists.")
    table[x.id] = x
    undo.append(lambda: _discard(table, x.id))


def _extraction_list(st: InMemoryStore, op: ExtractionListOp, undo: Undo) -> list[Extraction]:
    found = [
        x
        for x in st.review.extractions.values()
        if _in_scope(op.scope, x.scope) and (op.status is None or x.status == op.status)
    ]
    found.sort(key=lambda x: (x.created_at, x.id), reverse=True)
    return found if op.limit is None else found[: op.limit]


HANDLERS: Handlers = {
    ProposalPutOp: _proposal_put,
    ProposalGetOp: _proposal_get,
    ProposalListOp: _proposal_list,
    ProposalTransitionOp: _proposal_transition,
    ProposalEventsOp: _proposal_events,
    PolicySetOp: _policy_set,
    PolicyListOp: _policy_list,
    ExtractionLogOp: _extraction_log,
    ExtractionListOp: _extraction_list,
}
