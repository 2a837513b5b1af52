"""One helper: a store batch of privacy ops, typed.

:data:`memstack.models.Op` names only the core ops. A service's ops travel
through the same ``Store.batch`` and reach their handlers (``_op_<OpName>``
on the store mixins), so the cast below states a fact the type alias does not
spell out yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from ..models import EventOp, Op, PrivacyOp
from ..plan import Batch

__all__ = ["batch"]


def batch(*ops: PrivacyOp | EventOp) -> Batch:
    """A :class:`~memstack.plan.Batch` of privacy ops (one transaction)."""
    return Batch(cast(Sequence[Op], ops))
