"""OpenAIEmbedder against a local server speaking the real /v1/embeddings protocol."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import numpy as np
import pytest

from memstack import plugins
from memstack.embed.base import normalize
from memstack.embed.fake import FakeEmbedder
from memstack.embed.openai import OpenAIEmbedder
from memstack.errors import ProviderError, UsageError

from .embeddings_server import EmbeddingsServer, Failure

TEXTS = ["Alice is vegetarian", "", "What food does Alice eat?", "The server runs on port 8080"]


@pytest.fixture
def server() -> Iterator[EmbeddingsServer]:
    with EmbeddingsServer(dimensions=8) as srv:
        yield srv


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def make(server: EmbeddingsServer, **options: object) -> OpenAIEmbedder:
    options.setdefault("api_key", "sk-test")
    return OpenAIEmbedder("nomic-embed-text", base_url=server.base_url, **options)  # type: ignore[arg-type]


def test_embeds_in_input_order_over_the_wire(server: EmbeddingsServer) -> None:
    embedder = make(server, dimensions=8, batch_size=3)

    vectors = embedder.embed(TEXTS)

    expected = normalize(FakeEmbedder(8).embed_batch([t or " " for t in TEXTS]))
    np.testing.assert_allclose(vectors, expected, atol=1e-6)
    assert vectors.dtype == np.dtype("<f4")
    assert len(server.requests) == 2  # 4 texts, batches of 3
    first = server.requests[0]
    assert first.path == "/v1/embeddings"
    assert first.headers["authorization"] == "Bearer sk-test"
    assert first.headers["content-type"] == "application/json"
    assert first.body["model"] == "nomic-embed-text"
    assert first.body["encoding_format"] == "float"
    assert first.body["dimensions"] == 8
    sent = [t for r in server.requests for t in r.body["input"]]
    assert sorted(sent) == sorted(t or " " for t in TEXTS)  # empty text sent as a space


def test_id_names_host_port_and_model(server: EmbeddingsServer) -> None:
    assert make(server).id == f"openai:127.0.0.1:{server.port}:nomic-embed-text"
    assert make(server, dimensions=4).id.endswith(":nomic-embed-text:4")
    assert (
        OpenAIEmbedder("m", base_url="http://localhost:11434/v1/").id == "openai:localhost:11434:m"
    )


def test_dimensions_learnt_from_the_first_response(server: EmbeddingsServer) -> None:
    embedder = make(server)

    assert embedder.dimensions == 8
    assert len(server.requests) == 1
    assert "dimensions" not in server.requests[0].body
    assert embedder.embed(["hello"]).shape == (1, 8)
    assert embedder.embed(["world"]).shape == (1, 8)
    assert len(server.requests) == 3  # the width is learnt once


def test_first_embed_learns_the_width(server: EmbeddingsServer) -> None:
    vectors = make(server).embed(["hello", "world"])

    assert vectors.shape == (2, 8)
    # The base class sizes its output before the first batch, so one short request asks first.
    assert [len(r.body["input"]) for r in server.requests] == [1, 2]


def test_requested_dimensions_are_sent(server: EmbeddingsServer) -> None:
    vectors = make(server, dimensions=5).embed(["hello", "world"])

    assert vectors.shape == (2, 5)
    assert server.requests[0].body["dimensions"] == 5


def test_query_and_document_prefixes(server: EmbeddingsServer) -> None:
    embedder = make(
        server, dimensions=8, query_prefix="search_query: ", document_prefix="search_document: "
    )

    embedder.embed_one("food?")
    embedder.embed(["Alice is vegetarian"])

    assert server.requests[0].body["input"] == ["search_query: food?"]
    assert server.requests[1].body["input"] == ["search_document: Alice is vegetarian"]
    assert ":p" in embedder.id


def test_rate_limit_honours_retry_after_then_succeeds(server: EmbeddingsServer) -> None:
    server.fail(Failure(429, "Rate limit reached", headers={"retry-after": "1"}))
    embedder = make(server, dimensions=8, max_retries=2)

    vectors = embedder.embed(["Alice is vegetarian"])

    assert vectors.shape == (1, 8)
    first, second = server.requests
    # The SDK's own back-off starts at 0.5 s; waiting a full second means Retry-After won.
    assert second.at - first.at >= 0.95


def test_server_error_becomes_provider_error(server: EmbeddingsServer) -> None:
    server.fail(Failure(500, "model crashed"), Failure(500, "model crashed"))
    embedder = make(server, dimensions=8, max_retries=1)

    with pytest.raises(ProviderError) as info:
        embedder.embed(["hello"])

    assert len(server.requests) == 2  # the SDK retried once
    assert "(500)" in str(info.value) and "model crashed" in str(info.value)
    assert info.value.hint and "try again" in info.value.hint
    assert info.value.status == 502


@pytest.mark.parametrize(
    ("status", "hint"),
    [(401, "OPENAI_API_KEY"), (404, "ollama pull nomic-embed-text"), (400, "too long")],
)
def test_client_errors_say_what_to_do(server: EmbeddingsServer, status: int, hint: str) -> None:
    server.fail(Failure(status, "nope"))

    with pytest.raises(ProviderError) as info:
        make(server, dimensions=8).embed(["hello"])

    assert info.value.hint is not None and hint in info.value.hint
    assert len(server.requests) == 1  # 4xx other than 408/409/429 is not retried


def test_timeout_becomes_provider_error(server: EmbeddingsServer) -> None:
    server.fail(Failure(200, delay=2.0))

    with pytest.raises(ProviderError, match="timed out"):
        make(server, dimensions=8, timeout=0.3, max_retries=0).embed(["hello"])


def test_connection_refused_becomes_provider_error() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and is closed now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    embedder = OpenAIEmbedder("m", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)

    with pytest.raises(ProviderError) as info:
        embedder.embed(["hello"])

    assert "Could not connect" in str(info.value)
    assert info.value.hint and "base_url" in info.value.hint


def test_wrong_number_of_vectors_is_refused(server: EmbeddingsServer) -> None:
    short = {
        "object": "list",
        "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}],
        "model": "nomic-embed-text",
        "usage": {"prompt_tokens": 2, "total_tokens": 2},
    }
    server.fail(Failure(200, body=short))

    with pytest.raises(ProviderError, match="returned 1 embeddings for 2 texts"):
        make(server, dimensions=2).embed(["a", "b"])


def test_changed_width_is_refused(server: EmbeddingsServer) -> None:
    embedder = make(server, dimensions=8)
    server.dimensions = 3
    server.fail(
        Failure(
            200,
            body={
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]}],
                "model": "nomic-embed-text",
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            },
        )
    )

    with pytest.raises(ProviderError, match="3-dimensional vectors, expected 8"):
        embedder.embed(["a"])


def test_api_key_from_environment_or_placeholder(
    server: EmbeddingsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    OpenAIEmbedder("m", base_url=server.base_url, dimensions=8).embed(["a"])
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    OpenAIEmbedder("m", base_url=server.base_url, dimensions=8).embed(["a"])

    assert server.requests[0].headers["authorization"] == "Bearer not-needed"
    assert server.requests[1].headers["authorization"] == "Bearer sk-env"
    assert "sk-env" not in repr(OpenAIEmbedder("m", base_url=server.base_url))


def test_official_endpoint_needs_a_key() -> None:
    with pytest.raises(UsageError, match="No API key") as info:
        OpenAIEmbedder("text-embedding-3-small")
    assert info.value.hint and "OPENAI_API_KEY" in info.value.hint


@pytest.mark.parametrize(
    "options",
    [
        {"batch_size": 0},
        {"dimensions": -1},
        {"timeout": 0},
        {"max_retries": -1},
        {"base_url": "localhost:11434"},
        {"base_url": "http://localhost:port/v1"},
    ],
)
def test_bad_options_are_usage_errors(options: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        OpenAIEmbedder("m", api_key="k", **options)  # type: ignore[arg-type]


def test_registered_as_a_plugin(server: EmbeddingsServer) -> None:
    embedder = plugins.make("embedders", "openai", model="m", base_url=server.base_url)

    assert isinstance(embedder, OpenAIEmbedder)
    assert embedder.dimensions == 8


async def _aembed(embedder: OpenAIEmbedder) -> np.ndarray:
    return await embedder.aembed(["hello", "world"])


def test_async_door(server: EmbeddingsServer) -> None:
    import asyncio

    vectors = asyncio.run(_aembed(make(server, dimensions=8)))

    assert vectors.shape == (2, 8)
