"""Provider request bodies that keep the stable memory block in the cached prefix.

Both providers cache an exact prefix of the request. Anthropic caches
everything up to and including a block marked ``cache_control: {"type":
"ephemeral"}``, in the order tools → system → messages
(https://platform.claude.com/docs/en/build-with-claude/prompt-caching).
OpenAI caches prompts of 1024 tokens or more automatically, routes requests by
a hash of the prefix, and takes an optional ``prompt_cache_key`` that is
combined with that hash to keep requests sharing a prefix on the same cache
(https://developers.openai.com/api/docs/guides/prompt-caching; the parameter is
documented at https://platform.openai.com/docs/api-reference/chat/create).

So the stable block goes at the end of the system prompt and carries the
breakpoint (Anthropic) or a ``prompt_cache_key`` derived from its digest
(OpenAI), and per-request recall goes after it.

**Where recall goes.** Recall is attached to the *latest user turn*, as its own
text block placed before the user's words, rather than as a second system block
(Anthropic) or an extra system message (OpenAI). Three reasons:

1. Cache: a second system block would sit between the cached system prompt and
   the conversation, so the conversation history could never be cached; on the
   user turn, every earlier message stays byte-identical from one request to
   the next and the caller may add further breakpoints over the history.
2. Authority: retrieved memory is data, and the user turn gives it user-level,
   not system-level, standing; the recall block's own framing says so too.
3. Portability: Anthropic has no system role inside ``messages``, and many
   OpenAI-compatible servers' chat templates reject a system message after the
   first turn.

In an Anthropic user turn that carries ``tool_result`` blocks, recall goes after
them, because tool results must come first in that turn's content
(https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview).

Leading ``system`` (and, for OpenAI, ``developer``) messages from the caller
are the application's own system prompt; they are kept before the memory block
so one breakpoint caches both. Keep them byte-stable, or the cache misses.
Nothing here does I/O; the caller's messages are never modified.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, assert_never

from ..errors import UsageError

if TYPE_CHECKING:
    from .prompt import Prompt

__all__ = [
    "anthropic_payload",
    "build_payload",
    "cache_key",
    "openai_payload",
    "text_payload",
]

Message = dict[str, Any]


def cache_key(digest: str) -> str:
    """The OpenAI ``prompt_cache_key`` for a stable block: ``"ms-"`` + 32 hex digits of its digest.

    Example:
        >>> cache_key("ab" * 32)
        'ms-abababababababababababababababab'
    """
    return "ms-" + digest[:32]


def _copy(messages: Sequence[Mapping[str, Any]]) -> list[Message]:
    out: list[Message] = []
    for i, m in enumerate(messages):
        # An assistant turn that only calls tools may leave 'content' out (OpenAI).
        if (
            not isinstance(m, Mapping) or "role" not in m
            or ("content" not in m and m["role"] != "assistant")
        ):  # fmt: skip
            raise UsageError(
                f"Message {i} must be a dict with 'role' and 'content', got {m!r:.80}."
            )
        out.append(copy.deepcopy(dict(m)))
    return out


def _split_system(
    messages: list[Message], roles: tuple[str, ...]
) -> tuple[list[Message], list[Message]]:
    n = 0
    while n < len(messages) and messages[n]["role"] in roles:
        n += 1
    return messages[:n], messages[n:]


def _latest_user(messages: list[Message]) -> Message:
    for m in reversed(messages):
        if m["role"] == "user":
            return m
    raise UsageError(
        "There is recall to attach but no user message in 'messages'.",
        hint="Pass the conversation including the latest user turn.",
    )


def _prepend(message: Message, block: Message, *, after_tool_results: bool) -> None:
    content = message["content"]
    parts = [{"type": "text", "text": content}] if isinstance(content, str) else list(content)
    at = 0
    if after_tool_results:
        while (
            at < len(parts)
            and isinstance(parts[at], Mapping)
            and parts[at].get("type") == "tool_result"
        ):
            at += 1
    parts.insert(at, block)
    message["content"] = parts


def anthropic_payload(prompt: Prompt, messages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Build an Anthropic Messages API body: memory in ``system`` with a cache breakpoint.

    Args:
        prompt: the compiled prompt.
        messages: the conversation; leading ``system`` messages become system blocks.

    Returns:
        ``{"system": [..., {"type": "text", "text": stable, "cache_control":
        {"type": "ephemeral"}}], "messages": [...]}`` with recall as the first text
        block of the latest user turn. ``system`` is left out when empty.

    Raises:
        UsageError: a malformed message, a ``system`` message after the first
            non-system one, or recall with no user turn to attach it to.

    Example:
        >>> from memstack.compile.prompt import Prompt
        >>> p = Prompt("MEM", "REC", "0" * 64, 1, 1, None, (), (), "anthropic")
        >>> anthropic_payload(p, [{"role": "user", "content": "hi"}])
        {'system': [{'type': 'text', 'text': 'MEM', 'cache_control': {'type': 'ephemeral'}}], \
'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'REC'}, \
{'type': 'text', 'text': 'hi'}]}]}
    """
    head, rest = _split_system(_copy(messages), ("system",))
    if any(m["role"] == "system" for m in rest):
        raise UsageError(
            "Anthropic has no system role inside 'messages'; put system messages first.",
        )
    system: list[Message] = []
    for m in head:
        content = m["content"]
        system += [{"type": "text", "text": content}] if isinstance(content, str) else list(content)
    if prompt.stable:
        system.append(
            {"type": "text", "text": prompt.stable, "cache_control": {"type": "ephemeral"}}
        )
    if prompt.recall:
        _prepend(
            _latest_user(rest), {"type": "text", "text": prompt.recall}, after_tool_results=True
        )
    body: dict[str, Any] = {"system": system} if system else {}
    body["messages"] = rest
    return body


def openai_payload(prompt: Prompt, messages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Build an OpenAI Chat Completions body: memory as a system message plus ``prompt_cache_key``.

    Args:
        prompt: the compiled prompt.
        messages: the conversation; leading ``system``/``developer`` messages stay first.

    Returns:
        ``{"messages": [..., {"role": "system", "content": stable}, ...],
        "prompt_cache_key": "ms-" + digest[:32]}`` with recall as the first text
        part of the latest user message. Without a stable block there is no
        memory message and no key.

    Raises:
        UsageError: a malformed message, or recall with no user message.

    Example:
        >>> from memstack.compile.prompt import Prompt
        >>> p = Prompt("MEM", "", "ab" * 32, 1, 0, None, (), (), "openai")
        >>> openai_payload(p, [{"role": "user", "content": "hi"}])
        {'messages': [{'role': 'system', 'content': 'MEM'}, {'role': 'user', 'content': 'hi'}], \
'prompt_cache_key': 'ms-abababababababababababababababab'}
    """
    head, rest = _split_system(_copy(messages), ("system", "developer"))
    if prompt.recall:
        _prepend(
            _latest_user(rest), {"type": "text", "text": prompt.recall}, after_tool_results=False
        )
    body: dict[str, Any] = {}
    if prompt.stable:
        body["messages"] = [*head, {"role": "system", "content": prompt.stable}, *rest]
        body["prompt_cache_key"] = cache_key(prompt.stable_digest)
    else:
        body["messages"] = [*head, *rest]
    return body


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for part in content:
        if isinstance(part, Mapping) and isinstance(part.get("text"), str):
            parts.append(part["text"])
    return "\n".join(parts)


def text_payload(prompt: Prompt, messages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Build one plain-text prompt for completion-style models.

    Args:
        prompt: the compiled prompt.
        messages: the conversation; non-text parts are left out.

    Returns:
        ``{"text": ...}``: system messages, the stable block, then the transcript
        as ``role: text`` paragraphs with recall just before the latest user turn.

    Raises:
        UsageError: a malformed message, or recall with no user message.

    Example:
        >>> from memstack.compile.prompt import Prompt
        >>> p = Prompt("MEM", "REC", "0" * 64, 1, 1, None, (), (), "text")
        >>> text_payload(p, [{"role": "user", "content": "hi"}])
        {'text': 'MEM\\n\\nREC\\n\\nuser: hi'}
    """
    head, rest = _split_system(_copy(messages), ("system", "developer"))
    latest = _latest_user(rest) if prompt.recall else None
    chunks = [_text_of(m["content"]) for m in head]
    if prompt.stable:
        chunks.append(prompt.stable)
    for m in rest:
        if m is latest:
            chunks.append(prompt.recall)
        chunks.append(f"{m['role']}: {_text_of(m.get('content') or '')}")
    return {"text": "\n\n".join(c for c in chunks if c)}


def build_payload(prompt: Prompt, messages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Build the request body for ``prompt.provider``.

    Args:
        prompt: the compiled prompt.
        messages: the conversation as ``{"role", "content"}`` dicts; not modified.

    Returns:
        The body from :func:`anthropic_payload`, :func:`openai_payload` or :func:`text_payload`.

    Raises:
        UsageError: as those functions.

    Example:
        >>> from memstack.compile.prompt import Prompt
        >>> p = Prompt("", "", "0" * 64, 0, 0, None, (), (), "text")
        >>> build_payload(p, [{"role": "user", "content": "hi"}])
        {'text': 'user: hi'}
    """
    match prompt.provider:
        case "anthropic":
            return anthropic_payload(prompt, messages)
        case "openai":
            return openai_payload(prompt, messages)
        case "text":
            return text_payload(prompt, messages)
        case _:
            assert_never(prompt.provider)
