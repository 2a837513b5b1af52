"""Embeddings from any server that speaks OpenAI's ``POST /v1/embeddings``.

One class covers OpenAI itself and the local servers that copy its protocol
(Ollama, vLLM, llama.cpp, LM Studio, LiteLLM, text-embeddings-inference), through
the official ``openai`` SDK pointed at ``base_url``.

Choices, and why:

* **The SDK's retries.** It retries timeouts, 408/409/429 and 5xx with
  exponential back-off and honours ``Retry-After`` (up to two minutes), which is
  all an embedding call needs; ``max_retries`` tunes it.
* **Vectors are requested as floats** (``encoding_format="float"``): the SDK
  would otherwise ask for base64, which not every compatible server implements.
* **Every SDK exception becomes a ProviderError** whose hint says what to check
  (the key, the server, the model name), and an answer of the wrong shape is
  refused rather than stored.
* **The size is learnt, not guessed.** Without ``dimensions`` the first
  response tells it; reading :attr:`OpenAIEmbedder.dimensions` before any
  embedding sends one short request to find out.
* **The id names the server and the model** (``openai:localhost:11434:nomic-embed-text``),
  so vectors from two servers or two models never mix in one store.

The ``openai`` package is imported on first use, so listing providers or
constructing an embedder costs nothing.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import numpy as np

from ..errors import ProviderError, UsageError
from .base import EmbeddingModel, InputType, Matrix

if TYPE_CHECKING:
    import openai
    from openai.types import CreateEmbeddingResponse

__all__ = ["OFFICIAL_BASE_URL", "OpenAIEmbedder"]

OFFICIAL_BASE_URL = "https://api.openai.com/v1"
_NO_KEY = "not-needed"  # the SDK insists on a key; local servers ignore it


class OpenAIEmbedder(EmbeddingModel):
    """Embed texts with an OpenAI-compatible embeddings endpoint.

    Args:
        model: the model name, e.g. ``"text-embedding-3-small"`` (OpenAI) or
            ``"nomic-embed-text"`` (Ollama).
        base_url: the API root including ``/v1``, e.g. ``"http://localhost:11434/v1"``
            for Ollama or ``"http://localhost:8000/v1"`` for vLLM; ``None`` is OpenAI.
        api_key: the key; ``None`` reads ``OPENAI_API_KEY``, and servers other than
            api.openai.com get a placeholder when that is unset too.
        dimensions: ask for vectors of this length (OpenAI's ``text-embedding-3``
            models can shorten them); ``None`` takes what the model returns.
        batch_size: texts per request (OpenAI accepts up to 2048).
        timeout: seconds per attempt.
        max_retries: retries after the first attempt (timeouts, 408/409/429/5xx).
        query_prefix: prepended to texts embedded with ``input_type="query"``
            (e.g. ``"search_query: "`` for nomic-embed-text).
        document_prefix: prepended to texts embedded as documents
            (e.g. ``"search_document: "``).

    Raises:
        UsageError: no key for api.openai.com, or an invalid option.

    Example:
        >>> e = OpenAIEmbedder("nomic-embed-text", base_url="http://localhost:11434/v1")
        >>> e.id
        'openai:localhost:11434:nomic-embed-text'
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        dimensions: int | None = None,
        batch_size: int = 128,
        timeout: float = 60.0,
        max_retries: int = 2,
        query_prefix: str = "",
        document_prefix: str = "",
    ) -> None:
        if not model:
            raise UsageError(
                "The openai embedder needs a model name.",
                hint="Pass model='text-embedding-3-small' (OpenAI) or e.g. 'nomic-embed-text'.",
            )
        _check_int("batch_size", batch_size, minimum=1)
        _check_int("max_retries", max_retries, minimum=0)
        if dimensions is not None:
            _check_int("dimensions", dimensions, minimum=1)
        if not timeout > 0:
            raise UsageError(f"timeout must be a positive number of seconds, not {timeout!r}.")
        self.model = model
        self.base_url = (base_url or OFFICIAL_BASE_URL).rstrip("/")
        host = _host(self.base_url)
        key = api_key or os.environ.get("OPENAI_API_KEY")
        if not key and host == "api.openai.com":
            raise UsageError(
                "No API key for api.openai.com.",
                hint="Set OPENAI_API_KEY, pass api_key=..., or point base_url at a local server.",
            )
        self._api_key = key or _NO_KEY
        self.requested_dimensions = dimensions
        self._dimensions = dimensions
        self.batch_size = batch_size
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self.query_prefix = query_prefix
        self.document_prefix = document_prefix
        self.id = f"openai:{host}:{model}"
        if dimensions:
            self.id += f":{dimensions}"
        if query_prefix or document_prefix:
            both = f"{query_prefix}\0{document_prefix}".encode()
            self.id += ":p" + hashlib.sha256(both).hexdigest()[:8]
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAIEmbedder({self.model!r}, base_url={self.base_url!r})"

    @property
    def dimensions(self) -> int:
        """The vector length: as requested, else learnt from the server (one small request)."""
        if self._dimensions is None:
            self.embed_batch(["dimensions"])
        assert self._dimensions is not None
        return self._dimensions

    @dimensions.setter
    def dimensions(self, value: int) -> None:
        self._dimensions = value

    def embed_batch(self, texts: Sequence[str], *, input_type: InputType = "document") -> Matrix:
        """Embed one batch with a single ``POST /embeddings`` request.

        Args:
            texts: the texts (at most :attr:`batch_size`).
            input_type: ``"query"`` or ``"document"``; selects the prefix.

        Returns:
            A ``(len(texts), dimensions)`` float32 array in the order of ``texts``.

        Raises:
            UsageError: the ``openai`` package is not installed.
            ProviderError: the request failed after retries, or the answer has the
                wrong shape; the message says what to check.
        """
        if not texts:
            return np.zeros((0, self._dimensions or 0), dtype=np.float32)
        prefix = self.query_prefix if input_type == "query" else self.document_prefix
        # OpenAI rejects empty strings; a lone space is accepted and means as little.
        inputs = [prefix + text or " " for text in texts]
        client = self._get_client()
        import openai

        try:
            if self.requested_dimensions:
                response = client.embeddings.create(
                    model=self.model,
                    input=inputs,
                    encoding_format="float",
                    dimensions=self.requested_dimensions,
                )
            else:
                response = client.embeddings.create(
                    model=self.model, input=inputs, encoding_format="float"
                )
        except openai.APIError as exc:
            raise self._explain(exc) from exc
        return self._matrix(response, len(inputs))

    def _matrix(self, response: CreateEmbeddingResponse, expected: int) -> Matrix:
        rows = sorted(response.data, key=lambda item: item.index)
        if [item.index for item in rows] != list(range(expected)):
            raise ProviderError(
                f"{self.base_url} returned {len(rows)} embeddings for {expected} texts.",
                hint="The server does not follow the OpenAI embeddings protocol; "
                "try a smaller batch_size.",
            )
        try:
            matrix = np.array([item.embedding for item in rows], dtype=np.float32)
        except (TypeError, ValueError) as exc:
            raise ProviderError(
                f"{self.base_url} returned embeddings that are not lists of numbers of one length.",
                hint="Check that the model is an embedding model.",
            ) from exc
        if matrix.ndim != 2 or matrix.shape[1] == 0:
            raise ProviderError(f"{self.base_url} returned empty embeddings for {self.model}.")
        width = matrix.shape[1]
        if self._dimensions is None:
            self._dimensions = width
        elif width != self._dimensions:
            raise ProviderError(
                f"{self.model} at {self.base_url} returned {width}-dimensional vectors, "
                f"expected {self._dimensions}.",
                hint="The model behind the endpoint changed, or it ignores 'dimensions'; "
                "use another id for a different model.",
            )
        return matrix

    def _get_client(self) -> openai.OpenAI:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        import openai
                    except ImportError as exc:
                        raise UsageError(
                            "The openai embedder needs the 'openai' package.",
                            hint="Install it with: pip install 'memstack[openai]'.",
                        ) from exc
                    self._client = openai.OpenAI(
                        api_key=self._api_key,
                        base_url=self.base_url,
                        timeout=self.timeout,
                        max_retries=self.max_retries,
                    )
        return self._client

    def close(self) -> None:
        """Close the HTTP connection pool (the embedder reopens it when used again)."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _explain(self, exc: openai.APIError) -> ProviderError:
        """Turn an SDK exception into a ProviderError that says what to do."""
        import openai

        where = f"{self.base_url} (model {self.model})"
        detail = getattr(exc, "message", None) or str(exc)
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(
                f"The embeddings request to {where} timed out after {self.timeout:g} s.",
                hint="Raise timeout=, lower batch_size=, or check that the server is healthy.",
            )
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError(
                f"Could not connect to {self.base_url}: {detail}",
                hint="Is the server running and is base_url right (it usually ends in /v1)?",
            )
        status = getattr(exc, "status_code", None)
        if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
            hint = "Check OPENAI_API_KEY or the api_key= passed to the embedder."
        elif isinstance(exc, openai.NotFoundError):
            hint = f"Check the model name and base_url; for Ollama run 'ollama pull {self.model}'."
        elif isinstance(exc, openai.RateLimitError):
            hint = (
                "Still rate limited after retries: wait, lower batch_size=, or raise max_retries=."
            )
        elif isinstance(exc, openai.BadRequestError):
            hint = "The server refused the input: texts may be too long for the model."
        elif isinstance(status, int) and status >= 500:
            hint = "The server failed after retries; check its logs and try again later."
        else:
            hint = "Check the server's logs."
        code = f" ({status})" if status else ""
        return ProviderError(f"Embeddings request to {where} failed{code}: {detail}", hint=hint)


def _check_int(name: str, value: object, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UsageError(f"{name} must be an integer >= {minimum}, not {value!r}.")


def _host(base_url: str) -> str:
    """``host[:port]`` of an http(s) URL, for the embedder id."""
    parts = urlsplit(base_url)
    try:
        port = parts.port
    except ValueError:
        port, ok = None, False
    else:
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    if not ok or parts.hostname is None:
        raise UsageError(
            f"Not an http(s) URL: {base_url!r}.",
            hint="Use e.g. 'http://localhost:11434/v1' (Ollama) or "
            "'http://localhost:8000/v1' (vLLM).",
        )
    return parts.hostname + (f":{port}" if port else "")
