"""When a message was said: per-message ``timestamp`` / ``created_at`` in OpenAI-style messages.

Chat exports and agent frameworks often stamp each message. A fact said in a
message is true from that moment, and an archived turn happened then, so
:meth:`Memory.ingest_conversation` and :meth:`Memory.remember` read the stamp
when it is there and fall back to the session time when it is not.

Accepted forms, under ``timestamp`` or ``created_at`` (``timestamp`` wins):

* an ISO 8601 string (``"2026-03-14T09:30:00Z"``, ``"2026-03-14 09:30+01:00"``,
  ``"2026-03-14"``); a string without a zone is UTC, as on the command line;
* epoch seconds, an ``int`` or ``float`` (milliseconds, as JavaScript writes them,
  are recognised by their size: anything past the year 5000 in seconds);
* a timezone-aware :class:`~datetime.datetime` (Python callers); a naive one is
  refused, as everywhere in memstack.

Pure: no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..errors import UsageError

__all__ = ["TIME_KEYS", "message_time"]

#: Message keys read for the time a message was said, in order of preference.
TIME_KEYS = ("timestamp", "created_at")
# Epoch seconds beyond this are taken as milliseconds (year 5138 in seconds).
_MS_THRESHOLD = 1e11


def message_time(message: Mapping[str, Any], index: int) -> datetime | None:
    """The time message ``index`` was said, or ``None`` if it carries none.

    Raises:
        UsageError: a stamp that is neither ISO 8601 nor epoch seconds, or a naive datetime.

    Example:
        >>> message_time({"role": "user", "content": "hi", "timestamp": "2026-03-14T09:30Z"}, 0)
        datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.timezone.utc)
        >>> message_time({"role": "user", "content": "hi", "created_at": 1773480600}, 0).isoformat()
        '2026-03-14T09:30:00+00:00'
        >>> message_time({"role": "user", "content": "hi"}, 0) is None
        True
    """
    for key in TIME_KEYS:
        value = message.get(key)
        if value is None:
            continue
        return _parse(value, f"Message {index} has {key} {value!r}")
    return None


def _parse(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise UsageError(f"{where} without a time zone.", hint="Pass an aware datetime.")
        return value
    if isinstance(value, bool):  # a bool is an int in Python, never a time
        raise UsageError(f"{where}: use an ISO 8601 time or epoch seconds.")
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) > _MS_THRESHOLD else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise UsageError(f"{where}: not a time in epoch seconds.") from exc
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            try:
                return _parse(float(text), where)  # epoch seconds written as a string
            except ValueError:
                pass
            raise UsageError(
                f"{where}: not an ISO 8601 time.", hint="Write e.g. 2026-03-14T09:30:00Z."
            ) from None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    raise UsageError(f"{where}: use an ISO 8601 time or epoch seconds.")
