"""The extraction service's plans: remember, the background queue, the extraction log.

``remember`` runs these steps, each a named function, in one plan that
``Memory`` drives with blocking calls and ``AsyncMemory`` with awaits:

1. validate the messages (:func:`.base.parse_conversation`);
2. **extract** candidate statements (:meth:`Extractor.extract`: the cue
   patterns, or one model call);
3. resolve relative dates against the session time (:func:`.dates.resolve`),
   whatever the extractor wrote;
4. **find similar memories**: a hybrid search of the scope per candidate;
5. **reconcile**: exact duplicates (of a visible memory, of a pending
   proposal, or of an earlier candidate) are settled here without a model;
   candidates with no similar memory in their own scope are new; the rest go to
   :meth:`Extractor.reconcile` (deterministic rules, or one model call);
6. **propose** each change through the review service
   (:func:`memstack.review.plans.propose`): screened, stored as a proposal and
   handed to its review policy. A secret in one statement refuses that
   statement only, and the refusal is noted in the log;
7. **log** the run (:class:`~memstack.models.Extraction`): status, the
   proposal ids, tokens and cost of every model call, and a note.

Never silent: if the model fails (unusable output twice, a timeout, a rate
limit that outlasts the retries), the run is logged as ``failed`` with the
reason, the raw reply and the tokens already spent, and then the error is
raised. A background job that fails that way is retried (up to
:data:`MAX_ATTEMPTS`, unless the output was malformed twice, which a retry
would not fix), and every attempt is in the log.

Only memories in the conversation's own scope can be updated or superseded:
an ancestor scope's memory (a team rule, say) can make a candidate a
duplicate, but a user's conversation never rewrites it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from ..errors import Conflict, ProviderError, Refused, UsageError
from ..llm.base import InvalidOutput
from ..models import (
    Extraction,
    ExtractionListOp,
    ExtractionLogOp,
    Hit,
    Job,
    JobClaimOp,
    JobDoneOp,
    JobListOp,
    JobPutOp,
    JobReleaseOp,
    Proposal,
    ProposalListOp,
    Record,
    Remembered,
    Scope,
    Source,
    content_hash,
    new_id,
    utc,
)
from ..plan import Batch, Call, Plan, Planner
from ..review import plans as review
from .base import (
    Candidate,
    Change,
    Conversation,
    Extractor,
    Meter,
    Related,
    check_scope,
    parse_conversation,
)
from .dates import resolve
from .reconcile import find_duplicate, normalize, replaces

__all__ = [
    "DEFAULT_LEASE",
    "MAX_ATTEMPTS",
    "SIMILAR",
    "enqueue",
    "extractions",
    "jobs",
    "remember",
    "run_jobs",
]

#: Similar memories looked up per candidate.
SIMILAR = 5
#: How long a worker may hold a job before another worker may take it over.
#: Longer than the worst case of two model calls with the default retries.
DEFAULT_LEASE = timedelta(minutes=15)
#: Claims of one job before it is given up (and its messages deleted).
MAX_ATTEMPTS = 3
#: The reason of a statement a later one of the same conversation replaced.
REPLACED = "replaced later in this conversation"
#: Wait before retry n (1-based) of a job whose model call failed.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5))


# -- remember -------------------------------------------------------------------------------


def remember(
    planner: Planner,
    scope: Scope | str,
    messages: Sequence[Mapping[str, Any]],
    *,
    extractor: Extractor,
    session_time: datetime | None = None,
    conversation: str | None = None,
    ttl: timedelta | None = review.DEFAULT_TTL,
    job: Job | None = None,
) -> Plan[Remembered]:
    """Extract, reconcile and propose; log the run. See :meth:`ExtractAPI.remember`.

    Raises:
        ProviderError: the model failed (the run is logged as failed first);
            :class:`~memstack.llm.InvalidOutput` if its output was unusable twice.
        UsageError, InvalidScope: bad messages or scope (nothing is logged).
    """
    path = check_scope(scope)
    conv = parse_conversation(
        messages, session_time=session_time or planner.clock(), conversation=conversation
    )
    meter = Meter(model=extractor.id)
    try:
        found = yield from extractor.extract(conv, meter)
        candidates = [replace(c, text=resolve(c.text, conv.said_at(c.turns))) for c in found]
        changes = yield from _reconcile(planner, path, conv, candidates, extractor, meter)
    except ProviderError as exc:
        failed = _failed(planner, path, meter, exc, job)
        yield Batch([ExtractionLogOp(failed)])
        raise _logged(exc, extractor, failed) from exc
    proposals, notes = yield from _propose_all(planner, path, conv, changes, extractor, ttl)
    notes = [*(f"read {c.describe()}" for c in conv.changes), *notes]
    done = Extraction(
        id=new_id(), scope=path, status="ok", created_at=planner.clock(),
        reason=_summary(candidates, changes, proposals, notes), model=meter.model,
        input_tokens=meter.input_tokens, output_tokens=meter.output_tokens, cost_usd=meter.cost_usd,
        proposals=tuple(p.id for p in proposals),
    )  # fmt: skip
    yield Batch([ExtractionLogOp(done)])
    return Remembered(proposals, extraction=done, changes=conv.changes)


def _similar(planner: Planner, path: str, candidate: Candidate) -> Plan[list[Record]]:
    flt = planner.filter(path, kind=("fact", "rule"))
    hits: Sequence[Hit] = yield from planner.search(flt, candidate.text, limit=SIMILAR)
    return [h.memory for h in hits]


def _reconcile(
    planner: Planner, path: str, conv: Conversation, candidates: Sequence[Candidate],
    extractor: Extractor, meter: Meter,
) -> Plan[list[Change]]:  # fmt: skip
    """One change per candidate; the extractor only sees the ones that need judgement."""
    changes: list[Change | None] = [None] * len(candidates)
    open_items: list[tuple[int, Related]] = []
    for i, cand in enumerate(candidates):
        earlier = next(
            (c for c in candidates[:i] if normalize(c.text) == normalize(cand.text)), None
        )
        if earlier is not None:
            changes[i] = Change(cand, "none", cand.text, None, "repeated in this conversation")
            continue
        visible = yield from _similar(planner, path, cand)
        dup = find_duplicate(cand, visible)
        if dup is not None:
            where = "" if dup.scope == path else f" in scope {dup.scope}"
            changes[i] = Change(
                cand, "none", cand.text, dup, f"already remembered as memory {dup.id}{where}"
            )
            continue
        waiting: list[Proposal] = (
            yield Batch(
                [
                    ProposalListOp(
                        scope=path, states=("pending",), content_hash=content_hash(cand.text)
                    )
                ]
            )
        )[0]
        if waiting:
            changes[i] = Change(
                cand, "none", cand.text, None, f"already proposed (proposal {waiting[0].id})"
            )
            continue
        own = tuple(r for r in visible if r.scope == path)
        if not own:
            changes[i] = Change(cand, "add", cand.text, None, "new")
            continue
        open_items.append((i, Related(cand, own)))
    if open_items:
        decided = yield from extractor.reconcile(conv, [item for _, item in open_items], meter)
        for (i, _), change in zip(open_items, decided, strict=True):
            changes[i] = change
    return within_conversation(path, [c for c in changes if c is not None])


def within_conversation(path: str, changes: Sequence[Change]) -> list[Change]:
    """Let a later statement of the conversation replace an earlier one it changes.

    ``changes`` are in conversation order, each already reconciled with the
    stored memories. When a later candidate replaces an earlier one
    (:func:`.reconcile.replaces`), the earlier one is dropped (``none``) and the
    later one is what gets proposed:

    * if the earlier one repeated, superseded or updated a stored memory of the
      conversation's scope (``path``), the later one supersedes that memory
      instead, unless it already has a target of its own;
    * if the earlier one was new, the later one stays an ``add``: no memory ever
      held the earlier value, so nothing is closed. Its rationale quotes the
      earlier statement and its source lists both turns, so the reviewer sees
      the history;
    * if the later one repeats a stored memory (the user went back to what was
      remembered), the earlier change is dropped and nothing is proposed.
    """
    out = list(changes)
    for i, change in enumerate(out):
        if change.action == "none" and change.target is None:
            continue  # a repeat of this conversation or of a pending proposal
        for j in range(i - 1, -1, -1):
            earlier = out[j]
            if earlier.action == "none" and earlier.target is None:
                continue
            why = replaces(change.candidate, earlier.candidate)
            if why is None:
                continue
            turns = tuple(dict.fromkeys(earlier.candidate.turns + change.candidate.turns))
            said = f"earlier in this conversation: {earlier.candidate.text!r}; {why}"
            cand = replace(change.candidate, turns=turns)
            out[j] = replace(earlier, action="none", reason=REPLACED)
            if change.action == "none":  # back to what a memory already says: nothing to do
                break
            if earlier.action == "none":  # the earlier one repeated a memory: replace that memory
                assert earlier.target is not None
                if change.target is None and earlier.target.scope == path:
                    out[i] = Change(cand, "supersede", change.text, earlier.target, said)
                break
            if change.target is None and earlier.target is not None:
                out[i] = Change(cand, "supersede", change.text, earlier.target, said)
            else:
                reason = said if change.reason in ("", "new") else f"{change.reason}; {said}"
                out[i] = replace(change, candidate=cand, reason=reason)
            break
    return out


def _rationale(change: Change) -> str | None:
    parts = [change.candidate.rationale]
    if change.reason and change.reason != "new":
        parts.append(change.reason)
    text = "; ".join(p for p in parts if p)
    return text or None


def _propose_all(
    planner: Planner, path: str, conv: Conversation, changes: Sequence[Change],
    extractor: Extractor, ttl: timedelta | None,
) -> Plan[tuple[list[Proposal], list[str]]]:  # fmt: skip
    proposals: list[Proposal] = []
    notes: list[str] = []
    source_base = Source(origin="ai", author=extractor.id, conversation=conv.conversation)
    for change in changes:
        if change.action == "none":
            continue
        cand, target = change.candidate, change.target
        said = conv.said_at(cand.turns)
        text = resolve(change.text, said)  # the reconcile step may have rewritten it
        if target is not None and text == target.text:
            continue
        source = replace(source_base, turns=cand.turns, event_time=utc(said))
        try:
            p = yield from review.propose(
                planner, path, text, kind=target.kind if target else cand.kind, op=change.action,
                target=target.id if target else None, source=source,
                rationale=_rationale(change), excerpt=cand.excerpt,
                topic=cand.topic if target is None or target.topic is None else None, ttl=ttl,
            )  # fmt: skip
        except Refused as exc:
            notes.append(f"refused one statement: {exc.message}")
            continue
        except Conflict as exc:  # the target changed while we were thinking
            notes.append(f"skipped one {change.action}: {exc.message}")
            continue
        proposals.append(p)
    return proposals, notes


def _summary(
    candidates: Sequence[Candidate],
    changes: Sequence[Change],
    proposals: Sequence[Proposal],
    notes: Sequence[str],
) -> str:
    if not candidates:
        return "; ".join(["nothing to remember", *notes])
    counts: dict[str, int] = {}
    for c in changes:
        action = "replaced" if c.reason == REPLACED else c.action
        counts[action] = counts.get(action, 0) + 1
    parts = [f"{len(candidates)} candidate{'s' if len(candidates) != 1 else ''}"]
    parts += [f"{n} {a}" for a, n in sorted(counts.items()) if a not in ("none", "replaced")]
    if counts.get("none"):
        parts.append(f"{counts['none']} already known")
    if counts.get("replaced"):
        parts.append(f"{counts['replaced']} replaced later in the conversation")
    parts.append(f"{len(proposals)} proposal{'s' if len(proposals) != 1 else ''}")
    return "; ".join([", ".join(parts), *notes])


def _failed(
    planner: Planner, path: str, meter: Meter, exc: ProviderError, job: Job | None
) -> Extraction:
    if isinstance(exc, InvalidOutput):
        reason = f"unusable model output ({exc.attempts} replies): {exc.reason}"
        raw: str | None = exc.raw
    else:
        reason, raw = str(exc), None
    if job is not None:
        again = not isinstance(exc, InvalidOutput) and job.attempts < MAX_ATTEMPTS
        fate = "will be retried" if again else "was dropped"
        reason += (
            f" [background job {job.id}, attempt {job.attempts} of {MAX_ATTEMPTS}: the job {fate}]"
        )
    return Extraction(
        id=new_id(), scope=path, status="failed", created_at=planner.clock(), reason=reason,
        raw=raw if raw is not None else meter.raw, model=meter.model,
        input_tokens=meter.input_tokens, output_tokens=meter.output_tokens, cost_usd=meter.cost_usd,
    )  # fmt: skip


def _logged(exc: ProviderError, extractor: Extractor, failed: Extraction) -> ProviderError:
    hint = (
        f"The run is logged as failed extraction {failed.id}: "
        "see 'memstack extractions --status failed'."
    )
    message = f"Extraction with {extractor.id} failed: {exc.message}"
    if isinstance(exc, InvalidOutput):
        return InvalidOutput(message, raw=exc.raw, reason=exc.reason, usage=exc.usage,
                             cost_usd=exc.cost_usd, attempts=exc.attempts, hint=hint)  # fmt: skip
    return ProviderError(message, hint=hint)


# -- the background queue ---------------------------------------------------------------------


def _plain(messages: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], ...]:
    try:
        return tuple(json.loads(json.dumps(dict(m), ensure_ascii=False)) for m in messages)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"Messages must be JSON-serialisable to be queued: {exc}.") from exc


def enqueue(
    planner: Planner,
    scope: Scope | str,
    messages: Sequence[Mapping[str, Any]],
    *,
    session_time: datetime | None = None,
    conversation: str | None = None,
    on_queued: Callable[[], None] | None = None,
) -> Plan[Remembered]:
    """Validate and queue a conversation for a worker; returns at once.

    The session time defaults to now, when the conversation happened, not
    when a worker gets to it. ``on_queued`` (e.g. waking an in-process
    worker) runs after the job is stored.
    """
    path = check_scope(scope)
    now = planner.clock()
    when = session_time or now
    conv = parse_conversation(messages, session_time=when)  # fail now, not in the worker
    job = Job(
        id=new_id(), scope=path, messages=_plain(messages), created_at=now, session_time=when,
        conversation=conversation, not_before=now,
    )  # fmt: skip
    yield Batch([JobPutOp(job)])
    if on_queued is not None:
        notify = on_queued

        async def anotify() -> None:
            notify()

        yield Call(notify, anotify)
    return Remembered([], job=job, changes=conv.changes)


def run_jobs(
    planner: Planner,
    extractor: Extractor,
    *,
    limit: int | None = None,
    ttl: timedelta | None = review.DEFAULT_TTL,
    lease: timedelta = DEFAULT_LEASE,
) -> Plan[int]:
    """Process queued jobs until none is due (or ``limit`` were taken); returns how many.

    Each job is claimed (so parallel workers never share one), remembered, and
    deleted with its messages. A model failure other than malformed output puts
    the job back with a back-off, up to :data:`MAX_ATTEMPTS` claims; every
    failure is in the extraction log.
    """
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise UsageError(f"limit must be a positive integer, got {limit!r}.")
    taken = 0
    while limit is None or taken < limit:
        now = planner.clock()
        job: Job | None = (yield Batch([JobClaimOp(now, now + lease)]))[0]
        if job is None:
            break
        taken += 1
        if job.attempts > MAX_ATTEMPTS:  # its workers kept vanishing: give up, loudly
            reason = (
                f"gave up on background job {job.id} after {job.attempts - 1} attempts; "
                f"last error: {job.error or 'the worker stopped while processing it'}"
            )
            gave_up = Extraction(
                id=new_id(), scope=job.scope, status="failed", created_at=now, reason=reason
            )
            yield Batch([ExtractionLogOp(gave_up), JobDoneOp(job.id)])
            continue
        try:
            yield from remember(
                planner, job.scope, job.messages, extractor=extractor,
                session_time=job.session_time, conversation=job.conversation, ttl=ttl, job=job,
            )  # fmt: skip
        except InvalidOutput:
            pass  # logged by remember; asking again would not help
        except ProviderError as exc:  # logged by remember
            if job.attempts < MAX_ATTEMPTS:
                wait = BACKOFF[min(job.attempts, len(BACKOFF)) - 1]
                cause = exc.__cause__ if isinstance(exc.__cause__, ProviderError) else exc
                yield Batch([JobReleaseOp(job.id, planner.clock() + wait, cause.message)])
                continue
        except UsageError as exc:  # stored messages that no longer validate: log, then drop
            bad = Extraction(
                id=new_id(),
                scope=job.scope,
                status="failed",
                created_at=planner.clock(),
                reason=f"background job {job.id} could not be processed: {exc}",
            )
            yield Batch([ExtractionLogOp(bad)])
        yield Batch([JobDoneOp(job.id)])
    return taken


def jobs(scope: Scope | str | None = None, *, limit: int | None = None) -> Plan[list[Job]]:
    """Queued jobs (pending or running), oldest first."""
    path = Scope.parse(scope).path if scope is not None else None
    found: list[Job] = (yield Batch([JobListOp(path, limit)]))[0]
    return found


def extractions(
    scope: Scope | str | None = None, *, status: str | None = None, limit: int | None = None
) -> Plan[list[Extraction]]:
    """Logged extraction runs, newest first."""
    path = Scope.parse(scope).path if scope is not None else None
    if status not in (None, "ok", "failed"):
        raise UsageError(f"Unknown extraction status {status!r}; use ok or failed.")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise UsageError(f"limit must be a non-negative integer, got {limit!r}.")
    found: list[Extraction] = (
        yield Batch([ExtractionListOp(scope=path, status=status, limit=limit)])  # type: ignore[arg-type]
    )[0]
    return found
