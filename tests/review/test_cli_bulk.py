"""``memstack review`` in bulk: filters, counts per scope, confirmation, --yes, --json."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner, Result

from memstack import Memory
from memstack.cli import main


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def seed() -> dict[str, Any]:
    """Five pending proposals: two scopes, two kinds, two proposers, one with a finding."""
    mem = Memory()
    try:
        made = {
            "fact_a": mem.propose("acme/alice", "Alice is vegan", kind="fact",
                                  source={"origin": "ai", "author": "bot-1"}),
            "rule_a": mem.propose("acme/alice", "Answer briefly", kind="rule",
                                  source={"origin": "ai", "author": "bot-1"}),
            "mail_a": mem.propose("acme/alice", "Alice's email is alice@example.com",
                                  kind="fact", source={"origin": "ai", "author": "bot-2"}),
            "fact_b": mem.propose("acme/bob", "Bob likes figs", kind="fact",
                                  source={"origin": "ai", "author": "bot-2"}),
            "other": mem.propose("beta/carol", "Carol rows", kind="fact",
                                 source={"origin": "ai", "author": "bot-1"}),
        }  # fmt: skip
    finally:
        mem.close()
    assert made["mail_a"].findings and not made["fact_a"].findings
    return made


def states() -> dict[str, str]:
    mem = Memory()
    try:
        return {p.text: p.state for p in mem.proposals(state="all")}
    finally:
        mem.close()


def test_counts_per_scope() -> None:
    seed()
    out = run("review", "--counts", "--json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == {
        "acme/alice": {"pending": 3, "with findings": 1, "rules": 1},
        "acme/bob": {"pending": 1, "with findings": 0, "rules": 0},
        "beta/carol": {"pending": 1, "with findings": 0, "rules": 0},
    }
    text = run("review", "--counts", "--scope", "acme").stdout
    assert "acme/alice" in text and "beta/carol" not in text and "Total: 4 pending." in text


def test_bulk_approve_with_filters_and_yes() -> None:
    seed()
    out = run("review", "--scope", "acme", "--kind", "fact", "--severity", "none",
              "--approve-all", "--yes", "--json")  # fmt: skip
    assert out.exit_code == 0, out.output
    decided = json.loads(out.stdout)
    assert [d["state"] for d in decided] == ["approved", "approved"] and all(d["result_id"]
                                                                             for d in decided)
    assert states() == {
        "Alice is vegan": "approved", "Bob likes figs": "approved", "Answer briefly": "pending",
        "Alice's email is alice@example.com": "pending", "Carol rows": "pending",
    }  # fmt: skip


def test_bulk_reject_by_proposer_needs_a_reason_and_asks_first() -> None:
    seed()
    assert run("review", "--proposer", "bot-2", "--reject-all").exit_code == 2
    # Off a terminal, without --yes, nothing is decided: the table is shown and it refuses.
    refused = run("review", "--proposer", "bot-2", "--reject-all", "--reason", "noisy")
    assert refused.exit_code == 2 and "without --yes" in refused.stderr
    assert "Bob likes figs" in refused.stdout
    assert set(states().values()) == {"pending"}
    done = run("review", "--proposer", "bot-2", "--reject-all", "--reason", "noisy", "--yes")
    assert done.exit_code == 0 and done.stdout.strip() == "Rejected 2 of 2 proposal(s)."
    assert [t for t, s in states().items() if s == "rejected"] == [
        "Alice's email is alice@example.com", "Bob likes figs",
    ]  # fmt: skip


def test_bulk_by_finding_severity() -> None:
    seed()
    out = run("review", "--severity", "low", "--reject-all", "--reason", "personal data", "-y")
    assert out.exit_code == 0, out.output
    assert [t for t, s in states().items() if s == "rejected"] == [
        "Alice's email is alice@example.com"
    ]


def test_the_interactive_walk_takes_the_same_filters() -> None:
    seed()
    out = run("review", "--scope", "beta", input="a\n")
    assert out.exit_code == 0, out.output
    assert "[1/1]" in out.stdout and "Carol rows" in out.stdout
    assert states()["Carol rows"] == "approved"
