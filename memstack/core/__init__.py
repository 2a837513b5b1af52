"""The facade: ``Memory`` and ``AsyncMemory``, the only thing front doors talk to.

Layout:

* ``base.py``: construction (store from ``store_url``, embedder, planner) and the
  parts that do no I/O; shared by both doors.
* ``stores.py``: opening the store a ``store_url`` names, through the plugin hook.
* ``_async/``: the method layer, one module per service (records, review,
  extract, prompt, privacy), written once as coroutines.
* ``keys.py``: the server's API keys (make, find, list, revoke), one store batch each.
* ``wire.py``: the JSON forms of the facade's values, shared by the server and the client.
* ``_sync/``: the same modules for the blocking door, **generated** from
  ``_async/`` by ``scripts/unasync.py`` (a test fails when they are out of date).

Every method builds a plan (:mod:`memstack.plan`) and hands it to the door's
driver; no SQL, HTTP or decisions live here.
"""

from ..compile import ChangeSet, ParsedItem, Prompt
from ..plan.validate import UNSET, MemoryItem, Unset
from ..privacy import DEFAULT_REASON as FORGET_REASON
from ..privacy import GC_REASON, Export, drafts
from ..prompt.files import IMPORT_FORMATS, export_formats
from ..prompt.plans import DEFAULT_BUDGET, DEFAULT_RECALL, DEFAULT_RECALL_LIMIT
from ._async.memory import AsyncMemory
from ._async.session import AsyncSession
from ._sync.memory import Memory
from ._sync.session import Session
from .keys import KEY_PREFIX, create_key, find_key, hash_secret, list_keys, revoke_key
from .stores import open_store

# What front doors need besides the two classes: values they show or pass through.
__all__ = [
    "UNSET",
    "DEFAULT_BUDGET",
    "DEFAULT_RECALL",
    "DEFAULT_RECALL_LIMIT",
    "FORGET_REASON",
    "GC_REASON",
    "IMPORT_FORMATS",
    "KEY_PREFIX",
    "AsyncMemory",
    "AsyncSession",
    "ChangeSet",
    "Export",
    "Memory",
    "MemoryItem",
    "ParsedItem",
    "Prompt",
    "Session",
    "Unset",
    "create_key",
    "drafts",
    "export_formats",
    "find_key",
    "hash_secret",
    "list_keys",
    "open_store",
    "revoke_key",
]
