"""What Mem0 OSS 2.2.1 writes for one message of ``add(messages, user_id=..., infer=False)``.

Filling Mem0 to 100,000 memories through ``add`` takes about an hour on two cores
(it embeds, inserts into Qdrant and commits a history row one message at a time),
so the benchmark fills most of the store through the two batch calls Mem0 itself
has, ``vector_store.insert(vectors, payloads, ids)`` and
``db.batch_add_history(records)``, with exactly the rows ``add`` would have
written, and times ``add`` on a sample (``worker_mem0.fill`` says how). This
module builds those rows; it uses the standard library only, so the tests can
check it without Mem0 installed, and the Mem0 worker checks at run time that a
point written by ``add`` has the same shape (``differences``).

Read from ``mem0/memory/main.py`` (``Memory._add_to_vector_store`` with
``infer=False``, ``Memory._create_memory``, ``_build_filters_and_metadata``):

* metadata: ``user_id`` (the only scope id passed), ``role`` of the message,
  ``actor_id`` when the message has a ``name``;
* ``data``: the message text; ``hash``: MD5 hex digest of its UTF-8 bytes;
* ``created_at``: ``datetime.now(timezone.utc).isoformat()``; ``updated_at``: the same;
* ``text_lemmatized``: ``lemmatize_for_bm25(text)`` (the text itself when spaCy is
  not installed, as in a plain ``pip install mem0ai``);
* the point id: ``str(uuid.uuid4())``;
* one history row: ``(memory_id, None, text, "ADD", created_at, updated_at,
  actor_id, role)``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

#: Payload fields whose value differs between two writes of the same message.
VOLATILE = frozenset({"created_at", "updated_at"})


def new_id() -> str:
    """A point id as Mem0 makes one (a random UUID, as text)."""
    return str(uuid.uuid4())


def payload(
    text: str,
    *,
    user_id: str,
    role: str,
    name: str | None = None,
    created_at: str | None = None,
    lemmatize: Callable[[str], str] = lambda t: t,
) -> dict[str, Any]:
    """The Qdrant payload ``add([{"role", "content"[, "name"]}], user_id=..., infer=False)`` writes.

    Args:
        text: the message content.
        user_id: the ``user_id`` passed to ``add``.
        role: the message's role.
        name: the message's ``name`` (stored as ``actor_id``), if any.
        created_at: an ISO timestamp; now, in UTC, when omitted.
        lemmatize: Mem0's ``lemmatize_for_bm25`` (the identity without spaCy).

    Returns:
        The payload dictionary, keys in the order Mem0 sets them.
    """
    out: dict[str, Any] = {"user_id": user_id, "role": role}
    if name:
        out["actor_id"] = name
    out["data"] = text
    out["hash"] = hashlib.md5(text.encode()).hexdigest()
    out["created_at"] = created_at or datetime.now(UTC).isoformat()
    out["updated_at"] = out["created_at"]
    out["text_lemmatized"] = lemmatize(text)
    return out


def history(memory_id: str, point: dict[str, Any]) -> dict[str, Any]:
    """The history record ``add`` commits for a new memory, in ``batch_add_history``'s form."""
    return {
        "memory_id": memory_id,
        "old_memory": None,
        "new_memory": point["data"],
        "event": "ADD",
        "created_at": point["created_at"],
        "updated_at": point["updated_at"],
        "actor_id": point.get("actor_id"),
        "role": point.get("role"),
    }


def differences(written: dict[str, Any], built: dict[str, Any]) -> list[str]:
    """How a payload Mem0 wrote differs from the one built here (empty: the same shape).

    Keys must match exactly; values too, except the timestamps, which must only
    both be timezone-aware ISO strings with ``updated_at == created_at``.
    """
    out = []
    for k in sorted(written.keys() ^ built.keys()):
        side = "Mem0 only" if k in written else "built only"
        out.append(f"{k}: {side}")
    for k in sorted(written.keys() & built.keys()):
        if k in VOLATILE:
            for name, p in (("Mem0", written), ("built", built)):
                try:
                    aware = datetime.fromisoformat(p[k]).tzinfo is not None
                except (TypeError, ValueError):
                    aware = False
                if not aware:
                    out.append(f"{k}: {name}'s {p[k]!r} is not an ISO time with a zone")
        elif written[k] != built[k]:
            out.append(f"{k}: Mem0 {written[k]!r} != built {built[k]!r}")
    for name, p in (("Mem0", written), ("built", built)):
        if p.get("created_at") != p.get("updated_at"):
            out.append(f"{name}: updated_at differs from created_at")
    return out
