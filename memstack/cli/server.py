"""``memstack serve`` and ``memstack keys``: run the REST server and manage its API keys."""

from __future__ import annotations

from typing import Any

import click

from .. import config as _config
from ..core import create_key, list_keys, open_store, revoke_key
from ..errors import UsageError
from .common import echo_json, json_option, short, table


def _store(ctx: click.Context) -> Any:
    """The store of ``--home``/``--store-url``, migrated; closed with the command."""
    obj = ctx.obj or {}
    store = open_store(_config.resolve(obj.get("home"), store_url=obj.get("store_url")))
    store.setup()
    ctx.call_on_close(store.close)
    return store


LEVELS = click.Choice(["debug", "info", "warning", "error"])


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=int,
              help="Worker processes sharing the store.")  # fmt: skip
@click.option("--no-auth", is_flag=True,
              help="No API keys (local development only; loopback addresses only).")  # fmt: skip
@click.option("--max-body", default=1_000_000, show_default=True, type=int,
              help="Largest request body in bytes (413 above).")  # fmt: skip
@click.option("--max-batch", default=1000, show_default=True, type=int,
              help="Most items per batch request (413 above).")  # fmt: skip
@click.option("--rate", default=50.0, show_default=True, type=float,
              help="Requests per second per key (0: no limit; 429 above).")  # fmt: skip
@click.option("--burst", default=100, show_default=True, type=int,
              help="Requests a key may make at once.")  # fmt: skip
@click.option("--no-ui", is_flag=True, help="Do not serve the review page under /ui.")
@click.option("--log-level", default="info", show_default=True,
              type=LEVELS, help="Log level.")  # fmt: skip
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, workers: int, no_auth: bool, max_body: int,
    max_batch: int, rate: float, burst: int, no_ui: bool, log_level: str,
) -> None:  # fmt: skip
    """Run the REST API and the review page (http://127.0.0.1:8765/ui/ by default).

    Needs the server extra: pip install 'memstack[server]'. Every /v1 call needs
    an API key ('memstack keys create'); OpenAPI is at /openapi.json.
    """
    try:
        from ..server import ServerConfig
        from ..server.serve import run
    except ImportError as exc:
        raise UsageError(
            f"The server needs FastAPI and uvicorn ({exc.name} is missing).",
            hint="Install them with: pip install 'memstack[server]'.",
        ) from exc
    cfg = ServerConfig(
        auth=not no_auth, max_body=max_body, max_batch=max_batch, rate=rate, burst=burst,
        ui=not no_ui,
    )  # fmt: skip
    click.echo(f"memstack serving on http://{host}:{port} (UI: /ui/, API: /v1)", err=True)
    obj = ctx.obj or {}
    run(home=obj.get("home"), store_url=obj.get("store_url"), host=host, port=port,
        workers=workers, config=cfg, log_level=log_level)  # fmt: skip


@click.group()
def keys() -> None:
    """Create, list and revoke the API keys the server accepts (stored hashed)."""


@keys.command("create")
@click.argument("tenant")
@click.option("--role", type=click.Choice(["reader", "writer", "reviewer", "admin"]),
              default="writer", show_default=True, help="What the key may do.")  # fmt: skip
@click.option("--name", help="A label, e.g. 'ci' or 'alice laptop'.")
@json_option
@click.pass_context
def keys_create(
    ctx: click.Context, tenant: str, role: str, name: str | None, as_json: bool
) -> None:
    """Create a key for TENANT (the first scope segment); prints the key once."""
    secret, key = create_key(_store(ctx), tenant, role, name=name)
    if as_json:
        echo_json({"id": key.id, "tenant": key.tenant, "role": key.role, "name": key.name,
                   "key": secret})  # fmt: skip
        return
    click.echo(secret)
    click.echo(
        f"Key {key.id} for tenant {key.tenant!r}, role {key.role}. "
        "This is the only time the key is shown: store it now.",
        err=True,
    )


@keys.command("list")
@click.option("--tenant", help="Only this tenant's keys.")
@click.option("--all", "include_revoked", is_flag=True, help="Also list revoked keys.")
@json_option
@click.pass_context
def keys_list(ctx: click.Context, tenant: str | None, include_revoked: bool, as_json: bool) -> None:
    """List keys (never the keys themselves: their id, prefix, tenant and role)."""
    found = list_keys(_store(ctx), tenant, include_revoked=include_revoked)
    if as_json:
        echo_json([
            {"id": k.id, "tenant": k.tenant, "role": k.role, "prefix": k.prefix, "name": k.name,
             "created_at": k.created_at.isoformat(),
             "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None}
            for k in found
        ])  # fmt: skip
        return
    if not found:
        click.echo("No keys.")
        return
    table(
        ["id", "tenant", "role", "prefix", "name", "created", "revoked"],
        [
            [
                k.id,
                k.tenant,
                k.role,
                k.prefix + "…",
                k.name or "",
                short(k.created_at),
                short(k.revoked_at),
            ]
            for k in found
        ],  # fmt: skip
    )


@keys.command("revoke")
@click.argument("id")
@json_option
@click.pass_context
def keys_revoke(ctx: click.Context, id: str, as_json: bool) -> None:
    """Revoke the key with this ID; it stops working at once."""
    key = revoke_key(_store(ctx), id)
    if as_json:
        echo_json({"id": key.id, "tenant": key.tenant, "role": key.role, "revoked": True})
        return
    click.echo(f"Revoked key {key.id} ({key.tenant}, {key.role}).")


COMMANDS = [serve, keys]
