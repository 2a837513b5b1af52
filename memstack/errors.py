"""Every exception memstack raises, in one small tree.

Three kinds are kept apart so callers can react to each differently:
"you called it wrong" (:class:`UsageError` and its children), "it failed at run
time" (:class:`ProviderError`, :class:`StoreError`), and flow signals that are
not failures at all (:class:`NeedsReview`). Each class carries the HTTP status
a front door should answer with, so the mapping lives here and nowhere else::

    MemstackError
    ├── UsageError (400)              called it wrong; the message says how to fix it
    │   ├── InvalidScope (400)        a scope path that breaks the rules
    │   ├── InvalidInput (400)        text that is not valid Unicode (lone surrogate, NUL, binary)
    │   ├── NotFound (404)            no memory / proposal with that id
    │   ├── Conflict (409)            the state changed under you (stale hash, wrong state)
    │   ├── Refused (422)             screening refused the content (e.g. a secret)
    │   ├── MemoryOff (423)           memory is switched off for writes in that scope
    │   ├── Unauthorized (401)        no API key, or an unknown or revoked one (server)
    │   ├── Forbidden (403)           the key's role may not do this (server)
    │   ├── TooLarge (413)            a request body or batch over the server's limit
    │   └── RateLimited (429)         too many requests for this key; retry later
    ├── ProviderError (502)           an embedder or LLM failed or answered nonsense
    ├── StoreError (500)              the database failed or is in an unusable state
    │   └── EmbedderMismatch (409)    vectors in the store come from another embedder
    └── NeedsReview (202)             the change waits for a human; carries the proposal id
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Conflict",
    "EmbedderMismatch",
    "Forbidden",
    "InvalidInput",
    "InvalidScope",
    "MemoryOff",
    "MemstackError",
    "NeedsReview",
    "NotFound",
    "ProviderError",
    "RateLimited",
    "Refused",
    "StoreError",
    "TooLarge",
    "Unauthorized",
    "UsageError",
]


class MemstackError(Exception):
    """Base of every memstack exception.

    Attributes:
        status: the HTTP status a front door answers with.
        hint: an optional next step for the user, appended to the message.
    """

    status: int = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}" if hint else message)


class UsageError(MemstackError):
    """The call was wrong: a bad argument, value or combination of options."""

    status = 400


class InvalidInput(UsageError):
    """Text that cannot be stored as text: a lone surrogate, a NUL character, binary data.

    Such text usually comes from a file read with the wrong encoding, or from
    bytes decoded with ``errors="surrogateescape"``; the message says where.
    """

    status = 400


class InvalidScope(UsageError):
    """A scope path does not follow the rules (1–8 segments of ``[A-Za-z0-9._-]``)."""

    status = 400


class NotFound(UsageError):
    """No object with the given id exists (or it is not visible to the caller)."""

    status = 404


class Conflict(UsageError):
    """The object is not in the state the call expects (stale content hash, already reviewed)."""

    status = 409


class Refused(UsageError):
    """Screening refused the content outright (secrets are never stored).

    Attributes:
        findings: what screening found (``memstack.models.Finding`` values), spans only.
    """

    status = 422

    def __init__(
        self, message: str, *, hint: str | None = None, findings: tuple[Any, ...] = ()
    ) -> None:
        super().__init__(message, hint=hint)
        self.findings = findings


class MemoryOff(UsageError):
    """Memory is switched off for writes in the scope (``memstack scope off``); nothing stored.

    Reads of a scope switched off for reads do not raise: they answer nothing and say so
    (``Prompt.memory_off``).
    """

    status = 423


class Unauthorized(UsageError):
    """The server needs an API key and got none, or one it does not know (or revoked)."""

    status = 401


class Forbidden(UsageError):
    """The API key is valid, but its role does not allow the call (e.g. a reader approving)."""

    status = 403


class TooLarge(UsageError):
    """A request body or batch is over the server's limit; send less per request."""

    status = 413


class RateLimited(UsageError):
    """Too many requests for one API key in a short time.

    Attributes:
        retry_after: seconds to wait before the next request.
    """

    status = 429

    def __init__(self, message: str, *, hint: str | None = None, retry_after: float = 1.0) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class ProviderError(MemstackError):
    """An embedder or language-model provider failed or returned unusable output."""

    status = 502


class StoreError(MemstackError):
    """The store failed: I/O error, corrupt file, missing migration."""

    status = 500


class EmbedderMismatch(StoreError):
    """The store holds vectors from a different embedder than the one configured."""

    status = 409


class NeedsReview(MemstackError):
    """Not an error: the change became a proposal that waits for a reviewer.

    Attributes:
        proposal_id: the id of the pending proposal.
    """

    status = 202

    def __init__(self, message: str, *, proposal_id: str) -> None:
        self.proposal_id = proposal_id
        hint = f"Review it with 'memstack review' (proposal {proposal_id})."
        super().__init__(message, hint=hint)
