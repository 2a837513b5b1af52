"""The history events of the review service, and who a policy decision is signed by.

Every proposal transition writes one event in the same transaction as the change
(STYLE.md 2.10). They are built here, once, for proposing (created, refused) and
for deciding (approved, rejected, expired), so their details have one shape:
the proposal id, op and kind, the reason, and findings as category, severity and
span only. An event never quotes the text a screen refused, nor its hash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Refused
from ..models import Event, Finding, Proposal, Source
from ..plan import Planner

__all__ = ["AUTO", "DENY", "EXPIRY", "decision_event", "finding_summary", "refused_event"]

#: Reviewer names of decisions taken by policy rather than a person.
AUTO, DENY, EXPIRY = "policy:auto", "policy:deny", "policy:expiry"


def finding_summary(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Findings as an event detail: category, severity and span, never the text they found."""
    return [
        {"category": f.category, "severity": f.severity, "start": f.start, "end": f.end}
        for f in findings
    ]


def refused_event(
    planner: Planner, scope: str, op: str, kind: str, target: str | None, src: Source, exc: Refused
) -> Event:
    """The ``proposal.refused`` event: who tried, what op and kind, and what kinds of finding."""
    from .screening import refused_findings

    return planner.event(
        "proposal.refused", scope, actor=src.author or src.origin, memory_id=target,
        detail={
            "op": op, "kind": kind, "origin": src.origin,
            "findings": finding_summary(refused_findings(exc)),
        },
    )  # fmt: skip


def decision_event(
    planner: Planner,
    p: Proposal,
    action: str,
    reviewer: str,
    *,
    result: str | None = None,
    reason: str | None = None,
    detail: Mapping[str, Any] | None = None,
    before: str | None = None,
    after: str | None = None,
    after_hash: str | None = None,
) -> Event:
    """The event of a decision on ``p`` (approved, rejected, expired) signed by ``reviewer``."""
    info: dict[str, Any] = {"proposal": p.id, "op": p.op, "kind": p.kind}
    if reason:
        info["reason"] = reason
    info.update(detail or {})
    return planner.event(
        action, p.scope, actor=reviewer, memory_id=result or p.target, before=before, after=after,
        before_hash=p.content_hash, after_hash=after_hash, detail=info,
    )  # fmt: skip
