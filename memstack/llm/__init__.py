"""Chat models: the seam LLM extraction talks to, a fake, and two HTTP providers.

The providers (:class:`~memstack.llm.openai.OpenAIChat`,
:class:`~memstack.llm.anthropic.AnthropicChat`) are not imported here, so
``import memstack.llm`` never loads an SDK; build them by name through the
plugin manager (``memstack.plugins.make("llms", "openai", model=...)``) or
import their modules.
"""

from .base import (
    ChatModel,
    ChatRequest,
    Completion,
    InvalidOutput,
    JsonResult,
    Message,
    Role,
    Usage,
    sum_costs,
)
from .prices import PRICES, Price, price_for

__all__ = [
    "PRICES",
    "ChatModel",
    "ChatRequest",
    "Completion",
    "InvalidOutput",
    "JsonResult",
    "Message",
    "Price",
    "Role",
    "Usage",
    "price_for",
    "sum_costs",
]
