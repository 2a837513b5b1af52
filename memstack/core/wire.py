"""JSON forms of memstack's values, both ways: what the server sends and the client reads.

The values already know how to become JSON (``Record.to_dict``,
``proposal_to_dict`` ...); this module adds the few missing ``to`` forms (hits,
prompts, policies, change sets) and every ``from`` form, so that a value sent
by the server comes back as an equal value in :class:`memstack.client.Client`.
It is pure: no I/O, no HTTP library, no framework; times are ISO 8601 strings.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..compile import ChangeSet, Prompt
from ..compile.markdown import Edit, ParsedItem
from ..models import (
    ErasureCounts,
    ErasureReceipt,
    Event,
    Extraction,
    Finding,
    Hit,
    Job,
    Policy,
    Proposal,
    Record,
    ScoreParts,
    Source,
    finding_from_dict,
)
from ..privacy import Export

__all__ = [
    "changeset_from",
    "changeset_to",
    "event_from",
    "export_from",
    "hit_from",
    "hit_to",
    "policy_from",
    "policy_to",
    "prompt_from",
    "prompt_to",
    "proposal_from",
    "receipt_from",
    "record_from",
]


def _t(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _T(value: str) -> datetime:
    return datetime.fromisoformat(value)


def record_from(d: dict[str, Any]) -> Record:
    """A :class:`Record` from ``Record.to_dict()``."""
    return Record(
        id=d["id"], scope=d["scope"], kind=d["kind"], text=d["text"], topic=d.get("topic"),
        pinned=bool(d.get("pinned")), importance=float(d.get("importance", 0.5)),
        source=Source.from_dict(d.get("source")), valid_from=_T(d["valid_from"]),
        valid_to=_t(d.get("valid_to")), recorded_at=_T(d["recorded_at"]),
        superseded_by=d.get("superseded_by"), expires_at=_t(d.get("expires_at")),
        content_hash=d.get("content_hash", ""),
    )  # fmt: skip


def event_from(d: dict[str, Any]) -> Event:
    """An :class:`Event` from ``Event.to_dict()``."""
    return Event(
        id=d["id"], at=_T(d["at"]), action=d["action"], actor=d["actor"], scope=d["scope"],
        memory_id=d.get("memory_id"), before=d.get("before"), after=d.get("after"),
        before_hash=d.get("before_hash"), after_hash=d.get("after_hash"),
        detail=dict(d.get("detail") or {}),
    )  # fmt: skip


def hit_to(h: Hit) -> dict[str, Any]:
    """A search hit: the record's fields plus ``score`` and ``parts``."""
    p = h.parts
    parts = {
        "keyword_rank": p.keyword_rank, "keyword_score": p.keyword_score,
        "dense_rank": p.dense_rank, "dense_score": p.dense_score, "fused": p.fused,
        "recency": p.recency, "importance": p.importance, "temporal": p.temporal,
    }  # fmt: skip
    return {"memory": h.memory.to_dict(), "score": h.score, "parts": parts}


def hit_from(d: dict[str, Any]) -> Hit:
    """Inverse of :func:`hit_to`."""
    return Hit(
        memory=record_from(d["memory"]), score=float(d["score"]), parts=ScoreParts(**d["parts"])
    )


def proposal_from(d: dict[str, Any]) -> Proposal:
    """A :class:`Proposal` from ``proposal_to_dict()``."""
    findings: tuple[Finding, ...] = tuple(finding_from_dict(f) for f in d.get("findings") or ())
    return Proposal(
        id=d["id"], scope=d["scope"], op=d["op"], kind=d["kind"], text=d["text"],
        content_hash=d["content_hash"], state=d["state"], created_at=_T(d["created_at"]),
        target=d.get("target"), topic=d.get("topic"), source=Source.from_dict(d.get("source")),
        rationale=d.get("rationale"), excerpt=d.get("excerpt"), findings=findings,
        expires_at=_t(d.get("expires_at")), reviewed_at=_t(d.get("reviewed_at")),
        reviewer=d.get("reviewer"), reason=d.get("reason"), result_id=d.get("result_id"),
    )  # fmt: skip


def policy_to(p: Policy) -> dict[str, Any]:
    """A review policy as JSON."""
    return {
        "scope_prefix": p.scope_prefix, "kind": p.kind, "mode": p.mode,
        "updated_at": p.updated_at.isoformat(), "author": p.author,
    }  # fmt: skip


def policy_from(d: dict[str, Any]) -> Policy:
    """Inverse of :func:`policy_to`."""
    return Policy(
        scope_prefix=d["scope_prefix"], kind=d.get("kind"), mode=d["mode"],
        updated_at=_T(d["updated_at"]), author=d.get("author"),
    )  # fmt: skip


def receipt_from(d: dict[str, Any]) -> ErasureReceipt:
    """An :class:`ErasureReceipt` from ``ErasureReceipt.to_dict()``."""
    return ErasureReceipt(
        id=d["id"], scope=d["scope"], match=d.get("match"), ids=tuple(d.get("ids") or ()),
        reason=d["reason"], actor=d["actor"], counts=ErasureCounts(**d["counts"]),
        started_at=_T(d["started_at"]), finished_at=_T(d["finished_at"]),
        physical=tuple(d.get("physical") or ()), complete=bool(d.get("complete", True)),
        owed=d.get("owed"), copies=tuple(d.get("copies") or ()),
    )  # fmt: skip


def prompt_to(p: Prompt) -> dict[str, Any]:
    """A compiled prompt as JSON (the payload is built by the caller, or by the server route)."""
    return {
        "stable": p.stable, "recall": p.recall, "stable_digest": p.stable_digest,
        "stable_tokens": p.stable_tokens, "recall_tokens": p.recall_tokens,
        "history_tokens": p.history_tokens, "stable_ids": list(p.stable_ids),
        "recall_ids": list(p.recall_ids), "provider": p.provider, "memory_off": p.memory_off,
    }  # fmt: skip


def prompt_from(d: dict[str, Any]) -> Prompt:
    """Inverse of :func:`prompt_to` (extra keys such as ``payload`` are ignored)."""
    return Prompt(
        stable=d["stable"], recall=d["recall"], stable_digest=d["stable_digest"],
        stable_tokens=int(d["stable_tokens"]), recall_tokens=int(d["recall_tokens"]),
        history_tokens=d.get("history_tokens"), stable_ids=tuple(d["stable_ids"]),
        recall_ids=tuple(d["recall_ids"]), provider=d["provider"],
        memory_off=bool(d.get("memory_off", False)),
    )  # fmt: skip


def _item_to(i: ParsedItem) -> dict[str, Any]:
    return {"id": i.id, "kind": i.kind, "topic": i.topic, "text": i.text, "pinned": i.pinned,
            "line": i.line}  # fmt: skip


def _item_from(d: dict[str, Any]) -> ParsedItem:
    return ParsedItem(
        id=d.get("id"), kind=d["kind"], topic=d.get("topic"), text=d["text"],
        pinned=bool(d.get("pinned")), line=int(d.get("line", 0)),
    )  # fmt: skip


def changeset_to(c: ChangeSet) -> dict[str, Any]:
    """What an applied (or dry-run) Markdown edit changes, as JSON."""
    return {
        "added": [_item_to(i) for i in c.added],
        "edited": [
            {"record": e.record.to_dict(), "item": _item_to(e.item), "fields": list(e.fields)}
            for e in c.edited
        ],
        "removed": [r.to_dict() for r in c.removed],
        "unchanged": [r.to_dict() for r in c.unchanged],
    }


def changeset_from(d: dict[str, Any]) -> ChangeSet:
    """Inverse of :func:`changeset_to`."""
    return ChangeSet(
        added=tuple(_item_from(i) for i in d["added"]),
        edited=tuple(
            Edit(record_from(e["record"]), _item_from(e["item"]), tuple(e["fields"]))
            for e in d["edited"]
        ),
        removed=tuple(record_from(r) for r in d["removed"]),
        unchanged=tuple(record_from(r) for r in d["unchanged"]),
    )


def _extraction_from(d: dict[str, Any]) -> Extraction:
    return Extraction(
        id=d["id"], scope=d["scope"], status=d["status"], created_at=_T(d["created_at"]),
        reason=d.get("reason"), raw=d.get("raw"), model=d.get("model"),
        input_tokens=d.get("input_tokens"), output_tokens=d.get("output_tokens"),
        cost_usd=d.get("cost_usd"), proposals=tuple(d.get("proposals") or ()),
    )  # fmt: skip


def _job_from(d: dict[str, Any]) -> Job:
    return Job(
        id=d["id"], scope=d["scope"], messages=tuple(d.get("messages") or ()),
        created_at=_T(d["created_at"]), session_time=_t(d.get("session_time")),
        conversation=d.get("conversation"), state=d["state"], attempts=int(d["attempts"]),
        not_before=_t(d.get("not_before")), lease_until=_t(d.get("lease_until")),
        error=d.get("error"),
    )  # fmt: skip


def export_from(d: dict[str, Any]) -> Export:
    """An :class:`~memstack.privacy.Export` from ``Export.to_dict()``."""
    return Export(
        scope=d["scope"], exported_at=_T(d["exported_at"]),
        records=tuple(record_from(r) for r in d["memories"]),
        proposals=tuple(proposal_from(p) for p in d["proposals"]),
        extractions=tuple(_extraction_from(x) for x in d["extractions"]),
        policies=tuple(policy_from(p) for p in d["policies"]),
        events=tuple(event_from(e) for e in d["events"]),
        jobs=tuple(_job_from(j) for j in d["jobs"]),
    )  # fmt: skip
