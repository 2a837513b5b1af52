"""CLI commands for the review service: propose, proposals, approve, reject, review, policy.

Every approval from the command line names the content hash of the text the
reviewer was shown, so a proposal that changed in between is refused with a
conflict instead of being applied. ``memstack review`` walks the pending queue
interactively: approve, edit in ``$EDITOR``, reject, skip or quit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from ..errors import Conflict, Refused, UsageError
from ..models import Finding, Kind, Proposal, proposal_to_dict
from .common import echo_json, json_option, open_memory, scope_opt, short, table

KIND = click.Choice(["rule", "fact", "episode"])
STATE = click.Choice(["pending", "approved", "rejected", "expired", "all"])
HASH_SHOWN = len("sha256:") + 12  # characters of a content hash shown in tables

reviewer_option = click.option("--reviewer", "-r", help="Who is reviewing (default: $USER).")


def _hash(h: str) -> str:
    return h[:HASH_SHOWN] + "…"


def _findings_cell(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    order = ("low", "medium", "high", "critical")
    worst = max(findings, key=lambda f: order.index(f.severity))
    return f"{len(findings)} ({worst.severity})"


def _full_hash(p: Proposal, given: str | None) -> str:
    """The hash the reviewer vouches for: ``--hash`` (a long prefix counts) or the shown one."""
    if given is None:
        return p.content_hash
    if len(given) >= HASH_SHOWN and p.content_hash.startswith(given):
        return p.content_hash
    return given  # a mismatch: approve() raises Conflict with both hashes


def _show(p: Proposal, target_text: str | None = None) -> None:
    src = p.source
    who = f"{src.author} ({src.origin})" if src.author else src.origin
    click.secho(f"Proposal {p.id}: {p.op} {p.kind} in {p.scope}", bold=True)
    expiry = f", expires {short(p.expires_at)}" if p.expires_at else ""
    click.echo(f"  state: {p.state}; proposed by {who} at {short(p.created_at)}{expiry}")
    if src.conversation or src.turns:
        turns = f" turns {', '.join(src.turns)}" if src.turns else ""
        click.echo(f"  from conversation {src.conversation or '?'}{turns}")
    if p.topic:
        click.echo(f"  topic: {p.topic}")
    if p.rationale:
        click.echo(f"  rationale: {p.rationale}")
    if p.excerpt:
        click.echo("  source excerpt:")
        for line in p.excerpt.splitlines() or [""]:
            click.echo(f"    > {line}")
    if p.target:
        click.echo(f"  target: {p.target}")
        if target_text is not None and p.op != "delete":
            click.echo("  current text:")
            for line in target_text.splitlines() or [""]:
                click.echo(f"    {line}")
    click.echo("  text:" if p.op != "delete" else "  text to delete:")
    for line in p.text.splitlines() or [""]:
        click.echo(f"    {line}")
    if p.findings:
        click.echo("  findings:")
        for f in p.findings:
            color = "red" if f.severity in ("high", "critical") else "yellow"
            label = click.style(f"{f.severity:>8}", fg=color)
            click.echo(f"    {label} {f.category}: {f.message} (characters {f.start}-{f.end})")
    if p.reviewer:
        reason = f": {p.reason}" if p.reason else ""
        click.echo(f"  {p.state} by {p.reviewer} at {short(p.reviewed_at)}{reason}")
    if p.result_id:
        click.echo(f"  result: memory {p.result_id}")
    click.echo(f"  content hash: {p.content_hash}")


def _decided(p: Proposal) -> str:
    if p.state == "approved":
        return f"Approved {p.id} as {p.reviewer}: memory {p.result_id} ({p.op})."
    if p.state == "rejected":
        return f"Rejected {p.id} as {p.reviewer}: {p.reason}."
    if p.state == "expired":
        return f"Proposal {p.id} expired."
    quarantine = f" with {len(p.findings)} finding(s)" if p.findings else ""
    return f"Proposal {p.id} is pending review{quarantine} (hash {_hash(p.content_hash)})."


@click.command()
@click.option("--scope", "-s", required=True, help="Scope path, e.g. acme/alice.")
@click.argument("text", required=False)
@click.option("--kind", "-k", type=KIND, required=True, help="Kind of memory.")
@click.option(
    "--op", type=click.Choice(["add", "update", "supersede", "delete"]), default="add",
    show_default=True, help="The change to propose.",
)  # fmt: skip
@click.option("--target", help="Memory id an update, supersede or delete is about.")
@click.option("--rationale", help="Why the change is suggested.")
@click.option("--excerpt", help="The source text the change comes from.")
@click.option("--topic", "-t", help="Heading of the new memory.")
@click.option(
    "--author", help="Who proposes it (a model or tool id).", default="cli", show_default=True
)
@json_option
@click.pass_context
def propose(
    ctx: click.Context, scope: str, text: str | None, kind: Kind, op: str, target: str | None,
    rationale: str | None, excerpt: str | None, topic: str | None, author: str, as_json: bool,
) -> None:  # fmt: skip
    """Propose a change as an AI or tool would: screened, then queued or decided by policy."""
    if text is None and op != "delete":
        raise click.UsageError("TEXT is required unless --op delete.")
    p = open_memory(ctx).propose(
        scope, text, kind=kind, op=op, target=target, rationale=rationale, excerpt=excerpt,
        topic=topic, source={"origin": "ai", "author": author},
    )  # fmt: skip
    if as_json:
        echo_json(proposal_to_dict(p))
    else:
        click.echo(_decided(p))


@click.command()
@click.option("--scope", "-s", help="Only this scope and the scopes below it.")
@click.option("--state", type=STATE, default="pending", show_default=True, help="Which proposals.")
@click.option("--limit", "-n", type=click.IntRange(min=1), help="At most this many.")
@json_option
@click.pass_context
def proposals(
    ctx: click.Context, scope: str | None, state: str, limit: int | None, as_json: bool
) -> None:
    """List proposals (pending ones by default), oldest first."""
    found = open_memory(ctx, read_only=True).proposals(scope, state=state, limit=limit)
    if as_json:
        echo_json([proposal_to_dict(p) for p in found])
        return
    if not found:
        click.echo("No proposals." if state == "all" else f"No {state} proposals.")
        return
    _proposal_table(found)


def _proposal_table(found: Sequence[Proposal]) -> None:
    table(
        ["id", "state", "op", "kind", "scope", "findings", "hash", "text"],
        [
            [p.id, p.state, p.op, p.kind, p.scope, _findings_cell(p.findings),
             _hash(p.content_hash), p.text]
            for p in found
        ],  # fmt: skip
        wrap=7,
    )


@click.command()
@click.argument("proposal_id")
@click.option(
    "--edit", "edit", metavar="TEXT", help="Approve with this text instead (screened again)."
)
@click.option(
    "--hash",
    "seen_hash",
    metavar="HASH",
    help="Content hash you reviewed (from 'memstack proposals'); a mismatch is refused.",
)
@reviewer_option
@json_option
@click.pass_context
def approve(
    ctx: click.Context, proposal_id: str, edit: str | None, seen_hash: str | None,
    reviewer: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Approve a pending proposal and apply it (its exact text, or --edit)."""
    mem = open_memory(ctx)
    p = mem.proposal(proposal_id)
    expected = _full_hash(p, seen_hash)
    done = mem.approve(p.id, reviewer=reviewer, text=edit, content_hash=expected)
    if as_json:
        echo_json(proposal_to_dict(done))
        return
    click.echo(f"Content hash checked: {expected}.")
    click.echo(_decided(done))


@click.command()
@click.argument("proposal_id")
@click.option("--reason", required=True, help="Why it is rejected (kept with the proposal).")
@reviewer_option
@json_option
@click.pass_context
def reject(
    ctx: click.Context, proposal_id: str, reason: str, reviewer: str | None, as_json: bool
) -> None:
    """Reject a pending proposal."""
    done = open_memory(ctx).reject(proposal_id, reviewer=reviewer, reason=reason)
    if as_json:
        echo_json(proposal_to_dict(done))
    else:
        click.echo(_decided(done))


def _edited(p: Proposal) -> str | None:
    """Open the text in $EDITOR; the result, or None when nothing changed.

    Bytes go to and from the editor untouched (click would otherwise turn CRLF
    into LF), so the approved text is exactly what the file holds, except for
    the final newline editors add, which is dropped if the proposal had none.
    """
    raw = click.edit(p.text.encode("utf-8"), require_save=True, extension=".txt")
    if raw is None:
        return None
    new = bytes(raw).decode("utf-8")
    if not p.text.endswith("\n"):
        for ending in ("\r\n", "\n"):
            if new.endswith(ending):
                new = new[: -len(ending)]
                break
    return None if new == p.text else new


SEVERITY = click.Choice(["none", "low", "medium", "high", "critical"])


@click.command()
@scope_opt(required=False, help="Only this scope and the scopes below it.")
@click.option("--kind", "-k", type=KIND, help="Only proposals of this kind.")
@click.option("--severity", type=SEVERITY,
              help="Only proposals with a finding at this severity or above "
              "(none: only those without findings).")  # fmt: skip
@click.option("--proposer", help="Only proposals from this author (a model or tool id).")
@click.option("--counts", is_flag=True, help="Count pending proposals per scope; change nothing.")
@click.option("--approve-all", "bulk", flag_value="approve",
              help="Approve every matching proposal (shows them, then asks).")  # fmt: skip
@click.option("--reject-all", "bulk", flag_value="reject",
              help="Reject every matching proposal (needs --reason; asks first).")  # fmt: skip
@click.option("--reason", help="Why they are rejected (with --reject-all).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before a bulk decision.")
@reviewer_option
@json_option
@click.pass_context
def review(
    ctx: click.Context, scope: str | None, kind: Kind | None, severity: str | None,
    proposer: str | None, counts: bool, bulk: str | None, reason: str | None, yes: bool,
    reviewer: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Review pending proposals: one by one, in bulk with filters, or count them.

    Without --approve-all, --reject-all or --counts, each matching proposal is
    shown with its source excerpt, findings and content hash. Keys: a = approve,
    e = edit in $EDITOR then approve, r = reject (asks a reason), s = skip,
    q = quit.

    \b
    Examples:
      memstack review --counts
      memstack review --scope acme --kind fact --severity none --approve-all
      memstack review --proposer gpt-4.1-mini --reject-all --reason "noisy" --yes
    """
    if bulk == "reject" and not (reason and reason.strip()):
        raise click.UsageError("--reject-all needs --reason (kept with each proposal).")
    if counts and bulk:
        raise click.UsageError("Pass either --counts or a bulk decision, not both.")
    mem = open_memory(ctx, read_only=counts)
    queue = mem.proposals(scope, state="pending", kind=kind, proposer=proposer, severity=severity)
    if counts:
        _counts(queue, as_json)
        return
    if bulk is not None:
        _bulk(mem, queue, bulk, reason, reviewer, yes, as_json)
        return
    if as_json:
        raise click.UsageError("--json goes with --counts, --approve-all or --reject-all.")
    _walk(mem, queue, reviewer)


def _counts(queue: Sequence[Proposal], as_json: bool) -> None:
    per: dict[str, dict[str, int]] = {}
    for p in queue:
        row = per.setdefault(p.scope, {"pending": 0, "with findings": 0, "rules": 0})
        row["pending"] += 1
        row["with findings"] += bool(p.findings)
        row["rules"] += p.kind == "rule"
    if as_json:
        echo_json({scope: per[scope] for scope in sorted(per)})
        return
    if not per:
        click.echo("Nothing to review.")
        return
    table(
        ["scope", "pending", "with findings", "rules"],
        [[s, r["pending"], r["with findings"], r["rules"]] for s, r in sorted(per.items())],
    )
    click.echo(f"Total: {len(queue)} pending.")


def _bulk(
    mem: Any, queue: Sequence[Proposal], action: str, reason: str | None, reviewer: str | None,
    yes: bool, as_json: bool,
) -> None:  # fmt: skip
    if not queue:
        if as_json:
            echo_json([])
        else:
            click.echo("Nothing to review.")
        return
    if not yes:
        _proposal_table(queue)
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise click.UsageError(
                f"Refusing to {action} {len(queue)} proposal(s) without --yes off a terminal."
            )
        click.confirm(f"{action.capitalize()} these {len(queue)} proposal(s)?", abort=True)
    done = mem.decide(
        [(p.id, p.content_hash) for p in queue], action=action, reviewer=reviewer, reason=reason
    )
    if as_json:
        echo_json([
            {"id": d.id, "ok": d.ok, "state": d.proposal.state if d.proposal else None,
             "result_id": d.proposal.result_id if d.proposal else None,
             "error": None if d.ok else str(d.error)}
            for d in done
        ])  # fmt: skip
        return
    for d in done:
        if not d.ok:
            click.secho(f"{d.id}: {d.error}", fg="red", err=True)
    ok = sum(d.ok for d in done)
    verb = "Approved" if action == "approve" else "Rejected"
    failed = f"; {len(done) - ok} could not be (see above)" if ok < len(done) else ""
    click.echo(f"{verb} {ok} of {len(done)} proposal(s){failed}.")
    if ok < len(done):
        raise SystemExit(1)


def _walk(mem: Any, queue: Sequence[Proposal], reviewer: str | None) -> None:
    if not queue:
        click.echo("Nothing to review.")
        return
    counts = {"approved": 0, "rejected": 0, "skipped": 0}
    for n, p in enumerate(queue, 1):
        click.echo("-" * 72)
        click.echo(f"[{n}/{len(queue)}]")
        target_text = None
        if p.target:
            try:
                target_text = mem.get(p.target).text
            except UsageError:
                target_text = "(no longer exists)"
        _show(p, target_text)
        while True:
            key = click.prompt(
                "[a]pprove, [e]dit, [r]eject, [s]kip, [q]uit",
                type=click.Choice(["a", "e", "r", "s", "q"]),
                show_choices=False,
            )
            if key == "q":
                _summary(counts)
                return
            if key == "s":
                counts["skipped"] += 1
                break
            try:
                if key == "a":
                    done = mem.approve(p.id, reviewer=reviewer, content_hash=p.content_hash)
                elif key == "e":
                    new = _edited(p)
                    if new is None:
                        click.echo("No change; choose again.")
                        continue
                    click.echo("Edited text:")
                    for line in new.splitlines() or [""]:
                        click.echo(f"    {line}")
                    if not click.confirm("Approve the edited text?", default=True):
                        continue
                    done = mem.approve(
                        p.id, reviewer=reviewer, text=new, content_hash=p.content_hash
                    )
                else:
                    reason = click.prompt("Reason")
                    done = mem.reject(p.id, reviewer=reviewer, reason=reason)
            except (Conflict, Refused) as exc:
                # Someone else decided it, or the edit holds a secret: say so, keep going.
                click.secho(f"Error: {exc}", fg="red", err=True)
                if isinstance(exc, Refused):
                    continue
                break
            click.echo(_decided(done))
            counts[done.state] += 1
            break
    _summary(counts)


def _summary(counts: dict[str, int]) -> None:
    click.echo(", ".join(f"{v} {k}" for k, v in counts.items()) + ".")


@click.group()
def policy() -> None:
    """Review policies per scope prefix and kind: human, auto or deny."""


@policy.command("set")
@click.argument("prefix")
@click.argument("mode", type=click.Choice(["human", "auto", "deny", "inherit"]))
@click.option("--kind", "-k", type=KIND, help="Only proposals of this kind (default: every kind).")
@click.option("--author", help="Who sets it (default: $USER).")
@click.pass_context
def policy_set(
    ctx: click.Context, prefix: str, mode: str, kind: Kind | None, author: str | None
) -> None:
    """Set how proposals under PREFIX are reviewed ('*' for every scope).

    MODE is human (wait for a person), auto (apply when screening finds nothing
    above low), deny (reject at once) or inherit (remove this policy). The most
    specific prefix wins; rules always wait for a person.
    """
    open_memory(ctx).set_policy(prefix, kind, mode, author=author)
    what = f"{prefix} ({kind or 'any kind'})"
    click.echo(
        f"Removed the policy for {what}." if mode == "inherit" else f"Policy for {what}: {mode}."
    )


@policy.command("list")
@json_option
@click.pass_context
def policy_list(ctx: click.Context, as_json: bool) -> None:
    """List review policies (without any, every proposal waits for a person)."""
    rows = open_memory(ctx, read_only=True).policies()
    if as_json:
        echo_json(
            [
                {
                    "scope_prefix": p.scope_prefix,
                    "kind": p.kind,
                    "mode": p.mode,
                    "updated_at": p.updated_at.isoformat(),
                    "author": p.author,
                }
                for p in rows
            ]
        )
        return
    if not rows:
        click.echo("No policies: every proposal waits for a person.")
        return
    table(
        ["prefix", "kind", "mode", "set by", "set at"],
        [
            [p.scope_prefix, p.kind or "*", p.mode, p.author or "", short(p.updated_at)]
            for p in rows
        ],
    )


COMMANDS: list[click.Command] = [propose, proposals, approve, reject, review, policy]
