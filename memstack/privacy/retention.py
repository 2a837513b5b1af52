"""Retention: default lifetimes per kind, and ``gc`` to erase what has expired.

Two halves, at two times:

* **At write time** the planner sets ``expires_at`` from the ``retention``
  setting (``"episode=90d,fact=0"``, parsed by
  :func:`memstack.config.parse_retention`) when a write does not give one.
  That is the only hook in the write path: one expression in
  ``Planner.add_many``.
* **At read time** nothing is needed: every store filters
  ``expires_at > now``, so an expired memory is invisible before it is erased.
* **gc** erases expired memories for real, with the same machinery as
  ``forget(ids=...)`` minus the lineage walk (each version expires on its own;
  an update copies the expiry of the version it replaces), and always runs the
  physical steps, so it also finishes an erasure that was interrupted.
"""

from __future__ import annotations

from ..models import Compaction, CompactOp, ErasureCounts, ErasureReceipt, Event, GcOp, new_id
from ..plan import Plan, Planner
from ._batch import batch
from .forget import check_reason

__all__ = ["GC_REASON", "gc"]

GC_REASON = "retention: expired"


def gc(
    planner: Planner, *, reason: str = GC_REASON, author: str | None = None
) -> Plan[ErasureReceipt]:
    """Erase every memory whose ``expires_at`` has passed, in every scope.

    Args:
        planner: clock and default author.
        reason: kept in tombstones and the ``gc`` events.
        author: who runs it (default: the configured author).

    Returns:
        A receipt with scope ``"*"``; one ``gc`` event per affected scope names it.
    """
    reason = check_reason(reason)
    actor = author or planner.author
    started = planner.clock()
    receipt = new_id()
    template = Event(
        id=receipt, at=started, action="gc", actor=actor, scope="*",
        detail={"receipt": receipt, "reason": reason},
    )  # fmt: skip
    counts: ErasureCounts = (yield batch(GcOp(started, template, reason)))[0]
    compaction: Compaction = (yield batch(CompactOp()))[0]
    return ErasureReceipt(
        id=receipt, scope="*", match=None, ids=(), reason=reason, actor=actor, counts=counts,
        started_at=started, finished_at=planner.clock(), physical=compaction.steps,
        complete=compaction.complete, owed=compaction.owed,
    )  # fmt: skip
