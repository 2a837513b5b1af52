"""``store_url`` chooses the backend: argument > $MEMSTACK_STORE_URL > config.toml > default."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from memstack import Memory, UsageError
from memstack.cli import main
from memstack.config import resolve
from memstack.core import open_store
from memstack.embed.fake import FakeEmbedder
from memstack.hookspecs import Register, hookimpl
from memstack.plugins import get_plugin_manager
from memstack.store.memory import InMemoryStore
from memstack.store.sqlite import SqliteStore


def test_default_is_memstack_db_in_home(tmp_path: Path) -> None:
    settings = resolve(tmp_path / "h", env={})
    assert settings.store == f"sqlite:///{tmp_path}/h/memstack.db"
    store = open_store(settings)
    assert isinstance(store, SqliteStore) and store.path == str(tmp_path / "h" / "memstack.db")
    store.close()


def test_precedence_argument_env_config_file(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text(f'store_url = "sqlite:///{tmp_path}/file.db"\n')
    assert resolve(home, env={}).store == f"sqlite:///{tmp_path}/file.db"
    env = {"MEMSTACK_STORE_URL": f"sqlite:///{tmp_path}/env.db"}
    assert resolve(home, env=env).store == f"sqlite:///{tmp_path}/env.db"
    explicit = resolve(home, env=env, store_url="memory://")
    assert explicit.store == "memory://"


def test_memory_takes_a_store_url(tmp_path: Path) -> None:
    mem = Memory(tmp_path, store_url="memory://", embedder=FakeEmbedder())
    assert isinstance(mem.store, InMemoryStore)
    mem.add("acme", "Kept in memory only")
    mem.close()
    assert not (tmp_path / "memstack.db").exists()

    url = f"sqlite:///{tmp_path}/elsewhere/m.db"
    mem = Memory(tmp_path, store_url=url, embedder=FakeEmbedder())
    mem.add("acme", "Kept in a file")
    mem.close()
    assert (tmp_path / "elsewhere" / "m.db").exists()
    assert not (tmp_path / "memstack.db").exists()
    again = Memory(store=SqliteStore(tmp_path / "elsewhere" / "m.db"), embedder=FakeEmbedder())
    assert [r.text for r in again.list("acme")] == ["Kept in a file"]
    again.close()


def test_relative_sqlite_urls_are_relative_to_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = resolve(env={})
    mem = Memory(store_url="sqlite:///data/rel.db", embedder=FakeEmbedder(), settings=settings)
    mem.close()
    assert (tmp_path / "data" / "rel.db").exists()


def test_unknown_scheme_names_the_known_ones_and_the_extra(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="known: memory, postgres, postgresql, sqlite"):
        Memory(tmp_path, store_url="mongodb://x", embedder=FakeEmbedder())
    with pytest.raises(UsageError, match="needs a scheme"):
        Memory(tmp_path, store_url="/just/a/path.db", embedder=FakeEmbedder())
    with pytest.raises(UsageError, match="Cannot read SQLite URL"):
        Memory(tmp_path, store_url="sqlite://relative.db", embedder=FakeEmbedder())


def test_store_and_store_url_together_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not both"):
        Memory(store=InMemoryStore(), store_url="memory://", embedder=FakeEmbedder())


def test_a_plugin_registers_a_scheme() -> None:
    opened: list[tuple[str, dict[str, Any]]] = []

    def factory(url: str, **options: Any) -> InMemoryStore:
        opened.append((url, options))
        return InMemoryStore()

    @hookimpl
    def register_stores(register: Register) -> None:
        register("notebook", factory)

    plugin = SimpleNamespace(register_stores=register_stores)
    pm = get_plugin_manager()
    pm.register(plugin, name="test-notebook-store")
    try:
        mem = Memory(store_url="notebook://one", embedder=FakeEmbedder(), settings=resolve(env={}))
        mem.add("acme", "Stored through a plugin")
        mem.close()
    finally:
        pm.unregister(name="test-notebook-store")
    knobs = {"exact_limit": 10_000, "cache_rows": 500_000, "block_files": 2_000}
    assert opened == [("notebook://one", {**knobs, "async_door": "thread"})]


def test_cli_uses_the_store_url_everywhere(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path}/cli.db"
    env = {"MEMSTACK_HOME": str(tmp_path / "home"), "MEMSTACK_EMBEDDER": "fake"}
    result = runner.invoke(main, ["migrate", "--store-url", url], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Schema of {tmp_path}/cli.db: version 0 -> ")
    added = runner.invoke(main, ["--store-url", url, "add", "-s", "acme", "Uses the URL"], env=env)
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["list", "-s", "acme"], env={**env, "MEMSTACK_STORE_URL": url})
    assert "Uses the URL" in listed.output
    assert not (tmp_path / "home" / "memstack.db").exists()
    # An unreachable PostgreSQL: a clear store error, not a traceback.
    bad = runner.invoke(
        main, ["--store-url", "postgresql://me@/x?host=/nonexistent", "stats"], env=env
    )
    assert bad.exit_code == 1
    assert "Cannot connect to postgresql://me@" in bad.output and "Traceback" not in bad.output
