"""The ``forget`` plan: erase, then make it physical, then hand back a receipt.

Why two batches: the erasure (rows, keyword rows, vectors, proposals,
extraction logs, tombstones and the ``forget`` event) must land all or nothing,
so it is one :class:`~memstack.models.ForgetOp` transaction. Making it physical
(FTS5 merge, WAL checkpoint, VACUUM) cannot run inside a transaction, so it is
a second batch holding only a :class:`~memstack.models.CompactOp`. If the
process dies between the two, nothing erased is readable any more, and the
next ``forget`` or ``gc`` (which always compact) finishes the physical part;
the receipt's ``complete`` flag says whether it finished this time.

The stored ``forget`` event is content-free: it keeps the ``match`` string only
as a hash, because the string is usually the very thing being erased.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError
from ..models import (
    Compaction,
    CompactOp,
    ErasureCounts,
    ErasureReceipt,
    Event,
    ForgetOp,
    Scope,
    content_hash,
    new_id,
    normalize_match,
)
from ..plan import Plan, Planner
from ._batch import batch

__all__ = ["DEFAULT_REASON", "MAX_REASON", "check_reason", "forget"]

DEFAULT_REASON = "erasure request"
MAX_REASON = 500


def check_reason(reason: object) -> str:
    """Validate an erasure reason: a non-empty one-line string of at most 500 characters."""
    if (
        not isinstance(reason, str)
        or not reason.strip()
        or "\n" in reason
        or len(reason) > MAX_REASON
    ):
        raise UsageError(
            f"reason must be a non-empty single line of at most {MAX_REASON} characters, "
            f"got {reason!r}.",
            hint="It is kept in tombstones: say why, without personal data (e.g. a ticket number).",
        )
    return reason


def _ids(ids: Iterable[str] | None) -> tuple[str, ...]:
    if ids is None:
        return ()
    if isinstance(ids, str):
        raise UsageError(
            "ids must be a list of memory ids, not a single string.", hint=f"Pass ids=[{ids!r}]."
        )
    out = tuple(dict.fromkeys(ids))
    for i in out:
        if not isinstance(i, str) or not i:
            raise UsageError(f"Every id must be a non-empty string, got {i!r}.")
    if not out:
        raise UsageError(
            "ids is empty; pass at least one memory id, or leave it out to forget the scope."
        )
    return out


def forget(
    planner: Planner,
    scope: Scope | str,
    *,
    match: str | None = None,
    ids: Iterable[str] | None = None,
    reason: str = DEFAULT_REASON,
    author: str | None = None,
) -> Plan[ErasureReceipt]:
    """Erase everything held for ``scope`` and below, or only what ``ids``/``match`` select.

    Args:
        planner: clock and default author.
        scope: the root scope; descendants are always included.
        match: erase only memories (any version), proposals and extraction logs
            whose text contains this string, case-insensitively (NFKC + casefold);
            not a search: no stemming, embeddings or scores.
        ids: erase only these memories, each with every version.
        reason: why; kept verbatim in tombstones and the receipt event.
        author: who asks (default: the configured author).

    Returns:
        The receipt: counts per artifact, times, physical steps.

    Raises:
        UsageError: bad arguments, or ``match`` and ``ids`` together.
        NotFound: an id has no record and no history inside ``scope``.
    """
    path = Scope.parse(scope).path
    if match is not None and (not isinstance(match, str) or not match.strip()):
        raise UsageError(
            "match must be a non-empty string.", hint="Leave it out to forget the whole scope."
        )
    chosen = _ids(ids)
    if match is not None and chosen:
        raise UsageError("Pass either match or ids, not both.", hint="Run forget once for each.")
    reason = check_reason(reason)
    actor = author or planner.author
    started = planner.clock()
    receipt = new_id()
    mode = "match" if match is not None else "ids" if chosen else "scope"
    detail: dict[str, object] = {"receipt": receipt, "reason": reason, "mode": mode}
    if chosen:
        detail["ids"] = list(chosen)
    if match is not None:
        detail["match_hash"] = content_hash(normalize_match(match))
    event = Event(id=receipt, at=started, action="forget", actor=actor, scope=path, detail=detail)
    counts: ErasureCounts = (yield batch(ForgetOp(path, event, reason, match, chosen)))[0]
    compaction: Compaction = (yield batch(CompactOp()))[0]
    return ErasureReceipt(
        id=receipt, scope=path, match=match, ids=chosen, reason=reason, actor=actor, counts=counts,
        started_at=started, finished_at=planner.clock(), physical=compaction.steps,
        complete=compaction.complete, owed=compaction.owed,
    )  # fmt: skip
