"""Prompts and Markdown: compile (with the provider payload), render, apply an edited render.

``render`` answers a ``render_digest``; an ``apply`` that sends it back as
``base_digest`` is refused with 409 when the scope's render changed in the
meantime (someone else edited), so an edit made on a stale page never
overwrites newer memory.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter

from ...core.wire import changeset_to, prompt_to
from ...errors import Conflict
from ..deps import Caller, Door
from ..schemas import ApplyIn, ChangeSetOut, CompileIn, PromptOut, RenderOut

router = APIRouter(tags=["prompts"])


def render_digest(markdown: str) -> str:
    """The digest an ``apply`` sends back to prove it edits the current render."""
    return "sha256:" + hashlib.sha256(markdown.encode("utf-8")).hexdigest()


@router.post("/compile", response_model=PromptOut)
async def compile_prompt(body: CompileIn, caller: Caller, door: Door) -> Any:
    """Compile a scope's memory into a cache-friendly prompt (stable block + recall)."""
    caller.require("reader")
    p = await door.mem.compile(
        caller.scope(body.scope), body.query, budget_tokens=body.budget_tokens,
        recall_tokens=body.recall_tokens, provider=body.provider, recall_limit=body.recall_limit,
        history=body.history,
    )  # fmt: skip
    out = prompt_to(p)
    if body.messages is not None:
        out["payload"] = p.payload(body.messages)
    return out


@router.get("/render", response_model=RenderOut)
async def render(scope: str, caller: Caller, door: Door) -> Any:
    """A scope's own memories as deterministic Markdown, with id markers for ``apply``."""
    caller.require("reader")
    path = caller.scope(scope)
    markdown = await door.mem.render(path)
    return {"scope": path, "markdown": markdown, "render_digest": render_digest(markdown)}


@router.post("/apply", response_model=ChangeSetOut)
async def apply(body: ApplyIn, caller: Caller, door: Door) -> Any:
    """Apply an edited render as human-authored changes, in one transaction (reviewer)."""
    caller.require("reviewer")
    path = caller.scope(body.scope)
    if body.base_digest is not None:
        current = render_digest(await door.mem.render(path))
        if current != body.base_digest:
            raise Conflict(
                f"The memories of {path!r} changed since this render was taken.",
                hint="Reload the render, redo the edit on it and apply again.",
            )
    changes = await door.mem.apply(
        path, body.markdown, reviewer=body.reviewer or caller.actor, dry_run=body.dry_run
    )
    return changeset_to(changes)
