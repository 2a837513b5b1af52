"""One error shape for the whole API, mapped once from :mod:`memstack.errors`.

Every failure answers ``{"ok": false, "status", "error", "message", "hint",
"request_id"}`` (plus ``proposal_id``/``proposal`` for :class:`NeedsReview`,
``findings`` for :class:`Refused`, ``errors`` for a malformed request,
``retry_after`` for :class:`RateLimited`). ``error`` is the class name from the
exception tree, which is how :class:`memstack.client.Client` raises the same
class again. The status comes from the class (``NotFound.status == 404``).

Nothing else reaches the client: an unexpected exception is logged with its
traceback under the request id and answered with a 500 that says only that.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import MemstackError, NeedsReview, RateLimited, Refused
from ..models import finding_to_dict

__all__ = ["error_body", "install"]

log = logging.getLogger("memstack.server")

# Framework statuses that do not come from our tree, by the class a client should raise.
_HTTP_NAMES = {
    400: "UsageError", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "UsageError",
    409: "Conflict", 413: "TooLarge", 415: "UsageError", 422: "UsageError", 429: "RateLimited",
}  # fmt: skip


def error_body(
    status: int, error: str, message: str, *, request: Request | None = None, **extra: Any
) -> dict[str, Any]:
    """The JSON error shape (see the module docstring)."""
    rid = getattr(request.state, "request_id", None) if request is not None else None
    body: dict[str, Any] = {
        "ok": False, "status": status, "error": error, "message": message,
        "hint": extra.pop("hint", None), "request_id": rid,
    }  # fmt: skip
    body.update(extra)
    return body


def memstack_response(exc: MemstackError, request: Request | None = None) -> JSONResponse:
    """The response for one of our exceptions."""
    extra: dict[str, Any] = {"hint": exc.hint}
    headers: dict[str, str] = {}
    if isinstance(exc, NeedsReview):
        extra["proposal_id"] = exc.proposal_id
        proposal = getattr(exc, "proposal", None)
        if proposal is not None:
            extra["proposal"] = proposal
    if isinstance(exc, Refused):
        extra["findings"] = [finding_to_dict(f) for f in exc.findings]
    if isinstance(exc, RateLimited):
        extra["retry_after"] = exc.retry_after
        headers["Retry-After"] = str(max(1, round(exc.retry_after)))
    body = error_body(exc.status, type(exc).__name__, exc.message, request=request, **extra)
    return JSONResponse(body, status_code=exc.status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def on_memstack(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, MemstackError)
        if exc.status >= 500:
            log.error("request failed", extra={"request_id": request.state.request_id,
                                               "error": type(exc).__name__})  # fmt: skip
        return memstack_response(exc, request)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        # Where and what, never the input itself: it may be memory text.
        errors: list[dict[str, Any]] = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]  # fmt: skip
        where = ", ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:3])
        body = error_body(
            400, "UsageError", f"Invalid request: {where}.", request=request, errors=errors,
            hint="See /openapi.json for the request's schema.",
        )  # fmt: skip
        return JSONResponse(body, status_code=400)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        if isinstance(exc.__cause__, MemstackError):  # e.g. TooLarge while FastAPI read the body
            return memstack_response(exc.__cause__, request)
        status = exc.status_code
        name = _HTTP_NAMES.get(status, "UsageError" if status < 500 else "StoreError")
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if status == 404 and message == "Not Found":
            message = f"No route {request.url.path}; the API lives under /v1 (see /openapi.json)."
        body = error_body(status, name, message, request=request)
        return JSONResponse(body, status_code=status, headers=getattr(exc, "headers", None))

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        rid = getattr(request.state, "request_id", None)
        log.exception("unexpected error", extra={"request_id": rid})
        body = error_body(
            500, "MemstackError", f"Internal server error (request {rid}).", request=request,
            hint="The server log has the details under this request id.",
        )  # fmt: skip
        # Answered outside the request log middleware: add its header here.
        return JSONResponse(body, status_code=500, headers={"X-Request-Id": str(rid)})

    app.add_exception_handler(MemstackError, on_memstack)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
