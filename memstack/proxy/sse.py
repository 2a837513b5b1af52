"""Reading an OpenAI Chat Completions stream on the side, while its bytes go on unchanged.

The proxy forwards every byte of the upstream's server-sent events to the client
as it arrives; a :class:`StreamReader` sees the same bytes and keeps what the
proxy needs afterwards: the assistant's text (for extraction) and the ``usage``
object of the last chunk, if the client asked for one
(``stream_options.include_usage``). A line it cannot parse is skipped: reading
must never disturb the stream.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["StreamReader", "reply_text"]


def reply_text(completion: object) -> str:
    """The first choice's text in a (non-streamed) chat completion, or ``""``.

    Example:
        >>> reply_text({"choices": [{"message": {"role": "assistant", "content": "Hi"}}]})
        'Hi'
        >>> reply_text({"error": {"message": "boom"}})
        ''
    """
    if not isinstance(completion, dict):
        return ""
    choices = completion.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return ""
    message = choices[0].get("message")
    content = message.get("content") if isinstance(message, dict) else None
    return content if isinstance(content, str) else ""


class StreamReader:
    """Follows SSE bytes; collects the first choice's text and the last ``usage``.

    Example:
        >>> r = StreamReader()
        >>> r.feed(b'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\\n\\nda')
        >>> r.feed(b'ta: {"choices":[{"index":0,"delta":{"content":"lo"}}]}\\n\\n')
        >>> r.feed(b'data: {"choices":[],"usage":{"prompt_tokens":9}}\\n\\ndata: [DONE]\\n\\n')
        >>> r.text, r.usage, r.done
        ('Hello', {'prompt_tokens': 9}, True)
    """

    def __init__(self) -> None:
        self._buffer = b""
        self._parts: list[str] = []
        self.usage: dict[str, Any] | None = None
        self.done = False

    @property
    def text(self) -> str:
        """The assistant's text so far (choice 0)."""
        return "".join(self._parts)

    def feed(self, chunk: bytes) -> None:
        """Take the next bytes of the stream, in any split."""
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            self._line(line.rstrip(b"\r"))

    def _line(self, line: bytes) -> None:
        if not line.startswith(b"data:"):
            return  # blank separators, comments, event:/id:/retry: fields
        data = line[5:].strip()
        if data == b"[DONE]":
            self.done = True
            return
        try:
            event = json.loads(data)
        except ValueError:
            return
        if not isinstance(event, dict):
            return
        if isinstance(event.get("usage"), dict):
            self.usage = event["usage"]
        for choice in event.get("choices") or ():
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta")
            content = delta.get("content") if isinstance(delta, dict) else None
            if isinstance(content, str):
                self._parts.append(content)
