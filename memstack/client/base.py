"""The two client doors over one set of request plans.

Like :class:`memstack.Memory`, every method builds a *plan*: a generator that
yields :class:`Request` values and receives their decoded JSON. ``Client`` runs
plans with blocking ``httpx.Client`` calls, ``AsyncClient`` with awaits on
``httpx.AsyncClient``; the methods themselves (in :mod:`memstack.client.methods`)
are written once. Error answers become the exception classes of
:mod:`memstack.errors`, by the ``error`` name in the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import httpx

from .. import errors as _errors
from ..errors import MemstackError, NeedsReview, RateLimited, Refused, StoreError
from ..models import finding_from_dict
from .methods import Methods, Plan, Request

__all__ = ["AsyncClient", "Client", "Request", "raise_for_error"]

T = TypeVar("T")


def raise_for_error(response: httpx.Response) -> None:
    """Raise the memstack exception an error answer stands for (nothing for a success)."""
    if response.status_code < 300 and response.status_code != 202:
        return
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or "error" not in body:
        raise MemstackError(
            f"The server answered {response.status_code} without memstack's error shape."
        )
    name, message, hint = str(body["error"]), str(body.get("message", "")), body.get("hint")
    if name == "NeedsReview":
        exc: MemstackError = NeedsReview(message, proposal_id=str(body.get("proposal_id")))
        exc.proposal = body.get("proposal")  # type: ignore[attr-defined]
        raise exc
    if name == "Refused":
        findings = tuple(finding_from_dict(f) for f in body.get("findings") or ())
        raise Refused(message, hint=hint, findings=findings)
    if name == "RateLimited":
        raise RateLimited(message, hint=hint, retry_after=float(body.get("retry_after") or 1.0))
    cls = getattr(_errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, MemstackError)):
        cls = MemstackError
    exc = cls(message, hint=hint)
    exc.status = int(body.get("status", response.status_code))
    raise exc


def _decode(req: Request, response: httpx.Response) -> Any:
    raise_for_error(response)
    if response.status_code == 204:
        return None
    return response.text if req.text else response.json()


def _unreachable(base_url: str, exc: httpx.TransportError) -> StoreError:
    return StoreError(
        f"Cannot reach the memstack server at {base_url}: {exc}.",
        hint="Is 'memstack serve' running there?",
    )


def _headers(api_key: str | None, headers: Mapping[str, str] | None) -> dict[str, str]:
    out = {"User-Agent": "memstack-client", **(headers or {})}
    if api_key:
        out["Authorization"] = f"Bearer {api_key}"
    return out


class Client(Methods):
    """:class:`memstack.Memory`'s methods against a memstack server (blocking).

    Args:
        base_url: the server, e.g. ``"http://127.0.0.1:8765"``.
        api_key: a key from ``memstack keys create`` (not needed with ``--no-auth``).
        timeout: seconds per request.
        headers: extra headers for every request.
        http: an ``httpx.Client`` to use instead of a new one (tests pass one bound
            to an in-process app); it is not closed by :meth:`close`.

    Example:
        >>> mem = Client("http://127.0.0.1:8765", api_key="msk_...")  # doctest: +SKIP
        >>> mem.add("acme/alice", "Alice is vegetarian").scope  # doctest: +SKIP
        'acme/alice'
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8765",
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        headers: Mapping[str, str] | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._owned = http is None
        self._http = http or httpx.Client(base_url=self.base_url, timeout=timeout)
        self._headers = _headers(api_key, headers)

    def _run(self, plan: Plan[T]) -> T:
        try:
            req = next(plan)
            while True:
                try:
                    response = self._http.request(
                        req.method, self.base_url + req.path, params=req.params, json=req.json,
                        headers=self._headers,
                    )  # fmt: skip
                except httpx.TransportError as exc:
                    raise _unreachable(self.base_url, exc) from exc
                req = plan.send(_decode(req, response))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Close the connection pool (unless it was passed in)."""
        if self._owned:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(Methods):
    """The same methods as :class:`Client`, awaitable (``httpx.AsyncClient``).

    Args:
        base_url, api_key, timeout, headers: as :class:`Client`.
        http: an ``httpx.AsyncClient`` to use (e.g. with ``httpx.ASGITransport(app)``).
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8765",
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        headers: Mapping[str, str] | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._owned = http is None
        self._http = http or httpx.AsyncClient(base_url=self.base_url, timeout=timeout)
        self._headers = _headers(api_key, headers)

    def _run(self, plan: Plan[T]) -> Any:
        return self._arun(plan)

    async def _arun(self, plan: Plan[T]) -> T:
        try:
            req = next(plan)
            while True:
                try:
                    response = await self._http.request(
                        req.method, self.base_url + req.path, params=req.params, json=req.json,
                        headers=self._headers,
                    )  # fmt: skip
                except httpx.TransportError as exc:
                    raise _unreachable(self.base_url, exc) from exc
                req = plan.send(_decode(req, response))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in)."""
        if self._owned:
            await self._http.aclose()

    def close(self) -> Any:
        """Same as :meth:`aclose` (awaitable), so code written for ``AsyncMemory`` works."""
        return self.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
