"""Moving in from other memory tools: Mem0 exports and LangGraph store dumps, read into items.

Pure: these functions read a file's text and return :class:`ImportItem` values
(scope, text, kind, validity, metadata) and say what is wrong with an item
instead of failing the whole file, so ``memstack import --from …`` can report
item by item. Writing them is the facade's job (each item is proposed, so the
scope's review policy and screening decide; or added at once with
``--approve``). The formats are documented in ``docs/migrating.md``.

**Mem0.** ``Memory.get_all()`` returns ``{"results": [...]}`` (older versions: a
plain list) and the platform export holds ``{"memories": [...]}``. Each row has
``id``, ``memory`` (the text), ``hash``, ``metadata``, ``created_at``,
``updated_at`` and the ids Mem0 promotes to the top level (``user_id``,
``agent_id``, ``run_id``, ``actor_id``, ``role``), sometimes ``categories`` and
``expiration_date``. A row becomes a fact in ``<root>/users/<user_id>``,
``<root>/agents/<agent_id>``, ``<root>/users/<user_id>/agents/<agent_id>`` or
``<root>``; its metadata is Mem0's metadata plus a ``mem0`` object with the ids,
hash, categories and ``updated_at``; ``created_at`` becomes ``valid_from``.

**LangGraph.** A JSON list of ``{"namespace": [...], "key", "value": {...},
"created_at", "updated_at"}`` (what :func:`memstack.adapters.langgraph.dump_store`
writes, ``Item.dict()`` of each item). An item lands exactly where
``MemstackStore(memory, root=<root>)`` reads it: the scope of its namespace, the
value as metadata with the reserved ``$key`` and ``$created_at``, the whole
value as JSON for its text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from ..errors import UsageError
from ..models import MAX_SEGMENTS, Finding, Kind, Scope, check_metadata

__all__ = [
    "CREATED",
    "KEY",
    "LEAF",
    "SOURCES",
    "ImportItem",
    "decode_label",
    "encode_label",
    "item_scope",
    "parse",
    "parse_langgraph",
    "parse_mem0",
    "preview",
]

#: Reserved metadata keys of LangGraph items: the item's key and its creation time.
KEY = "$key"
CREATED = "$created_at"
#: The last segment of the scope holding a namespace's items.
LEAF = "_"
_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
_MAX_TEXT = 20_000


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One item read from another tool's file.

    Attributes:
        ref: how the file names it (Mem0's id, a LangGraph ``namespace/key``), for reports.
        scope: where it goes.
        text: the memory's text ('' when ``problem`` says why there is none).
        kind: the memory kind.
        valid_from: when it became true (the source's creation time), if known.
        expires_at: when it stops being kept, if the source says.
        metadata: the memory's metadata.
        key: an idempotency key derived from the source, so importing twice stores once.
        problem: why the item cannot be imported (``None``: it can).
    """

    ref: str
    scope: str
    text: str
    kind: Kind = "fact"
    valid_from: datetime | None = None
    expires_at: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    key: str = ""
    problem: str | None = None


def encode_label(label: str) -> str:
    """A label (a LangGraph namespace label, a Mem0 user id) as a scope segment, reversibly.

    Letters, digits and ``-`` stay; every other character, ``_`` included, becomes
    ``_XX`` per UTF-8 byte. So a label never encodes to the bare :data:`LEAF` ``_``.

    Example:
        >>> encode_label("alice"), encode_label("a b_c"), encode_label("é")
        ('alice', 'a_20b_5Fc', '_C3_A9')
        >>> decode_label(encode_label("Grüße/2024"))
        'Grüße/2024'
    """
    out = []
    for ch in label:
        if ch in _PLAIN:
            out.append(ch)
        else:
            out.extend(f"_{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def decode_label(segment: str) -> str:
    """Inverse of :func:`encode_label` (a segment it did not write is a UsageError)."""
    raw = bytearray()
    i = 0
    try:
        while i < len(segment):
            if segment[i] == "_":
                raw.append(int(segment[i + 1 : i + 3], 16))
                i += 3
            else:
                raw += segment[i].encode("ascii")
                i += 1
        return raw.decode("utf-8")
    except (ValueError, UnicodeError) as exc:
        raise UsageError(f"{segment!r} is not an encoded label.") from exc


def item_scope(root: str, namespace: tuple[str, ...], *, leaf: bool = True) -> str:
    """The scope of a LangGraph namespace's items under ``root`` (``leaf=False``: the prefix).

    Raises:
        UsageError: a namespace too deep for a scope, or a label too long once encoded.

    Example:
        >>> item_scope("acme", ("users", "a b"))
        'acme/users/a_20b/_'
    """
    segments = [encode_label(str(label)) for label in namespace]
    depth = len(root.split("/")) + len(segments) + (1 if leaf else 0)
    if depth > MAX_SEGMENTS:
        room = MAX_SEGMENTS - len(root.split("/")) - 1
        raise UsageError(
            f"Namespace {tuple(namespace)} is too deep: under root {root!r} namespaces may have "
            f"at most {room} labels."
        )
    path = "/".join([root, *segments, *([LEAF] if leaf else [])])
    try:
        return Scope.parse(path).path
    except UsageError as exc:
        raise UsageError(f"Namespace {tuple(namespace)} cannot be stored: {exc.message}") from exc


def _time(value: Any, name: str) -> datetime | None:
    """ISO 8601 text (a missing zone means UTC) or epoch seconds/milliseconds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise UsageError(f"{name} is not a time: {value!r}.")
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise UsageError(f"{name} is not an ISO 8601 time: {value!r}.") from exc
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    raise UsageError(f"{name} is not a time: {value!r}.")


def _rows(text: str, keys: tuple[str, ...], what: str) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"The {what} file is not valid JSON: {exc}.") from exc
    if isinstance(data, Mapping):
        for key in keys:
            if isinstance(data.get(key), list):
                return list(data[key])
        raise UsageError(
            f"A {what} file holds a list of items, or an object with a "
            f"{' or '.join(repr(k) for k in keys)} list."
        )
    if not isinstance(data, list):
        raise UsageError(f"A {what} file holds a JSON list or object.")
    return data


def _key(source: str, ref: str) -> str:
    digest = hashlib.sha256(f"{source}\x1f{ref}".encode()).hexdigest()[:32]
    return f"import:{source}:{digest}"


def parse_mem0(text: str, root: str) -> list[ImportItem]:
    """Items from Mem0's ``get_all`` JSON or a platform export (see the module notes).

    Args:
        text: the file's content.
        root: the scope the users' and agents' scopes go under.

    Returns:
        One item per row, in file order; a row that cannot be imported has ``problem``.

    Raises:
        UsageError: the file as a whole is not Mem0 JSON.

    Example:
        >>> rows = '{"results": [{"id": "m1", "memory": "Likes tea", "user_id": "alice",'
        >>> rows += ' "created_at": "2024-07-26T10:29:36-07:00", "metadata": {"src": "chat"}}]}'
        >>> (item,) = parse_mem0(rows, "acme")
        >>> item.scope, item.text, item.valid_from.isoformat(), item.metadata["src"]
        ('acme/users/alice', 'Likes tea', '2024-07-26T17:29:36+00:00', 'chat')
    """
    base = Scope.parse(root).path
    out: list[ImportItem] = []
    for i, row in enumerate(_rows(text, ("results", "memories"), "Mem0")):
        ref = str(row.get("id", f"#{i}")) if isinstance(row, Mapping) else f"#{i}"
        try:
            out.append(_mem0_item(row, base, ref))
        except UsageError as exc:
            out.append(ImportItem(ref=ref, scope=base, text="", problem=exc.message))
    return out


def _mem0_item(row: Any, base: str, ref: str) -> ImportItem:
    if not isinstance(row, Mapping):
        raise UsageError("an item must be an object.")
    body = next((row[k] for k in ("memory", "data", "text") if isinstance(row.get(k), str)), None)
    if body is None or not body.strip():
        raise UsageError("the item has no 'memory' text.")
    segments = [base]
    for name, label in (("user_id", "users"), ("agent_id", "agents")):
        if row.get(name) not in (None, ""):
            segments += [label, encode_label(str(row[name]))]
    scope = Scope.parse("/".join(segments)).path
    own = row.get("metadata") or {}
    if not isinstance(own, Mapping):
        raise UsageError("'metadata' must be an object.")
    mem0 = {
        k: row[k]
        for k in ("id", "hash", "user_id", "agent_id", "run_id", "actor_id", "role",
                  "categories", "updated_at")
        if row.get(k) not in (None, "", [])
    }  # fmt: skip
    metadata = check_metadata({**own, "mem0": mem0})
    expires = row.get("expiration_date")
    expires_at = None
    if isinstance(expires, str) and len(expires) == 10:  # a date: the end of that day, UTC
        day = _time(expires, "expiration_date")
        expires_at = datetime.combine(day.date(), time.max, UTC) if day else None
    elif expires is not None:
        expires_at = _time(expires, "expiration_date")
    return ImportItem(
        ref=ref, scope=scope, text=body[:_MAX_TEXT], valid_from=_time(row.get("created_at"),
        "created_at"), expires_at=expires_at, metadata=metadata, key=_key("mem0", ref),
    )  # fmt: skip


def parse_langgraph(text: str, root: str) -> list[ImportItem]:
    """Items from a LangGraph store dump (``dump_store``; see the module notes).

    Example:
        >>> dump = '[{"namespace": ["users", "alice"], "key": "diet",'
        >>> dump += ' "value": {"text": "Alice is vegan"}, "created_at": "2024-05-01T00:00:00Z"}]'
        >>> (item,) = parse_langgraph(dump, "acme/agent")
        >>> item.scope, item.text, item.metadata["$key"]
        ('acme/agent/users/alice/_', '{"text": "Alice is vegan"}', 'diet')
    """
    base = Scope.parse(root).path
    out: list[ImportItem] = []
    for i, row in enumerate(_rows(text, ("items",), "LangGraph")):
        ref = f"#{i}"
        try:
            if not isinstance(row, Mapping):
                raise UsageError("an item must be an object.")
            ns, key, value = row.get("namespace"), row.get("key"), row.get("value")
            if not isinstance(ns, list) or not ns or not all(isinstance(x, str) for x in ns):
                raise UsageError("'namespace' must be a non-empty list of strings.")
            if not isinstance(key, str):
                raise UsageError("'key' must be a string.")
            ref = "/".join(ns) + ":" + key
            if not isinstance(value, Mapping):
                raise UsageError("'value' must be an object.")
            if KEY in value or CREATED in value:
                raise UsageError(f"the value uses a reserved key ({KEY} or {CREATED}).")
            created = _time(row.get("created_at"), "created_at")
            metadata = dict(value)
            metadata[KEY] = key
            if created is not None:
                metadata[CREATED] = created.isoformat()
            body = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out.append(
                ImportItem(
                    ref=ref, scope=item_scope(base, tuple(ns)),
                    text=(body if value else key)[:_MAX_TEXT], valid_from=created,
                    metadata=check_metadata(metadata), key=_key("langgraph", ref),
                )  # fmt: skip
            )
        except UsageError as exc:
            out.append(ImportItem(ref=ref, scope=base, text="", problem=exc.message))
    return out


#: The tools ``memstack import --from`` reads: name -> parser(text, root).
SOURCES = {"mem0": parse_mem0, "langgraph": parse_langgraph}


def parse(source: str, text: str, root: str) -> list[ImportItem]:
    """Items of ``text`` read as ``source`` (``mem0`` or ``langgraph``)."""
    if source not in SOURCES:
        raise UsageError(f"Unknown source {source!r}; use one of: {', '.join(SOURCES)}.")
    return SOURCES[source](text, root)


def preview(item: ImportItem) -> tuple[str, tuple[Finding, ...]]:
    """What importing ``item`` would meet, without writing: for ``--dry-run``.

    Screens the text and every string of the metadata as a write does
    (:mod:`memstack.screen`). The review policy is not consulted: an item that
    is not refused is reported ``ok``, and ``memstack import`` then proposes it.

    Returns:
        ``("invalid", ())`` for an item with a problem, ``("refused", findings)``
        when it holds a secret (critical), else ``("ok", findings)``.

    Example:
        >>> preview(ImportItem(ref="1", scope="acme", text="Alice likes tea"))
        ('ok', ())
    """
    from ..screen import screen
    from ..screen.fields import screen_metadata

    if item.problem is not None:
        return "invalid", ()
    found = (*screen(item.text, kind=item.kind), *screen_metadata(item.metadata))
    status = "refused" if any(f.severity == "critical" for f in found) else "ok"
    return status, tuple(found)
