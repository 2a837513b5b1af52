"""What the OpenAI-compatible and Anthropic providers share: keys, retries, errors, adaptation.

Both providers talk through their official SDK with the SDK's retries switched
off (``max_retries=0``); :class:`HTTPChatModel` drives attempts with a
:class:`~memstack.llm.retry.RetryPolicy` and turns every SDK exception into a
:class:`~memstack.errors.ProviderError` whose message says what to check.

It also adapts to servers that reject an optional feature. Servers differ
(an older vLLM has no ``json_schema`` response format, some Claude models refuse
a forced tool choice or a non-default temperature), and the 400 they answer
names the feature. A provider maps such an error to a named *adaptation*; the
request is sent again without the feature, and later requests of the same model
object leave it out from the start. That retry costs nothing (the 400 was not
billed) and does not use up the retry budget; each adaptation is made at most
once, so a server that keeps rejecting fails with its own message.

API keys never appear in messages, logs or ``repr``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from abc import abstractmethod
from dataclasses import replace
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import urlsplit

from ..errors import ProviderError, UsageError
from .base import ChatModel, ChatRequest, Completion
from .prices import resolve_price
from .retry import Failure, RetryPolicy, parse_retry_after

__all__ = ["HTTPChatModel", "NO_KEY"]

log = logging.getLogger("memstack.llm")

#: Sent as the key to servers that need none (Ollama, a local vLLM): the SDKs insist on one.
NO_KEY = "no-key-needed"

ClientT = TypeVar("ClientT")
AsyncClientT = TypeVar("AsyncClientT")


def _error_message(body: object, fallback: str) -> str:
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(body.get("message"), str):
            return str(body["message"])
    if isinstance(body, str) and body:
        return body
    return fallback


class HTTPChatModel(ChatModel, Generic[ClientT, AsyncClientT]):
    """Base of the SDK-backed providers.

    Subclasses set the class attributes, build SDK clients and implement one
    attempt (:meth:`_send` / :meth:`_asend`) for a set of adaptations.

    Args:
        model: the model name.
        base_url: the API root; ``None`` means the provider's official host.
        api_key: the key; ``None`` reads the provider's environment variable.
        timeout: seconds for connecting and for each read, per attempt.
        max_retries: retries after the first attempt.
        max_retry_wait: the longest ``Retry-After`` honoured, in seconds.
        price_in: USD per million input tokens (overrides the price table).
        price_out: USD per million output tokens (overrides the price table).

    Raises:
        UsageError: no key for the official host, or a bad number.
    """

    provider: ClassVar[str] = ""
    label: ClassVar[str] = ""
    key_env: ClassVar[str] = ""
    official_base_url: ClassVar[str] = ""

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        max_retry_wait: float = 30.0,
        price_in: float | None = None,
        price_out: float | None = None,
    ) -> None:
        if not model or not isinstance(model, str):
            raise UsageError(
                f"Pass a model name to {type(self).__name__}, e.g. model='gpt-4.1-mini'."
            )
        if timeout <= 0:
            raise UsageError(f"timeout must be a positive number of seconds, got {timeout!r}.")
        if max_retries < 0:
            raise UsageError(f"max_retries must be 0 or more, got {max_retries!r}.")
        if max_retry_wait < 0:
            raise UsageError(f"max_retry_wait must be 0 or more seconds, got {max_retry_wait!r}.")
        self.model = model
        self.id = f"{self.provider}:{model}"
        self.base_url = (base_url or self.official_base_url).rstrip("/")
        self.timeout = float(timeout)
        self.retry = RetryPolicy(max_retries=max_retries, max_wait=float(max_retry_wait))
        self.price = resolve_price(model, price_in, price_out)
        self._api_key = self._resolve_key(api_key)
        self._adaptations: set[str] = set()
        self._client: ClientT | None = None
        self._lock = threading.Lock()

    # -- configuration -----------------------------------------------------------------

    @property
    def official(self) -> bool:
        """True if requests go to the provider's own API host."""
        return urlsplit(self.base_url).hostname == urlsplit(self.official_base_url).hostname

    @property
    def adaptations(self) -> frozenset[str]:
        """Features this model object stopped sending because the server rejected them."""
        return frozenset(self._adaptations)

    def _resolve_key(self, api_key: str | None) -> str:
        key = api_key if api_key is not None else os.environ.get(self.key_env, "")
        if key:
            return key
        if self.official:
            raise UsageError(
                f"No API key for {self.label}: set the {self.key_env} environment variable "
                "or pass api_key=...",
            )
        return NO_KEY

    # -- what a provider implements ----------------------------------------------------------

    @abstractmethod
    def _new_client(self) -> ClientT:
        """A sync SDK client with retries off and :attr:`timeout` set."""

    @abstractmethod
    def _new_async_client(self) -> AsyncClientT:
        """An async SDK client; used for one call and closed after it."""

    @abstractmethod
    def _close_client(self, client: ClientT) -> None:
        """Close a sync SDK client."""

    @abstractmethod
    async def _aclose_client(self, client: AsyncClientT) -> None:
        """Close an async SDK client."""

    @abstractmethod
    def _send(self, client: ClientT, request: ChatRequest, adapt: frozenset[str]) -> Completion:
        """One HTTP attempt; ``adapt`` names the features to leave out."""

    @abstractmethod
    async def _asend(
        self, client: AsyncClientT, request: ChatRequest, adapt: frozenset[str]
    ) -> Completion:
        """One HTTP attempt, async."""

    @abstractmethod
    def _adaptation_for(self, request: ChatRequest, failure: Failure) -> str | None:
        """The adaptation that would avoid a rejected request, if there is one."""

    @property
    @abstractmethod
    def _sdk_errors(self) -> tuple[type[Exception], ...]:
        """The SDK's base exception class(es); anything else is a bug and propagates."""

    @abstractmethod
    def _sdk_failure(self, exc: Exception) -> Failure | None:
        """Translate an SDK exception; ``None`` if it is not an HTTP failure."""

    # -- the attempt loop, written once ---------------------------------------------------------

    def _next(
        self, exc: Exception, request: ChatRequest, attempts: int, retries: int
    ) -> float | None:
        """Decide after a failed attempt: ``None`` to adapt and resend now, else the wait.

        Raises:
            ProviderError: giving up.
        """
        failure = self._sdk_failure(exc)
        if failure is None:
            raise ProviderError(
                f"{self.label} client failed for model {self.model!r}: {exc}"
            ) from exc
        if failure.kind == "status" and failure.status in (400, 422):
            adaptation = self._adaptation_for(request, failure)
            if adaptation is not None and adaptation not in self._adaptations:
                log.info(
                    "%s at %s rejected a request feature (%s); sending %s from now on",
                    self.id,
                    self.base_url,
                    failure.message,
                    adaptation,
                )
                self._adaptations.add(adaptation)
                return None
        wait = self.retry.wait(failure, retries)
        if wait is None:
            raise self._give_up(failure, attempts) from exc
        log.info(
            "%s: %s; retrying in %.1f s (retry %d of %d)",
            self.id,
            self._describe(failure),
            wait,
            retries + 1,
            self.retry.max_retries,
        )
        return wait

    def complete(self, request: ChatRequest) -> Completion:
        """Send ``request``, retrying and adapting as the module docstring describes.

        Raises:
            ProviderError: the server failed, timed out, could not be reached or
                rejected the request; the message says what to check.
        """
        client = self._sync_client()
        attempts = retries = 0
        while True:
            attempts += 1
            try:
                completion = self._send(client, request, frozenset(self._adaptations))
            except self._sdk_errors as exc:
                wait = self._next(exc, request, attempts, retries)
                if wait is not None:
                    retries += 1
                    time.sleep(wait)
                continue
            return replace(completion, attempts=attempts)

    async def acomplete(self, request: ChatRequest) -> Completion:
        """Async door of :meth:`complete`, on the SDK's async client.

        The async client lives for one call: an async connection pool is bound to
        the event loop that made it, and a model object outlives event loops
        (``asyncio.run`` per request, test loops). A model call takes seconds, so
        the extra connection set-up does not matter.
        """
        client = self._new_async_client()
        try:
            attempts = retries = 0
            while True:
                attempts += 1
                try:
                    completion = await self._asend(client, request, frozenset(self._adaptations))
                except self._sdk_errors as exc:
                    wait = self._next(exc, request, attempts, retries)
                    if wait is not None:
                        retries += 1
                        await asyncio.sleep(wait)
                    continue
                return replace(completion, attempts=attempts)
        finally:
            await self._aclose_client(client)

    def _sync_client(self) -> ClientT:
        with self._lock:
            if self._client is None:
                self._client = self._new_client()
            return self._client

    def close(self) -> None:
        """Close the SDK client's connections (a later call opens new ones)."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            self._close_client(client)

    # -- error messages ------------------------------------------------------------------------

    def _failure_from(
        self, status: int | None, headers: Any, body: object, fallback: str
    ) -> Failure:
        header_map = {k.lower(): v for k, v in dict(headers or {}).items()}
        flag = header_map.get("x-should-retry")
        return Failure(
            kind="status",
            status=status,
            message=_error_message(body, fallback),
            retry_after=parse_retry_after(header_map, time.time()),
            should_retry=None if flag not in ("true", "false") else flag == "true",
        )

    def _describe(self, failure: Failure) -> str:
        if failure.kind == "timeout":
            return f"no answer within {self.timeout:g} s"
        if failure.kind == "connection":
            return "could not connect"
        return f"HTTP {failure.status}: {failure.message}"

    def _give_up(self, failure: Failure, attempts: int) -> ProviderError:
        where = f"{self.label} at {self.base_url}"
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        status = failure.status or 0
        if failure.kind == "timeout":
            return ProviderError(
                f"{where} did not answer within {self.timeout:g} s "
                f"({tries}, model {self.model!r}).",
                hint="Check that base_url points at a running server and the model is loaded; "
                "slow local models need a larger timeout=.",
            )
        if failure.kind == "connection":
            return ProviderError(
                f"Could not connect to {where} ({tries}).",
                hint="Check base_url (host, port, and the /v1 suffix for OpenAI-compatible "
                "servers) and that the server is running.",
            )
        if status in (401, 403):
            return ProviderError(
                f"{where} rejected the API key (HTTP {status}): {failure.message}",
                hint=f"Check the key in {self.key_env} or api_key=, and that it may use "
                f"model {self.model!r}.",
            )
        if status == 404:
            return ProviderError(
                f"{where} answered 404 for model {self.model!r}: {failure.message}",
                hint="Check the model name (for Ollama: 'ollama pull <model>') and base_url.",
            )
        if status == 429:
            if failure.retry_after is not None and failure.retry_after > self.retry.max_wait:
                return ProviderError(
                    f"{where} is rate limiting model {self.model!r} and asked to wait "
                    f"{failure.retry_after:g} s, "
                    f"longer than max_retry_wait={self.retry.max_wait:g} s "
                    f"({tries}): {failure.message}",
                    hint="Try again later, lower the request rate, or raise max_retry_wait.",
                )
            return ProviderError(
                f"{where} is rate limiting model {self.model!r} ({tries}): {failure.message}",
                hint="Lower the request rate or raise max_retries.",
            )
        if status >= 500:
            return ProviderError(
                f"{where} failed with HTTP {status} ({tries}, model {self.model!r}): "
                f"{failure.message}",
                hint="The server had a problem; try again later or check its logs.",
            )
        return ProviderError(
            f"{where} rejected the request for model {self.model!r} (HTTP {status}): "
            f"{failure.message}",
            hint="Check the model name and options.",
        )
