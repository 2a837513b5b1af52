"""The audit log: who did what, and when, under a scope.

The history table is already the audit log (every change appends an event in
the same transaction as the change), so auditing is a read with filters. Erased
items show up as tombstones: action, time, ids and hashes, the actor as a hash,
no text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..errors import UsageError
from ..models import AuditOp, Event, Scope, utc
from ..plan import Plan
from ._batch import batch

__all__ = ["DEFAULT_LIMIT", "audit", "exported_copies"]

DEFAULT_LIMIT = 100


def audit(
    scope: Scope | str,
    *,
    since: datetime | None = None,
    action: str | Sequence[str] | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> Plan[list[Event]]:
    """History events of ``scope`` and its descendants, newest first.

    Args:
        scope: the root scope.
        since: only events at or after this (timezone-aware) time.
        action: one action (``"forget"``) or several; None: all.
        limit: at most this many (None: all).

    Returns:
        Events, newest first (ties: latest written first).
    """
    path = Scope.parse(scope).path
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise UsageError(f"limit must be a positive integer or None, got {limit!r}.")
    actions: tuple[str, ...] = ()
    if action is not None:
        actions = (action,) if isinstance(action, str) else tuple(action)
        if not actions or not all(isinstance(a, str) and a for a in actions):
            raise UsageError(
                f"action must be a non-empty string or list of strings, got {action!r}."
            )
    op = AuditOp(path, utc(since) if since is not None else None, actions, limit)
    events: list[Event] = (yield batch(op))[0]
    return events


def exported_copies(scope: Scope | str) -> Plan[tuple[str, ...]]:
    """Copies written outside the store that may hold data of ``scope`` (for a forget receipt).

    Every ``export`` event is one: a full export of an ancestor or of the scope
    covers it (exports include descendants), and an agent file (CLAUDE.md…)
    written from the scope or a descendant holds that scope's memories. Read
    before the erasure, which turns the scope's events into tombstones.

    Returns:
        One line each, newest first: ``"<time> <format> <file, or 'export of <scope>'>"``.
    """
    path = Scope.parse(scope).path
    tenant = path.split("/")[0]
    events: list[Event] = yield from audit(tenant, action="export", limit=None)
    out: list[str] = []
    for e in events:
        if "erased" in e.detail:
            continue
        below = e.scope == path or e.scope.startswith(path + "/")
        above = path.startswith(e.scope + "/")
        fmt = str(e.detail.get("format", "export"))
        file = e.detail.get("file")
        if isinstance(file, str) and below:
            out.append(f"{e.at.isoformat()} {fmt} {file}")
        elif file is None and (below or above):
            out.append(f"{e.at.isoformat()} {fmt} export of {e.scope}")
    return tuple(out)
