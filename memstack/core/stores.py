"""Opening the store a ``store_url`` names, through the ``register_stores`` plugin hook.

The URL's scheme picks the backend (``sqlite``, ``memory``, and whatever an
installed plugin registers, e.g. ``postgresql``); the factory receives the
whole URL and the store knobs from the settings. No table of backends lives
here: built-ins register in :mod:`memstack.default_plugins` like any plugin.
"""

from __future__ import annotations

import re

from .. import plugins
from ..config import Settings
from ..errors import UsageError
from ..store.base import Store

__all__ = ["open_store", "store_scheme"]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")

#: Schemes of backends that ship as an optional extra, for the error message.
_EXTRAS = {"postgresql": "postgres", "postgres": "postgres"}


def store_scheme(url: str) -> str:
    """The scheme of a store URL, lower-cased (``"sqlite"`` for ``sqlite:///x.db``).

    Raises:
        UsageError: ``url`` has no ``<scheme>://``.
    """
    m = _SCHEME.match(url) if isinstance(url, str) else None
    if m is None:
        raise UsageError(
            f"Cannot read store URL {url!r}: it needs a scheme, e.g. "
            "'sqlite:///path/to/memstack.db' or 'memory://'."
        )
    return m.group(1).lower()


def open_store(settings: Settings) -> Store:
    """Build (not migrate) the store that ``settings.store`` names.

    Raises:
        UsageError: an unknown scheme (naming the known ones and, where one
            exists, the extra to install) or a URL the backend cannot read.
    """
    url = settings.store
    scheme = store_scheme(url)
    factories = plugins.factories("stores")
    factory = factories.get(scheme) or factories.get(scheme.split("+", 1)[0])
    if factory is None:
        known = ", ".join(sorted(factories)) or "none"
        extra = _EXTRAS.get(scheme.split("+", 1)[0])
        hint = (
            f"Install it with: pip install 'memstack[{extra}]'."
            if extra
            else "Install the plugin that provides it, or use one of the known schemes."
        )
        raise UsageError(f"No store backend for {scheme}:// (known: {known}).", hint=hint)
    store = factory(url, **settings.store_options())
    if not isinstance(store, Store):
        got = type(store).__name__
        raise UsageError(f"The {scheme}:// store plugin returned {got}, not a Store.")
    return store
