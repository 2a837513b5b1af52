"""Claude through the official ``anthropic`` SDK and the Messages API.

Structured output forces a tool call: the schema becomes the ``input_schema`` of
one tool, ``tool_choice`` names it, and the reply is the ``tool_use`` block's
input. That works on every Claude model since tool use began and on proxies
that speak the Messages API. Newer models refuse a forced tool choice with a
400; for them the request is sent again with the Messages API's own structured
output (``output_config={"format": {"type": "json_schema", ...}}``) and the
model object keeps using that (see :mod:`memstack.llm.http`).

``temperature`` is sent when asked for (older models such as Claude Haiku 4.5
honour it) although the SDK dropped the argument; models that reject it are
sent none from then on, by the same mechanism.

Usage adds cache reads and cache writes back into ``input_tokens``, because
Anthropic reports them apart and memstack's :class:`~memstack.llm.Usage` counts
every prompt token in ``input_tokens``.
"""

from __future__ import annotations

import json
from typing import Any

import anthropic
from anthropic.types import Message as AnthropicMessage

from ..errors import ProviderError
from .base import ChatRequest, Completion, Usage
from .http import HTTPChatModel
from .retry import Failure

__all__ = ["AnthropicChat"]

OUTPUT_FORMAT = "output_format"
NO_TEMPERATURE = "no_temperature"


class AnthropicChat(HTTPChatModel[anthropic.Anthropic, anthropic.AsyncAnthropic]):
    """A Claude model on the Anthropic Messages API.

    Args:
        model: the model name, e.g. ``"claude-haiku-4-5"``.
        base_url: the API root without ``/v1``; ``None`` means
            ``https://api.anthropic.com``.
        api_key: the key; ``None`` reads ``ANTHROPIC_API_KEY``. Required for
            api.anthropic.com.
        timeout: seconds for connecting and for each read, per attempt.
        max_retries: retries after the first attempt (timeouts, 408/409/429/5xx/529).
        max_retry_wait: the longest ``Retry-After`` honoured; a 429 asking for
            longer fails at once.
        price_in: USD per million input tokens, for models not in the price table.
        price_out: USD per million output tokens.

    Raises:
        UsageError: no key for api.anthropic.com (set ``ANTHROPIC_API_KEY``).

    Example:
        >>> model = AnthropicChat("claude-haiku-4-5", api_key="sk-ant-...")
        >>> model.id, model.price.output
        ('anthropic:claude-haiku-4-5', 5.0)
        >>> model.close()
    """

    provider = "anthropic"
    label = "Anthropic API"
    key_env = "ANTHROPIC_API_KEY"
    official_base_url = "https://api.anthropic.com"

    # -- clients ------------------------------------------------------------------------------

    def _client_options(self) -> dict[str, Any]:
        # An explicit key and base_url keep the SDK from reading profiles,
        # credential files or other environment variables.
        return {
            "api_key": self._api_key,
            "base_url": self.base_url,
            "timeout": self.timeout,
            "max_retries": 0,
        }

    def _new_client(self) -> anthropic.Anthropic:
        return anthropic.Anthropic(**self._client_options())

    def _new_async_client(self) -> anthropic.AsyncAnthropic:
        return anthropic.AsyncAnthropic(**self._client_options())

    def _close_client(self, client: anthropic.Anthropic) -> None:
        client.close()

    async def _aclose_client(self, client: anthropic.AsyncAnthropic) -> None:
        await client.close()

    @property
    def _sdk_errors(self) -> tuple[type[Exception], ...]:
        return (anthropic.AnthropicError,)

    # -- one attempt ----------------------------------------------------------------------------

    def _send(
        self, client: anthropic.Anthropic, request: ChatRequest, adapt: frozenset[str]
    ) -> Completion:
        response = client.messages.create(**self._params(request, adapt))
        return self._completion(response, request)

    async def _asend(
        self, client: anthropic.AsyncAnthropic, request: ChatRequest, adapt: frozenset[str]
    ) -> Completion:
        response = await client.messages.create(**self._params(request, adapt))
        return self._completion(response, request)

    def _params(self, request: ChatRequest, adapt: frozenset[str]) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_tokens,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        }
        if request.system:
            params["system"] = request.system
        if request.temperature is not None and NO_TEMPERATURE not in adapt:
            # This SDK no longer has a temperature argument (newer models reject
            # it), but older models honour it on the wire.
            params["extra_body"] = {"temperature": request.temperature}
        if request.json_schema is not None:
            schema = dict(request.json_schema)
            if OUTPUT_FORMAT in adapt:
                params["output_config"] = {"format": {"type": "json_schema", "schema": schema}}
            else:
                params["tools"] = [
                    {
                        "name": request.schema_name,
                        "description": f"Record the answer as a {request.schema_name} object.",
                        "input_schema": schema,
                    }
                ]
                params["tool_choice"] = {"type": "tool", "name": request.schema_name}
        return params

    def _completion(self, response: object, request: ChatRequest) -> Completion:
        # The SDK does not validate bodies: a proxy's HTML page arrives as a str.
        if (
            not isinstance(response, AnthropicMessage)
            or response.content is None
            or response.usage is None
        ):
            raise ProviderError(
                f"{self.label} at {self.base_url} did not return a message "
                f"for model {self.model!r}.",
                hint="Check that base_url points at the Messages API (without /v1).",
            )
        texts: list[str] = []
        tool_input: object = None
        for block in response.content:
            if block.type == "tool_use" and block.name == request.schema_name:
                tool_input = block.input
            elif block.type == "text":
                texts.append(block.text)
        text = (
            json.dumps(tool_input, ensure_ascii=False) if tool_input is not None else "".join(texts)
        )
        raw = response.usage
        cache_read = raw.cache_read_input_tokens or 0
        cache_write = raw.cache_creation_input_tokens or 0
        usage = Usage(
            input_tokens=raw.input_tokens + cache_read + cache_write,
            output_tokens=raw.output_tokens,
            cached_input_tokens=cache_read,
            cache_write_input_tokens=cache_write,
        )
        return Completion(
            text=text,
            usage=usage,
            model=response.model or self.model,
            cost_usd=self.cost(usage),
            stop_reason=response.stop_reason,
        )

    # -- failures -------------------------------------------------------------------------------

    def _sdk_failure(self, exc: Exception) -> Failure | None:
        if isinstance(exc, anthropic.APITimeoutError):
            return Failure("timeout", message=str(exc))
        if isinstance(exc, anthropic.APIConnectionError):
            return Failure("connection", message=str(exc))
        if isinstance(exc, anthropic.APIStatusError):
            return self._failure_from(exc.status_code, exc.response.headers, exc.body, exc.message)
        return None

    def _adaptation_for(self, request: ChatRequest, failure: Failure) -> str | None:
        text = failure.message.lower()
        if request.temperature is not None and "temperature" in text:
            return NO_TEMPERATURE
        if request.json_schema is not None and ("tool_choice" in text or "forced tool" in text):
            return OUTPUT_FORMAT
        return None
