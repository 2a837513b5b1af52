"""Settings, declared once, and the one function that reads the environment.

Precedence, highest first: explicit arguments > environment variables
(``MEMSTACK_<NAME>``) > the config file ``<home>/config.toml`` > defaults.
:func:`resolve` is the only code in memstack that reads environment variables
or config files; everything else receives a :class:`Settings` value.

The :data:`SETTINGS` table drives validation, the CLI's ``--help`` text and
``docs/configuration.md``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from .errors import UsageError

__all__ = [
    "SETTINGS",
    "HomeLocation",
    "Setting",
    "Settings",
    "find_home",
    "home_dir",
    "parse_retention",
    "replace_settings",
    "resolve",
]

DB_NAME = "memstack.db"


@dataclass(frozen=True, slots=True)
class Setting:
    """One configurable value: its name, type, default and help text."""

    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "home", str, ".memstack",
        "Folder holding config.toml and, by default, the SQLite store.",
    ),
    Setting(
        "store_url", str, "",
        "Where memories live: sqlite:///path/to/memstack.db (default: memstack.db in home; four"
        " slashes for an absolute path), memory:// (nothing kept), postgresql://... (with "
        "memstack[postgres]).",
    ),
    Setting("embedder", str, "onnx", "Embedder plugin: onnx (shipped, offline), openai, fake."),
    Setting(
        "embedder_path", str, "",
        "ONNX model folder or file for the onnx embedder (default: shipped MiniLM).",
    ),
    Setting(
        "embedder_model", str, "",
        "Model name for the openai embedder (e.g. nomic-embed-text).",
    ),
    Setting("embedder_url", str, "", "Base URL of an OpenAI-compatible embeddings endpoint."),
    Setting("author", str, "", "Name recorded as the author of human writes (default: $USER)."),
    Setting("keyword_weight", float, 1.0, "Weight of the keyword list in fusion."),
    Setting("dense_weight", float, 1.0, "Weight of the dense list in fusion."),
    Setting(
        "exact_limit", int, 10_000,
        "Vectors per scope above which search pre-ranks by sign bits (0: always exact).",
    ),
    Setting(
        "pg_async", str, "thread",
        "PostgreSQL: how AsyncMemory reaches the database: thread (the blocking pool, one "
        "worker thread per call) or native (psycopg's AsyncConnectionPool on the event loop).",
    ),
    Setting(
        "cache_rows", int, 500_000,
        "Rows each in-memory search index (vectors, keyword postings) keeps; least recently "
        "searched scopes go first (0: no limit).",
    ),
    Setting(
        "block_files", int, 2_000,
        "Search blocks (per scope) of at least this many rows are saved beside a SQLite store, "
        "so a new process loads them instead of rebuilding them (0: never).",
    ),
    Setting(
        "extract_provider", str, "none",
        "Chat model plugin for extraction: openai (and compatible: Ollama, vLLM), anthropic, "
        "none (offline cue extractor).",
    ),
    Setting(
        "extract_model", str, "",
        "Model name for the extraction LLM (e.g. gpt-4.1-mini, claude-haiku-4-5, llama3.1:8b).",
    ),
    Setting(
        "extract_url", str, "",
        "Base URL of the extraction LLM's API (e.g. http://localhost:11434/v1 for Ollama).",
    ),
    Setting(
        "extract_timeout", float, 0.0,
        "Seconds to wait for the extraction LLM per attempt (0: the provider's default, 60).",
    ),
    Setting(
        "proxy_upstream", str, "",
        "OpenAI-compatible base URL for the memory proxy; when set, memstack serve also serves "
        "the proxy at /proxy/v1 (memstack proxy takes --upstream instead).",
    ),
    Setting(
        "retention", str, "",
        "Default lifetime per kind, e.g. 'episode=90d,fact=0' (units s m h d w; 0 or absent: "
        "keep forever).",
    ),
)  # fmt: skip

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved configuration (see :data:`SETTINGS` for meanings)."""

    home: str = ".memstack"
    store_url: str = ""
    embedder: str = "onnx"
    embedder_path: str = ""
    embedder_model: str = ""
    embedder_url: str = ""
    author: str = ""
    keyword_weight: float = 1.0
    dense_weight: float = 1.0
    exact_limit: int = 10_000
    cache_rows: int = 500_000
    pg_async: str = "thread"
    block_files: int = 2_000
    extract_provider: str = "none"
    extract_model: str = ""
    extract_url: str = ""
    extract_timeout: float = 0.0
    proxy_upstream: str = ""
    retention: str = ""

    def retention_policy(self) -> dict[str, timedelta]:
        """The ``retention`` setting parsed (see :func:`parse_retention`)."""
        return parse_retention(self.retention)

    @property
    def db_path(self) -> Path:
        """The default SQLite file inside :attr:`home` (used when ``store_url`` is empty)."""
        return Path(self.home) / DB_NAME

    @property
    def store(self) -> str:
        """The store URL in effect: ``store_url``, else ``sqlite:///`` + :attr:`db_path`.

        Example:
            >>> Settings(home="/srv/mem").store
            'sqlite:////srv/mem/memstack.db'
            >>> Settings(store_url="memory://").store
            'memory://'
        """
        return self.store_url or "sqlite:///" + self.db_path.as_posix()

    def store_file(self) -> Path | None:
        """The file of a SQLite store, else ``None`` (memory://, PostgreSQL, ``:memory:``).

        Example:
            >>> Settings(home="/srv/mem").store_file()
            PosixPath('/srv/mem/memstack.db')
            >>> Settings(store_url="memory://").store_file() is None
            True
        """
        head, sep, path = self.store.partition(":///")
        path = path.split("?", 1)[0]
        if not sep or head.lower() != "sqlite" or path in ("", ":memory:"):
            return None
        return Path(path)

    def store_options(self) -> dict[str, Any]:
        """Tuning knobs every store factory receives (a backend ignores what it has no use for)."""
        return {
            "exact_limit": self.exact_limit or None,
            "cache_rows": self.cache_rows or None,
            "block_files": self.block_files or None,
            "async_door": self.pg_async,
        }

    def embedder_options(self) -> dict[str, Any]:
        """Keyword arguments for the configured embedder's factory."""
        if self.embedder == "onnx":
            return {"path": self.embedder_path} if self.embedder_path else {}
        if self.embedder == "openai":
            if not self.embedder_model:
                raise UsageError(
                    "The openai embedder needs a model name.",
                    hint="Set MEMSTACK_EMBEDDER_MODEL or embedder_model in config.toml.",
                )
            opts: dict[str, Any] = {"model": self.embedder_model}
            if self.embedder_url:
                opts["base_url"] = self.embedder_url
            return opts
        return {}


def _coerce(name: str, value: Any, origin: str) -> Any:
    setting = _BY_NAME.get(name)
    if setting is None:
        known = ", ".join(sorted(_BY_NAME))
        raise UsageError(f"Unknown setting {name!r} in {origin} (known: {known}).")
    wrong = UsageError(
        f"Setting {name!r} from {origin} must be {setting.type.__name__}, got {value!r}."
    )
    if isinstance(value, str):  # environment variables and text arguments are converted
        try:
            return setting.type(value)
        except (TypeError, ValueError) as exc:
            raise wrong from exc
    if setting.type is str and isinstance(value, os.PathLike):
        return os.fspath(value)
    # Typed values (TOML, Python) must already have the type: 2.5 is not silently an int 2,
    # and true is not 1. An int is accepted where a float is expected.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise wrong
    if setting.type is float or (setting.type is int and isinstance(value, int)):
        return setting.type(value)
    raise wrong


_RETENTION_ENTRY = re.compile(r"(rule|fact|episode)=(\d+(?:\.\d+)?)([smhdw]?)")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_retention(spec: str) -> dict[str, timedelta]:
    """Parse a retention setting: default lifetimes per kind.

    Args:
        spec: comma-separated ``kind=<number><unit>`` entries, unit ``s``, ``m``,
            ``h``, ``d`` or ``w``; ``0`` (or leaving a kind out) keeps it forever.

    Returns:
        The lifetimes of the kinds that expire.

    Raises:
        UsageError: naming the entry that does not parse.

    Example:
        >>> parse_retention("episode=90d, fact=0")
        {'episode': datetime.timedelta(days=90)}
    """
    out: dict[str, timedelta] = {}
    for entry in (e.strip() for e in spec.split(",")):
        if not entry:
            continue
        m = _RETENTION_ENTRY.fullmatch(entry)
        if m is None or (m.group(3) == "" and float(m.group(2)) != 0):
            raise UsageError(
                f"Cannot read retention entry {entry!r}.",
                hint="Use kind=<number><unit> with kind rule|fact|episode and unit s|m|h|d|w, "
                "e.g. 'episode=90d,fact=0' (0 keeps forever).",
            )
        amount = float(m.group(2))
        if amount:
            out[m.group(1)] = timedelta(**{_UNITS[m.group(3)]: amount})
        else:
            out.pop(m.group(1), None)
    return out


HOME_NAME = ".memstack"


@dataclass(frozen=True, slots=True)
class HomeLocation:
    """Which data folder is in effect, and how it was chosen.

    Attributes:
        path: the folder.
        how: ``"argument"``, ``"found"`` (a ``.memstack`` folder in the current folder or
            above), ``"environment"`` (``$MEMSTACK_HOME``) or ``"default"``
            (``./.memstack``, which may not exist yet).
        searched_from: the folder the upward search started in.
    """

    path: Path
    how: str
    searched_from: Path

    def describe(self) -> str:
        """Where memstack looked, for a message about a missing store.

        Example:
            >>> HomeLocation(Path("/p/.memstack"), "found", Path("/p/src")).describe()
            'the .memstack folder found above /p/src'
        """
        if self.how == "argument":
            return "the --home folder"
        if self.how == "found":
            return f"the {HOME_NAME} folder found above {self.searched_from}"
        env = "$MEMSTACK_HOME" if self.how == "environment" else "$MEMSTACK_HOME is not set"
        return f"no {HOME_NAME} folder in {self.searched_from} or above; {env}"


def find_home(
    explicit: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> HomeLocation:
    """Choose the data folder the way git finds its repository.

    Order: ``explicit`` (``--home``, ``Memory(home)``) > the nearest ``.memstack``
    folder in ``cwd`` or one of its parents > ``$MEMSTACK_HOME`` > ``./.memstack``.
    A project's own ``.memstack`` folder therefore wins over a personal
    ``$MEMSTACK_HOME`` while you work inside the project, as a repository's
    ``.git`` does. The search stops below any folder listed in
    ``$MEMSTACK_CEILING_DIRECTORIES`` (separated by ``os.pathsep``, like git's
    ``GIT_CEILING_DIRECTORIES``): a shared ``/tmp/.memstack`` cannot capture every
    process whose work folder is under ``/tmp``.

    Args:
        explicit: a folder chosen by the caller.
        env: the environment to read (default ``os.environ``).
        cwd: where the upward search starts (default: the current folder).

    Returns:
        The folder and how it was chosen.
    """
    env = os.environ if env is None else env
    start = Path(cwd) if cwd is not None else Path.cwd()
    if explicit:
        return HomeLocation(Path(explicit), "argument", start)
    listed = env.get("MEMSTACK_CEILING_DIRECTORIES", "").split(os.pathsep)
    ceilings = {Path(c).resolve() for c in listed if c}
    for folder in (start, *start.parents):
        if folder.resolve() in ceilings:
            break
        candidate = folder / HOME_NAME
        if candidate.is_dir():
            return HomeLocation(candidate, "found", start)
    if env.get("MEMSTACK_HOME"):
        return HomeLocation(Path(env["MEMSTACK_HOME"]), "environment", start)
    return HomeLocation(Path(HOME_NAME), "default", start)


def home_dir(
    explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The data folder (see :func:`find_home` for the order)."""
    return find_home(explicit, env).path


def resolve(
    home: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build :class:`Settings` from arguments, environment, config file and defaults.

    Args:
        home: the data folder (else the nearest ``.memstack`` folder in the current folder
            or above, else ``$MEMSTACK_HOME``, else ``./.memstack``; see :func:`find_home`).
        env: the environment to read (default ``os.environ``); tests pass a dict.
        **overrides: explicit values, highest precedence; ``None`` values are ignored.

    Returns:
        The settings.

    Raises:
        UsageError: an unknown setting, a value of the wrong type or an unreadable file.
    """
    env = os.environ if env is None else env
    folder = home_dir(home, env)
    values: dict[str, Any] = {}
    config_file = folder / "config.toml"
    if config_file.exists():
        try:
            data = tomllib.loads(config_file.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"Cannot read {config_file}: {exc}.") from exc
        for name, value in data.items():
            values[name] = _coerce(name, value, str(config_file))
    for setting in SETTINGS:
        key = "MEMSTACK_" + setting.name.upper()
        if key in env and env[key] != "":
            values[setting.name] = _coerce(setting.name, env[key], f"${key}")
    for name, value in overrides.items():
        if value is not None:
            values[name] = _coerce(name, value, "arguments")
    values["home"] = str(folder)
    if not values.get("author"):
        values["author"] = env.get("USER") or env.get("USERNAME") or "human"
    settings = Settings()
    known = {f.name for f in fields(Settings)}
    return replace(settings, **{k: v for k, v in values.items() if k in known})


def replace_settings(settings: Settings, **values: Any) -> Settings:
    """``settings`` with some values changed, each checked like an explicit argument."""
    return replace(settings, **{k: _coerce(k, v, "arguments") for k, v in values.items()})
