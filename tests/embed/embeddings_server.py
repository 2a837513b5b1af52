"""A local server that speaks OpenAI's ``POST /v1/embeddings``, for provider tests.

The real ``openai`` SDK talks to it over a real socket on ``127.0.0.1`` and a
random port, so what is tested is what ships: the JSON body, headers, status
codes, ``Retry-After``, timeouts. Nothing in memstack is patched.

Vectors come from :class:`~memstack.embed.fake.FakeEmbedder`, so a test can
compare what the embedder returns with the fake's own output. The response
lists ``data`` in *reverse* order, because the protocol orders items by their
``index`` field, not by position, and a client must honour that. Failures are
scripted with :meth:`EmbeddingsServer.fail`: each queued failure answers one
request before normal service resumes.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

from memstack.embed.fake import FakeEmbedder

__all__ = ["EmbeddingsServer", "Failure", "Request"]


@dataclass(frozen=True)
class Request:
    """A request the server received: path, lower-cased headers, decoded JSON body, arrival time."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


@dataclass(frozen=True)
class Failure:
    """A scripted answer other than a normal embeddings response."""

    status: int = 500
    message: str = "boom"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body: dict[str, Any] | None = None  # sent as is, with the given status, instead of an error


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        owner = self.server.owner
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        request = Request(
            self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()
        )
        with owner.lock:
            owner.requests.append(request)
            failure = owner.failures.popleft() if owner.failures else None
        if failure is not None:
            if failure.delay and owner.stopping.wait(failure.delay):
                return
            payload = failure.body or {
                "error": {
                    "message": failure.message,
                    "type": "server_error" if failure.status >= 500 else "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            }
            self._send(failure.status, payload, failure.headers)
        elif self.path != "/v1/embeddings":
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
        else:
            self._send(200, owner.answer(body))

    def _send(
        self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        for name, value in {"content-type": "application/json", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: EmbeddingsServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out closed its socket; writing to it fails, as expected."""


class EmbeddingsServer:
    """``POST /v1/embeddings`` on ``127.0.0.1`` and a random port, served from a thread.

    Args:
        dimensions: vector length when the request does not ask for one.

    Attributes:
        requests: every request received, in order.
    """

    def __init__(self, dimensions: int = 8) -> None:
        self.dimensions = dimensions
        self.requests: list[Request] = []
        self.failures: deque[Failure] = deque()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stopping.set()
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What a client is configured with: ``http://127.0.0.1:<port>/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def fail(self, *failures: Failure) -> None:
        """Answer the next requests with these failures, one each."""
        with self.lock:
            self.failures.extend(failures)

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        """The response OpenAI gives: ``{"object": "list", "data": [...], "model", "usage"}``."""
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vectors = FakeEmbedder(body.get("dimensions") or self.dimensions).embed_batch(texts)
        items = []
        for index, vector in enumerate(vectors):
            if body.get("encoding_format") == "base64":
                embedding: Any = base64.b64encode(vector.astype("<f4").tobytes()).decode()
            else:
                embedding = [float(x) for x in vector]
            items.append({"object": "embedding", "index": index, "embedding": embedding})
        tokens = sum(len(t.split()) for t in texts)
        return {
            "object": "list",
            "data": items[::-1],  # clients must order by "index", not by position
            "model": body["model"],
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
