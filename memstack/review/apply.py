"""The record ops an approval writes: add, update/supersede, or delete the target.

An approval is one store transaction holding the proposal's state change, its
``proposal.approved`` event and the ops built here, so a record never exists
without its approved proposal and vice versa. The record gets exactly the
approved text: no stripping, no normalisation, so its ``content_hash`` is the
hash of the bytes the reviewer approved.

``update`` and ``supersede`` both close the target and write a new version in
its lineage (``detail["supersedes"]``, as :meth:`Planner.update` does), so
``history()`` follows AI-proposed versions like human ones; the event's action
keeps which of the two was proposed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import Conflict, NotFound
from ..models import (
    DeleteOp,
    GetOp,
    Op,
    Proposal,
    PutOp,
    Record,
    SupersedeOp,
    VectorLookupOp,
    content_hash,
    new_id,
)
from ..plan import Batch, Embed, Plan, Planner

__all__ = ["Applied", "approval_ops", "current_target", "event_start"]


@dataclass(frozen=True, slots=True)
class Applied:
    """Ops that apply an approved proposal, and the memory id the proposal resulted in."""

    ops: list[Op]
    result_id: str


def current_target(planner: Planner, p: Proposal) -> Plan[Record]:
    """The proposal's target, which must still exist and be the current version.

    Raises:
        Conflict: the target was deleted or superseded since the proposal was made.
    """
    assert p.target is not None
    rec: Record | None = (yield Batch([GetOp(p.target)]))[0]
    if rec is None:
        raise Conflict(
            f"Proposal {p.id} targets memory {p.target}, which no longer exists.",
            hint="Reject the proposal.",
        )
    if rec.superseded_by is not None or not rec.is_current(planner.clock()):
        newer = f" by {rec.superseded_by}" if rec.superseded_by else ""
        raise Conflict(
            f"Proposal {p.id} targets memory {p.target}, which was superseded{newer} or closed "
            "since the proposal was made.",
            hint="Reject the proposal and propose the change against the current version.",
        )
    return rec


def _vector(planner: Planner, text: str) -> Plan[Any]:
    yield from planner.check_vectors()
    h = content_hash(text)
    known = (yield Batch([VectorLookupOp((h,), planner.embedder_id)]))[0]
    vec = known.get(h)
    if vec is None:
        vec = (yield Embed([text], "document", None))[0]
    return vec


def event_start(p: Proposal, now: datetime) -> datetime:
    """When an approved proposal's memory becomes valid: its event time, never after ``now``.

    A fact said in a conversation of 2026-03-14 and approved a week later was
    true from 2026-03-14: ``as_of`` queries and the compiled prompt date it so.
    A proposal without an event time (a tool's ``propose``) is valid from its
    approval. A time in the future (a skewed client clock) is clamped to ``now``,
    so an approved memory is always current at once.
    """
    when = p.source.event_time
    return now if when is None or when > now else when


def approval_ops(
    planner: Planner, p: Proposal, text: str, reviewer: str, now: datetime
) -> Plan[Applied]:
    """Build (and embed for) the ops that apply ``p`` with the approved ``text``.

    Args:
        planner: supplies the clock, embedder id and event ids.
        p: the pending proposal.
        text: the approved text (the proposal's, or the reviewer's edit), byte for byte.
        reviewer: who approved; the actor of the record's event.
        now: the approval time: ``recorded_at`` of the new record. It is valid
            from the proposal's event time (``source.event_time``: when it was
            said) if it has one, else from ``now``; see :func:`event_start`.

    Returns:
        The ops, in order, and the resulting memory id (new record, or deleted target).

    Raises:
        Conflict: the target is gone or no longer current.
        NotFound: an update/delete proposal without a target (corrupt row).
    """
    base = {"proposal": p.id, "origin": p.source.origin}
    began = event_start(p, now)
    if p.op == "add":
        vec = yield from _vector(planner, text)
        rec = Record(
            id=new_id(), scope=p.scope, kind=p.kind, text=text, topic=p.topic,
            source=p.source, recorded_at=now, valid_from=began,
            expires_at=planner.expiry(p.kind, now),  # the retention setting, as for mem.add
        )  # fmt: skip
        event = planner.event(
            "add", p.scope, actor=reviewer, memory_id=rec.id, after=text,
            after_hash=rec.content_hash, detail={"kind": p.kind, **base},
        )  # fmt: skip
        return Applied([PutOp(rec, event, vector=vec, embedder=planner.embedder_id)], rec.id)
    if p.target is None:
        raise NotFound(f"Proposal {p.id} is a {p.op} without a target memory.")
    old = yield from current_target(planner, p)
    if p.op == "delete":
        event = planner.event(
            "delete", old.scope, actor=reviewer, memory_id=old.id, before=old.text,
            before_hash=old.content_hash, detail=base,
        )  # fmt: skip
        return Applied([DeleteOp(old.id, event)], old.id)
    vec = yield from _vector(planner, text)
    start = max(began, old.valid_from)
    new = Record(
        id=new_id(), scope=old.scope, kind=old.kind, text=text,
        topic=p.topic if p.topic is not None else old.topic, pinned=old.pinned,
        importance=old.importance, source=p.source, recorded_at=now, valid_from=start,
        expires_at=old.expires_at,
    )  # fmt: skip
    event = planner.event(
        p.op, old.scope, actor=reviewer, memory_id=new.id, before=old.text, after=text,
        before_hash=old.content_hash, after_hash=new.content_hash,
        detail={"supersedes": old.id, **base},
    )  # fmt: skip
    return Applied(
        [
            SupersedeOp(old.id, valid_to=start, superseded_by=new.id),
            PutOp(new, event, vector=vec, embedder=planner.embedder_id),
        ],
        new.id,
    )
