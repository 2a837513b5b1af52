"""``memstack proxy`` as its own process, the OpenAI SDK in front and a fake upstream behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import openai
import pytest
from click.testing import CliRunner

from memstack import Memory
from memstack.cli import main

from ..live import free_port, serving
from .upstream import REPLY, Upstream


def _wait_port(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the proxy exited with {proc.returncode}"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("the proxy did not start")


@pytest.mark.slow
def test_memstack_proxy_serves_v1_with_memory_and_passes_the_key_upstream(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    with Memory(home) as mem:
        mem.add("acme", "Answer in British English.", kind="rule")
    upstream = Upstream()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEMSTACK_")}
    env |= {"MEMSTACK_EMBEDDER": "fake", "UPSTREAM_KEY": "sk-upstream"}
    with serving(upstream.app()) as upstream_url:
        cmd = [sys.executable, "-m", "memstack", "--home", str(home), "proxy", "--no-auth",
               "--upstream", upstream_url + "/v1", "--upstream-key-env", "UPSTREAM_KEY",
               "--port", str(port), "--log-level", "warning"]  # fmt: skip
        log = (tmp_path / "proxy.log").open("wb")
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_port(port, proc)
            client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="anything",
                                   max_retries=0, default_headers={"X-Memstack-Scope": "acme/al"})
            with client:
                reply = client.chat.completions.create(
                    model="m", messages=[{"role": "user", "content": "Hello"}]
                )
        finally:
            proc.terminate()
            proc.wait(30)
            log.close()
    assert reply.choices[0].message.content == REPLY
    sent = upstream.requests[0]
    assert "British English" in sent["messages"][0]["content"]
    assert sent["prompt_cache_key"].startswith("ms-")
    assert upstream.headers[0]["authorization"] == "Bearer sk-upstream"
    assert proc.returncode in (0, -15), (tmp_path / "proxy.log").read_text()


def test_proxy_refuses_a_non_http_upstream_and_no_auth_off_loopback() -> None:
    bad = CliRunner().invoke(main, ["proxy", "--upstream", "api.openai.com"])
    assert bad.exit_code == 2 and "http(s) URL" in bad.output
    wide = CliRunner().invoke(
        main, ["proxy", "--upstream", "http://x/v1", "--no-auth", "--host", "0.0.0.0"]
    )
    assert wide.exit_code == 2 and "loopback" in wide.output


def test_the_proxy_upstream_setting_mounts_the_proxy_on_serve(tmp_path: Path) -> None:
    from memstack.server import ServerConfig
    from memstack.server.serve import _build

    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('proxy_upstream = "http://127.0.0.1:9/v1"\n')
    with_proxy = _build(str(home), None, ServerConfig())
    plain = _build(str(tmp_path / "other"), None, ServerConfig())
    try:
        paths = {getattr(r, "path", None) for r in with_proxy.routes}
        assert {"/proxy/v1/chat/completions", "/proxy/usage", "/mcp"} <= paths
        assert "/proxy/v1/chat/completions" not in {getattr(r, "path", None) for r in plain.routes}
    finally:
        with_proxy.state.door.memory.close()
        plain.state.door.memory.close()
