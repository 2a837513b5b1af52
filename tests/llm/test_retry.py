"""The retry policy's decisions and Retry-After parsing (pure)."""

from __future__ import annotations

import pytest

from memstack.llm.retry import Failure, RetryPolicy, parse_retry_after


@pytest.mark.parametrize(
    ("failure", "retry"),
    [
        (Failure("timeout"), True),
        (Failure("connection"), True),
        (Failure("status", 408), True),
        (Failure("status", 409), True),
        (Failure("status", 429), True),
        (Failure("status", 500), True),
        (Failure("status", 529), True),
        (Failure("status", 400), False),
        (Failure("status", 401), False),
        (Failure("status", 404), False),
        (Failure("status", 500, should_retry=False), False),
        (Failure("status", 400, should_retry=True), True),
    ],
)
def test_what_is_retried(failure, retry):
    assert RetryPolicy().retryable(failure) is retry


def test_backoff_grows_with_jitter_and_stops_at_the_budget():
    policy = RetryPolicy(max_retries=3, base_delay=0.5, max_delay=1.5)
    waits = [policy.wait(Failure("timeout"), n) for n in range(3)]
    assert 0.375 <= waits[0] <= 0.5
    assert 0.75 <= waits[1] <= 1.0
    assert 1.125 <= waits[2] <= 1.5  # capped at max_delay
    assert policy.wait(Failure("timeout"), 3) is None


def test_retry_after_is_honoured_up_to_max_wait():
    policy = RetryPolicy(max_retries=2, max_wait=5)
    assert policy.wait(Failure("status", 429, retry_after=4.0), 0) == 4.0
    assert policy.wait(Failure("status", 429, retry_after=0.0), 0) == 0.0
    assert policy.wait(Failure("status", 429, retry_after=6.0), 0) is None
    assert RetryPolicy(max_retries=0).wait(Failure("status", 429, retry_after=1.0), 0) is None


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({}, None),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "Thu, 01 Jan 1970 00:01:40 GMT"}, 40.0),
        ({"retry-after": "Thu, 01 Jan 1970 00:00:10 GMT"}, 0.0),
        ({"retry-after": "soon"}, None),
    ],
)
def test_parse_retry_after(headers, seconds):
    assert parse_retry_after(headers, now=60.0) == seconds
