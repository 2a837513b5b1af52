"""The server's own settings, passed to :func:`memstack.server.create_app` as one value."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ServerConfig"]


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How a server behaves (the ``memstack serve`` options).

    Attributes:
        auth: require an API key on every ``/v1`` call (``False`` only for local
            development; ``memstack serve`` refuses it on a non-loopback address).
        author: the actor recorded for calls without a key (``auth=False``).
        max_body: the largest request body in bytes; larger answers 413.
        max_batch: the most items in one batch call (``add_many``, bulk review); more: 413.
        rate: requests per second each key may make on average; ``0`` turns limiting off.
        burst: requests a key may make at once before ``rate`` applies.
        ui: serve the review page under ``/ui``.
        mcp: serve MCP over streamable HTTP at ``/mcp`` (needs the ``mcp`` extra).
        api: serve the REST API under ``/v1`` (``memstack proxy`` turns it off).
        proxy_upstream: serve the memory proxy for this OpenAI-compatible base URL
            at ``/proxy/v1/chat/completions`` (``None``: no proxy).
        proxy_key_env: the environment variable holding the upstream's API key
            (unset variable: no key is sent; ``None``: never).
        proxy_timeout: seconds the proxy waits for the upstream.
        proxy_extract: queue proxied exchanges for extraction and run a worker.
        proxy_root: also answer the proxy at ``/v1/chat/completions`` (``memstack proxy``).
    """

    auth: bool = True
    author: str = "local"
    max_body: int = 1_000_000
    max_batch: int = 1000
    rate: float = 50.0
    burst: int = 100
    ui: bool = True
    mcp: bool = True
    api: bool = True
    proxy_upstream: str | None = None
    proxy_key_env: str | None = "OPENAI_API_KEY"
    proxy_timeout: float = 600.0
    proxy_extract: bool = True
    proxy_root: bool = False
