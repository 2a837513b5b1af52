"""Storage backends behind one protocol (:class:`memstack.store.base.Store`)."""

from .base import Store

__all__ = ["Store"]
