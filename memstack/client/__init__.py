"""``Client`` and ``AsyncClient``: :class:`memstack.Memory`'s methods over HTTP.

Moving from the embedded library to a server is one changed line::

    mem = Memory()                                              # embedded
    mem = Client("http://127.0.0.1:8765", api_key="msk_...")   # over HTTP

Values come back as the same types (:class:`~memstack.Record`,
:class:`~memstack.Hit`, :class:`~memstack.Proposal` ...) and failures as the
same exception classes, rebuilt from the server's error shape. See ``docs/server.md``.
"""

from .base import AsyncClient, Client

__all__ = ["AsyncClient", "Client"]
