"""Close keep-alive connections once uvicorn has begun to shut down.

When a ``memstack serve`` worker gets SIGTERM, uvicorn stops accepting, asks every
open connection to close, and waits (``timeout_graceful_shutdown``) for the
requests in flight. A connection accepted in that same moment is registered one
loop iteration later and is never asked: a client that keeps reusing it is served
until the timeout cancels its request, which the client sees as a 500 (seen with
two workers and four busy writers). While the worker exits, :class:`DrainOnExit`
adds ``Connection: close`` to every response, so the connection closes after that
response and the client's next request goes to a worker still serving (or is
refused once none is).

uvicorn keeps its shutdown flag on the server whose ``handle_exit`` it installs
as the SIGTERM handler; that is where the flag is read. Under another server the
handler is not uvicorn's and nothing changes.
"""

from __future__ import annotations

import signal

from .limits import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DrainOnExit", "exiting"]


def exiting() -> bool:
    """True once the uvicorn server of this process has been told to exit."""
    owner = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    return getattr(owner, "should_exit", False) is True


class DrainOnExit:
    """ASGI middleware: ``Connection: close`` on every HTTP response while exiting."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start" and exiting():
                old = message.get("headers", [])
                headers = [(k, v) for k, v in old if k.lower() != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, send_closing)
