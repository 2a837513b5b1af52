"""Plugin hooks: how embedders, LLMs and stores make themselves known.

Built-in providers register through these same hooks (see ``memstack.plugins``),
so a third-party package is a first-class citizen: it declares an entry point in
the ``memstack`` group and implements one or more of these functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("memstack")
hookimpl = pluggy.HookimplMarker("memstack")

Register = Callable[[str, Callable[..., Any]], None]


@hookspec
def register_embedders(register: Register) -> None:
    """Register embedder factories: ``register(name, factory(**options) -> EmbeddingModel)``."""


@hookspec
def register_llms(register: Register) -> None:
    """Register chat-model factories: ``register(name, factory(**options) -> ChatModel)``."""


@hookspec
def register_stores(register: Register) -> None:
    """Register store factories by URL scheme: ``register(scheme, factory(url, **options))``."""
