"""Local HTTP servers that speak the OpenAI and Anthropic wire protocols, for tests.

Provider tests run the real SDKs against these servers over real sockets, so
what is tested is what ships: request bodies, headers, status codes, timeouts,
``Retry-After``. Nothing in memstack is patched.

A server answers from a queue of scripted :class:`Reply` values (status,
headers, body, delay) and records every request (:class:`Recorded`), so a test
can assert what the client sent. Build replies with the helpers below, which
produce the providers' real response shapes::

    with OpenAIServer() as server:
        server.queue(openai_error(429, "slow down", headers={"retry-after": "1"}),
                     openai_completion('{"ok": true}'))
        model = OpenAIChat("gpt-4.1-mini", base_url=server.base_url, api_key="sk-test")
        ...
        assert server.requests[0].json["response_format"]["type"] == "json_schema"

Other test packages reuse this module (``from tests.llm.wire import ...``) and
the fixtures in ``tests/llm/conftest.py`` (import them into another conftest).

When the queue runs dry the server answers ``418`` with a message saying so:
a status no client retries, so a missing reply fails the test at once.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar, Self

import pytest

__all__ = [
    "AnthropicServer",
    "OpenAIServer",
    "Recorded",
    "Reply",
    "WireServer",
    "anthropic_error",
    "anthropic_message",
    "loopback_only",
    "openai_completion",
    "openai_error",
]


@dataclass
class Reply:
    """One scripted HTTP response.

    Attributes:
        status: the HTTP status.
        body: a dict or list (sent as JSON), ``str`` or ``bytes`` (sent as is).
        headers: extra response headers.
        delay: seconds to wait before answering (to provoke client timeouts).
    """

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Recorded:
    """A request the server received.

    Attributes:
        method: ``"POST"``, ``"GET"``…
        path: the request path (query string included).
        headers: header names in lower case.
        body: the raw body.
        at: ``time.monotonic()`` when the request arrived.
    """

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        record = Recorded(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            at=time.monotonic(),
        )
        reply = self.server.owner._take(record)
        if reply.delay and self.server.owner._stopping.wait(reply.delay):
            return  # the test is over; drop the connection
        if isinstance(reply.body, bytes):
            payload = reply.body
        elif isinstance(reply.body, str):
            payload = reply.body.encode()
        else:
            payload = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        headers = {"content-type": "application/json", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.send_header("connection", "close")
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self._handle()

    def do_GET(self) -> None:  # noqa: N802
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: WireServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        exc = sys.exc_info()[1]
        # A client that timed out has closed its socket; writing to it fails. Expected.
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        if exc is not None:
            self.owner.errors.append(exc)


class WireServer:
    """A scripted HTTP server on ``127.0.0.1`` and a random port, in a thread.

    Use as a context manager (or call :meth:`start` and :meth:`stop`).

    Attributes:
        requests: every request received, in order.
        errors: unexpected exceptions raised while answering (should stay empty).
    """

    paths: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.errors: list[BaseException] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind a free port and serve in a daemon thread."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake delayed handlers, stop serving and close the listening socket."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- scripting --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        assert self._server is not None, "start the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """The base URL a client is configured with."""
        return self.url

    def queue(self, *replies: Reply) -> None:
        """Append replies; each request takes the next one."""
        with self._lock:
            self._replies.extend(replies)

    @property
    def pending(self) -> int:
        """Replies not yet used."""
        return len(self._replies)

    def _take(self, record: Recorded) -> Reply:
        with self._lock:
            self.requests.append(record)
            if self.paths and record.path.split("?")[0] not in self.paths:
                return self.error(404, f"wire: no route for {record.method} {record.path}")
            if not self._replies:
                return self.error(
                    418, f"wire: no scripted reply left for request {len(self.requests)}"
                )
            return self._replies.popleft()

    def error(self, status: int, message: str) -> Reply:
        """An error reply in this server's protocol."""
        return Reply(status, {"error": {"message": message}})


class OpenAIServer(WireServer):
    """Speaks ``POST /v1/chat/completions``; clients use :attr:`base_url` (ends in ``/v1``)."""

    paths = ("/v1/chat/completions",)

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    def error(self, status: int, message: str) -> Reply:
        return openai_error(status, message)


class AnthropicServer(WireServer):
    """Speaks ``POST /v1/messages``; clients use :attr:`base_url` (no ``/v1``)."""

    paths = ("/v1/messages",)

    def error(self, status: int, message: str) -> Reply:
        return anthropic_error(status, message)


# -- response builders: the providers' real shapes -----------------------------------------------


def openai_completion(
    content: str | None,
    *,
    model: str = "gpt-4.1-mini-2025-04-14",
    prompt_tokens: int = 20,
    completion_tokens: int = 10,
    cached_tokens: int = 0,
    finish_reason: str = "stop",
    refusal: str | None = None,
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
) -> Reply:
    """A ``chat.completion`` object, as Chat Completions returns it."""
    body = {
        "id": "chatcmpl-wire0001",
        "object": "chat.completion",
        "created": 1_760_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": cached_tokens, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
        },
        "system_fingerprint": "fp_wire",
    }
    return Reply(200, body, dict(headers or {}), delay)


def openai_error(
    status: int,
    message: str,
    *,
    type: str = "invalid_request_error",  # noqa: A002 - the field's name on the wire
    code: str | None = None,
    param: str | None = None,
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
) -> Reply:
    """An OpenAI error body: ``{"error": {"message", "type", "param", "code"}}``."""
    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return Reply(status, body, dict(headers or {}), delay)


def anthropic_message(
    *,
    text: str | None = None,
    tool: tuple[str, Any] | None = None,
    model: str = "claude-haiku-4-5-20251001",
    input_tokens: int = 20,
    output_tokens: int = 10,
    cache_read_input_tokens: int = 0,
    cache_creation_input_tokens: int = 0,
    stop_reason: str | None = None,
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
) -> Reply:
    """A Messages API ``message``: optional text block, optional ``tool_use`` block."""
    content: list[dict[str, Any]] = []
    if text is not None:
        content.append({"type": "text", "text": text})
    if tool is not None:
        name, arguments = tool
        content.append(
            {"type": "tool_use", "id": "toolu_wire0001", "name": name, "input": arguments}
        )
    body = {
        "id": "msg_wire0001",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason or ("tool_use" if tool is not None else "end_turn"),
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_read_input_tokens": cache_read_input_tokens,
            "cache_creation_input_tokens": cache_creation_input_tokens,
        },
    }
    return Reply(200, body, dict(headers or {}), delay)


_ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def anthropic_error(
    status: int,
    message: str,
    *,
    type: str | None = None,  # noqa: A002 - the field's name on the wire
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
) -> Reply:
    """An Anthropic error body: ``{"type": "error", "error": {"type", "message"}}``."""
    kind = type or _ANTHROPIC_ERROR_TYPES.get(status, "api_error")
    body = {
        "type": "error",
        "error": {"type": kind, "message": message},
        "request_id": "req_wire0001",
    }
    return Reply(status, body, {"request-id": "req_wire0001", **(headers or {})}, delay)


# -- no real network ------------------------------------------------------------------------------


def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like never leave the machine
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every outbound socket connection to a non-loopback address fail.

    The switch that keeps provider tests off the real network: a client
    misconfigured to reach api.openai.com fails loudly instead of spending money.
    """
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"tests may not reach the network (tried {address!r})")
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"tests may not reach the network (tried {address!r})")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
