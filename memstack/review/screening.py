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

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..errors import Refused, UsageError
from ..models import KINDS, Finding, Source
from ..models.caches import erasable

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


def vectors_wanted(texts: Sequence[str | None], kind: str, embedder: str) -> list[str]:
    """Texts to embed with ``embedder`` before screening ``texts`` (empty unless it is the
    embedder the learned layer reads: then the door embeds them, not the screen)."""
    from ..screen import learned
    from ..screen import vectors_wanted as wanted

    if embedder != learned.EMBEDDER:
        return []
    out = [w for t in texts if t for w in wanted(t, kind)]
    return list(dict.fromkeys(out))


def hand_over(texts: Sequence[str], vectors: Sequence[Any], embedder: str) -> None:
    """Give screening the vectors the door computed for :func:`vectors_wanted`'s texts."""
    from ..screen import remember_vector

    for text, vector in zip(texts, vectors, strict=True):
        remember_vector(text, vector, embedder)


def _secrets(text: str) -> tuple[Finding, ...]:
    # What a human write is refused for; the rest of screening would be wasted on it.
    from ..screen import critical

    return critical(text)


def _metadata(
    topic: str | None,
    source: Source | Mapping[str, Any] | None,
    rationale: str | None,
    excerpt: str | None,
) -> dict[str, str | None]:
    if isinstance(source, Mapping):
        source = Source.from_dict(dict(source))
    fields: dict[str, str | None] = {"topic": topic}
    if source is not None:
        for name in ("author", "speaker", "conversation", "session"):
            fields[name] = getattr(source, name)
    fields["rationale"] = rationale
    fields["excerpt"] = excerpt
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{name} must be a string, got {type(value).__name__}.")
    return fields


def screen_proposal(
    text: str,
    *,
    kind: str,
    topic: str | None = None,
    source: Source | Mapping[str, Any] | None = None,
    rationale: str | None = None,
    excerpt: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> tuple[Finding, ...]:
    """Screen a proposed text and its metadata; refuse secrets, return every other finding.

    Metadata reaches prompts and reviewers too, so the topic, the source's
    author, speaker and ids, the rationale and the excerpt are screened like
    the text (see :mod:`memstack.screen.fields`): their findings count for the
    verdict, and a topic, author or speaker that is not a plain label is a
    high finding.

    Args:
        text: the exact proposed text.
        kind: the memory kind (rules are allowed to be imperative).
        topic: the proposal's topic, if any.
        source: its provenance (a :class:`Source` or its dict form).
        rationale: why the proposer wants it.
        excerpt: the source excerpt shown to the reviewer.
        metadata: the memory's JSON metadata; every string in it (keys too) is
            screened like the excerpt (:func:`memstack.screen.fields.screen_metadata`).

    Returns:
        The findings, most severe first (stable within a severity). Metadata
        findings name their field at the start of the message; their span is
        inside that field's value.

    Raises:
        Refused: a critical finding (in the text or any field); the message
            names the secret's kind, masked.
        UsageError: a field that is not a string.
    """
    from ..screen.fields import screen_fields

    findings = _screen(text, kind)
    _refuse(text, findings, "proposal")
    fields = _metadata(topic, source, rationale, excerpt)
    meta = screen_fields(fields)
    for name, value in fields.items():
        if value is not None:
            _refuse(value, [f for f in meta if f.message.startswith(f"{name}: ")], name)
    ordered = findings + meta + _metadata_findings(metadata)
    return tuple(sorted(ordered, key=lambda f: -_ORDER.get(f.severity, 0)))


def screen_human(
    text: str,
    *,
    kind: str,
    topic: str | None = None,
    source: Source | Mapping[str, Any] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> None:
    """Refuse a human write that contains a secret; other findings do not block it.

    The topic and the source's fields are stored too, so a secret there is
    refused as well. (They are not held to a label's shape: a person wrote
    them; the compiler still withholds a label that is not plain.)

    Only secrets are looked for (:func:`memstack.screen.critical`): nothing
    else would change what happens to the write.

    Raises:
        Refused: a critical finding; the message names the secret's kind, masked.
        UsageError: ``kind`` is not one of the memory kinds.
    """
    if kind not in KINDS:
        raise UsageError(f"Unknown memory kind {kind!r}.", hint=f"Use one of: {', '.join(KINDS)}.")
    _refuse(text, _secrets(text), "memory")
    for name, value in _metadata(topic, source, None, None).items():
        if value is not None:
            _refuse(value, _label_findings(value), name)
    if metadata:
        from ..screen.fields import metadata_strings

        for path, value in metadata_strings(metadata):
            _refuse(value, _label_findings(value), path)


def _metadata_findings(metadata: Mapping[str, Any] | None) -> tuple[Finding, ...]:
    """Findings in a proposal's metadata; a secret in it is refused like one in the text."""
    if not metadata:
        return ()
    from ..screen.fields import metadata_strings, screen_metadata

    for path, value in metadata_strings(metadata):
        _refuse(value, _label_findings(value), path)
    return screen_metadata(metadata)


@erasable
@lru_cache(maxsize=4096)
def _label_findings(value: str) -> tuple[Finding, ...]:
    # Only refused for (a secret); metadata repeats (one speaker, session and
    # conversation id for a whole ingested conversation), so this is cached.
    return _secrets(value)
