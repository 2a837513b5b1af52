"""Built-in providers, registered through the same hooks as third-party plugins.

Imports happen inside the factories so that listing providers never loads
onnxruntime, an HTTP client or a database driver.
"""

from __future__ import annotations

from typing import Any, NoReturn

from .hookspecs import Register, hookimpl


def _fake_embedder(**options: Any) -> Any:
    from .embed.fake import FakeEmbedder

    return FakeEmbedder(**options)


def _onnx_embedder(**options: Any) -> Any:
    from .embed.onnx import OnnxEmbedder

    return OnnxEmbedder(**options)


def _openai_embedder(**options: Any) -> Any:
    from .embed.openai import OpenAIEmbedder

    return OpenAIEmbedder(**options)


@hookimpl
def register_embedders(register: Register) -> None:
    register("fake", _fake_embedder)
    register("onnx", _onnx_embedder)
    register("openai", _openai_embedder)


def sqlite_path(url: str) -> str:
    """The file of a ``sqlite://`` URL, as SQLAlchemy reads them.

    ``sqlite:///rel/path.db`` is relative to the working folder,
    ``sqlite:////abs/path.db`` absolute, ``sqlite:///:memory:`` a throwaway database.

    Example:
        >>> sqlite_path("sqlite:////var/lib/memstack.db"), sqlite_path("sqlite:///data/m.db")
        ('/var/lib/memstack.db', 'data/m.db')
    """
    from .errors import UsageError

    head, sep, path = url.partition(":///")
    if not sep or head.lower() != "sqlite" or not path:
        raise UsageError(
            f"Cannot read SQLite URL {url!r}.",
            hint="Use sqlite:///relative/path.db or sqlite:////absolute/path.db.",
        )
    return path.split("?", 1)[0]


def _sqlite_store(url: str, **options: Any) -> Any:
    from .store.sqlite import SqliteStore

    options.pop("async_door", None)  # one file, no pool: the async door is a worker thread
    return SqliteStore(sqlite_path(url), **options)


def _memory_store(url: str, **options: Any) -> Any:
    from .store.memory import InMemoryStore

    return InMemoryStore()  # nothing to tune: every scope is searched exactly, in memory


def _postgres_store(url: str = "", **options: Any) -> Any:
    try:
        from .store.postgres import PostgresStore
    except ImportError as exc:
        from .errors import UsageError

        raise UsageError(
            f"The PostgreSQL store needs extra packages ({exc.name} is missing).",
            hint="pip install 'memstack[postgres]'",
        ) from exc
    options.pop("block_files", None)  # replicas keep no blocks (nothing to save)
    # SQLAlchemy-style "postgresql+psycopg://…": libpq reads only the plain scheme.
    head, sep, rest = url.partition("://")
    if sep and "+" in head:
        url = head.split("+", 1)[0] + "://" + rest
    return PostgresStore(url, **options)


@hookimpl
def register_stores(register: Register) -> None:
    register("sqlite", _sqlite_store)
    register("memory", _memory_store)
    register("postgres", _postgres_store)
    register("postgresql", _postgres_store)


def _fake_llm(**options: Any) -> Any:
    from .llm.fake import FakeChat

    return FakeChat(**options)


def _needs_sdk(exc: ModuleNotFoundError, sdk: str, extra: str, what: str) -> NoReturn:
    """Turn a missing provider SDK into one line naming the extra that installs it."""
    from .errors import UsageError

    if exc.name is None or exc.name.split(".")[0] != sdk:
        raise exc
    raise UsageError(
        f"The {what} needs the {sdk!r} package, which is not installed.",
        hint=f"Install it with: pip install 'memstack[{extra}]'.",
    ) from exc


def _openai_llm(**options: Any) -> Any:
    try:
        from .llm.openai import OpenAIChat
    except ModuleNotFoundError as exc:
        _needs_sdk(exc, "openai", "openai", "openai chat provider")
    return OpenAIChat(**options)


def _anthropic_llm(**options: Any) -> Any:
    try:
        from .llm.anthropic import AnthropicChat
    except ModuleNotFoundError as exc:
        _needs_sdk(exc, "anthropic", "anthropic", "anthropic chat provider")
    return AnthropicChat(**options)


@hookimpl
def register_llms(register: Register) -> None:
    register("fake", _fake_llm)
    register("openai", _openai_llm)
    register("anthropic", _anthropic_llm)
