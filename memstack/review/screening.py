"""Screening at the write boundary: findings for proposals, refusal for secrets.

The detectors live in :mod:`memstack.screen` (pure, offline). This module only
decides what a finding *means* for a write, once for every path that writes:

* a ``critical`` finding (a secret: API key, token, private key, password) is
  refused outright with :class:`~memstack.errors.Refused`. Nothing about the
  text is stored: not the proposal, not an event with its text or hash. The
  message names the kind of secret and shows it masked, so the person can find
  and remove it;
* anything less severe is attached to the proposal for the reviewer (and
  decides whether an ``auto`` policy may apply it, see :mod:`.policy`).

Human writes (``add``, ``update``, ``add_many``, ``ingest_conversation``) are
applied at once, but still pass :func:`screen_human`, called from the planner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..errors import Refused
from ..models import Finding

__all__ = ["mask", "refused_findings", "screen_human", "screen_proposal"]

_ORDER = {"low": 1, "medium": 2, "high": 3, "critical": 4}


def mask(secret: str) -> str:
    """Show enough of a secret to find it, never enough to use it.

    The same rule as :func:`memstack.screen.redact`: at most four characters,
    and never more than a quarter of the secret.

    Example:
        >>> mask("AKIAIOSFODNN7EXAMPLE")
        "'AKIA…'"
        >>> mask("hunter2!")
        "'hu…'"
        >>> mask("abc")
        "'…'"
    """
    return f"'{secret[: min(4, len(secret) // 4)]}…'"


def _clean(f: Finding, text: str) -> Finding:
    # Detectors do not quote secrets; make sure of it, so the exception (which
    # may be logged or sent over HTTP) never carries the secret either.
    secret = text[f.start : f.end]
    if len(secret) >= 4 and secret in f.message:
        return replace(f, message=f.message.replace(secret, mask(secret)))
    return f


def _refuse(text: str, findings: Sequence[Finding], what: str) -> None:
    critical = [_clean(f, text) for f in findings if f.severity == "critical"]
    if not critical:
        return
    parts = [
        f"{f.message} {mask(text[f.start : f.end])} at characters {f.start}-{f.end}"
        for f in critical
    ]
    exc = Refused(
        f"Refused to store this {what}: it contains a secret ({'; '.join(parts)}). "
        "Secrets are never stored.",
        hint="Remove the secret and try again; to remember it exists, say where it lives "
        "(e.g. 'the deploy key is in the team vault').",
    )
    # Refused carries the (cleaned) findings for front doors that show them.
    exc.findings = tuple(critical)
    raise exc


def refused_findings(exc: Refused) -> tuple[Finding, ...]:
    """The critical findings a :class:`Refused` from screening carries (empty otherwise)."""
    found: tuple[Finding, ...] = getattr(exc, "findings", ())
    return found


def _screen(text: str, kind: str) -> tuple[Finding, ...]:
    # Imported here: the screen package is pure but not needed to import memstack.
    from ..screen import screen

    return tuple(screen(text, kind=kind))


def screen_proposal(text: str, *, kind: str) -> tuple[Finding, ...]:
    """Screen a proposed text; refuse secrets, return every other finding.

    Args:
        text: the exact proposed text.
        kind: the memory kind (rules are allowed to be imperative).

    Returns:
        The findings, most severe first (stable within a severity).

    Raises:
        Refused: a critical finding; the message names the secret's kind, masked.
    """
    findings = _screen(text, kind)
    _refuse(text, findings, "proposal")
    return tuple(sorted(findings, key=lambda f: -_ORDER.get(f.severity, 0)))


def screen_human(text: str, *, kind: str) -> None:
    """Refuse a human write that contains a secret; other findings do not block it.

    Raises:
        Refused: a critical finding; the message names the secret's kind, masked.
    """
    _refuse(text, _screen(text, kind), "memory")
