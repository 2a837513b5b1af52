"""Which review policy applies to a proposal: pure resolution over policy rows.

Policies are data (rows in the store), keyed by scope prefix and kind. The most
specific one wins: a deeper prefix beats a shallower one (``acme/web`` beats
``acme`` beats ``*``), and at the same prefix a policy for the kind beats one
for every kind. With no matching row the mode is ``human``.

Two rules sit above the data, because they are safety properties rather than
preferences: a ``rule`` (how the agent must behave) always waits for a person,
whatever the rows say, and ``auto`` only applies a proposal whose screening
found nothing above ``low`` severity; otherwise it stays pending, quarantined
with its findings attached.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..models import ANY_SCOPE, KINDS, POLICY_MODES, Finding, Kind, Policy, PolicyMode, Scope

__all__ = [
    "Decision",
    "decide",
    "parse_kind",
    "parse_mode",
    "parse_prefix",
    "resolve",
    "SEVERITY_RANK",
]

#: Severities in increasing order; ``auto`` tolerates up to ``low``.
SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3, "critical": 4}


@dataclass(frozen=True, slots=True)
class Decision:
    """What happens to a new proposal, and why.

    Attributes:
        action: ``approve`` (apply at once), ``reject`` or ``queue`` (wait for a person).
        mode: the effective policy mode.
        policy: the matching policy row, or ``None`` for the built-in default.
        reason: one line for the event and the reviewer.
    """

    action: str
    mode: PolicyMode
    policy: Policy | None
    reason: str


def parse_prefix(value: str) -> str:
    """Validate a policy's scope prefix: a scope path or ``"*"`` (every scope)."""
    if value == ANY_SCOPE:
        return value
    return Scope.parse(value).path


def parse_kind(value: str | None) -> Kind | None:
    """Validate a policy's kind (``None`` or ``"*"``: every kind)."""
    if value is None or value == "*":
        return None
    if value not in KINDS:
        raise UsageError(
            f"Unknown kind {value!r}; use one of: {', '.join(KINDS)} (or none for all)."
        )
    return value


def parse_mode(value: str) -> PolicyMode:
    """Validate a policy mode."""
    if value not in POLICY_MODES:
        raise UsageError(f"Unknown review mode {value!r}; use one of: {', '.join(POLICY_MODES)}.")
    return value


def _depth(prefix: str) -> int:
    return 0 if prefix == ANY_SCOPE else prefix.count("/") + 1


def _covers(prefix: str, scope: str) -> bool:
    # Segment-wise: "acme" covers "acme/web" but never "acme2".
    return prefix == ANY_SCOPE or scope == prefix or scope.startswith(prefix + "/")


def resolve(policies: Iterable[Policy], scope: str, kind: Kind) -> Policy | None:
    """The most specific policy row covering ``scope`` and ``kind``, if any.

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2024, 1, 1, tzinfo=timezone.utc)
        >>> rows = [Policy("acme", None, "auto", t), Policy("acme/web", "fact", "deny", t)]
        >>> resolve(rows, "acme/web/alice", "fact").mode
        'deny'
        >>> resolve(rows, "acme/api", "fact").mode
        'auto'
        >>> resolve(rows, "acme2", "fact") is None
        True
    """
    best: Policy | None = None
    best_key = (-1, -1)
    for p in policies:
        if not _covers(p.scope_prefix, scope) or (p.kind is not None and p.kind != kind):
            continue
        key = (_depth(p.scope_prefix), 0 if p.kind is None else 1)
        if key > best_key:
            best, best_key = p, key
    return best


def _label(p: Policy) -> str:
    return f"{p.scope_prefix} ({p.kind or 'any kind'})"


def decide(
    policies: Sequence[Policy], scope: str, kind: Kind, findings: Sequence[Finding]
) -> Decision:
    """Decide what a new proposal's policy does with it, given its screening findings.

    Args:
        policies: every stored policy row.
        scope: the proposal's scope.
        kind: the proposal's kind (for update/delete: the target's kind).
        findings: screening findings of the proposed text.

    Returns:
        The :class:`Decision`. Critical findings are refused before this is asked.

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2024, 1, 1, tzinfo=timezone.utc)
        >>> decide([Policy("*", None, "auto", t)], "acme", "rule", []).action
        'queue'
        >>> decide([Policy("*", None, "auto", t)], "acme", "fact", []).action
        'approve'
    """
    row = resolve(policies, scope, kind)
    mode: PolicyMode = row.mode if row is not None else "human"
    where = f"policy {_label(row)}" if row is not None else "the default policy"
    if kind == "rule":
        return Decision("queue", "human", row, "rules are always reviewed by a person")
    if mode == "deny":
        return Decision("reject", mode, row, f"denied by {where}")
    if mode == "auto":
        worst = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
        if worst <= SEVERITY_RANK["low"]:
            return Decision(
                "approve", mode, row, f"applied by {where}: screening found nothing above low"
            )
        return Decision(
            "queue",
            mode,
            row,
            f"quarantined: {where} is auto, but screening found findings above low",
        )
    return Decision("queue", mode, row, f"waits for a person ({where})")
