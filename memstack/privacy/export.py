"""Export: everything memstack holds about a scope, for the person it is about.

Data portability means *everything*, not the current view: every memory in
every state (superseded versions, closed and expired-but-not-yet-collected
ones), every proposal, every extraction log, the review policies set on the
scope and the full history. The store returns it as
:class:`~memstack.models.Holdings`; :class:`Export` renders it.

Two renderings, both deterministic (same holdings, same bytes):

* :meth:`Export.to_json`: one document, ``"format": "memstack-export/1"``, with
  the same field names as the Python values, for machines and re-import;
* :meth:`Export.to_markdown`: one section per scope, each memory with its
  earlier versions under it, then proposals, extraction logs and a history
  table, for people. Texts go through the same one-line escaping as
  ``render`` (:func:`memstack.compile.mdcodec.encode_text`), so stored text
  cannot open headings or HTML in the document.

The export is recorded as an ``export`` event (counts only, never content)
before it is returned: an export that was handed out is always in the audit
log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..compile.mdcodec import encode_text
from ..models import (
    Event,
    EventOp,
    ExportOp,
    Extraction,
    Holdings,
    Job,
    Policy,
    Proposal,
    Record,
    Scope,
    proposal_to_dict,
)
from ..plan import Plan, Planner
from ._batch import batch

__all__ = ["EXPORT_FORMAT", "Export", "export"]

EXPORT_FORMAT = "memstack-export/1"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None



def _extraction_dict(x: Extraction) -> dict[str, Any]:
    return {
        "id": x.id,
        "scope": x.scope,
        "status": x.status,
        "created_at": x.created_at.isoformat(),
        "reason": x.reason,
        "raw": x.raw,
        "model": x.model,
        "input_tokens": x.input_tokens,
        "output_tokens": x.output_tokens,
        "cost_usd": x.cost_usd,
        "proposals": list(x.proposals),
    }


def _policy_dict(p: Policy) -> dict[str, Any]:
    return {
        "scope_prefix": p.scope_prefix,
        "kind": p.kind,
        "mode": p.mode,
        "updated_at": p.updated_at.isoformat(),
        "author": p.author,
    }


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _line(text: str | None) -> str:
    return "" if text is None else encode_text(text)


def _code(value: str) -> str:
    # Ids, scopes and actors in backticks; a backtick inside would end the span early.
    return "`" + value.replace("`", "'") + "`"


def _lineages(records: tuple[Record, ...]) -> list[list[Record]]:
    """Records grouped by lineage, newest version first; lineages ordered by their first version."""
    by_id = {r.id: r for r in records}
    older = {r.superseded_by: r for r in records if r.superseded_by in by_id}
    heads = [r for r in records if r.superseded_by not in by_id]
    groups = []
    for head in heads:
        chain, cur, seen = [head], head, {head.id}
        while cur.id in older and older[cur.id].id not in seen:
            cur = older[cur.id]
            chain.append(cur)
            seen.add(cur.id)
        groups.append(chain)
    groups.sort(key=lambda g: (g[-1].recorded_at, g[-1].id))
    return groups


@dataclass(frozen=True, slots=True)
class Export:
    """Everything held about ``scope`` and its descendants at ``exported_at``.

    Attributes:
        scope: the exported scope.
        exported_at: when the export was taken (UTC).
        records: every memory version, oldest first.
        proposals, extractions, policies: the review queue, extraction log and
            policies under the scope.
        events: the full history, oldest first.
        jobs: conversations queued for background extraction (messages verbatim).

    Example:
        >>> from memstack import Memory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
        >>> _ = mem.add("acme/alice", "Alice is vegetarian")
        >>> data = mem.export("acme/alice")
        >>> data.counts()["memories"], data.to_markdown().splitlines()[0]
        (1, '# memstack export: `acme/alice`')
    """

    scope: str
    exported_at: datetime
    records: tuple[Record, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    extractions: tuple[Extraction, ...] = ()
    policies: tuple[Policy, ...] = ()
    events: tuple[Event, ...] = ()
    jobs: tuple[Job, ...] = ()

    @classmethod
    def from_holdings(cls, scope: str, exported_at: datetime, holdings: Holdings) -> Export:
        """Wrap what a store returned for an :class:`~memstack.models.ExportOp`."""
        return cls(
            scope, exported_at, holdings.records, holdings.proposals, holdings.extractions,
            holdings.policies, holdings.events, holdings.jobs,
        )  # fmt: skip

    def counts(self) -> dict[str, int]:
        """How much the export holds: memories (lineages), versions, proposals, ..."""
        return {
            "memories": len(_lineages(self.records)),
            "versions": len(self.records),
            "proposals": len(self.proposals),
            "extractions": len(self.extractions),
            "policies": len(self.policies),
            "events": len(self.events),
            "jobs": len(self.jobs),
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (see :meth:`to_json`)."""
        return {
            "format": EXPORT_FORMAT,
            "scope": self.scope,
            "exported_at": self.exported_at.isoformat(),
            "counts": self.counts(),
            "memories": [r.to_dict() for r in self.records],
            "proposals": [proposal_to_dict(p) for p in self.proposals],
            "extractions": [_extraction_dict(x) for x in self.extractions],
            "policies": [_policy_dict(p) for p in self.policies],
            "events": [e.to_dict() for e in self.events],
            "jobs": [j.to_dict(messages=True) for j in self.jobs],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The export as one JSON document (UTF-8 text, non-ASCII kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False) + "\n"

    def to_markdown(self) -> str:
        """The export as a Markdown document for people (one section per scope)."""
        c = self.counts()
        out = [
            f"# memstack export: {_code(self.scope)}",
            "",
            f"Exported {self.exported_at.isoformat()}. "
            "Everything memstack holds about this scope and "
            f"the scopes below it: {_n(c['memories'], 'memory', 'memories')} "
            f"({_n(c['versions'], 'version')}), {_n(c['proposals'], 'proposal')}, "
            f"{_n(c['extractions'], 'extraction log')}, {_n(c['policies'], 'policy', 'policies')}, "
            f"{_n(c['events'], 'history event')}, {_n(c['jobs'], 'queued extraction job')}.",
        ]
        scopes = sorted(
            {r.scope for r in self.records}
            | {p.scope for p in self.proposals}
            | {x.scope for x in self.extractions}
            | {p.scope_prefix for p in self.policies}
            | {e.scope for e in self.events}
            | {j.scope for j in self.jobs}
        )
        for scope in scopes:
            out += ["", f"## Scope {_code(scope)}"]
            out += self._memories_md([r for r in self.records if r.scope == scope])
            out += self._proposals_md([p for p in self.proposals if p.scope == scope])
            out += self._extractions_md([x for x in self.extractions if x.scope == scope])
            out += self._policies_md([p for p in self.policies if p.scope_prefix == scope])
            out += self._jobs_md([j for j in self.jobs if j.scope == scope])
            out += self._events_md([e for e in self.events if e.scope == scope])
        return "\n".join(out) + "\n"

    # -- Markdown sections ------------------------------------------------------------

    @staticmethod
    def _memories_md(records: list[Record]) -> list[str]:
        if not records:
            return []
        out = ["", "### Memories", ""]
        for chain in _lineages(tuple(records)):
            head = chain[0]
            state = "current" if head.superseded_by is None and head.valid_to is None else "closed"
            if head.expires_at is not None:
                state += f", expires {head.expires_at.isoformat()}"
            topic = f" · topic {_line(head.topic)}" if head.topic else ""
            pinned = " · pinned" if head.pinned else ""
            out.append(f"- **{head.kind}**{topic}{pinned} · {_code(head.id)} · {state}")
            for i, r in enumerate(chain):
                label = "text" if i == 0 else f"earlier version {_code(r.id)}"
                until = f" until {r.valid_to.isoformat()}" if r.valid_to is not None else ""
                out.append(
                    f"  - {label} (valid from {r.valid_from.isoformat()}{until}): {_line(r.text)}"
                )
                src = ", ".join(
                    f"{k}: {' '.join(v) if isinstance(v, list) else v}"
                    for k, v in r.source.to_dict().items()
                )
                out.append(f"    - source: {_line(src)}; recorded {r.recorded_at.isoformat()}")
        return out

    @staticmethod
    def _proposals_md(proposals: list[Proposal]) -> list[str]:
        if not proposals:
            return []
        out = ["", "### Proposals", ""]
        for p in proposals:
            target = f" → {_code(p.target)}" if p.target else ""
            out.append(
                f"- {_code(p.id)} {p.op} {p.kind}{target} · {p.state} · "
                f"created {p.created_at.isoformat()}"
            )
            out.append(f"  - text: {_line(p.text)}")
            for name in ("rationale", "excerpt", "reason", "reviewer", "result_id"):
                value = getattr(p, name)
                if value:
                    out.append(f"  - {name}: {_line(value)}")
            for f in p.findings:
                out.append(f"  - finding: {f.category} ({f.severity}): {_line(f.message)}")
        return out

    @staticmethod
    def _extractions_md(extractions: list[Extraction]) -> list[str]:
        if not extractions:
            return []
        out = ["", "### Extraction logs", ""]
        for x in extractions:
            model = f" · model {_line(x.model)}" if x.model else ""
            out.append(f"- {_code(x.id)} · {x.status} · {x.created_at.isoformat()}{model}")
            if x.proposals:
                out.append("  - proposals: " + ", ".join(_code(p) for p in x.proposals))
            if x.reason:
                out.append(f"  - reason: {_line(x.reason)}")
            if x.raw:
                out.append(f"  - raw answer: {_line(x.raw)}")
        return out

    @staticmethod
    def _policies_md(policies: list[Policy]) -> list[str]:
        if not policies:
            return []
        out = ["", "### Review policies", ""]
        for p in policies:
            out.append(f"- {p.kind or 'any kind'}: {p.mode} (set {p.updated_at.isoformat()})")
        return out

    @staticmethod
    def _jobs_md(jobs: list[Job]) -> list[str]:
        if not jobs:
            return []
        out = ["", "### Queued extraction jobs", ""]
        for j in jobs:
            conv = f" · conversation {_line(j.conversation)}" if j.conversation else ""
            out.append(f"- {_code(j.id)} · {j.state} · queued {j.created_at.isoformat()}{conv}")
            for m in j.messages:
                who = m.get("name") or m.get("role") or "?"
                out.append(f"  - {_line(str(who))}: {_line(str(m.get('content', '')))}")
        return out

    @staticmethod
    def _events_md(events: list[Event]) -> list[str]:
        if not events:
            return []
        out = [
            "",
            "### History",
            "",
            "| when | action | who | memory | text |",
            "|---|---|---|---|---|",
        ]
        for e in events:
            text = e.after if e.after is not None else e.before
            cell = _line(text).replace("|", "\\|")
            if text is None and "erased" in e.detail:
                cell = "*(erased)*"
            who = _line(e.actor).replace("|", "\\|")
            out.append(
                f"| {e.at.isoformat()} | {e.action} | {who} | {e.memory_id or ''} | {cell} |"
            )
        return out


def export(planner: Planner, scope: Scope | str, *, author: str | None = None) -> Plan[Export]:
    """Everything held about ``scope`` and its descendants, recorded as an ``export`` event.

    Args:
        planner: clock and default author.
        scope: the root scope.
        author: who exports (default: the configured author).

    Returns:
        The :class:`Export`.
    """
    path = Scope.parse(scope).path
    now = planner.clock()
    holdings: Holdings = (yield batch(ExportOp(path)))[0]
    data = Export.from_holdings(path, now, holdings)
    event = planner.event(
        "export",
        path,
        actor=author or planner.author,
        detail={"format": EXPORT_FORMAT, "counts": data.counts()},
    )
    yield batch(EventOp(event))
    return data
