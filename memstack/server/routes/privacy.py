"""Privacy: forget (answers the erasure receipt), export (JSON or Markdown), the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from ...core import FORGET_REASON as DEFAULT_REASON
from ..deps import Caller, Door
from ..schemas import EventsOut, ForgetIn, ReceiptOut

router = APIRouter(tags=["privacy"])


@router.post("/forget", response_model=ReceiptOut)
async def forget(body: ForgetIn, caller: Caller, door: Door) -> Any:
    """Erase a scope (and its descendants), or matching memories or ids in it (admin)."""
    caller.require("admin")
    receipt = await door.mem.forget(
        caller.scope(body.scope), match=body.match, ids=body.ids,
        reason=body.reason or DEFAULT_REASON, author=body.author or caller.actor,
    )  # fmt: skip
    return receipt.to_dict()


@router.get("/export", response_model=None)
async def export(
    scope: str,
    caller: Caller,
    door: Door,
    format: Literal["json", "markdown"] = "json",
    author: str | None = None,
) -> Any:
    """Everything held about a scope and its descendants (admin; recorded as an event)."""
    caller.require("admin")
    data = await door.mem.export(caller.scope(scope), author=author or caller.actor)
    if format == "markdown":
        return PlainTextResponse(data.to_markdown(), media_type="text/markdown; charset=utf-8")
    return data.to_dict()


@router.get("/audit", response_model=EventsOut)
async def audit(
    scope: str,
    caller: Caller,
    door: Door,
    since: datetime | None = None,
    action: Annotated[list[str] | None, Query()] = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = 100,
) -> Any:
    """Who did what under a scope, newest first (reviewer)."""
    caller.require("reviewer")
    events = await door.mem.audit(caller.scope(scope), since=since, action=action, limit=limit)
    return {"data": [e.to_dict() for e in events], "count": len(events)}
