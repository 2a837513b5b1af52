"""Privacy and lifecycle: provable erasure, export, retention and the audit log.

Memory outside the model's weights is what makes erasure possible, so this
service treats it as a feature with a proof, not a ``DELETE``:

* :mod:`.forget`: erase a scope (and its descendants), or the memories picked
  by ``ids`` or ``match``, with every version, proposal, extraction log,
  keyword row, vector and cache entry; history becomes content-free
  tombstones; then the deletion is made physical and an
  :class:`~memstack.models.ErasureReceipt` is returned and recorded.
* :mod:`.export`: everything held about a scope, as JSON and Markdown.
* :mod:`.retention`: expired memories are erased by :func:`.retention.gc`
  with the same machinery (default lifetimes per kind come from the
  ``retention`` setting, applied by the planner at write time).
* :mod:`.audit`: who did what and when.

Each module holds plans: generators that yield store batches and that
``Memory``/``AsyncMemory`` drive (see :mod:`memstack.plan`). The rules of
what an erasure selects live in one place per backend
(:mod:`memstack.store.sqlite_privacy`, :mod:`memstack.store.memory_privacy`),
both driven by :data:`memstack.models.HELD`. ``docs/privacy.md`` is the
user-facing contract.
"""

from __future__ import annotations

from .audit import audit, exported_copies
from .export import EXPORT_FORMAT, Export, export
from .forget import DEFAULT_REASON, forget
from .retention import GC_REASON, gc

__all__ = [
    "DEFAULT_REASON",
    "EXPORT_FORMAT",
    "GC_REASON",
    "Export",
    "audit",
    "exported_copies",
    "export",
    "forget",
    "gc",
]
