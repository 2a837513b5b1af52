"""The OpenAI-compatible memory proxy: any Chat Completions client gets a scope's memory.

``memstack proxy --upstream URL`` runs it as its own process; ``memstack serve``
mounts it at ``/proxy/v1`` when started with an upstream. See ``docs/proxy.md``.
"""

from __future__ import annotations

from .chat import ChatProxy
from .sse import StreamReader, reply_text

__all__ = ["ChatProxy", "StreamReader", "reply_text"]
