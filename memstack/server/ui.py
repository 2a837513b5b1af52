"""The review page under ``/ui``: static HTML and JavaScript written for it, no CDN, no build.

The page talks to the same ``/v1`` API as every client. Signing in posts the
API key once to ``/ui/session``, which checks it and sets it as an HTTP-only,
``SameSite=Strict`` cookie (``Secure`` on HTTPS and on loopback, where browsers
accept it over plain HTTP), so page scripts never hold the key. Every
state-changing call made with that cookie must carry the CSRF token in an
``X-CSRF-Token`` header (:func:`memstack.server.deps.csrf_token`); a forged
form from another site has neither the header nor the token. The sign-in call
itself is JSON, which a cross-site form cannot send without a preflight.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from ..core import find_key
from ..errors import Unauthorized
from .deps import COOKIE, CSRF_COOKIE, MemoryDoor, csrf_token
from .schemas import SignInIn

__all__ = ["install"]

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

# The page loads nothing from elsewhere; scripts and styles only from this server.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or (request.url.hostname or "") in _LOOPBACK


def install(app: FastAPI) -> None:
    """Add ``/ui`` (the page and its assets) and ``/ui/session`` (sign in and out) to ``app``."""
    static = resources.files("memstack.server").joinpath("static")

    @app.get("/ui", include_in_schema=False)
    async def ui_root() -> Response:
        return RedirectResponse("/ui/")

    @app.get("/ui/", include_in_schema=False)
    async def ui_index() -> Response:
        html = static.joinpath("index.html").read_text("utf-8")
        return HTMLResponse(html, headers={"Content-Security-Policy": _CSP,
                                           "X-Content-Type-Options": "nosniff",
                                           "Cache-Control": "no-store"})  # fmt: skip

    @app.post("/ui/session", include_in_schema=False)
    async def sign_in(body: SignInIn, request: Request) -> Response:
        door: MemoryDoor = request.app.state.door
        key = await door.store(find_key, body.key.strip())
        if key is None or not key.active:
            raise Unauthorized("Unknown or revoked API key.")
        response = JSONResponse({"ok": True, "tenant": key.tenant, "role": key.role})
        _cookies(response, request, body.key.strip())
        return response

    @app.delete("/ui/session", include_in_schema=False)
    async def sign_out(request: Request) -> Response:
        response = JSONResponse({"ok": True})
        response.delete_cookie(COOKIE, path="/")
        response.delete_cookie(CSRF_COOKIE, path="/")
        return response

    app.mount("/ui/static", StaticFiles(directory=str(static)), name="ui-static")


def _cookies(response: Response, request: Request, secret: str) -> None:
    common: dict[str, Any] = {"path": "/", "samesite": "strict", "secure": _secure(request)}
    response.set_cookie(COOKIE, secret, httponly=True, **common)
    # Readable by the page's script, which echoes it in X-CSRF-Token.
    response.set_cookie(CSRF_COOKIE, csrf_token(secret), httponly=False, **common)
