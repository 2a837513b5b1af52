"""The two drivers: carry out a plan's requests with blocking calls or with awaits.

This is the only code that differs between the doors: the store's ``batch``
or ``abatch``, the embedder's ``embed`` or ``aembed``, a provider call's
``run`` or ``arun``. Everything a plan decides is the same for both.

A request that fails is thrown into the plan at its ``yield``, as an awaited call
raises where it is awaited: a plan may catch what the store refused (a session drops
the turns it cannot archive when a write's switch check fails inside the transaction);
uncaught, the error leaves the plan unchanged.
"""

from __future__ import annotations

from typing import Any, TypeVar

from ..embed.base import EmbeddingModel
from ..store.base import Store
from .requests import Batch, Call, Plan

__all__ = ["arun_plan", "run_plan"]

T = TypeVar("T")


def run_plan(plan: Plan[T], store: Store, embedder: EmbeddingModel) -> T:
    """Drive ``plan`` to its result with blocking calls."""
    try:
        request = next(plan)
        while True:
            result: Any
            try:
                if isinstance(request, Batch):
                    result = store.batch(request.ops)
                elif isinstance(request, Call):
                    result = request.run()
                else:
                    result = embedder.embed(
                        request.texts, input_type=request.input_type, progress=request.progress
                    )
            except Exception as exc:  # raised where the plan asked for it
                request = plan.throw(exc)
                continue
            request = plan.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value


async def arun_plan(plan: Plan[T], store: Store, embedder: EmbeddingModel) -> T:
    """Drive ``plan`` to its result with awaits (the event loop never blocks on I/O)."""
    try:
        request = next(plan)
        while True:
            result: Any
            try:
                if isinstance(request, Batch):
                    result = await store.abatch(request.ops)
                elif isinstance(request, Call):
                    result = await request.arun()
                else:
                    result = await embedder.aembed(
                        request.texts, input_type=request.input_type, progress=request.progress
                    )
            except Exception as exc:  # raised where the plan asked for it
                request = plan.throw(exc)
                continue
            request = plan.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
