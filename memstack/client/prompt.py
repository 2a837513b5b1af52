"""The client's prompt and privacy methods: compile, render/apply, forget, export, audit."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import datetime

from ..core import (
    DEFAULT_BUDGET,
    DEFAULT_RECALL,
    DEFAULT_RECALL_LIMIT,
    ChangeSet,
    Export,
    Prompt,
)
from ..core import FORGET_REASON as DEFAULT_REASON
from ..core.wire import (
    changeset_from,
    export_from,
    prompt_from,
    receipt_from,
)
from ..models import (
    ErasureReceipt,
    Event,
    Scope,
)
from .wire import (
    Request,
    Run,
    _call,
    _clean,
    _events,
    _path,
)

__all__ = ["PromptMethods"]


class PromptMethods(Run):
    """Prompts and privacy, as on ``Memory``."""

    # -- prompts ----------------------------------------------------------------------------

    def compile(
        self,
        scope: Scope | str,
        /,
        query: str | None = None,
        *,
        budget_tokens: int = DEFAULT_BUDGET,
        recall_tokens: int = DEFAULT_RECALL,
        provider: str = "anthropic",
        recall_limit: int = DEFAULT_RECALL_LIMIT,
        history: Sequence[str] | None = None,
    ) -> Prompt:
        """Compile a scope's memory into a prompt (build provider payloads with ``.payload``)."""
        body = _clean({
            "scope": _path(scope), "query": query, "budget_tokens": budget_tokens,
            "recall_tokens": recall_tokens, "provider": provider, "recall_limit": recall_limit,
            "history": None if history is None else list(history),
        })  # fmt: skip
        return self._run(_call(Request("POST", "/v1/compile", json=body), prompt_from))  # type: ignore[no-any-return]

    def render(self, scope: Scope | str, /) -> str:
        """The scope's current memories as deterministic Markdown."""
        req = Request("GET", "/v1/render", params={"scope": _path(scope)})
        return self._run(_call(req, lambda d: str(d["markdown"])))  # type: ignore[no-any-return]

    def apply(
        self, scope: Scope | str, markdown: str, /, *, reviewer: str, dry_run: bool = False
    ) -> ChangeSet:
        """Apply an edited :meth:`render` as human-authored changes, in one transaction."""
        body = {"scope": _path(scope), "markdown": markdown, "reviewer": reviewer,
                "dry_run": dry_run}  # fmt: skip
        return self._run(_call(Request("POST", "/v1/apply", json=body), changeset_from))  # type: ignore[no-any-return]

    # -- privacy ----------------------------------------------------------------------------

    def forget(
        self,
        scope: Scope | str,
        /,
        *,
        match: str | None = None,
        ids: Iterable[str] | None = None,
        reason: str = DEFAULT_REASON,
        author: str | None = None,
    ) -> ErasureReceipt:
        """Erase a scope (or matching memories or ids in it) and return the receipt."""
        body = _clean({
            "scope": _path(scope), "match": match, "ids": None if ids is None else list(ids),
            "reason": reason, "author": author,
        })  # fmt: skip
        return self._run(_call(Request("POST", "/v1/forget", json=body), receipt_from))  # type: ignore[no-any-return]

    def export(self, scope: Scope | str, /, *, author: str | None = None) -> Export:
        """Everything held about a scope and its descendants."""
        req = Request("GET", "/v1/export", params=_clean({"scope": _path(scope), "author": author}))
        return self._run(_call(req, export_from))  # type: ignore[no-any-return]

    def audit(
        self,
        scope: Scope | str,
        /,
        *,
        since: datetime | None = None,
        action: str | Sequence[str] | None = None,
        limit: int | None = 100,
    ) -> builtins.list[Event]:
        """Who did what under a scope, newest first."""
        actions = [action] if isinstance(action, str) else action
        params = _clean({"scope": _path(scope), "since": since, "action": actions, "limit": limit})
        return self._run(_call(Request("GET", "/v1/audit", params=params), _events))  # type: ignore[no-any-return]

