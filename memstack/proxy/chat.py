"""The OpenAI-compatible memory proxy: Chat Completions in, memory added, the reply passed back.

A client that speaks the OpenAI API (the ``openai`` SDK, LangChain, anything with a
base URL) sends ``POST .../chat/completions`` here instead of to its provider. The
proxy changes one thing in the request and nothing in the answer:

* **In**: the scope's compiled memory is inserted with the facade's provider
  payload (:meth:`~memstack.compile.Prompt.payload`, provider ``openai``): the
  stable block as a system message after the application's own leading
  system/developer messages, ``prompt_cache_key`` from its digest (unless the
  client set its own), and recall for the latest user message as a text part in
  front of it. Every other field and header goes upstream as sent.
* **Out**: status, headers and body bytes of the upstream's answer, streamed or
  not, exactly as they arrive: errors (429 with ``Retry-After``, 500s) included.
  Only hop-by-hop headers are dropped. A timeout or an unreachable upstream, which
  has no answer to pass on, becomes 504 or 502 with an OpenAI-style error body.
* **After**: when the request ended with a user message and the upstream
  answered 200, the exchange (that message and the reply) is queued for
  extraction (``remember(..., background=True)``): a worker turns it into
  proposals for review. The upstream's ``usage`` is metered per scope
  (:class:`~memstack.economics.TokenUsage`); a stream carries usage only if the
  client asked for it (``stream_options.include_usage``), and the proxy never
  adds that option, since it would change the stream the client gets.

The host (``memstack serve`` or ``memstack proxy``) authenticates the caller and
decides the scope; this class does the HTTP to the upstream (httpx) and calls the
facade for everything memory does.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from ..core import AsyncMemory
from ..economics import TokenUsage
from ..errors import UsageError
from ..models import Scope
from .sse import StreamReader, reply_text

__all__ = ["ChatProxy"]

log = logging.getLogger("memstack.proxy")

#: Request headers never forwarded: hop-by-hop, the host's own, and memstack's.
_DROP_IN = frozenset({
    "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer",
    "upgrade", "proxy-authorization", "proxy-connection", "cookie", "accept-encoding",
    "authorization", "x-memstack-key", "x-memstack-scope",
})  # fmt: skip
#: Response headers never passed back: hop-by-hop, and what the proxy's server sets itself.
_DROP_OUT = frozenset({
    "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
    "proxy-authenticate", "proxy-connection", "content-length", "date", "server",
})  # fmt: skip


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)
        )
    return ""


def _error(status: int, kind: str, message: str) -> Response:
    body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return Response(json.dumps(body), status_code=status, media_type="application/json")


class ChatProxy:
    """Forwards Chat Completions to ``upstream`` with a scope's memory added.

    Args:
        memory: the facade (compile, remember); the caller opens and closes it.
        upstream: the provider's base URL, e.g. ``https://api.openai.com/v1``;
            requests go to ``<upstream>/chat/completions``.
        api_key: sent upstream as ``Authorization: Bearer`` unless the caller
            brings its own (see :meth:`chat`); ``None``: no header (local servers).
        timeout: seconds to wait for the upstream to connect, answer or send the
            next bytes of a stream.
        budget_tokens: the stable block's budget.
        recall_tokens: the recall block's budget.
        transport: an httpx transport instead of the network (tests).

    Example:
        >>> from memstack import AsyncMemory
        >>> from memstack.embed.fake import FakeEmbedder
        >>> from memstack.store.memory import InMemoryStore
        >>> mem = AsyncMemory(store=InMemoryStore(), embedder=FakeEmbedder())
        >>> ChatProxy(mem, "http://127.0.0.1:9/v1").endpoint
        'http://127.0.0.1:9/v1/chat/completions'
    """

    def __init__(
        self, memory: AsyncMemory, upstream: str, *, api_key: str | None = None,
        timeout: float = 600.0, budget_tokens: int = 2000, recall_tokens: int = 500,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:  # fmt: skip
        if not upstream.startswith(("http://", "https://")):
            raise UsageError(
                f"The upstream must be an http(s) URL, got {upstream!r}.",
                hint="For example: --upstream https://api.openai.com/v1",
            )
        if timeout <= 0:
            raise UsageError(f"timeout must be a positive number of seconds, got {timeout!r}.")
        self.memory = memory
        self.endpoint = upstream.rstrip("/") + "/chat/completions"
        self.api_key = api_key
        self.budget_tokens, self.recall_tokens = budget_tokens, recall_tokens
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout), transport=transport)
        #: Metered usage by scope, since this process started.
        self.usage: dict[str, TokenUsage] = {}

    async def aclose(self) -> None:
        """Close the connections to the upstream."""
        await self._http.aclose()

    def usage_under(self, prefix: str | None) -> dict[str, TokenUsage]:
        """Metered usage of ``prefix`` and the scopes below it (``None``: all), by scope."""
        if prefix is None:
            return dict(sorted(self.usage.items()))
        return {
            s: u for s, u in sorted(self.usage.items())
            if s == prefix or s.startswith(prefix + "/")
        }  # fmt: skip

    async def chat(
        self, scope: str, body: bytes, headers: Mapping[str, str], *,
        forward_auth: bool = False, extract: bool = True,
    ) -> Response:  # fmt: skip
        """Answer one ``POST /chat/completions`` for ``scope``.

        Args:
            scope: the checked scope whose memory is added (and where proposals go).
            body: the request body as received (a JSON object with ``messages``).
            headers: the request headers; forwarded except hop-by-hop and memstack's.
            forward_auth: send the caller's ``Authorization`` header upstream (the
                caller authenticated to memstack with ``X-Memstack-Key``) instead of
                :attr:`api_key`.
            extract: queue the exchange for extraction (a ``writer`` caller).

        Returns:
            The upstream's answer, or 502/504 when there is none.

        Raises:
            UsageError: the body is not a JSON object with a ``messages`` list.
            InvalidScope: ``scope`` is not a scope path.
        """
        bound = Scope.parse(scope).path
        request = self._parse(body)
        messages = request["messages"]
        last_user = next((m for m in reversed(messages) if m.get("role") == "user"), None)
        query = _text(last_user["content"]) if last_user is not None else ""
        prompt = await self.memory.compile(
            bound, query or None, provider="openai", budget_tokens=self.budget_tokens,
            recall_tokens=self.recall_tokens,
        )  # fmt: skip
        payload = prompt.payload(messages)
        request["messages"] = payload["messages"]
        if "prompt_cache_key" in payload and "prompt_cache_key" not in request:
            request["prompt_cache_key"] = payload["prompt_cache_key"]
        exchange = [
            {"role": "user", "content": query}
        ] if extract and query and messages[-1] is last_user else None  # fmt: skip
        return await self._forward(bound, request, headers, forward_auth, exchange)

    @staticmethod
    def _parse(body: bytes) -> dict[str, Any]:
        try:
            request = json.loads(body)
        except ValueError as exc:
            raise UsageError(f"The request body is not JSON: {exc}.") from exc
        if not isinstance(request, dict) or not isinstance(request.get("messages"), list):
            raise UsageError("The request body must be a JSON object with a 'messages' list.")
        for i, m in enumerate(request["messages"]):
            if not isinstance(m, dict) or "role" not in m:
                raise UsageError(f"Message {i} must be an object with a 'role'.")
        return request

    def _headers(self, headers: Mapping[str, str], forward_auth: bool) -> dict[str, str]:
        out = {k: v for k, v in headers.items() if k.lower() not in _DROP_IN}
        out["content-type"] = "application/json"
        out["accept-encoding"] = "identity"  # so the bytes passed back are the bytes parsed
        auth = headers.get("authorization") if forward_auth else None
        if auth is None and self.api_key:
            auth = f"Bearer {self.api_key}"
        if auth is not None:
            out["authorization"] = auth
        return out

    async def _forward(
        self, scope: str, request: dict[str, Any], headers: Mapping[str, str],
        forward_auth: bool, exchange: list[dict[str, str]] | None,
    ) -> Response:  # fmt: skip
        outgoing = self._http.build_request(
            "POST", self.endpoint, content=json.dumps(request).encode(),
            headers=self._headers(headers, forward_auth),
        )  # fmt: skip
        try:
            upstream = await self._http.send(outgoing, stream=True)
        except httpx.TimeoutException:
            return _error(504, "upstream_timeout", "The upstream did not answer in time.")
        except httpx.HTTPError as exc:
            return _error(502, "upstream_unreachable", f"Could not reach the upstream: {exc}.")
        passed = [(k, v) for k, v in upstream.headers.multi_items() if k.lower() not in _DROP_OUT]
        media = upstream.headers.get("content-type", "")
        if upstream.status_code == 200 and media.startswith("text/event-stream"):
            reader = StreamReader()
            return StreamingResponse(
                self._relay(upstream, reader), status_code=200, headers=dict(passed),
                background=BackgroundTask(self._after_stream, scope, reader, exchange),
            )  # fmt: skip
        try:
            raw = b"".join([chunk async for chunk in upstream.aiter_raw()])
        except httpx.TimeoutException:
            return _error(504, "upstream_timeout", "The upstream stopped sending its answer.")
        except httpx.HTTPError as exc:
            return _error(502, "upstream_unreachable", f"The upstream's answer broke off: {exc}.")
        finally:
            await upstream.aclose()
        response = Response(raw, status_code=upstream.status_code)
        response.raw_headers = [
            (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in passed
        ] + [(b"content-length", str(len(raw)).encode())]
        if upstream.status_code == 200:
            response.background = BackgroundTask(self._after_body, scope, raw, exchange)
        return response

    async def _relay(self, upstream: httpx.Response, reader: StreamReader) -> AsyncIterator[bytes]:
        try:
            async for chunk in upstream.aiter_raw():
                reader.feed(chunk)
                yield chunk
        except httpx.HTTPError as exc:
            # The status line is gone already: the stream just ends early, as it would have.
            log.warning("upstream stream broke off: %s", type(exc).__name__)
        finally:
            await upstream.aclose()

    async def _after_body(
        self, scope: str, raw: bytes, exchange: list[dict[str, str]] | None
    ) -> None:
        try:
            completion = json.loads(raw)
        except ValueError:
            completion = None
        usage = completion.get("usage") if isinstance(completion, dict) else None
        await self._after(scope, usage, reply_text(completion), exchange)

    async def _after_stream(
        self, scope: str, reader: StreamReader, exchange: list[dict[str, str]] | None
    ) -> None:
        if reader.done:  # a stream that broke off is not a finished exchange
            await self._after(scope, reader.usage, reader.text, exchange)

    async def _after(
        self, scope: str, usage: object, reply: str, exchange: list[dict[str, str]] | None
    ) -> None:
        self.usage[scope] = self.usage.get(scope, TokenUsage()) + TokenUsage.from_openai(usage)
        if exchange is None or not reply:
            return
        await self.memory.remember(
            scope, [*exchange, {"role": "assistant", "content": reply}], background=True
        )
