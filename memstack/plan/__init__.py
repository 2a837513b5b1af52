"""Plans: the logic of every ``Memory`` method, written once for both doors.

A plan is a generator that yields I/O requests (:mod:`.requests`) and
receives their results; :mod:`.drive` answers them with blocking calls or
awaits. :class:`.planner.Planner` holds the runtime context every plan needs
(embedder id, default author, fusion weights, clock, retention) and the plans
of the records service; :mod:`.validate` holds the checks every write shares;
:mod:`.episodes` turns conversation turns into episode writes.
"""

from .drive import arun_plan, run_plan
from .planner import Planner
from .requests import Batch, Call, Embed, Plan
from .validate import (
    MAX_TEXT,
    UNSET,
    NewMemory,
    Unset,
    check_key,
    check_kind,
    check_text,
    keyed_id,
)

__all__ = [
    "MAX_TEXT",
    "UNSET",
    "Batch",
    "Call",
    "Embed",
    "NewMemory",
    "Plan",
    "Planner",
    "Unset",
    "arun_plan",
    "check_key",
    "check_kind",
    "check_text",
    "keyed_id",
    "run_plan",
]
