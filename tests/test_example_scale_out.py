"""The scale-out compose example stays in step with the CLI and the settings.

Docker is not run here (CI has no daemon); what can drift silently is checked:
every memstack command in the compose file parses with today's CLI, the store
URL reaches the replicas through the environment variable memstack reads, the
image copies files that exist, and the load balancer points at the port the
replicas listen on.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import yaml

from memstack.cli import main
from memstack.config import resolve

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "scale-out"


def _compose() -> dict:
    return yaml.safe_load((EXAMPLE / "compose.yaml").read_text())


def _memstack_commands() -> dict[str, list[str]]:
    services = _compose()["services"]
    return {
        name: svc["command"]
        for name, svc in services.items()
        if isinstance(svc.get("command"), list) and svc["command"][:1] == ["memstack"]
    }


def test_every_memstack_command_in_the_compose_file_parses() -> None:
    commands = _memstack_commands()
    assert {"migrate", "memstack", "admin"} <= set(commands)
    for name, argv in commands.items():
        # Contexts chained from the root, as the CLI builds them (its settings, e.g. -h).
        ctx = click.Context(main, info_name="memstack", **main.context_settings)
        cmd: click.Command = main
        args = argv[1:]
        while isinstance(cmd, click.Group):  # memstack [group ...] command
            sub = cmd.get_command(ctx, args[0])
            assert sub is not None, f"{name}: unknown command {args[0]!r}"
            cmd, args = sub, args[1:]
            try:
                ctx = cmd.make_context(cmd.name or "", list(args), parent=ctx)
            except click.UsageError as exc:
                raise AssertionError(f"{name}: {' '.join(argv)}: {exc}") from exc


def test_replicas_get_the_store_url_memstack_reads() -> None:
    compose = _compose()
    env = compose["services"]["memstack"]["environment"]
    assert set(env) == {"MEMSTACK_STORE_URL"}
    url = re.sub(r"\$\{POSTGRES_PASSWORD:-([^}]*)\}", r"\1", env["MEMSTACK_STORE_URL"])
    settings = resolve(env={"MEMSTACK_STORE_URL": url})
    assert settings.store == url
    assert url.startswith("postgresql://")
    db = compose["services"]["db"]["environment"]
    assert f"{db['POSTGRES_USER']}:" in url and url.endswith("/" + db["POSTGRES_DB"])


def test_the_image_copies_what_exists_and_installs_the_needed_extras() -> None:
    root = EXAMPLE.parents[1]
    dockerfile = (EXAMPLE / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for src in line.split()[1:-1]:
                assert (root / src).exists(), src
    assert "'.[server,postgres]'" in dockerfile


def test_the_load_balancer_points_at_the_replicas_port() -> None:
    argv = _memstack_commands()["memstack"]
    port = argv[argv.index("--port") + 1]
    assert "--host" in argv and argv[argv.index("--host") + 1] == "0.0.0.0"
    nginx = (EXAMPLE / "nginx.conf").read_text()
    assert re.search(rf"server memstack:{port};", nginx)
