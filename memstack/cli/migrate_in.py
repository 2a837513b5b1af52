"""``memstack import --from mem0|langgraph FILE``: move in from another memory tool.

The file is read by :mod:`memstack.importers` into items with their own scopes
(under ``--scope``), times and metadata. Each item is then written through the
facade like any other change: proposed (screened; the scope's review policy
decides whether it waits for a person, is applied, or is rejected) or, with
``--approve``, added at once as a human-authored import (still refused if it
holds a secret). Every item has an idempotency key derived from the source, so
running the same import again stores nothing twice. One item's failure does not
stop the others: the report says what happened to each.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ..core import Memory
from ..errors import MemstackError
from ..importers import ImportItem, parse, preview
from ..models import Source


def run(
    mem: Memory | None,
    source: str,
    text: str,
    root: str,
    *,
    approve: bool,
    author: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import ``text`` read as ``source`` under ``root`` and print the per-item report."""
    items = parse(source, text, root)
    report: list[dict[str, Any]] = []
    with click.progressbar(length=len(items), label="Importing", file=sys.stderr) as bar:
        for item in items:
            report.append(_one(mem, item, approve=approve, author=author, dry_run=dry_run))
            bar.update(1)
    counts: dict[str, int] = {}
    for row in report:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    if as_json:
        click.echo(_json({"dry_run": dry_run, "counts": counts, "items": report}))
        return
    for row in report:
        line = f"{row['status']:<9} {row['ref']}  -> {row['scope']}"
        if row.get("id"):
            line += f"  ({row['id']})"
        if row.get("reason"):
            line += f"  {row['reason']}"
        click.echo(line)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    verb = "Would import" if dry_run else "Imported"
    click.echo(f"{verb} {len(items)} items from {source}: {summary or 'none'}.")


def _one(
    mem: Memory | None, item: ImportItem, *, approve: bool, author: str | None, dry_run: bool
) -> dict[str, Any]:
    row: dict[str, Any] = {"ref": item.ref, "scope": item.scope}
    if item.problem is not None:
        return {**row, "status": "invalid", "reason": item.problem}
    if dry_run or mem is None:
        status, findings = preview(item)
        out = {**row, "status": status, "findings": [_finding(f) for f in findings]}
        if status == "refused":
            out["reason"] = "holds a secret; it would not be stored"
        return out
    src = Source(origin="import", author=author)
    try:
        if approve:
            rec = mem.add(
                item.scope, item.text, kind=item.kind, valid_from=item.valid_from,
                expires_at=item.expires_at, metadata=item.metadata, source=src, author=author,
                idempotency_key=item.key,
            )  # fmt: skip
            return {**row, "status": "added", "id": rec.id}
        p = mem.propose(
            item.scope, item.text, kind=item.kind, source=src, metadata=item.metadata,
            valid_from=item.valid_from, idempotency_key=item.key,
            rationale=f"Imported from another memory tool (item {item.ref}).",
        )  # fmt: skip
    except MemstackError as exc:
        status = type(exc).__name__.lower()
        return {**row, "status": "refused" if status == "refused" else "error",
                "reason": exc.message}  # fmt: skip
    status = {"pending": "pending", "approved": "applied", "rejected": "rejected"}.get(
        p.state, p.state
    )
    out = {**row, "status": status, "id": p.result_id if p.state == "approved" else p.id}
    if p.findings:
        out["findings"] = [_finding(f) for f in p.findings]
    return out


def _finding(f: Any) -> dict[str, Any]:
    return {"category": f.category, "severity": f.severity, "message": f.message}


def _json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
