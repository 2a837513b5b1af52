"""The store contract: every operation a backend must support, in one closed list.

A backend is one method, ``batch(ops)``, over the ops named here and nowhere
else. Each op is a frozen dataclass defined beside the values it works on
(records in :mod:`.ops`, review in :mod:`.review`, privacy in :mod:`.privacy`,
extraction jobs in :mod:`.extract`, the server's API keys in :mod:`.keys`);
this module closes the set:

* :data:`READ_OPS` never change the store; a backend may run them on a read
  connection, concurrently with writes.
* :data:`WRITE_OPS` change it; a backend runs a batch holding any of them as
  one write transaction, and checks each op's preconditions *inside* that
  transaction (see each op's docstring: :class:`~.ops.SupersedeOp` expects
  the version it closes to be current, :class:`~.review.ProposalTransitionOp`
  expects the state and content hash the reviewer saw, an idempotent
  :class:`~.ops.PutOp` expects the id to be free or to hold the same content,
  :class:`~.switch.WritesOnOp` expects memory to be on for writes in its scopes).
  A failed precondition raises :class:`~memstack.errors.Conflict` (or
  :class:`~memstack.errors.MemoryOff`) and nothing of the batch is written.

Every backend keeps one handler table keyed by these types; a test fails when
a table misses an op or handles one that is not listed here, so a new backend
(PostgreSQL) knows exactly what it must implement.
"""

from __future__ import annotations

from typing import TypeAlias

from .extract import JobClaimOp, JobDoneOp, JobListOp, JobPutOp, JobReleaseOp
from .keys import KeyGetOp, KeyListOp, KeyPutOp, KeyRevokeOp
from .ops import (
    CountOp,
    DeleteOp,
    EventOp,
    GetManyOp,
    GetOp,
    HistoryOp,
    ListOp,
    PutOp,
    ScopesOp,
    SearchOp,
    SupersedeOp,
    VectorLookupOp,
    VectorPurgeOp,
    VectorPutOp,
    VectorsOp,
)
from .privacy import AuditOp, CompactOp, ExportOp, ForgetOp, GcOp
from .review import (
    ExtractionListOp,
    ExtractionLogOp,
    PolicyListOp,
    PolicySetOp,
    ProposalEventsOp,
    ProposalGetOp,
    ProposalListOp,
    ProposalPutOp,
    ProposalTransitionOp,
)
from .switch import SwitchListOp, SwitchSetOp, WritesOnOp

__all__ = ["READ_OPS", "WRITE_OPS", "AnyOp", "Op", "ReadOp", "WriteOp", "is_write"]

ReadOp: TypeAlias = (
    GetOp
    | GetManyOp
    | ListOp
    | CountOp
    | SearchOp
    | HistoryOp
    | ScopesOp
    | VectorsOp
    | VectorLookupOp
    | ProposalGetOp
    | ProposalListOp
    | ProposalEventsOp
    | PolicyListOp
    | ExtractionListOp
    | JobListOp
    | ExportOp
    | AuditOp
    | KeyGetOp
    | KeyListOp
    | SwitchListOp
)

WriteOp: TypeAlias = (
    PutOp
    | SupersedeOp
    | DeleteOp
    | EventOp
    | VectorPutOp
    | VectorPurgeOp
    | ProposalPutOp
    | ProposalTransitionOp
    | PolicySetOp
    | ExtractionLogOp
    | JobPutOp
    | JobClaimOp
    | JobReleaseOp
    | JobDoneOp
    | ForgetOp
    | GcOp
    | CompactOp
    | KeyPutOp
    | KeyRevokeOp
    | SwitchSetOp
    | WritesOnOp
)

#: Every op a backend must handle.
AnyOp: TypeAlias = ReadOp | WriteOp
Op: TypeAlias = AnyOp

READ_OPS: tuple[type, ...] = (
    GetOp, GetManyOp, ListOp, CountOp, SearchOp, HistoryOp, ScopesOp, VectorsOp, VectorLookupOp,
    ProposalGetOp, ProposalListOp, ProposalEventsOp, PolicyListOp, ExtractionListOp, JobListOp,
    ExportOp, AuditOp, KeyGetOp, KeyListOp, SwitchListOp,
)  # fmt: skip

WRITE_OPS: tuple[type, ...] = (
    PutOp, SupersedeOp, DeleteOp, EventOp, VectorPutOp, VectorPurgeOp, ProposalPutOp,
    ProposalTransitionOp, PolicySetOp, ExtractionLogOp, JobPutOp, JobClaimOp, JobReleaseOp,
    JobDoneOp, ForgetOp, GcOp, CompactOp, KeyPutOp, KeyRevokeOp, SwitchSetOp, WritesOnOp,
)  # fmt: skip

_WRITES = frozenset(WRITE_OPS)


def is_write(op: object) -> bool:
    """True if ``op`` changes the store (it needs the write transaction)."""
    return type(op) in _WRITES
