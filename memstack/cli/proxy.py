"""``memstack proxy``: the OpenAI-compatible memory proxy as its own process."""

from __future__ import annotations

import click

from ..errors import UsageError
from .server import LEVELS


@click.command("proxy")
@click.option("--upstream", required=True, metavar="URL",
              help="The provider's OpenAI-compatible base URL, e.g. https://api.openai.com/v1.")
@click.option("--upstream-key-env", default="OPENAI_API_KEY", show_default=True, metavar="NAME",
              help="Environment variable holding the upstream's API key (unset: no key sent).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8766, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=int,
              help="Worker processes sharing the store.")
@click.option("--timeout", default=600.0, show_default=True, type=float,
              help="Seconds to wait for the upstream (504 after).")
@click.option("--no-extract", is_flag=True,
              help="Do not queue exchanges for extraction (no proposals, no worker).")
@click.option("--no-auth", is_flag=True,
              help="No memstack keys (local development only; loopback addresses only).")
@click.option("--max-body", default=20_000_000, show_default=True, type=int,
              help="Largest request body in bytes (413 above).")
@click.option("--rate", default=0.0, show_default=True, type=float,
              help="Requests per second per key (0: no limit; 429 above).")
@click.option("--log-level", default="info", show_default=True, type=LEVELS, help="Log level.")
@click.pass_context
def proxy(
    ctx: click.Context, upstream: str, upstream_key_env: str, host: str, port: int, workers: int,
    timeout: float, no_extract: bool, no_auth: bool, max_body: int, rate: float, log_level: str,
) -> None:  # fmt: skip
    """Run the OpenAI-compatible memory proxy in front of an upstream provider.

    Point any OpenAI client at http://HOST:PORT/v1 with a memstack key as its API
    key ('memstack keys create'). Each request gets the scope's compiled memory
    (scope: the X-Memstack-Scope header, else the 'user' field, else the key's
    tenant); the reply comes back unchanged, and the exchange is queued for
    extraction into proposals for review. Needs the server extra. See docs/proxy.md.

    \b
    Example:
      memstack proxy --upstream https://api.openai.com/v1
    """
    try:
        from ..server import ServerConfig
        from ..server.serve import run
    except ImportError as exc:
        raise UsageError(
            f"The proxy needs FastAPI and uvicorn ({exc.name} is missing).",
            hint="Install them with: pip install 'memstack[server]'.",
        ) from exc
    if not upstream.startswith(("http://", "https://")):
        raise UsageError(f"--upstream must be an http(s) URL, got {upstream!r}.")
    cfg = ServerConfig(
        auth=not no_auth, max_body=max_body, rate=rate, ui=False, mcp=False, api=False,
        proxy_upstream=upstream, proxy_key_env=upstream_key_env, proxy_timeout=timeout,
        proxy_extract=not no_extract, proxy_root=True,
    )  # fmt: skip
    click.echo(f"memstack proxy on http://{host}:{port}/v1 -> {upstream}", err=True)
    obj = ctx.obj or {}
    run(home=obj.get("home"), store_url=obj.get("store_url"), host=host, port=port,
        workers=workers, config=cfg, log_level=log_level)  # fmt: skip


COMMANDS = [proxy]
