"""Extraction: conversation -> candidate statements -> reconciled proposals.

Two extractors ship: :class:`~.cue.CueExtractor` (offline, explicit cues in
English and Chinese, the default) and :class:`~.llm.LLMExtractor` (any chat
model, structured output). :func:`build_extractor` picks one from the
settings (``extract_provider``, ``extract_model``, ``extract_url``,
``extract_timeout``). The plans in :mod:`.plans` do the rest, once for both:
dates, similar memories, reconciliation, proposals, the log and the queue.
See ``docs/extraction.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Candidate, Change, Conversation, Extractor, Meter, Related, Turn
from .cue import CueExtractor

if TYPE_CHECKING:
    from ..config import Settings

__all__ = [
    "Candidate",
    "Change",
    "Conversation",
    "CueExtractor",
    "Extractor",
    "Meter",
    "Related",
    "Turn",
    "build_extractor",
]

#: ``extract_provider`` values that mean "no model: the offline cue extractor".
OFFLINE = ("", "none", "cue")


def build_extractor(settings: Settings) -> Extractor:
    """The extractor the settings ask for: a chat-model plugin, or the offline cue extractor.

    Args:
        settings: resolved settings (``extract_provider`` and friends).

    Returns:
        :class:`CueExtractor` for ``none``; otherwise an :class:`~.llm.LLMExtractor`
        around ``plugins.make("llms", extract_provider, model=..., base_url=..., timeout=...)``.

    Raises:
        UsageError: a provider without a model name, or an unknown provider.
    """
    from ..errors import UsageError

    provider = settings.extract_provider.strip().lower()
    if provider in OFFLINE:
        return CueExtractor()
    if not settings.extract_model:
        raise UsageError(
            f"The {provider} extractor needs a model name.",
            hint="Set MEMSTACK_EXTRACT_MODEL or extract_model in config.toml "
            "(or extract_provider = 'none' for the offline extractor).",
        )
    from .. import plugins
    from .llm import LLMExtractor

    options: dict[str, Any] = {"model": settings.extract_model}
    if settings.extract_url:
        options["base_url"] = settings.extract_url
    if settings.extract_timeout > 0:
        options["timeout"] = settings.extract_timeout
    return LLMExtractor(plugins.make("llms", provider, **options))
