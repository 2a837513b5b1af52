"""Review: propose, proposals, approve, reject, policies (plans in :mod:`memstack.review`)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from ...errors import MemstackError, UsageError
from ...models import Decision, Event, Kind, Policy, Proposal, Scope, Source
from ...plan.validate import check_bound
from ...review import plans
from ..base import idempotency
from .door import AsyncDoor

__all__ = ["AsyncReviewMethods"]


class AsyncReviewMethods(AsyncDoor):
    """The review methods of :class:`~memstack.AsyncMemory`.

    AI proposes, a human approves: :meth:`propose` screens a suggested change
    and stores it as a :class:`~memstack.models.Proposal`; only :meth:`approve`
    (by a person, or by an ``auto`` policy for clean proposals) turns it into a
    record, in the same transaction as the decision and its event.
    """

    async def propose(
        self,
        scope: Scope | str,
        /,
        text: str | None = None,
        *,
        kind: Kind,
        op: str = "add",
        target: str | None = None,
        source: Source | Mapping[str, Any] | None = None,
        rationale: str | None = None,
        excerpt: str | None = None,
        topic: str | None = None,
        idempotency_key: str | None = None,
    ) -> Proposal:
        """Suggest a change; it is screened, stored as a proposal and handed to its policy.

        Args:
            scope: where the change belongs.
            text: the statement, exactly as it should be stored (for ``delete``:
                ``None``; the target's text is recorded).
            kind: ``rule``, ``fact`` or ``episode``; for a change to an existing
                memory it must be the target's kind.
            op: ``add``, ``update`` (correct the target), ``supersede`` (the
                target stopped being true) or ``delete``.
            target: the current memory id an update, supersede or delete is about.
            source: provenance (default ``Source(origin="ai")``); its author is the proposer.
            rationale: why the change is suggested, for the reviewer.
            excerpt: the conversation text the change comes from.
            topic: heading of the new memory.
            idempotency_key: the caller's key for this proposal (1-200 printable
                characters); a retry with the same key and change returns the stored
                proposal, whatever its state now, and proposes nothing twice.

        Returns:
            The proposal: ``pending`` (waiting for a person, or quarantined with
            findings), ``approved`` by ``policy:auto`` (``result_id`` is the new
            memory) or ``rejected`` by ``policy:deny``. Proposing the same change
            again while it is pending returns the pending proposal.

        Raises:
            Refused: the text contains a secret; nothing is stored.
            UsageError, InvalidScope, NotFound: bad arguments or an unknown target.
            Conflict: the target was already superseded, or the idempotency key
                was used for another change.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> p = mem.propose("acme/alice", "Alice is vegan", kind="fact", rationale="said so")
            >>> p.state
            'pending'
            >>> mem.approve(p.id, reviewer="bob", content_hash=p.content_hash).state
            'approved'
        """
        plan = plans.propose(
            self.planner, scope, text, kind=kind, op=op, target=target, source=source,
            rationale=rationale, excerpt=excerpt, topic=topic, ttl=self.proposal_ttl,
            idempotency_key=idempotency(idempotency_key),
        )  # fmt: skip
        return await self._run(plan)

    async def proposals(
        self,
        scope: Scope | str | None = None,
        *,
        state: str | None = "pending",
        limit: int | None = None,
        kind: Kind | None = None,
        proposer: str | None = None,
        severity: str | None = None,
    ) -> builtins.list[Proposal]:
        """Proposals under ``scope`` (and its descendants), oldest first.

        Args:
            scope: a scope path, or ``None`` for every scope.
            state: ``pending`` (default), ``approved``, ``rejected``, ``expired``,
                or ``None``/``"all"`` for every state.
            limit: at most this many.
            kind: only proposals of this kind.
            proposer: only proposals whose source author is this (a model or tool id).
            severity: only proposals with a finding at this severity or above
                (``low``, ``medium``, ``high``, ``critical``); ``none``: without findings.

        Returns:
            The proposals. Pending ones past their expiry become ``expired`` first.
        """
        plan = plans.list_proposals(
            self.planner, scope, state=state, limit=limit, kind=kind, proposer=proposer,
            severity=severity,
        )  # fmt: skip
        return await self._run(plan)

    async def decide(
        self,
        items: Sequence[tuple[str, str | None]],
        /,
        *,
        action: Literal["approve", "reject"],
        reviewer: str | None = None,
        reason: str | None = None,
        scope: Scope | str | None = None,
    ) -> builtins.list[Decision]:
        """Approve or reject many proposals; each succeeds or fails on its own.

        Args:
            items: ``(proposal id, content hash the reviewer saw)`` pairs; approving
                needs every hash (rejecting ignores it).
            action: ``approve`` or ``reject``.
            reviewer: who decides (default: the configured author).
            reason: why they are rejected (required to reject).
            scope: bind every item to this scope and its descendants (a tenant).

        Returns:
            One :class:`~memstack.models.Decision` per item, in order: the decided
            proposal, or the error that item met (a conflict, a secret in it, …).

        Raises:
            UsageError: an unknown action, a reject without reason, an approve without
                every hash.
        """
        if action not in ("approve", "reject"):
            raise UsageError(f"Unknown action {action!r}; use approve or reject.")
        if action == "reject" and not (reason and reason.strip()):
            raise UsageError("Rejecting needs a reason.")
        if action == "approve" and any(h is None for _, h in items):
            raise UsageError("Approving needs each item's content hash (the text reviewed).")
        out: builtins.list[Decision] = []
        for pid, seen in items:
            try:
                if action == "approve":
                    p = await self.approve(pid, reviewer=reviewer, content_hash=seen, scope=scope)
                else:
                    p = await self.reject(pid, reviewer=reviewer, reason=reason or "", scope=scope)
                out.append(Decision(pid, proposal=p))
            except MemstackError as exc:
                out.append(Decision(pid, error=exc))
        return out

    async def proposal(self, id: str, /, *, scope: Scope | str | None = None) -> Proposal:
        """One proposal by id (expired first if it is past due).

        Raises NotFound, also for a proposal outside ``scope`` when one is given
        (the call's bound, e.g. a tenant: reported exactly like an unknown id).
        """
        return await self._run(plans.get(self.planner, id, within=check_bound(scope)))

    async def proposal_history(
        self, id: str, /, *, scope: Scope | str | None = None
    ) -> builtins.list[Event]:
        """Every event of a proposal: created, its decision, and the record change, oldest first.

        Raises NotFound, also for a proposal outside ``scope`` when one is given.
        """
        return await self._run(plans.history(self.planner, id, within=check_bound(scope)))

    async def approve(
        self,
        id: str,
        /,
        *,
        reviewer: str | None = None,
        text: str | None = None,
        content_hash: str | None = None,
        scope: Scope | str | None = None,
    ) -> Proposal:
        """Approve a pending proposal and apply it, in one transaction.

        Args:
            id: the proposal id.
            reviewer: who approves (default: the configured author); names
                starting with ``policy:`` are reserved.
            text: approve with this text instead (an edit); it is screened again.
            content_hash: the hash of the proposal text the reviewer saw
                (``Proposal.content_hash``); front doors always pass it.
            scope: bind the call to this scope and its descendants (a tenant, say):
                a proposal outside it is reported exactly like an unknown id.

        Returns:
            The approved proposal; ``result_id`` is the new memory (or the deleted one).
            The record holds exactly the approved text's bytes.

        Raises:
            Conflict: the proposal is not pending (approved, rejected, expired), its
                content is not what the reviewer saw, or its target changed.
            Refused: the edited text contains a secret.
            NotFound: no such proposal (inside ``scope``, if given).
        """
        plan = plans.approve(
            self.planner, id, reviewer=reviewer, text=text, content_hash=content_hash,
            within=check_bound(scope),
        )  # fmt: skip
        return await self._run(plan)

    async def reject(
        self,
        id: str,
        /,
        *,
        reviewer: str | None = None,
        reason: str,
        scope: Scope | str | None = None,
    ) -> Proposal:
        """Reject a pending proposal.

        Args:
            id: the proposal id.
            reviewer: who rejects (default: the configured author).
            reason: why; kept on the proposal and in its event.
            scope: bind the call to this scope and its descendants (a tenant, say):
                a proposal outside it is reported exactly like an unknown id.

        Raises:
            Conflict: the proposal is not pending.
            NotFound: no such proposal (inside ``scope``, if given).
        """
        plan = plans.reject(
            self.planner, id, reviewer=reviewer, reason=reason, within=check_bound(scope)
        )
        return await self._run(plan)

    async def set_policy(
        self, scope_prefix: str, /, kind: Kind | None, mode: str, *, author: str | None = None
    ) -> Policy | None:
        """Set how proposals under a scope prefix (and of a kind) are reviewed.

        Args:
            scope_prefix: a scope path (covers it and its descendants) or ``"*"``.
            kind: ``rule``, ``fact``, ``episode`` or ``None`` for every kind.
            mode: ``human``, ``auto`` (apply when screening finds nothing above
                low), ``deny`` (reject at once), or ``inherit`` to remove the policy.
            author: who sets it (default: the configured author).

        Returns:
            The stored policy (``None`` after ``inherit``). The most specific prefix
            wins; rules are always reviewed by a person.

        Example:
            >>> from memstack import Memory
            >>> from memstack.embed.fake import FakeEmbedder
            >>> from memstack.store.memory import InMemoryStore
            >>> mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
            >>> mem.set_policy("acme", "fact", "auto").mode
            'auto'
            >>> mem.propose("acme/alice", "Alice is vegan", kind="fact").state
            'approved'
        """
        plan = plans.set_policy(self.planner, scope_prefix, kind, mode, author=author)
        return await self._run(plan)

    async def policies(self) -> builtins.list[Policy]:
        """Every stored review policy, by scope prefix then kind."""
        return await self._run(plans.policies(self.planner))
