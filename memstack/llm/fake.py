"""A chat model for tests: queued replies, recorded requests, no network.

Like ``MockModel`` in simonw/llm's tests: a test queues what the "model" will
say, runs the code under test, then asserts on :attr:`FakeChat.requests`. It
registers through the plugin hooks (``make("llms", "fake", replies=[...])``)
like every real provider, so code under test cannot tell the difference.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from ..errors import UsageError
from .base import ChatModel, ChatRequest, Completion, Usage
from .prices import resolve_price

__all__ = ["FakeChat", "Reply"]

Reply: TypeAlias = str | Mapping[str, Any] | list[Any] | BaseException


class FakeChat(ChatModel):
    """Answers each request with the next queued reply.

    A ``str`` reply is returned verbatim (so a test can script broken JSON), a
    dict or list is returned as JSON, and an exception is raised. Usage is
    ``len(text) // 4`` tokens each way: a stand-in, not a tokenizer.

    Args:
        replies: the replies, in order.
        model: the model name reported on completions.
        price_in: USD per million input tokens; with ``price_out``, completions carry a cost.
        price_out: USD per million output tokens.

    Attributes:
        requests: every request received, in order.

    Raises:
        UsageError: when a request arrives and no reply is left.

    Example:
        >>> from memstack.llm import ChatRequest, Message
        >>> fake = FakeChat(["hello", {"ok": True}])
        >>> fake.complete(ChatRequest((Message("user", "hi"),))).text
        'hello'
        >>> fake.complete(ChatRequest((Message("user", "again"),))).text
        '{"ok": true}'
        >>> [r.messages[-1].content for r in fake.requests]
        ['hi', 'again']
    """

    def __init__(
        self,
        replies: Iterable[Reply] = (),
        *,
        model: str = "fake",
        price_in: float | None = None,
        price_out: float | None = None,
    ) -> None:
        self.model = model
        self.id = f"fake:{model}"
        self.price = resolve_price(model, price_in, price_out)
        self.requests: list[ChatRequest] = []
        self._replies: deque[Reply] = deque(replies)
        self._lock = threading.Lock()

    def add(self, *replies: Reply) -> None:
        """Queue more replies."""
        with self._lock:
            self._replies.extend(replies)

    @property
    def pending(self) -> int:
        """How many queued replies are left."""
        return len(self._replies)

    def complete(self, request: ChatRequest) -> Completion:
        """Record ``request`` and answer with the next reply (or raise it)."""
        with self._lock:
            self.requests.append(request)
            if not self._replies:
                raise UsageError(
                    f"FakeChat has no reply left for request {len(self.requests)}; "
                    "queue more with FakeChat([...]) or .add(...)."
                )
            reply = self._replies.popleft()
        if isinstance(reply, BaseException):
            raise reply
        text = reply if isinstance(reply, str) else json.dumps(reply)
        prompt = (request.system or "") + "".join(m.content for m in request.messages)
        usage = Usage(input_tokens=len(prompt) // 4, output_tokens=len(text) // 4)
        return Completion(
            text=text, usage=usage, model=self.model, cost_usd=self.cost(usage), stop_reason="stop"
        )
