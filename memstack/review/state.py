"""The proposal state machine: ``pending -> approved | rejected | expired``.

The table itself is data in :data:`memstack.models.PROPOSAL_TRANSITIONS`, so the
stores can check it inside their transactions without importing this service;
this module gives the check its reviewer-facing messages. Every state but
``pending`` is final: a decision is never taken back, a new proposal is made
instead, so the history reads as a plain sequence of decisions.
"""

from __future__ import annotations

from ..errors import Conflict, UsageError
from ..models import PROPOSAL_STATES, PROPOSAL_TRANSITIONS, Proposal, ProposalState

__all__ = ["check_transition", "parse_state", "verb"]

_VERBS: dict[ProposalState, str] = {
    "pending": "reopen",
    "approved": "approve",
    "rejected": "reject",
    "expired": "expire",
}


def verb(state: ProposalState) -> str:
    """The verb that leads to ``state`` (``approved`` -> ``approve``)."""
    return _VERBS[state]


def parse_state(value: str) -> ProposalState:
    """Validate a state name.

    Raises:
        UsageError: naming the valid states.

    Example:
        >>> parse_state("pending")
        'pending'
    """
    if value not in PROPOSAL_STATES:
        raise UsageError(
            f"Unknown proposal state {value!r}; use one of: {', '.join(PROPOSAL_STATES)}."
        )
    return value


def check_transition(p: Proposal, to: ProposalState) -> None:
    """Raise unless ``p`` may move to state ``to``.

    Args:
        p: the proposal as it is now.
        to: the state asked for.

    Raises:
        Conflict: the proposal was already decided (or expired); the message
            says who decided it and when.
    """
    if to in PROPOSAL_TRANSITIONS[p.state]:
        return
    if p.state == "pending":
        raise Conflict(f"A pending proposal cannot be moved to {to!r}.")
    who = f" by {p.reviewer}" if p.reviewer else ""
    when = f" at {p.reviewed_at.isoformat(timespec='seconds')}" if p.reviewed_at else ""
    raise Conflict(
        f"Cannot {verb(to)} proposal {p.id}: it is already {p.state}{who}{when}.",
        hint="Only pending proposals can be decided; propose the change again if still wanted.",
    )
