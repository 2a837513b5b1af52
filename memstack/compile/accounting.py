"""Payload accounting: the tokens of a provider request body, and its cache blocks.

Counts use ``cl100k_base`` (:mod:`memstack.compile.tokens`) plus a fixed framing
charge per message; the blocks are what :mod:`memstack.cachemodel` simulates a
provider's prompt cache over.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..cachemodel import Block
from .tokens import count_tokens

__all__ = ["MESSAGE_OVERHEAD", "PayloadPart", "cache_blocks", "payload_parts", "payload_tokens"]

#: Tokens charged per message for the chat template's framing (role markers, separators).
MESSAGE_OVERHEAD = 4


@dataclass(frozen=True, slots=True)
class PayloadPart:
    """One text piece of a request body, in prompt order.

    Attributes:
        role: ``system``, ``user``, ``assistant`` (or ``text`` for a plain-text payload).
        text: the text (non-text parts are counted by their JSON).
        breakpoint: the part carries ``cache_control``.
        opens_message: the first part of its message (charged :data:`MESSAGE_OVERHEAD`).
    """

    role: str
    text: str
    breakpoint: bool = False
    opens_message: bool = False


def _parts_of(role: str, content: Any) -> list[PayloadPart]:
    if isinstance(content, str):
        return [PayloadPart(role, content, False, True)]
    out: list[PayloadPart] = []
    for i, part in enumerate(content):
        text = part.get("text") if isinstance(part, Mapping) else None
        if not isinstance(text, str):
            text = json.dumps(part, ensure_ascii=False, sort_keys=True)
        mark = isinstance(part, Mapping) and part.get("cache_control") is not None
        out.append(PayloadPart(role, text, mark, i == 0))
    return out


def payload_parts(payload: Mapping[str, Any]) -> list[PayloadPart]:
    """Split an Anthropic, OpenAI or plain-text request body into its text parts.

    Example:
        >>> body = {"messages": [{"role": "user", "content": "hi"}]}
        >>> [(p.role, p.text) for p in payload_parts(body)]
        [('user', 'hi')]
    """
    if "text" in payload and "messages" not in payload:
        return [PayloadPart("text", str(payload["text"]), False, True)]
    parts: list[PayloadPart] = []
    system = payload.get("system")
    if system:
        parts += _parts_of("system", system)
    for m in payload.get("messages", []):
        parts += _parts_of(str(m["role"]), m["content"])
    return parts


def payload_tokens(payload: Mapping[str, Any]) -> int:
    """Tokens of a request body: every part's ``cl100k_base`` count plus framing per message.

    Example:
        >>> payload_tokens({"messages": [{"role": "user", "content": "hi"}]})
        5
    """
    return sum(
        count_tokens(p.text) + (MESSAGE_OVERHEAD if p.opens_message else 0)
        for p in payload_parts(payload)
    )


def cache_blocks(payload: Mapping[str, Any]) -> tuple[Block, ...]:
    """A request body as :class:`memstack.cachemodel.Block` s (key: role, position and text).

    Example:
        >>> blocks = cache_blocks({"messages": [{"role": "user", "content": "hi"}]})
        >>> blocks[0].tokens, blocks[0].breakpoint
        (5, False)
    """
    out: list[Block] = []
    for p in payload_parts(payload):
        key = hashlib.sha256(f"{p.role}\x00{int(p.opens_message)}\x00{p.text}".encode()).hexdigest()
        tokens = count_tokens(p.text) + (MESSAGE_OVERHEAD if p.opens_message else 0)
        out.append(Block(key, tokens, p.breakpoint))
    return tuple(out)
