"""Settings precedence: explicit arguments > environment > config.toml > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from memstack import Memory, UsageError
from memstack.config import SETTINGS, Settings, home_dir, resolve


def _config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, "utf-8")


def test_defaults_with_an_empty_environment(tmp_path: Path) -> None:
    s = resolve(tmp_path / "h", env={})
    assert s == Settings(home=str(tmp_path / "h"), author="human")
    assert s.db_path == tmp_path / "h" / "memstack.db"
    assert s.embedder == "onnx" and s.exact_limit == 10_000 and s.keyword_weight == 1.0


def test_settings_table_matches_the_settings_class() -> None:
    defaults = Settings()
    for setting in SETTINGS:
        assert getattr(defaults, setting.name) == setting.default, setting.name
        assert isinstance(setting.default, setting.type)
        assert setting.help
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)


def test_config_file_overrides_defaults(tmp_path: Path) -> None:
    _config(tmp_path, 'embedder = "fake"\nexact_limit = 500\nkeyword_weight = 2\nauthor = "ann"\n')
    s = resolve(tmp_path, env={})
    assert (s.embedder, s.exact_limit, s.keyword_weight, s.author) == ("fake", 500, 2.0, "ann")
    assert isinstance(s.keyword_weight, float)


def test_environment_overrides_config_file(tmp_path: Path) -> None:
    _config(tmp_path, 'embedder = "onnx"\nexact_limit = 500\n')
    env = {"MEMSTACK_EMBEDDER": "fake", "MEMSTACK_EXACT_LIMIT": "7", "MEMSTACK_DENSE_WEIGHT": "0.5"}
    s = resolve(tmp_path, env=env)
    assert (s.embedder, s.exact_limit, s.dense_weight) == ("fake", 7, 0.5)


def test_empty_environment_variable_is_ignored(tmp_path: Path) -> None:
    _config(tmp_path, "exact_limit = 500\n")
    assert resolve(tmp_path, env={"MEMSTACK_EXACT_LIMIT": ""}).exact_limit == 500


def test_arguments_override_environment(tmp_path: Path) -> None:
    _config(tmp_path, "exact_limit = 500\n")
    env = {"MEMSTACK_EXACT_LIMIT": "7", "MEMSTACK_AUTHOR": "env-author"}
    s = resolve(tmp_path, env=env, exact_limit=3, author=None)
    assert s.exact_limit == 3
    assert s.author == "env-author"  # None means "not passed"


def test_author_defaults_to_the_user(tmp_path: Path) -> None:
    assert resolve(tmp_path, env={"USER": "maya"}).author == "maya"
    assert resolve(tmp_path, env={"USERNAME": "tom"}).author == "tom"
    assert resolve(tmp_path, env={"USER": "maya", "MEMSTACK_AUTHOR": "ann"}).author == "ann"


def test_home_precedence(tmp_path: Path) -> None:
    env = {"MEMSTACK_HOME": str(tmp_path / "env")}
    assert home_dir(tmp_path / "arg", env) == tmp_path / "arg"
    assert home_dir(None, env) == tmp_path / "env"
    assert home_dir(None, {}) == Path(".memstack")
    assert resolve(env=env).home == str(tmp_path / "env")


def test_home_from_the_environment_picks_up_its_config_file(tmp_path: Path) -> None:
    _config(tmp_path / "env", "exact_limit = 42\n")
    assert resolve(env={"MEMSTACK_HOME": str(tmp_path / "env")}).exact_limit == 42


def test_unknown_key_in_config_file(tmp_path: Path) -> None:
    _config(tmp_path, 'embeder = "fake"\n')
    with pytest.raises(UsageError) as err:
        resolve(tmp_path, env={})
    msg = str(err.value)
    assert msg.startswith(f"Unknown setting 'embeder' in {tmp_path / 'config.toml'}")
    assert "embedder" in msg  # lists the known names


def test_unknown_argument() -> None:
    with pytest.raises(UsageError, match=r"Unknown setting 'colour' in arguments"):
        resolve(env={}, colour="blue")


@pytest.mark.parametrize(
    "line",
    [
        'exact_limit = "many"',
        "exact_limit = 2.5",
        "exact_limit = true",
        'keyword_weight = "high"',
        "keyword_weight = false",
        "embedder = 5",
        "author = [1, 2]",
    ],
)
def test_wrong_type_in_config_file(tmp_path: Path, line: str) -> None:
    _config(tmp_path, line + "\n")
    name = line.split(" ")[0]
    with pytest.raises(UsageError, match=rf"Setting '{name}' from .*config.toml must be"):
        resolve(tmp_path, env={})


def test_wrong_type_in_environment(tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"Setting 'exact_limit' from \$MEMSTACK_EXACT_LIMIT must be int"
    ):
        resolve(tmp_path, env={"MEMSTACK_EXACT_LIMIT": "2.5"})
    with pytest.raises(
        UsageError, match=r"Setting 'dense_weight' from \$MEMSTACK_DENSE_WEIGHT must be float"
    ):
        resolve(tmp_path, env={"MEMSTACK_DENSE_WEIGHT": "heavy"})


def test_wrong_type_in_arguments(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"Setting 'exact_limit' from arguments must be int"):
        resolve(tmp_path, env={}, exact_limit="lots")


def test_unreadable_config_file(tmp_path: Path) -> None:
    _config(tmp_path, "embedder = \n")
    with pytest.raises(UsageError, match=r"Cannot read .*config.toml"):
        resolve(tmp_path, env={})


def test_openai_embedder_needs_a_model(tmp_path: Path) -> None:
    s = resolve(tmp_path, env={"MEMSTACK_EMBEDDER": "openai"})
    with pytest.raises(UsageError, match="needs a model name"):
        s.embedder_options()
    s = resolve(
        tmp_path,
        env={
            "MEMSTACK_EMBEDDER": "openai",
            "MEMSTACK_EMBEDDER_MODEL": "m",
            "MEMSTACK_EMBEDDER_URL": "http://localhost:1234/v1",
        },
    )
    assert s.embedder_options() == {"model": "m", "base_url": "http://localhost:1234/v1"}


def test_memory_uses_resolved_settings(home: Path) -> None:
    # The autouse fixture sets MEMSTACK_HOME and MEMSTACK_EMBEDDER=fake.
    _config(home, "keyword_weight = 2.5\n")
    with Memory() as mem:
        assert mem.home == home
        assert mem.embedder.id.startswith("fake:")
        assert mem.planner.weights.keyword == 2.5
        assert mem.settings.author == "tester"
        mem.add("acme", "stored in the configured home")
    assert (home / "memstack.db").exists()


def test_memory_rejects_home_and_settings_together(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="either a home folder or settings"):
        Memory(tmp_path, settings=resolve(tmp_path))


def test_unknown_embedder_name_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"No embedder named 'nope' is installed \(known: .*fake"):
        Memory(settings=resolve(tmp_path, env={"MEMSTACK_EMBEDDER": "nope"}))
