"""When to retry an HTTP call to a model, and how long to wait: pure decisions.

memstack runs the provider SDKs with their own retries switched off and retries
here instead, for two reasons. First, a bound: the Anthropic SDK sleeps for
whatever ``Retry-After`` a server sends, so a ``429`` asking for an hour blocks a
worker for an hour; here a wait longer than ``max_wait`` fails at once with a
message that says so. Second, one policy for every provider, tested once, with
the attempt count reported on every :class:`~memstack.llm.Completion`.

The worst case of one call is therefore bounded:
``(max_retries + 1) * timeout + max_retries * max_wait`` seconds.

What is retried: timeouts, connection errors, ``408``, ``409``, ``429`` and
``5xx`` (``529 overloaded`` included), unless the server says
``x-should-retry: false``. Other ``4xx`` are the caller's or the key's problem
and fail at once.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = ["Failure", "RetryPolicy", "parse_retry_after"]

_RETRYABLE = frozenset({408, 409, 429})


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed HTTP attempt, in provider-neutral terms.

    Attributes:
        kind: ``"status"`` (the server answered with an error), ``"timeout"`` or
            ``"connection"`` (no answer).
        status: the HTTP status, for ``"status"``.
        message: the server's error message (never contains the API key).
        retry_after: seconds the server asked us to wait, if it said.
        should_retry: the server's ``x-should-retry`` header, if sent.
    """

    kind: Literal["status", "timeout", "connection"]
    status: int | None = None
    message: str = ""
    retry_after: float | None = None
    should_retry: bool | None = None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How many times to retry and how long to wait in between.

    Attributes:
        max_retries: retries after the first attempt (0 disables retrying).
        max_wait: the longest wait memstack accepts, in seconds; a server asking
            for longer makes the call fail at once.
        base_delay: the first backoff delay, doubled on each retry.
        max_delay: the longest backoff delay.

    Example:
        >>> policy = RetryPolicy(max_retries=2, max_wait=30)
        >>> policy.wait(Failure("status", 429, retry_after=1.0), retries_done=0)
        1.0
        >>> policy.wait(Failure("status", 429, retry_after=3600.0), retries_done=0) is None
        True
        >>> policy.wait(Failure("status", 400), retries_done=0) is None
        True
    """

    max_retries: int = 2
    max_wait: float = 30.0
    base_delay: float = 0.5
    max_delay: float = 8.0

    def retryable(self, failure: Failure) -> bool:
        """True if the failure is worth another attempt, budget permitting."""
        if failure.should_retry is not None:
            return failure.should_retry
        if failure.kind != "status":
            return True
        status = failure.status or 0
        return status in _RETRYABLE or status >= 500

    def wait(self, failure: Failure, retries_done: int) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` to give up.

        Args:
            failure: what went wrong on the last attempt.
            retries_done: retries already made for this call.

        Returns:
            The delay: the server's ``Retry-After`` if it sent one (up to
            ``max_wait``), else exponential backoff with up to 25% jitter.
        """
        if retries_done >= self.max_retries or not self.retryable(failure):
            return None
        if failure.retry_after is not None:
            if failure.retry_after > self.max_wait:
                return None
            return max(0.0, failure.retry_after)
        delay = min(self.base_delay * 2.0**retries_done, self.max_delay, self.max_wait)
        return delay * (1.0 - 0.25 * random.random())


def parse_retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Read how long a server asks us to wait.

    Understands ``retry-after-ms`` (sent by OpenAI and Anthropic), ``retry-after``
    in seconds, and ``retry-after`` as an HTTP date.

    Args:
        headers: response headers, with lower-case names.
        now: the current time as a Unix timestamp (for the date form).

    Returns:
        Seconds (possibly 0), or ``None`` if the server did not say.

    Example:
        >>> parse_retry_after({"retry-after": "1"}, now=0.0)
        1.0
        >>> parse_retry_after({"retry-after": "Thu, 01 Jan 1970 00:00:30 GMT"}, now=0.0)
        30.0
    """
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now)
