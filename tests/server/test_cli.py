"""``memstack keys`` and ``memstack serve``'s refusals, through the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from memstack.cli import main
from memstack.core import find_key
from memstack.store.sqlite import SqliteStore


def test_keys_create_list_revoke(home: object) -> None:
    r = CliRunner()
    made = r.invoke(
        main, ["keys", "create", "acme", "--role", "reviewer", "--name", "ci", "--json"]
    )
    assert made.exit_code == 0, made.output
    key = json.loads(made.stdout)
    assert key["key"].startswith("msk_") and (key["tenant"], key["role"]) == ("acme", "reviewer")
    listed = r.invoke(main, ["keys", "list"])
    assert key["id"] in listed.stdout and key["key"] not in listed.stdout
    assert key["key"][:10] in listed.stdout
    # Stored hashed: the secret is nowhere in the database file.
    db = (home / "memstack.db").read_bytes()  # type: ignore[operator]
    assert key["key"].encode() not in db
    store = SqliteStore(home / "memstack.db")  # type: ignore[operator]
    assert find_key(store, key["key"]).role == "reviewer"  # type: ignore[union-attr]
    revoked = r.invoke(main, ["keys", "revoke", key["id"]])
    assert revoked.exit_code == 0 and "Revoked" in revoked.stdout
    assert not find_key(store, key["key"]).active  # type: ignore[union-attr]
    store.close()
    assert "No keys." in r.invoke(main, ["keys", "list"]).stdout
    assert key["id"] in r.invoke(main, ["keys", "list", "--all"]).stdout


def test_keys_create_prints_the_key_once_on_stdout(home: object) -> None:
    made = CliRunner().invoke(main, ["keys", "create", "acme"])
    assert made.exit_code == 0
    assert made.stdout.strip().startswith("msk_") and len(made.stdout.strip().splitlines()) == 1
    assert "only time" in made.stderr


def test_keys_errors_are_one_line() -> None:
    r = CliRunner()
    bad = r.invoke(main, ["keys", "create", "acme/alice"])
    assert (
        bad.exit_code == 2 and "one scope segment" in bad.stderr and "Traceback" not in bad.output
    )
    gone = r.invoke(main, ["keys", "revoke", "01NOPE"])
    assert gone.exit_code == 2 and "No API key with id" in gone.stderr


def test_serve_refuses_no_auth_off_loopback() -> None:
    out = CliRunner().invoke(main, ["serve", "--no-auth", "--host", "0.0.0.0"])
    assert out.exit_code == 2
    assert "only for local development" in out.stderr


def test_key_names_cannot_pose_as_policies() -> None:
    out = CliRunner().invoke(main, ["keys", "create", "acme", "--name", "policy:auto"])
    assert out.exit_code == 2 and "policy:" in out.stderr


def test_keys_go_to_the_store_named_by_store_url(home: object, tmp_path: object) -> None:
    db = tmp_path / "elsewhere.db"  # type: ignore[operator]
    made = CliRunner().invoke(
        main, ["--store-url", f"sqlite:///{db}", "keys", "create", "acme", "--json"]
    )
    assert made.exit_code == 0, made.output
    secret = json.loads(made.stdout)["key"]
    store = SqliteStore(db)
    assert find_key(store, secret) is not None
    store.close()
    assert "No keys." in CliRunner().invoke(main, ["keys", "list"]).stdout  # not in the home store
