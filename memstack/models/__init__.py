"""The values memstack passes around, split by owner; import them from here.

``values`` holds scopes, records, events, hits, proposals and the core store
ops; each service's own values and ops live beside it (``review``,
``privacy``, ``extract``, ``keys``).
"""

from .contract import *  # noqa: F403
from .contract import __all__ as _contract_all
from .extract import *  # noqa: F403
from .extract import __all__ as _extract_all
from .keys import *  # noqa: F403
from .keys import __all__ as _keys_all
from .ops import *  # noqa: F403
from .ops import Vector  # noqa: F401
from .ops import __all__ as _ops_all
from .privacy import *  # noqa: F403
from .privacy import __all__ as _privacy_all
from .reports import *  # noqa: F403
from .reports import __all__ as _reports_all
from .review import *  # noqa: F403
from .review import __all__ as _review_all
from .switch import *  # noqa: F403
from .switch import __all__ as _switch_all
from .values import *  # noqa: F403
from .values import HASH_PREFIX, MAX_SEGMENTS, ProposalOp, ProposalState, utc  # noqa: F401
from .values import __all__ as _values_all

__all__ = [
    *_contract_all, *_values_all, *_ops_all, *_review_all, *_privacy_all, *_extract_all,
    *_keys_all, *_switch_all, *_reports_all,
    "HASH_PREFIX", "MAX_SEGMENTS", "ProposalOp", "ProposalState", "utc",
]  # fmt: skip
