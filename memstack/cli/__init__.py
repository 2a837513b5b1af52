"""The ``memstack`` command line: a thin click layer over :class:`memstack.Memory`.

Errors are mapped in one place (:class:`_Group`): any ``MemstackError`` becomes a
one-line message and a non-zero exit code, never a traceback. Each command
group lives in its own module and registers itself on :data:`main`.
"""

from __future__ import annotations

from typing import Any

import click

from ..errors import MemstackError, UsageError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MemstackError as exc:
            code = 1 if not isinstance(exc, UsageError) else 2
            # backslashreplace: a message quoting bad input must still print.
            message = str(exc).encode("utf-8", "backslashreplace").decode("utf-8")
            click.echo(f"Error: {message}", err=True)
            ctx.exit(code)
        except UnicodeError as exc:  # text from argv or a file that is not valid Unicode
            why = getattr(exc, "reason", "") or exc
            click.echo(f"Error: the input is not valid UTF-8 text ({why}).", err=True)
            ctx.exit(2)
        except OSError as exc:  # a file we were asked to read or write
            where = f": {exc.filename}" if exc.filename else ""
            click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="memstack")
@click.option(
    "--home",
    envvar="MEMSTACK_HOME",
    type=click.Path(file_okay=False),
    help="Folder holding config.toml and the default store "
    "(default: $MEMSTACK_HOME or ./.memstack).",
)
@click.option(
    "--store-url",
    metavar="URL",
    help="Where memories live, e.g. sqlite:////var/lib/memstack.db "
    "(default: $MEMSTACK_STORE_URL, config.toml, else memstack.db in the home folder).",
)
@click.pass_context
def main(ctx: click.Context, home: str | None, store_url: str | None) -> None:
    """memstack: governed, reviewable, cache-friendly memory for stateless LLMs."""
    ctx.obj = {"home": home, "store_url": store_url}


def _register() -> None:
    from . import demo, extract, maintenance, mcp, memories, privacy, prompt, review, server

    for module in (memories, maintenance, review, extract, prompt, privacy, demo, mcp, server):
        for command in module.COMMANDS:
            main.add_command(command)
    try:
        from .economics import economics
    except ImportError:  # pragma: no cover - the module ships with the package
        return
    main.add_command(economics)


_register()

__all__ = ["UsageError", "main"]
