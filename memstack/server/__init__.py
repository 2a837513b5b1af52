"""The memstack server: a REST API (``/v1``) with tenant-bound keys and the review page (``/ui``).

Needs the ``server`` extra (``pip install 'memstack[server]'``: FastAPI and
uvicorn). Start it with ``memstack serve``; build it in code with
:func:`create_app`. See ``docs/server.md``.
"""

from .app import create_app
from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
