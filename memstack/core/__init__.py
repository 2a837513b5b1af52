"""The facade: ``Memory`` and ``AsyncMemory``, the only thing front doors talk to.

Layout:

* ``base.py``: construction (store from ``store_url``, embedder, planner) and the
  parts that do no I/O; shared by both doors.
* ``stores.py``: opening the store a ``store_url`` names, through the plugin hook.
* ``_async/``: the method layer, one module per service (records, review,
  extract, prompt, privacy), written once as coroutines.
* ``_sync/``: the same modules for the blocking door, **generated** from
  ``_async/`` by ``scripts/unasync.py`` (a test fails when they are out of date).

Every method builds a plan (:mod:`memstack.plan`) and hands it to the door's
driver; no SQL, HTTP or decisions live here.
"""

from ..compile import ChangeSet, ParsedItem
from ..privacy import DEFAULT_REASON as FORGET_REASON
from ..privacy import GC_REASON, drafts
from ..prompt.plans import IMPORT_FORMATS, export_formats
from ._async.memory import AsyncMemory
from ._async.session import AsyncSession
from ._sync.memory import Memory
from ._sync.session import Session
from .stores import open_store

# What front doors need besides the two classes: values they show or pass through.
__all__ = [
    "FORGET_REASON",
    "GC_REASON",
    "IMPORT_FORMATS",
    "AsyncMemory",
    "AsyncSession",
    "ChangeSet",
    "Memory",
    "ParsedItem",
    "Session",
    "drafts",
    "export_formats",
    "open_store",
]
