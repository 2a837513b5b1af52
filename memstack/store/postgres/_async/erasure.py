"""The erasure engine of the PostgreSQL store: selecting what to erase and removing it.

The same selection rules as SQLite's engine (:mod:`memstack.store.sqlite.erasure`,
whose docstring explains them): a whole tree is one DELETE per table; a
selective erasure (``ids``/``match``/gc) seeds a selection in temporary tables
(ids only, never content), closes it over every link (supersede chains both
ways, proposals targeting or producing a selected memory, extraction logs
naming a selected proposal) and then deletes, tombstones the history and
cleans the keyword context of neighbouring turns.

PostgreSQL cannot call memstack's Python matching and tombstone functions, so
``match`` reads candidate texts of the scope and decides in Python with
:func:`memstack.models.text_matches`, and tombstones are computed in Python and
written back in one statement; both use the exact helpers the other backends
use, so a selection and a tombstone are the same on every backend.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ....errors import NotFound
from ....models import (
    HELD,
    PRIVACY_ACTIONS,
    ErasureCounts,
    Held,
    normalize_match,
    pseudonym,
    scrub_context,
    text_matches,
    tombstone_detail,
)
from ..rows import tree
from .postings import index_rows, unindex_rows
from .tx import AsyncTx

__all__ = ["erase_selected", "erase_tree", "privacy_setup"]

_SELECTABLE = tuple(h for h in HELD if not h.whole_scope_only)
_PROPOSALS = "proposals"


async def privacy_setup(tx: AsyncTx) -> None:
    """Create the work tables (dropped at commit), empty them, mark the batch as an erasure."""
    tx.erased = True
    names = ["erase_ids", *(f"erase_{h.name}" for h in _SELECTABLE)]
    # Dropped at commit: no session state outlives the batch (PgBouncer-safe).
    temp = "CREATE TEMP TABLE IF NOT EXISTS {} ({} PRIMARY KEY) ON COMMIT DROP"
    await tx.execute(temp.format("erase_rows", "rowid BIGINT"))
    for name in names:
        await tx.execute(temp.format(name, "id TEXT"))
    await _clear_temp(tx)


async def _clear_temp(tx: AsyncTx) -> None:
    await tx.execute(
        "TRUNCATE erase_rows, erase_ids, " + ", ".join(f"erase_{h.name}" for h in _SELECTABLE)
    )


async def erase_tree(tx: AsyncTx, scope: str, *, receipt: str, reason: str) -> ErasureCounts:
    """Everything in ``scope`` and below: one DELETE per table."""
    sql, params = tree("scope", scope)
    await tx.execute(
        f"INSERT INTO erase_rows (rowid) SELECT rowid FROM memories WHERE {sql}", params
    )
    held: dict[str, int] = {}
    for h in HELD:
        hsql, hparams = tree(h.scope, scope)
        held[h.name] = await tx.count(f"DELETE FROM {h.name} WHERE {hsql}", hparams)
    events = await _tombstone(tx, sql, params, receipt, reason)
    records, versions, keyword_rows, contexts, vectors = await _drop_rows(tx, whole=True)
    await _clear_temp(tx)
    return ErasureCounts(
        records=records, versions=versions, events_tombstoned=events,
        keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
    )  # fmt: skip


async def _insert_ids(tx: AsyncTx, table: str, ids: Sequence[Any]) -> int:
    ids = [i for i in ids if i is not None]
    if not ids:
        return 0
    return await tx.count(
        f"INSERT INTO {table} (id) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", (ids,)
    )


async def _matching(
    tx: AsyncTx, sql: str, params: Sequence[Any], cols: Sequence[str], needle: str
) -> list[Any]:
    """Values of the first column of rows where any of ``cols`` contains ``needle``."""
    out = []
    for row in await tx.all(sql, params):
        if any(isinstance(t, str) and text_matches(t, needle) for t in row[1 : 1 + len(cols)]):
            out.append(row[0])
    return out


async def erase_selected(
    tx: AsyncTx,
    scope: str,
    descendants: bool,
    *,
    receipt: str,
    reason: str,
    ids: Sequence[str] = (),
    match: str | None = None,
    expired_at: datetime | None = None,
    lineage: bool,
) -> ErasureCounts:
    """Seed a selection, close it over every link, then erase it."""
    await _clear_temp(tx)
    msql, mparams = tree("scope", scope, descendants)
    needle = normalize_match(match) if match is not None else None
    # 1. Seeds.
    if ids:
        await _seed_ids(tx, ids, scope, msql, mparams)
    if needle is not None:
        found = await _matching(
            tx, f"SELECT id, text FROM memories WHERE {msql}", mparams, ["text"], needle
        )
        # History of memories deleted earlier still holds their text.
        found += await _matching(
            tx,
            f"SELECT memory_id, before, after FROM events WHERE {msql} AND memory_id IS NOT NULL",
            mparams, ["before", "after"], needle,
        )  # fmt: skip
        await _insert_ids(tx, "erase_ids", found)
        for h in _SELECTABLE:
            if h.texts:
                hsql, hparams = tree(h.scope, scope, descendants)
                cols = [f"{c}::text" for c in h.texts]
                rows = await _matching(
                    tx, f"SELECT id, {', '.join(cols)} FROM {h.name} WHERE {hsql}", hparams,
                    h.texts, needle,
                )  # fmt: skip
                await _insert_ids(tx, f"erase_{h.name}", rows)
    if expired_at is not None:
        await tx.execute(
            f"INSERT INTO erase_ids SELECT id FROM memories WHERE {msql} "
            "AND expires_at IS NOT NULL AND expires_at <= %s ON CONFLICT DO NOTHING",
            [*mparams, expired_at.timestamp()],
        )
    # 2. Close over links until nothing new joins.
    while True:
        added = 0
        if lineage:
            added += await _walk_lineage(tx, msql, mparams)
        for h in _SELECTABLE:
            added += await _walk_links(tx, h, scope, descendants)
        if not added:
            break
    # 3. Erase.
    await tx.execute(
        f"INSERT INTO erase_rows (rowid) SELECT rowid FROM memories WHERE {msql} "
        "AND id IN (SELECT id FROM erase_ids)",
        mparams,
    )
    held = {
        h.name: await tx.count(f"DELETE FROM {h.name} WHERE id IN (SELECT id FROM erase_{h.name})")
        for h in _SELECTABLE
    }
    linked = "memory_id IN (SELECT id FROM erase_ids)"
    linked += f" OR detail ->> 'proposal' IN (SELECT id FROM erase_{_PROPOSALS})"
    esql = f"{msql} AND ({linked})"
    events = await _tombstone(
        tx, esql, list(mparams), receipt, reason, needle=needle, scope_sql=msql
    )
    records, versions, keyword_rows, contexts, vectors = await _drop_rows(tx, whole=False)
    await _clear_temp(tx)
    return ErasureCounts(
        records=records, versions=versions, events_tombstoned=events,
        keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
    )  # fmt: skip


async def _seed_ids(
    tx: AsyncTx, ids: Sequence[str], scope: str, msql: str, mparams: list[Any]
) -> None:
    await _insert_ids(tx, "erase_ids", list(ids))
    unknown = [
        i
        for (i,) in await tx.all(
            "SELECT id FROM erase_ids t WHERE "
            f"NOT EXISTS (SELECT 1 FROM memories WHERE id = t.id AND {msql}) AND "
            f"NOT EXISTS (SELECT 1 FROM events WHERE memory_id = t.id AND {msql}) ORDER BY id",
            [*mparams, *mparams],
        )
    ]
    if unknown:
        # Report in the caller's order, as the other backends do.
        first = next(i for i in ids if i in set(unknown))
        raise NotFound(
            f"No memory or history with id {first!r} under scope {scope!r}"
            + (f" (and {len(unknown) - 1} more unknown ids)." if len(unknown) > 1 else "."),
            hint="List ids with 'memstack list --scope ...' or 'memstack audit --scope ...'.",
        )


async def _walk_lineage(tx: AsyncTx, msql: str, mparams: list[Any]) -> int:
    ids = "(SELECT id FROM erase_ids)"
    add = " ON CONFLICT DO NOTHING"
    n = await tx.count(
        f"INSERT INTO erase_ids SELECT superseded_by FROM memories "
        f"WHERE id IN {ids} AND superseded_by IS NOT NULL{add}"
    )
    n += await tx.count(
        f"INSERT INTO erase_ids SELECT id FROM memories WHERE superseded_by IN {ids}{add}"
    )
    n += await tx.count(
        "INSERT INTO erase_ids SELECT detail ->> 'supersedes' FROM events "
        f"WHERE memory_id IN {ids} AND detail ->> 'supersedes' IS NOT NULL{add}"
    )
    n += await tx.count(
        f"INSERT INTO erase_ids SELECT memory_id FROM events WHERE {msql} "
        f"AND memory_id IS NOT NULL AND detail ->> 'supersedes' IN {ids}{add}",
        mparams,
    )
    return n


async def _walk_links(tx: AsyncTx, h: Held, scope: str, descendants: bool) -> int:
    hsql, hparams = tree(h.scope, scope, descendants)
    add = " ON CONFLICT DO NOTHING"
    n = 0
    for col in h.memory_refs:
        n += await tx.count(
            f"INSERT INTO erase_{h.name} SELECT id FROM {h.name} "
            f"WHERE {hsql} AND {col} IN (SELECT id FROM erase_ids){add}",
            hparams,
        )
    xsql, xparams = tree(f"x.{h.scope}", scope, descendants)
    for col in h.proposal_refs:
        n += await tx.count(
            f"INSERT INTO erase_{h.name} SELECT x.id FROM {h.name} x "
            f"WHERE {xsql} AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(x.{col}) j "
            f"WHERE j IN (SELECT id FROM erase_{_PROPOSALS})){add}",
            xparams,
        )
    for col in h.results:
        n += await tx.count(
            f"INSERT INTO erase_ids SELECT {col} FROM {h.name} "
            f"WHERE id IN (SELECT id FROM erase_{h.name}) AND {col} IS NOT NULL{add}"
        )
    return n


async def _tombstone(
    tx: AsyncTx,
    where_sql: str,
    params: list[Any],
    receipt: str,
    reason: str,
    *,
    needle: str | None = None,
    scope_sql: str = "",
) -> int:
    """Turn matching events into tombstones; receipts and old tombstones stay as they are.

    With ``needle``, events of the scope whose text contains it are tombstoned too.
    """
    privacy = list(PRIVACY_ACTIONS)
    cond = "action <> ALL(%s) AND detail ->> 'erased' IS NULL"
    seqs = {
        s
        for (s,) in await tx.all(
            f"SELECT seq FROM events WHERE ({where_sql}) AND {cond}", [*params, privacy]
        )
    }
    if needle is not None:
        seqs.update(
            await _matching(
                tx, f"SELECT seq, before, after FROM events WHERE {scope_sql} AND {cond}",
                [*params[: scope_sql.count('%s')], privacy], ["before", "after"], needle,
            )
        )  # fmt: skip
    if not seqs:
        return 0
    rows = await tx.all(
        "SELECT seq, actor, detail::text FROM events WHERE seq = ANY(%s)", (sorted(seqs),)
    )
    details: dict[str, str] = {}
    actors: dict[str, str] = {}
    new_seq, new_actor, new_detail = [], [], []
    for seq, actor, detail in rows:
        if detail not in details:
            data = json.loads(detail) if detail else {}
            kept = tombstone_detail(
                data if isinstance(data, dict) else {}, receipt=receipt, reason=reason
            )
            details[detail] = json.dumps(kept, ensure_ascii=False, sort_keys=True)
        if actor not in actors:
            actors[actor] = pseudonym(actor or "")
        new_seq.append(seq)
        new_actor.append(actors[actor])
        new_detail.append(details[detail])
    return await tx.count(
        "UPDATE events e SET before = NULL, after = NULL, actor = u.actor, "
        "detail = u.detail::jsonb "
        "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS u(seq, actor, detail) "
        "WHERE e.seq = u.seq",
        (new_seq, new_actor, new_detail),
    )


async def _drop_rows(tx: AsyncTx, *, whole: bool) -> tuple[int, int, int, int, int]:
    """Delete the rows in ``erase_rows`` with keyword rows and vectors.

    Returns ``(records, versions, keyword_rows, keyword_contexts, vectors)``.
    """
    doomed = "(SELECT rowid FROM erase_rows)"
    records = (
        await tx.one(
            f"SELECT count(*) FROM memories m WHERE m.rowid IN {doomed} "
            "AND (m.superseded_by IS NULL "
            f"OR m.superseded_by NOT IN (SELECT d.id FROM memories d WHERE d.rowid IN {doomed}))"
        )
    )[0]
    contexts = 0 if whole else await _scrub_contexts(tx)
    keyword_rows = await unindex_rows(tx, f"m.rowid IN {doomed}", ())
    vectors = await tx.count(f"DELETE FROM vectors WHERE memory IN {doomed}")
    versions = await tx.count(f"DELETE FROM memories WHERE rowid IN {doomed}")
    return int(records), versions, keyword_rows, contexts, vectors


async def _scrub_contexts(tx: AsyncTx) -> int:
    """Remove erased turns' terms from the keyword context of the turns that remain."""
    erased: dict[str, list[str]] = defaultdict(list)
    for scope, terms in await tx.all(
        "SELECT m.scope, k.terms FROM memories m JOIN keywords k ON k.memory = m.rowid "
        "WHERE m.rowid IN (SELECT rowid FROM erase_rows)"
    ):
        if terms:
            erased[scope].append(terms)
    changed: list[tuple[int, str, str, str]] = []
    for scope, terms_list in erased.items():
        rows = await tx.all(
            "SELECT m.rowid, k.terms, k.context FROM memories m JOIN keywords k "
            "ON k.memory = m.rowid WHERE m.scope = %s "
            "AND m.rowid NOT IN (SELECT rowid FROM erase_rows) AND k.context <> ''",
            (scope,),
        )
        for rowid, terms, context in rows:
            new = scrub_context(context, terms_list)
            if new != context:
                changed.append((int(rowid), scope, terms, new))
    if changed:
        # Re-index the cleaned rows: postings and statistics follow their new context.
        await unindex_rows(tx, "m.rowid = ANY(%s)", ([c[0] for c in changed],))
        await index_rows(tx, changed)
    return len(changed)
