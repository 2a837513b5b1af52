"""`memstack ingest` stores every turn and lists the turns it had to change (issue 10.4)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from memstack.cli import main

TOKEN = "ghp_Zq7xR2mK9vL4nP8sT1wY5bC3dF6gH0jA2eU7"


def test_ingest_reports_each_changed_turn(tmp_path: Path) -> None:
    messages = [
        {"role": "user", "content": "Deploy the app please."},
        {"role": "user", "id": "t2", "content": f"Use {TOKEN} as the token."},
        {"role": "assistant", "content": "Done. " + "The log was long. " * 1500},
    ]
    path = tmp_path / "conv.json"
    path.write_text(json.dumps(messages))
    r = CliRunner().invoke(main, ["ingest", "-s", "acme/alice", str(path)])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "Ingested 3 turn(s) into acme/alice.",
        "  changed turn 1 (id t2): removed a secret (GitHub token)",
        "  changed turn 2 (id 2): split into 2 parts",
    ]
    out = json.loads(
        CliRunner().invoke(main, ["ingest", "-s", "acme/bob", str(path), "--json"]).stdout
    )
    assert (out["ingested"], out["turns"]) == (4, 3) and [c["turn"] for c in out["changes"]] == [
        "t2",
        "2",
    ]
    listed = json.loads(CliRunner().invoke(main, ["list", "-s", "acme/alice", "--json"]).stdout)
    assert len(listed) == 4 and all(TOKEN not in m["text"] for m in listed)
