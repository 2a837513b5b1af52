"""Secrets never leave the machine: what an extraction model receives is cleaned first (10.5).

The official SDKs send real HTTP to the local wire servers (``tests/llm/wire.py``),
which record every request byte; the secrets must not be among them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from memstack import Memory
from memstack.extract.llm import LLMExtractor
from tests.llm.wire import anthropic_message, openai_completion

TOKEN = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"
PASSWORD = "Zx8#kLq2!vRt9"
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq9vPz1x7\n-----END RSA PRIVATE KEY-----"
MESSAGES = [
    {"role": "user", "content": "I moved to Berlin last week."},
    {"role": "user", "content": f"Deploy with my token {TOKEN} and db password={PASSWORD}."},
    {"role": "user", "content": f"Here is the server key:\n{PEM}\nkeep it safe"},
]
REPLY = {
    "memories": [
        {
            "text": "User deploys the web app themselves",
            "kind": "fact",
            "topic": "work",
            "turn": 2,
            "excerpt": "Deploy with my token [secret removed: GitHub token]",
            "reason": "how the user works",
        }
    ]
}


def _assert_clean(body: bytes) -> None:
    for secret in (TOKEN, TOKEN[4:], PASSWORD, "MIIEowIBAAKCAQEAq9vPz1x7"):
        assert secret.encode() not in body
        assert json.dumps(secret)[1:-1].encode() not in body  # nor JSON-escaped


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_the_request_body_never_contains_a_secret(
    mem: Memory, provider: str, openai_server: Any, anthropic_server: Any,
    make_openai: Any, make_anthropic: Any,
) -> None:  # fmt: skip
    if provider == "openai":
        server, model = openai_server, make_openai()
        server.queue(openai_completion(json.dumps(REPLY)))
    else:
        server, model = anthropic_server, make_anthropic()
        server.queue(anthropic_message(tool=("memories", REPLY)))
    mem.extractor = LLMExtractor(model)

    found = mem.remember("acme/alice", MESSAGES)

    [sent] = server.requests
    _assert_clean(sent.body)
    text = sent.body.decode("utf-8")
    # The model still sees the turn, with a marker where each secret was.
    assert "Deploy with my token [secret removed: GitHub token]" in text
    assert "db password=[secret removed: password assignment]" in text
    assert "[secret removed: private key]" in text and "keep it safe" in text
    assert "I moved to Berlin last week." in text
    # The model's excerpt quotes what it saw, and the proposal is made (not refused).
    assert [(p.text, p.excerpt) for p in found] == [
        ("User deploys the web app themselves", REPLY["memories"][0]["excerpt"])  # type: ignore[index]
    ]
