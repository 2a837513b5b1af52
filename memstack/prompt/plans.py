"""The prompt service: compile memory into prompts, render and apply Markdown, import files.

Each public function here is a *plan* (see :mod:`memstack.plan`): it yields
store batches and embedding requests, and ``Memory`` / ``AsyncMemory`` drive it.
The decisions themselves live in the pure :mod:`memstack.compile` package; this
module only gathers the records they need and writes what they decide.

* **compile**: the stable candidates are every current rule and fact a read of
  the scope may see (it and its ancestors; episodes never enter the stable
  block), the recall hits come from the ordinary hybrid search for the query,
  and :func:`memstack.compile.compile_prompt` does the rest (with the query, so
  long recalled memories are sent as excerpts around it). Nothing here reads
  the clock into the text, so the stable block, and its digest, change only when
  an approved memory in it changes.
* **render / apply**: a scope's own current records (not its ancestors') as the
  deterministic Markdown of :func:`memstack.compile.render`, and an edited
  document turned back into changes by stable id (:func:`memstack.compile.diff`).
  Applying is a human-authored change: it is screened for secrets like any human
  write, then every add, supersede and delete lands in **one** transaction with
  its events, so a document is applied completely or not at all. The diff
  refuses unknown, copied or tampered id markers; nothing is guessed.
* **import**: ``CLAUDE.md``, ``AGENTS.md``, Cursor rules, a render or a JSON
  export read back as proposals for review, or (``approve=True``) applied at
  once as a human-authored import in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Literal

from ..compile import ChangeSet, ParsedItem, Prompt, compile_prompt, diff, render
from ..compile.markdown import stale
from ..compile.prompt import Provider
from ..errors import Conflict, UsageError
from ..models import (
    DeleteOp,
    Filter,
    Hit,
    Op,
    Proposal,
    PutOp,
    Record,
    Scope,
    Source,
    SupersedeOp,
    VectorLookupOp,
    content_hash,
    new_id,
)
from ..plan import Batch, Embed, Plan, Planner, check_text, switch
from ..review import plans as review_plans
from ..review.screening import screen_human

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_RECALL",
    "DEFAULT_RECALL_LIMIT",
    "ImportResult",
    "apply_markdown",
    "compile_memory",
    "import_items",
    "propose_markdown",
    "render_scope",
    "scope_records",
]

#: Default token budget of the stable block.
DEFAULT_BUDGET = 2000
#: Default token budget of the recall block.
DEFAULT_RECALL = 500
#: Default number of search hits considered for recall.
DEFAULT_RECALL_LIMIT = 10
PROVIDERS: tuple[Provider, ...] = ("anthropic", "openai", "text")


def _check_int(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise UsageError(f"{name} must be an integer of at least {low}, got {value!r}.")
    return value


def _provider(value: Any) -> Provider:
    if value not in PROVIDERS:
        raise UsageError(f"Unknown provider {value!r}; use one of {', '.join(PROVIDERS)}.")
    return value  # type: ignore[no-any-return]


# -- compile ------------------------------------------------------------------------------


def compile_memory(
    planner: Planner,
    scope: Scope | str,
    query: str | None = None,
    *,
    budget_tokens: int = DEFAULT_BUDGET,
    recall_tokens: int = DEFAULT_RECALL,
    provider: Provider = "anthropic",
    recall_limit: int = DEFAULT_RECALL_LIMIT,
    history: Sequence[str] | None = None,
) -> Plan[Prompt]:
    """Gather stable candidates and recall hits, then compile them.

    See :meth:`memstack.Memory.compile` for the arguments.
    """
    path = Scope.parse(scope).path
    _check_int("budget_tokens", budget_tokens, 0)
    _check_int("recall_tokens", recall_tokens, 0)
    _check_int("recall_limit", recall_limit, 1)
    provider = _provider(provider)
    if query is not None and not isinstance(query, str):
        raise UsageError(f"query must be a string, got {type(query).__name__}.")
    state = yield from switch.status(planner, path)
    if state.reads_off:  # nothing of the scope's memory goes into the prompt, and it says so
        return replace(
            compile_prompt([], [], budget_tokens=budget_tokens, recall_tokens=recall_tokens,
                           provider=provider, scope=path, history=history),
            memory_off=True,
        )  # fmt: skip
    stable: list[Record] = yield from planner.list(planner.filter(path, kind=("rule", "fact")))
    hits: list[Hit] = []
    if query and query.strip() and recall_tokens > 0:
        hits = yield from planner.search(planner.filter(path), query, limit=recall_limit)
    return compile_prompt(
        stable, hits, budget_tokens=budget_tokens, recall_tokens=recall_tokens,
        provider=provider, scope=path, history=history, query=query,
    )  # fmt: skip


# -- render -------------------------------------------------------------------------------


def scope_records(planner: Planner, scope: Scope | str) -> Plan[list[Record]]:
    """The current records of exactly this scope (not its ancestors or descendants)."""
    path = Scope.parse(scope).path
    records: list[Record] = yield from planner.list(Filter(scopes=(path,), now=planner.clock()))
    return records


def render_scope(planner: Planner, scope: Scope | str) -> Plan[str]:
    """The scope's current records as deterministic Markdown (:func:`memstack.compile.render`)."""
    path = Scope.parse(scope).path
    records = yield from scope_records(planner, path)
    return render(path, records)


# -- apply --------------------------------------------------------------------------------


def _reviewer(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise UsageError("apply needs reviewer=<who approved the edit>, a non-empty name.")
    if name.startswith("policy:"):
        raise UsageError(f"Reviewer names starting with 'policy:' are reserved, got {name!r}.")
    return name


def _vectors(planner: Planner, texts: Sequence[str]) -> Plan[dict[str, Any]]:
    """Vectors by content hash: reuse stored ones, embed the rest in one request."""
    if not texts:
        return {}
    yield from planner.check_vectors()
    hashes = tuple(dict.fromkeys(content_hash(t) for t in texts))
    known: dict[str, Any] = {}
    for start in range(0, len(hashes), 1000):
        chunk = hashes[start : start + 1000]
        known.update((yield Batch([VectorLookupOp(chunk, planner.embedder_id)]))[0])
    todo = list(dict.fromkeys(t for t in texts if content_hash(t) not in known))
    if todo:
        vecs = yield Embed(todo, "document", None)
        known.update((content_hash(t), v) for t, v in zip(todo, vecs, strict=True))
    return known


def _validate(items: Sequence[ParsedItem], edits: Sequence[Any]) -> None:
    """Check every text that would be written before anything is: length, emptiness, secrets."""
    for item in [*items, *(e.item for e in edits)]:
        where = f"Line {item.line}: " if item.line else ""
        try:
            check_text(item.text)
            screen_human(item.text, kind=item.kind, metadata=item.metadata)
        except UsageError as exc:
            if where:
                exc.message = where + exc.message
                exc.args = (f"{exc.message} {exc.hint}" if exc.hint else exc.message,)
            raise


def _change_ops(
    planner: Planner,
    path: str,
    changes: ChangeSet,
    *,
    reviewer: str,
    origin: Literal["human", "import"],
    via: str,
) -> Plan[list[Record]]:
    """Write a change set in one transaction; returns the new records (adds, then new versions).

    New memories are refused while memory is off for writes in the scope; edits and
    removals of existing ones still apply.
    """
    if changes.added:
        yield from switch.require_writes(planner, [path])
    _validate(changes.added, changes.edited)
    texts = [i.text for i in changes.added] + [e.item.text for e in changes.edited]
    vectors = yield from _vectors(planner, texts)
    now = planner.clock()
    source = Source(origin=origin, author=reviewer)
    # The switch again, inside the write transaction: it may have changed since.
    ops: list[Op] = [switch.writes_on([path])] if changes.added else []
    created: list[Record] = []
    for item in changes.added:
        began = now if item.valid_from is None else min(item.valid_from, now)
        rec = Record(
            id=new_id(), scope=path, kind=item.kind, text=item.text, topic=item.topic,
            pinned=item.pinned, source=source, recorded_at=now, valid_from=began,
            metadata=dict(item.metadata or {}),
        )  # fmt: skip
        event = planner.event(
            "add", path, actor=reviewer, memory_id=rec.id, after=rec.text,
            after_hash=rec.content_hash, detail={"kind": rec.kind, "origin": origin, "via": via},
        )  # fmt: skip
        ops.append(PutOp(rec, event, None, vectors[rec.content_hash], planner.embedder_id))
        created.append(rec)
    for edit in changes.edited:
        old, item = edit.record, edit.item
        start = max(now, old.valid_from)
        new = Record(
            id=new_id(), scope=path, kind=item.kind, text=item.text, topic=item.topic,
            pinned=item.pinned, importance=old.importance, source=source, recorded_at=now,
            valid_from=start, expires_at=old.expires_at, metadata=old.metadata,
        )  # fmt: skip
        event = planner.event(
            "update", path, actor=reviewer, memory_id=new.id, before=old.text, after=new.text,
            before_hash=old.content_hash, after_hash=new.content_hash,
            detail={
                "supersedes": old.id, "origin": origin, "via": via, "fields": list(edit.fields),
            },
        )  # fmt: skip
        ops.append(SupersedeOp(old.id, valid_to=start, superseded_by=new.id))
        ops.append(PutOp(new, event, None, vectors[new.content_hash], planner.embedder_id))
        created.append(new)
    for old in changes.removed:
        event = planner.event(
            "delete", path, actor=reviewer, memory_id=old.id, before=old.text,
            before_hash=old.content_hash, detail={"origin": origin, "via": via},
        )  # fmt: skip
        # current=True: checked in the write transaction, so a memory changed after
        # it was read is not deleted (the whole change set fails with Conflict).
        ops.append(DeleteOp(old.id, event, current=True))
    if ops:
        yield Batch(ops)
    return created


def apply_markdown(
    planner: Planner,
    scope: Scope | str,
    markdown: str,
    *,
    reviewer: str,
    dry_run: bool = False,
) -> Plan[ChangeSet]:
    """Apply an edited render of a scope as human-authored changes (see :meth:`PromptAPI.apply`)."""
    path = Scope.parse(scope).path
    who = _reviewer(reviewer)
    if not isinstance(markdown, str):
        raise UsageError(f"markdown must be a string, got {type(markdown).__name__}.")
    current = yield from scope_records(planner, path)
    newer = stale(current, markdown)
    if newer:
        shown = "; ".join(newer[:10]) + (f"; and {len(newer) - 10} more" if len(newer) > 10 else "")
        raise Conflict(
            f"This render of {path!r} is older than {len(newer)} change(s) to it, which applying "
            f"it would delete or undo: {shown}. Nothing was applied.",
            hint=f"Render the scope again ('memstack render --scope {path}') and redo the edit.",
        )
    changes = diff(path, current, markdown)
    if dry_run:
        _validate(changes.added, changes.edited)  # a dry run fails where the real one would
        return changes
    if changes.empty:
        return changes
    yield from _change_ops(planner, path, changes, reviewer=who, origin="human", via="markdown")
    return changes


def propose_markdown(
    planner: Planner,
    scope: Scope | str,
    markdown: str,
    *,
    source: Source,
    ttl: timedelta | None = review_plans.DEFAULT_TTL,
) -> Plan[list[Proposal]]:
    """Turn an edited render of a scope into proposals (see :meth:`PromptAPI.propose_markdown`).

    The document is compared with the current records by the bullets' id markers,
    exactly as :func:`apply_markdown` does; each added bullet becomes an ``add``
    proposal, each changed one an ``update`` of its memory (a change of kind: a
    ``delete`` and an ``add``; pinning is left to reviewers), each removed one a
    ``delete``. Every text is checked before the first proposal is made.
    """
    path = Scope.parse(scope).path
    if not isinstance(markdown, str):
        raise UsageError(f"markdown must be a string, got {type(markdown).__name__}.")
    current = yield from scope_records(planner, path)
    changes = diff(path, current, markdown)
    for item in [*changes.added, *(e.item for e in changes.edited)]:
        check_text(item.text)
    made: list[Proposal] = []

    def propose(text: str | None, **options: Any) -> Plan[Proposal]:
        p: Proposal = yield from review_plans.propose(
            planner, path, text, source=source, ttl=ttl, **options
        )
        made.append(p)
        return p

    for item in changes.added:
        yield from propose(item.text, kind=item.kind, topic=item.topic)
    for e in changes.edited:
        if "kind" in e.fields:
            yield from propose(None, kind=e.record.kind, op="delete", target=e.record.id)
            yield from propose(e.item.text, kind=e.item.kind, topic=e.item.topic)
        elif {"text", "topic"} & set(e.fields):
            yield from propose(
                e.item.text, kind=e.record.kind, op="update", target=e.record.id,
                topic=e.item.topic,
            )  # fmt: skip
    for record in changes.removed:
        yield from propose(None, kind=record.kind, op="delete", target=record.id)
    return made


# -- import -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did.

    Attributes:
        items: every memory read from the file, in file order.
        proposals: the proposals made (without ``approve``), one per new item.
        added: the records written (with ``approve``), one per new item.
        skipped: items already in the scope (same kind and text), already waiting for
            review as a proposal (without ``approve``), or repeated in the file.
    """

    items: tuple[ParsedItem, ...]
    proposals: tuple[Proposal, ...] = ()
    added: tuple[Record, ...] = ()
    skipped: tuple[ParsedItem, ...] = ()


def import_items(
    planner: Planner,
    scope: Scope | str,
    items: Sequence[ParsedItem],
    *,
    author: str,
    approve: bool = False,
    ttl: timedelta | None = review_plans.DEFAULT_TTL,
    source_name: str | None = None,
) -> Plan[ImportResult]:
    """Propose (or, with ``approve``, write at once) the items not yet in the scope."""
    path = Scope.parse(scope).path
    who = _reviewer(author)
    current = yield from scope_records(planner, path)
    seen = {(r.kind, r.text) for r in current}
    if not approve:  # proposing again what already waits for review adds nothing
        pending = yield from review_plans.list_proposals(planner, path, state="pending")
        seen |= {(p.kind, p.text) for p in pending if p.op == "add" and p.scope == path}
    fresh: list[ParsedItem] = []
    skipped: list[ParsedItem] = []
    for item in items:
        if (item.kind, item.text) in seen:
            skipped.append(item)
        else:
            seen.add((item.kind, item.text))
            fresh.append(item)
    if approve:
        changes = ChangeSet(added=tuple(fresh))
        added = yield from _change_ops(
            planner, path, changes, reviewer=who, origin="import", via="import"
        )
        return ImportResult(tuple(items), added=tuple(added), skipped=tuple(skipped))
    _validate(fresh, [])  # refuse a file with a secret before proposing any of it
    where = f" from {source_name}" if source_name else ""
    proposals: list[Proposal] = []
    for item in fresh:
        p = yield from review_plans.propose(
            planner, path, item.text, kind=item.kind, topic=item.topic,
            source=Source(origin="import", author=who, event_time=item.valid_from), ttl=ttl,
            metadata=item.metadata,
            rationale=f"Imported{where}" + (" (pinned in the file)" if item.pinned else ""),
        )  # fmt: skip
        proposals.append(p)
    return ImportResult(tuple(items), proposals=tuple(proposals), skipped=tuple(skipped))
