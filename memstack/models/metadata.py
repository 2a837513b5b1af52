"""Memory metadata: a caller's JSON object, validated once, and the filter over it.

Every memory may carry ``metadata``: a JSON object the caller owns (where an
item came from, a LangGraph value, tags). memstack does not interpret it; it
stores it with the record, returns it, exports it, erases it with the memory
and filters on it. Because it is stored and can be shown to people, it is
validated here, at the boundary, with exact messages:

* a JSON object (``dict`` with ``str`` keys) whose values are JSON values only:
  ``str``, ``int`` (64-bit), finite ``float``, ``bool``, ``None``, ``list`` and
  nested objects (no tuples, sets, dates or bytes: they would not come back as
  they went in);
* at most :data:`MAX_BYTES` bytes as compact UTF-8 JSON, :data:`MAX_DEPTH`
  levels of nesting, :data:`MAX_KEYS` keys in all and keys of at most
  :data:`MAX_KEY_LEN` characters without control characters.

A **filter** selects records by top-level keys: ``{"source": "mem0"}`` (equal)
or ``{"tag": {"$in": ["a", "b"]}}`` (equal to one of). Filter values are JSON
scalars; equality is JSON equality: ``1`` equals ``1.0``, ``true`` never equals
``1``, ``null`` matches a key that is present and null (a missing key matches
nothing). Several keys must all match. :func:`meta_matches` is the reference
semantics that every backend's query reproduces (SQLite with ``json_each``,
PostgreSQL with ``jsonb`` equality), and the conformance suite checks they agree.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, TypeAlias

from ..errors import UsageError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_KEYS",
    "MAX_KEY_LEN",
    "MetaFilter",
    "Scalar",
    "check_filter",
    "check_metadata",
    "dump_metadata",
    "json_equal",
    "meta_matches",
]

#: Largest metadata object, in bytes of compact UTF-8 JSON.
MAX_BYTES = 32 * 1024
#: Deepest nesting of objects and lists (the metadata object itself is level 1).
MAX_DEPTH = 8
#: Most keys in all objects together.
MAX_KEYS = 512
#: Longest key, in characters.
MAX_KEY_LEN = 256
_INT64 = 2**63

Scalar: TypeAlias = str | int | float | bool | None
#: A validated filter: ``((key, (allowed value, ...)), ...)``, keys sorted.
MetaFilter: TypeAlias = tuple[tuple[str, tuple[Scalar, ...]], ...]


def check_metadata(value: Any, *, where: str = "metadata") -> dict[str, Any]:
    """Validate a metadata object and return a deep copy of it.

    Args:
        value: the caller's object (``None`` is an empty object).
        where: how to name it in messages (e.g. ``"Item 3: metadata"``).

    Returns:
        A fresh ``dict`` (the caller's object is never kept, so later changes to
        it do not change a stored record).

    Raises:
        UsageError: a value that is not JSON, or over a limit; the message names
            the path, e.g. ``metadata['tags'][2]``.

    Example:
        >>> check_metadata({"source": "mem0", "tags": ["a", 1]})
        {'source': 'mem0', 'tags': ['a', 1]}
        >>> check_metadata({"when": {1, 2}})
        Traceback (most recent call last):
        ...
        memstack.errors.UsageError: metadata['when'] is a set; metadata holds JSON values only (str, int, float, bool, None, list, dict).
    """  # noqa: E501
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise UsageError(
            f"{where} must be a JSON object (a dict), got {type(value).__name__}.",
            hint='Pass e.g. {"source": "mem0", "tags": ["diet"]}.',
        )
    keys = [0]
    copy = _copy(value, where, 1, keys)
    size = len(dump_metadata(copy).encode("utf-8"))
    if size > MAX_BYTES:
        raise UsageError(
            f"{where} is {size} bytes as JSON; the limit is {MAX_BYTES}.",
            hint="Keep large content in the memory's text or outside memstack, with a reference.",
        )
    assert isinstance(copy, dict)
    return copy


def _copy(value: Any, path: str, depth: int, keys: list[int]) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        if not -_INT64 <= value < _INT64:
            raise UsageError(f"{path} is an integer outside the 64-bit range.")
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UsageError(f"{path} is {value}; JSON has no NaN or infinity.")
        return float(value)
    if isinstance(value, Mapping | list):
        if depth > MAX_DEPTH:
            raise UsageError(f"{path} is nested deeper than {MAX_DEPTH} levels.")
        if isinstance(value, list):
            return [_copy(v, f"{path}[{i}]", depth + 1, keys) for i, v in enumerate(value)]
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise UsageError(f"{path} has a key {k!r} that is not a string.")
            if len(k) > MAX_KEY_LEN or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in k):
                raise UsageError(
                    f"{path} has a key {k[:40]!r}… longer than {MAX_KEY_LEN} characters "
                    "or with control characters."
                    if len(k) > MAX_KEY_LEN
                    else f"{path} has a key {k!r} with control characters."
                )
            keys[0] += 1
            if keys[0] > MAX_KEYS:
                raise UsageError(f"{path.split('[')[0]} has more than {MAX_KEYS} keys in all.")
            out[k] = _copy(v, f"{path}[{k!r}]", depth + 1, keys)
        return out
    raise UsageError(
        f"{path} is a {type(value).__name__}; metadata holds JSON values only "
        "(str, int, float, bool, None, list, dict)."
    )


def dump_metadata(value: Mapping[str, Any]) -> str:
    """Compact, key-sorted JSON text of a metadata object (the stored form)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _scalar(value: Any, path: str) -> Scalar:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float) and not (
        isinstance(value, float) and not math.isfinite(value)
    ):
        return value
    raise UsageError(
        f"{path} must be a JSON scalar (str, int, float, bool or None), got "
        f"{type(value).__name__}.",
        hint='Filter on top-level keys: {"key": value} or {"key": {"$in": [v1, v2]}}.',
    )


def check_filter(value: Mapping[str, Any] | None) -> MetaFilter:
    """Validate a metadata filter.

    Args:
        value: ``{key: scalar}`` (equal), ``{key: {"$eq": scalar}}`` or
            ``{key: {"$in": [scalar, ...]}}`` (equal to one of, 1-100 values).

    Returns:
        The normalised filter (keys sorted); empty for ``None`` or ``{}``.

    Raises:
        UsageError: anything else, naming the key.

    Example:
        >>> check_filter({"tag": {"$in": ["a", "b"]}, "source": "mem0"})
        (('source', ('mem0',)), ('tag', ('a', 'b')))
    """
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise UsageError(f"A metadata filter must be a dict, got {type(value).__name__}.")
    out: list[tuple[str, tuple[Scalar, ...]]] = []
    for key in sorted(value):
        if not isinstance(key, str):
            raise UsageError(f"A metadata filter key must be a string, got {key!r}.")
        cond = value[key]
        where = f"metadata filter {key!r}"
        if isinstance(cond, Mapping):
            if len(cond) != 1 or next(iter(cond)) not in ("$eq", "$in"):
                raise UsageError(
                    f"{where}: unknown condition {dict(cond)!r}; use a value, "
                    '{"$eq": value} or {"$in": [values]}.'
                )
            op, arg = next(iter(cond.items()))
            if op == "$eq":
                out.append((key, (_scalar(arg, where),)))
                continue
            if not isinstance(arg, list | tuple) or not 1 <= len(arg) <= 100:
                raise UsageError(f"{where}: $in takes a list of 1 to 100 values, got {arg!r}.")
            out.append((key, tuple(_scalar(v, where) for v in arg)))
        else:
            out.append((key, (_scalar(cond, where),)))
    return tuple(out)


def json_equal(a: Any, b: Scalar) -> bool:
    """JSON equality of a stored value and a filter scalar (``true`` is never ``1``)."""
    if b is None or isinstance(b, bool):
        return a is b
    if isinstance(b, str):
        return isinstance(a, str) and a == b
    return isinstance(a, int | float) and not isinstance(a, bool) and a == b


def meta_matches(metadata: Mapping[str, Any], flt: MetaFilter) -> bool:
    """True if ``metadata`` passes every condition of ``flt`` (reference semantics).

    Example:
        >>> meta_matches({"n": 1}, check_filter({"n": 1.0}))
        True
        >>> meta_matches({"n": True}, check_filter({"n": 1}))
        False
    """
    for key, allowed in flt:
        if key not in metadata:
            return False
        if not any(json_equal(metadata[key], v) for v in allowed):
            return False
    return True
