"""Chat models behind any OpenAI-compatible Chat Completions endpoint.

One class covers OpenAI itself and the servers that speak its protocol
(Ollama, vLLM, llama.cpp, LM Studio, LiteLLM…), through the official ``openai``
SDK pointed at ``base_url``. Chat Completions rather than the Responses API,
because Chat Completions is the dialect every compatible server speaks.

Structured output asks for ``response_format={"type": "json_schema", ...,
"strict": true}``. A server that answers 400 saying it does not support that
gets ``{"type": "json_object"}`` instead, with the schema written into the
system prompt; the base class's schema check and repair retry cover the rest.
A model that rejects ``temperature`` (reasoning models accept only their
default) is sent none. Both adaptations are remembered per model object (see
:mod:`memstack.llm.http`).

``max_tokens`` is sent as ``max_completion_tokens`` to api.openai.com (the only
name its reasoning models accept) and as ``max_tokens`` elsewhere (the name
every compatible server knows).
"""

from __future__ import annotations

import json
from typing import Any

import openai
from openai.types.chat import ChatCompletion

from ..errors import ProviderError
from .base import ChatRequest, Completion, Usage
from .http import HTTPChatModel
from .retry import Failure

__all__ = ["OpenAIChat"]

JSON_OBJECT = "json_object"
NO_TEMPERATURE = "no_temperature"


class OpenAIChat(HTTPChatModel[openai.OpenAI, openai.AsyncOpenAI]):
    """A chat model on OpenAI or any OpenAI-compatible server.

    Args:
        model: the model name, e.g. ``"gpt-4.1-mini"`` or ``"llama3.1:8b"`` (Ollama).
        base_url: the API root including ``/v1``, e.g. ``"http://localhost:11434/v1"``;
            ``None`` means ``https://api.openai.com/v1``.
        api_key: the key; ``None`` reads ``OPENAI_API_KEY``. Required only for
            api.openai.com; other servers get a placeholder if none is set.
        timeout: seconds for connecting and for each read, per attempt.
        max_retries: retries after the first attempt (timeouts, 408/409/429/5xx).
        max_retry_wait: the longest ``Retry-After`` honoured; a 429 asking for
            longer fails at once.
        price_in: USD per million input tokens, for models not in the price table.
        price_out: USD per million output tokens.

    Raises:
        UsageError: no key for api.openai.com (set ``OPENAI_API_KEY``).

    Example:
        >>> model = OpenAIChat("llama3.1:8b", base_url="http://localhost:11434/v1")
        >>> model.id, model.price is None
        ('openai:llama3.1:8b', True)
        >>> model.close()
    """

    provider = "openai"
    label = "OpenAI-compatible endpoint"
    key_env = "OPENAI_API_KEY"
    official_base_url = "https://api.openai.com/v1"

    # -- clients ------------------------------------------------------------------------------

    def _client_options(self) -> dict[str, Any]:
        return {
            "api_key": self._api_key,
            "base_url": self.base_url,
            "timeout": self.timeout,
            "max_retries": 0,
        }

    def _new_client(self) -> openai.OpenAI:
        return openai.OpenAI(**self._client_options())

    def _new_async_client(self) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(**self._client_options())

    def _close_client(self, client: openai.OpenAI) -> None:
        client.close()

    async def _aclose_client(self, client: openai.AsyncOpenAI) -> None:
        await client.close()

    @property
    def _sdk_errors(self) -> tuple[type[Exception], ...]:
        return (openai.OpenAIError,)

    # -- one attempt ----------------------------------------------------------------------------

    def _send(
        self, client: openai.OpenAI, request: ChatRequest, adapt: frozenset[str]
    ) -> Completion:
        response = client.chat.completions.create(**self._params(request, adapt))
        return self._completion(response)

    async def _asend(
        self, client: openai.AsyncOpenAI, request: ChatRequest, adapt: frozenset[str]
    ) -> Completion:
        response = await client.chat.completions.create(**self._params(request, adapt))
        return self._completion(response)

    def _params(self, request: ChatRequest, adapt: frozenset[str]) -> dict[str, Any]:
        system = request.system
        params: dict[str, Any] = {"model": self.model}
        if request.json_schema is not None:
            if JSON_OBJECT in adapt:
                # json_object mode needs the word JSON in the prompt, and it does
                # not see the schema, so the prompt has to carry both.
                instruction = (
                    f"Reply with one JSON object that matches this JSON Schema "
                    f"(named {request.schema_name}):\n{json.dumps(request.json_schema)}"
                )
                system = f"{system}\n\n{instruction}" if system else instruction
                params["response_format"] = {"type": "json_object"}
            else:
                params["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {
                        "name": request.schema_name,
                        "schema": dict(request.json_schema),
                        "strict": True,
                    },
                }
        messages: list[dict[str, str]] = []
        if system:
            messages.append({"role": "system", "content": system})
        messages.extend({"role": m.role, "content": m.content} for m in request.messages)
        params["messages"] = messages
        params["max_completion_tokens" if self.official else "max_tokens"] = request.max_tokens
        if request.temperature is not None and NO_TEMPERATURE not in adapt:
            params["temperature"] = request.temperature
        return params

    def _completion(self, response: object) -> Completion:
        # The SDK does not validate bodies: a proxy's HTML page arrives as a str.
        if (
            not isinstance(response, ChatCompletion)
            or not response.choices
            or response.choices[0].message is None
        ):
            raise ProviderError(
                f"{self.label} at {self.base_url} did not return a chat completion "
                f"for model {self.model!r}.",
                hint="Check that base_url points at an OpenAI-compatible API "
                "(it usually ends in /v1).",
            )
        choice = response.choices[0]
        message = choice.message
        text = message.content or ""
        stop_reason: str | None = choice.finish_reason
        if not text and message.refusal:
            text, stop_reason = message.refusal, "refusal"
        usage = Usage(0, 0)
        if response.usage is not None:
            details = response.usage.prompt_tokens_details
            cached = (details.cached_tokens or 0) if details is not None else 0
            usage = Usage(
                input_tokens=response.usage.prompt_tokens,
                output_tokens=response.usage.completion_tokens,
                cached_input_tokens=cached,
            )
        # A server that reports no usage cannot be metered: say "unknown", not "free".
        cost = self.cost(usage) if response.usage is not None else None
        return Completion(
            text=text,
            usage=usage,
            model=response.model or self.model,
            cost_usd=cost,
            stop_reason=stop_reason,
        )

    # -- failures -------------------------------------------------------------------------------

    def _sdk_failure(self, exc: Exception) -> Failure | None:
        if isinstance(exc, openai.APITimeoutError):
            return Failure("timeout", message=str(exc))
        if isinstance(exc, openai.APIConnectionError):
            return Failure("connection", message=str(exc))
        if isinstance(exc, openai.APIStatusError):
            return self._failure_from(exc.status_code, exc.response.headers, exc.body, exc.message)
        return None

    def _adaptation_for(self, request: ChatRequest, failure: Failure) -> str | None:
        text = failure.message.lower()
        if request.temperature is not None and "temperature" in text:
            return NO_TEMPERATURE
        mentions_format = "json_schema" in text or "response_format" in text
        # "Invalid schema for response_format ..." is a bug in the schema, not a
        # missing feature: surface it rather than hide it behind json_object.
        if request.json_schema is not None and mentions_format and "invalid schema" not in text:
            return JSON_OBJECT
        return None
