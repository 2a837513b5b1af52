"""The plugin manager: built-in providers plus any installed ``memstack`` entry points.

Loading is lazy (nothing happens at import time) and happens once per process.
Built-ins are registered through the same hooks as third-party plugins, so there
is no table of provider names anywhere else in the code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pluggy

from . import hookspecs
from .errors import UsageError

__all__ = ["factories", "get_plugin_manager", "make"]

_lock = threading.Lock()
_pm: pluggy.PluginManager | None = None

_BUILTINS = ("memstack.default_plugins",)


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the process-wide plugin manager, loading plugins on first use."""
    global _pm
    with _lock:
        if _pm is None:
            import importlib

            pm = pluggy.PluginManager("memstack")
            pm.add_hookspecs(hookspecs)
            for name in _BUILTINS:
                pm.register(importlib.import_module(name), name=name)
            pm.load_setuptools_entrypoints("memstack")
            _pm = pm
        return _pm


def factories(group: str) -> dict[str, Callable[..., Any]]:
    """All registered factories of a group: ``embedders``, ``llms`` or ``stores``."""
    hook = getattr(get_plugin_manager().hook, f"register_{group}", None)
    if hook is None:
        raise UsageError(f"Unknown plugin group {group!r}.")
    found: dict[str, Callable[..., Any]] = {}

    def register(name: str, factory: Callable[..., Any]) -> None:
        found[name] = factory

    hook(register=register)
    return found


def make(group: str, name: str, **options: Any) -> Any:
    """Build a provider by name, e.g. ``make("embedders", "onnx", path=...)``.

    Raises:
        UsageError: if no plugin registered that name; lists the known names.
    """
    table = factories(group)
    if name not in table:
        known = ", ".join(sorted(table)) or "none"
        raise UsageError(f"No {group[:-1]} named {name!r} is installed (known: {known}).")
    return table[name](**options)
