"""Fuzz every operation from the OpenAPI schema (schemathesis): no input may cause a 5xx.

Runs in-process against the ASGI app with an admin key, a bounded number of
examples per operation so it fits in CI; ``MEMSTACK_FUZZ_EXAMPLES`` raises it
for a longer run.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the fuzz test needs schemathesis")
from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from .conftest import make_server  # noqa: E402

EXAMPLES = int(os.environ.get("MEMSTACK_FUZZ_EXAMPLES", "5"))
SERVER = make_server()
KEY = SERVER.keys["acme:admin"]
schema = schemathesis.openapi.from_asgi("/openapi.json", SERVER.app)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    # No shrinking or explaining phases: a 5xx is reported as found.
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_causes_a_server_error(case: schemathesis.Case) -> None:
    response = case.call(headers={"Authorization": f"Bearer {KEY}"})
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
