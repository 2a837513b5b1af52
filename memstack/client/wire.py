"""The client's request plans and the JSON helpers its methods share."""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

from ..core.wire import (
    event_from,
    proposal_from,
    record_from,
)
from ..models import (
    Event,
    Proposal,
    Record,
    Scope,
    Source,
    check_metadata,
)

__all__ = ["Plan", "Request", "Run"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP call of a plan: the answer's JSON (or text) is sent back into the plan."""

    method: str
    path: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    text: bool = False


Plan = Generator[Request, Any, T]


def _call(req: Request, decode: Callable[[Any], T]) -> Plan[T]:
    return decode((yield req))


def _path(scope: Scope | str) -> str:
    return scope.path if isinstance(scope, Scope) else scope


def _json(value: Any) -> Any:
    """Arguments as JSON: times in ISO 8601, sources as dicts, tuples as lists."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Source):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def _clean(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _json(v) for k, v in d.items() if v is not None}


def _bound(scope: Scope | str | None) -> dict[str, str] | None:
    """The query of an id-based call bound to ``scope`` (the server always binds to the tenant)."""
    return None if scope is None else {"scope": _path(scope)}


def _id(value: str) -> str:
    return quote(str(value), safe="")


def _records(d: Any) -> list[Record]:
    return [record_from(r) for r in d["data"]]


def _events(d: Any) -> list[Event]:
    return [event_from(e) for e in d["data"]]


def _proposals(d: Any) -> list[Proposal]:
    return [proposal_from(p) for p in d["data"]]




class Run:
    """Base of the method mixins; the door (``Client``, ``AsyncClient``) supplies ``_run``."""

    def _run(self, plan: Plan[T]) -> Any:
        raise NotImplementedError


def _none(_: Any) -> None:
    return None


def _meta(metadata: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Metadata checked here, with the messages ``Memory`` gives (JSON could not carry NaN)."""
    return None if metadata is None else check_metadata(metadata)


def _meta_query(metadata: Mapping[str, Any] | None) -> str | None:
    """A metadata filter as the JSON text of the ``metadata`` query parameter."""
    return None if not metadata else json.dumps(_json(metadata), ensure_ascii=False)


def _filters(
    scope: Scope | str,
    kind: str | Sequence[str] | None,
    topic: str | None,
    include_descendants: bool,
    include_superseded: bool,
    as_of: datetime | None,
    **more: Any,
) -> dict[str, Any]:
    kinds = [kind] if isinstance(kind, str) else (list(kind) if kind is not None else None)
    return _clean({
        "scope": _path(scope), "kind": kinds, "topic": topic,
        "include_descendants": include_descendants or None,
        "include_superseded": include_superseded or None, "as_of": as_of, **more,
    })  # fmt: skip


