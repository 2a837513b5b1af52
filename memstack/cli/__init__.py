"""The ``memstack`` command line: a thin click layer over :class:`memstack.Memory`.

Errors are mapped in one place (:class:`_Group`): any ``MemstackError`` becomes a
one-line message and a non-zero exit code, never a traceback; a closed pipe
(``memstack list … | head``) ends the command quietly.

Commands load lazily. ``memstack --help`` and ``memstack <cmd> --help`` must start in
well under a second on a busy laptop, and the facade pulls in NumPy, onnxruntime and
tiktoken, so this module imports only click and the error tree: :data:`COMMANDS` names
the module of each command and its one-line help (what ``memstack --help`` lists), and a
command's module is imported only when that command runs or shows its own help.
``tests/test_cli_structure.py`` checks that the one-line help here is the command's own.
To add a command: write it in a module of this package and add one entry to
:data:`COMMANDS`.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NamedTuple

import click

from ..errors import MemstackError, UsageError


class Entry(NamedTuple):
    """Where a command lives and what ``memstack --help`` says about it."""

    module: str  # in memstack.cli
    attribute: str
    section: str
    help: str


MEMORIES, CONVERSATIONS, PROMPTS, PRIVACY, STORE = (
    "Memories", "Conversations and review", "Prompts and files", "Privacy", "Store and servers",
)  # fmt: skip

#: Every command: name -> where it lives, its section in ``--help`` and its one-line help.
COMMANDS: dict[str, Entry] = {
    "add": Entry("memories", "add", MEMORIES,
                 "Store one memory TEXT in a scope (a human write: applied at once)."),
    "search": Entry("memories", "search", MEMORIES,
                    "Find the memories most relevant to QUERY that a scope may see."),
    "list": Entry("memories", "list_", MEMORIES,
                  "List the memories a scope sees (it and its ancestors), oldest first."),
    "show": Entry("memories", "show", MEMORIES, "Show one memory with all its fields."),
    "history": Entry("memories", "history", MEMORIES,
                     "Show every version of a memory: who changed what, and when."),
    "update": Entry("memories", "update", MEMORIES,
                    "Replace a memory's TEXT; the old version is kept as history."),
    "delete": Entry("memories", "delete", MEMORIES,
                    "Delete a memory (its history keeps a delete event; use forget to erase)."),
    "scope": Entry("switch", "scope", MEMORIES,
                   "Turn memory off or on for a scope: reads, writes or both."),
    "demo": Entry("demo", "demo", CONVERSATIONS,
                  "Show the main job offline: a conversation becomes reviewed memory and a "
                  "cache-stable prompt."),
    "ingest": Entry("maintenance", "ingest", CONVERSATIONS,
                    "Archive a conversation FILE (JSON messages with role and content) as "
                    "episodes."),
    "remember": Entry("extract", "remember", CONVERSATIONS,
                      "Propose memories from a conversation FILE (JSON messages, as for "
                      "'memstack ingest')."),
    "propose": Entry("review", "propose", CONVERSATIONS,
                     "Propose a change as an AI or tool would: screened, then queued or "
                     "decided by policy."),
    "proposals": Entry("review", "proposals", CONVERSATIONS,
                       "List proposals (pending ones by default), oldest first."),
    "review": Entry("review", "review", CONVERSATIONS,
                    "Review pending proposals: one by one, in bulk with filters, or count them."),
    "approve": Entry("review", "approve", CONVERSATIONS,
                     "Approve a pending proposal and apply it (its exact text, or --edit)."),
    "reject": Entry("review", "reject", CONVERSATIONS, "Reject a pending proposal."),
    "policy": Entry("review", "policy", CONVERSATIONS,
                    "Review policies per scope prefix and kind: human, auto or deny."),
    "worker": Entry("extract", "worker", CONVERSATIONS,
                    "Process queued extraction jobs ('memstack remember --background'), until "
                    "Ctrl-C."),
    "extractions": Entry("extract", "extractions", CONVERSATIONS,
                         "List extraction runs, newest first: status, model, tokens, cost, and "
                         "why a run failed."),
    "jobs": Entry("extract", "jobs", CONVERSATIONS,
                  "List queued extraction jobs (the messages themselves are not shown)."),
    "compile": Entry("prompt", "compile_", PROMPTS,
                     "Compile a scope's memory into a prompt: the cacheable stable block, then "
                     "recall."),
    "render": Entry("prompt", "render", PROMPTS,
                    "Print a scope's memories as Markdown to read, diff, edit and apply back."),
    "apply": Entry("prompt", "apply", PROMPTS,
                   "Apply an edited Markdown render (FILE, or - for stdin) to a scope."),
    "edit": Entry("prompt", "edit", PROMPTS,
                  "Edit a scope's memories as Markdown in $EDITOR, then review and apply the "
                  "changes."),
    "import": Entry("prompt", "import_", PROMPTS,
                    "Read CLAUDE.md, AGENTS.md, a Cursor rule, a render or a JSON export into "
                    "a scope."),
    "economics": Entry("economics", "economics", PROMPTS,
                       "Show why memstack keeps the model stateless: KV-cache memory versus "
                       "compiled memory."),
    "forget": Entry("privacy", "forget", PRIVACY,
                    "Erase everything held for a scope and the scopes below it, for good."),
    "export": Entry("privacy", "export_", PRIVACY,
                    "Export everything held about a scope and its descendants (all versions, "
                    "proposals, history)."),
    "audit": Entry("privacy", "audit", PRIVACY,
                   "Who did what and when under a scope and its descendants, newest first."),
    "gc": Entry("privacy", "gc", PRIVACY,
                "Erase expired memories now, physically, and compact the store."),
    "stats": Entry("maintenance", "stats", STORE,
                   "Show what the store holds: memories, scopes, vectors per embedder, file "
                   "size."),
    "scopes": Entry("maintenance", "scopes", STORE, "List scopes that hold memories, with counts."),
    "migrate": Entry("maintenance", "migrate", STORE,
                     "Create the store or bring its schema up to date."),
    "reindex": Entry("maintenance", "reindex", STORE,
                     "Re-embed every memory with the configured embedder (after switching "
                     "embedders)."),
    "serve": Entry("server", "serve", STORE,
                   "Run the REST API and the review page (http://127.0.0.1:8765/ui/ by "
                   "default)."),
    "keys": Entry("server", "keys", STORE,
                  "Create, list and revoke the API keys the server accepts (stored hashed)."),
    "mcp": Entry("mcp", "mcp_command", STORE,
                 "Serve memory to an MCP client (Claude Desktop, Claude Code, Cursor) over "
                 "stdio."),
    "proxy": Entry("proxy", "proxy", STORE,
                   "Run the OpenAI-compatible memory proxy in front of an upstream provider."),
}  # fmt: skip

SECTIONS = (MEMORIES, CONVERSATIONS, PROMPTS, PRIVACY, STORE)


def _quiet_broken_pipe() -> None:
    """The reader went away (``| head``): drop further output and leave without a word."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's final flush must not fail
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture it)
        pass
    sys.exit(0)


class _Group(click.Group):
    """The root group: lazy commands, sections in ``--help``, one error mapping."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            entry = COMMANDS[cmd_name]
            module = importlib.import_module(f"{__name__}.{entry.module}")
            self.add_command(getattr(module, entry.attribute), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # From the table, so that listing the commands imports none of them.
        for section in SECTIONS:
            rows = [(n, e.help) for n, e in COMMANDS.items() if e.section == section]
            with formatter.section(section):
                formatter.write_dl(rows)
        extra = [n for n in sorted(self.commands) if n not in COMMANDS]
        if extra:
            with formatter.section("Other commands"):
                formatter.write_dl([(n, self.commands[n].get_short_help_str()) for n in extra])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MemstackError as exc:
            code = 1 if not isinstance(exc, UsageError) else 2
            # backslashreplace: a message quoting bad input must still print.
            message = str(exc).encode("utf-8", "backslashreplace").decode("utf-8")
            click.echo(f"Error: {message}", err=True)
            ctx.exit(code)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except UnicodeError as exc:  # text from argv or a file that is not valid Unicode
            why = getattr(exc, "reason", "") or exc
            click.echo(f"Error: the input is not valid UTF-8 text ({why}).", err=True)
            ctx.exit(2)
        except OSError as exc:  # a file we were asked to read or write
            where = f": {exc.filename}" if exc.filename else ""
            click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
            ctx.exit(1)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:  # raised while click itself writes (help, usage errors)
            _quiet_broken_pipe()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="memstack")
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    help="Folder holding config.toml and the default store (default: the nearest .memstack "
    "folder in the current folder or above, else $MEMSTACK_HOME, else ./.memstack).",
)
@click.option(
    "--store-url",
    metavar="URL",
    help="Where memories live, e.g. sqlite:////var/lib/memstack.db "
    "(default: $MEMSTACK_STORE_URL, config.toml, else memstack.db in the home folder).",
)
@click.pass_context
def main(ctx: click.Context, home: str | None, store_url: str | None) -> None:
    """memstack: governed, reviewable, cache-friendly memory for stateless LLMs.

    AI proposes, a person approves, and approved memory compiles into a prompt
    whose stable part keeps provider caches warm. Try 'memstack demo'.
    """
    ctx.obj = {"home": home, "store_url": store_url}


__all__ = ["COMMANDS", "UsageError", "main"]
