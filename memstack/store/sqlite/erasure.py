"""The erasure engine of the SQLite store: selecting what to erase and removing it.

Used by the privacy handlers (:mod:`memstack.store.sqlite.privacy`), inside a
batch's write transaction.

**Set-based erasure.** Forgetting 100k memories must take seconds, so nothing
here loops over rows in Python. The rows to erase are collected into TEMP
tables (rowids and ids only, never content) and every artifact is removed with
one statement per table: ``DELETE … WHERE rowid IN (SELECT rowid FROM
temp.erase_rows)``. A scope and its descendants are ``scope = ? OR scope GLOB
'scope/*'`` (GLOB, not LIKE: ``_`` is legal in a segment and a LIKE wildcard),
which SQLite answers from the ``memories_scope`` index.

**Which tables.** Memories, their FTS rows and vectors, and events are handled
here by name; every other table holding data about a scope is listed in
:data:`memstack.models.HELD` (with the columns that link it to memories and
proposals and the free-text columns ``match`` reads), and this module walks
that list. A test compares it with the live schema, so a migration cannot add a
scope-bearing table that erasure silently misses.

**Selective erasure** (``ids``/``match``/gc) closes the selection over every
link before deleting anything: the supersede chain both ways (``superseded_by``
and the ``supersedes`` of update events, which still names versions deleted
earlier), proposals targeting or producing a selected memory, the memories
those proposals produced, and extraction logs naming a selected proposal. It
also cleans the keyword *context* of neighbouring conversation turns, which
index the terms of the turns around them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from ...errors import NotFound
from ...models import (
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
from . import stats
from .rows import tree
from .tx import Tx

__all__ = ["clear_caches", "erase_selected", "erase_tree", "register_functions"]

_PRIVACY = ",".join(f"'{a}'" for a in PRIVACY_ACTIONS)
#: Selective erasure never touches configuration rows (see ``Held.whole_scope_only``).
_SELECTABLE = tuple(h for h in HELD if not h.whole_scope_only)
_PROPOSALS = "proposals"  # the Held whose ids ``proposal_refs`` point at


def _sql_match(text: Any, needle: str) -> int:
    return 1 if isinstance(text, str) and text_matches(text, needle) else 0


# Memoised within one erasure (100k add events share a handful of details and
# actors), and cleared when it ends, so no erased value lingers in the process.
@lru_cache(maxsize=65_536)
def _sql_tombstone(detail: str | None, receipt: str, reason: str) -> str:
    try:
        data = json.loads(detail) if detail else {}
    except json.JSONDecodeError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    kept = tombstone_detail(data, receipt=receipt, reason=reason)
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=65_536)
def _sql_pseudonym(actor: str | None) -> str:
    return pseudonym(actor or "")


def clear_caches() -> None:
    """Forget memoised erased values (call when an erasure ends)."""
    _sql_tombstone.cache_clear()
    _sql_pseudonym.cache_clear()


def register_functions(conn: sqlite3.Connection) -> None:
    """Give a connection the SQL functions erasure uses (done once when it is opened)."""
    # One definition of match and tombstone for every backend: the Python helpers.
    conn.create_function("memstack_match", 2, _sql_match, deterministic=True)
    conn.create_function("memstack_tombstone", 3, _sql_tombstone, deterministic=True)
    conn.create_function("memstack_pseudonym", 1, _sql_pseudonym, deterministic=True)


def privacy_setup(tx: Tx) -> None:
    """(Re)create the empty TEMP work tables and mark the batch as an erasure."""
    c = tx.conn
    tx.erased = True
    tx.changed(None, "erase")
    c.execute("INSERT OR IGNORE INTO owed_compaction (id, since) VALUES (1, ?)", (time.time(),))
    c.execute("CREATE TEMP TABLE IF NOT EXISTS erase_rows (rowid INTEGER PRIMARY KEY)")
    c.execute("CREATE TEMP TABLE IF NOT EXISTS erase_ids (id TEXT PRIMARY KEY)")
    for h in _SELECTABLE:
        c.execute(f"CREATE TEMP TABLE IF NOT EXISTS erase_{h.name} (id TEXT PRIMARY KEY)")
    _clear_temp(tx)


def _clear_temp(tx: Tx) -> None:
    c = tx.conn
    c.execute("DELETE FROM temp.erase_rows")
    c.execute("DELETE FROM temp.erase_ids")
    for h in _SELECTABLE:
        c.execute(f"DELETE FROM temp.erase_{h.name}")


def erase_tree(tx: Tx, scope: str, *, receipt: str, reason: str) -> ErasureCounts:
    """Everything in ``scope`` and below: one DELETE per table, no link walking needed."""
    c = tx.conn
    sql, params = tree("scope", scope)
    c.execute(f"INSERT INTO temp.erase_rows (rowid) SELECT rowid FROM memories WHERE {sql}", params)
    held: dict[str, int] = {}
    for h in HELD:
        hsql, hparams = tree(h.scope, scope)
        held[h.name] = c.execute(f"DELETE FROM {h.name} WHERE {hsql}", hparams).rowcount
    events = _tombstone(tx, sql, params, receipt, reason)
    records, versions, keyword_rows, contexts, vectors = _drop_rows(tx, whole=True)
    _clear_temp(tx)
    return ErasureCounts(
        records=records, versions=versions, events_tombstoned=events,
        keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
    )  # fmt: skip


def erase_selected(
    tx: Tx,
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
    """Seed a selection, close it over every link, then erase it (see the module docstring)."""
    c = tx.conn
    _clear_temp(tx)
    msql, mparams = tree("scope", scope, descendants)
    needle = normalize_match(match) if match is not None else None
    # 1. Seeds.
    if ids:
        _seed_ids(tx, ids, scope, msql, mparams)
    if needle is not None:
        c.execute(
            f"INSERT OR IGNORE INTO temp.erase_ids SELECT id FROM memories "
            f"WHERE {msql} AND memstack_match(text, ?)",
            [*mparams, needle],
        )
        # History of memories deleted earlier still holds their text.
        c.execute(
            f"INSERT OR IGNORE INTO temp.erase_ids SELECT memory_id FROM events WHERE {msql} "
            "AND memory_id IS NOT NULL "
            "AND (memstack_match(before, ?) OR memstack_match(after, ?))",
            [*mparams, needle, needle],
        )
        for h in _SELECTABLE:
            if h.texts:
                hsql, hparams = tree(h.scope, scope, descendants)
                any_text = " OR ".join(f"memstack_match({col}, ?)" for col in h.texts)
                c.execute(
                    f"INSERT OR IGNORE INTO temp.erase_{h.name} SELECT id FROM {h.name} "
                    f"WHERE {hsql} AND ({any_text})",
                    [*hparams, *[needle] * len(h.texts)],
                )
    if expired_at is not None:
        c.execute(
            f"INSERT OR IGNORE INTO temp.erase_ids SELECT id FROM memories WHERE {msql} "
            "AND expires_at IS NOT NULL AND expires_at <= ?",
            [*mparams, expired_at.timestamp()],
        )
    # 2. Close over links until nothing new joins.
    while True:
        before = c.total_changes
        if lineage:
            _walk_lineage(tx, msql, mparams)
        for h in _SELECTABLE:
            _walk_links(tx, h, scope, descendants)
        if c.total_changes == before:
            break
    # 3. Erase.
    c.execute(
        f"INSERT INTO temp.erase_rows (rowid) SELECT rowid FROM memories WHERE {msql} "
        "AND id IN (SELECT id FROM temp.erase_ids)",
        mparams,
    )
    held = {
        h.name: c.execute(
            f"DELETE FROM {h.name} WHERE id IN (SELECT id FROM temp.erase_{h.name})"
        ).rowcount
        for h in _SELECTABLE
    }
    linked = "memory_id IN (SELECT id FROM temp.erase_ids)"
    linked += f" OR json_extract(detail, '$.proposal') IN (SELECT id FROM temp.erase_{_PROPOSALS})"
    eparams = list(mparams)
    if needle is not None:
        linked += " OR memstack_match(before, ?) OR memstack_match(after, ?)"
        eparams += [needle, needle]
    events = _tombstone(tx, f"{msql} AND ({linked})", eparams, receipt, reason)
    records, versions, keyword_rows, contexts, vectors = _drop_rows(tx, whole=False)
    _clear_temp(tx)
    return ErasureCounts(
        records=records, versions=versions, events_tombstoned=events,
        keyword_rows=keyword_rows, keyword_contexts=contexts, vectors=vectors, **held,
    )  # fmt: skip


def _seed_ids(tx: Tx, ids: Sequence[str], scope: str, msql: str, mparams: list[Any]) -> None:
    c = tx.conn
    c.executemany("INSERT OR IGNORE INTO temp.erase_ids (id) VALUES (?)", [(i,) for i in ids])
    # Every id must be known inside the scope: as a record, or (deleted earlier) in the history.
    unknown = [
        i
        for (i,) in c.execute(
            "SELECT id FROM temp.erase_ids t WHERE "
            f"NOT EXISTS (SELECT 1 FROM memories WHERE id = t.id AND {msql}) AND "
            f"NOT EXISTS (SELECT 1 FROM events WHERE memory_id = t.id AND {msql})",
            [*mparams, *mparams],
        )
    ]
    if unknown:
        raise NotFound(
            f"No memory or history with id {unknown[0]!r} under scope {scope!r}"
            + (f" (and {len(unknown) - 1} more unknown ids)." if len(unknown) > 1 else "."),
            hint="List ids with 'memstack list --scope ...' or 'memstack audit --scope ...'.",
        )


def _walk_lineage(tx: Tx, msql: str, mparams: list[Any]) -> None:
    c = tx.conn
    ids = "(SELECT id FROM temp.erase_ids)"
    # Newer versions, older versions, and links only the history still knows.
    c.execute(
        f"INSERT OR IGNORE INTO temp.erase_ids SELECT superseded_by FROM memories "
        f"WHERE id IN {ids} AND superseded_by IS NOT NULL"
    )
    c.execute(
        f"INSERT OR IGNORE INTO temp.erase_ids SELECT id FROM memories WHERE superseded_by IN {ids}"
    )
    c.execute(
        "INSERT OR IGNORE INTO temp.erase_ids "
        "SELECT json_extract(detail, '$.supersedes') FROM events "
        f"WHERE memory_id IN {ids} AND json_extract(detail, '$.supersedes') IS NOT NULL"
    )
    c.execute(
        f"INSERT OR IGNORE INTO temp.erase_ids SELECT memory_id FROM events WHERE {msql} "
        f"AND memory_id IS NOT NULL AND json_extract(detail, '$.supersedes') IN {ids}",
        mparams,
    )


def _walk_links(tx: Tx, h: Held, scope: str, descendants: bool) -> None:
    c = tx.conn
    hsql, hparams = tree(h.scope, scope, descendants)
    for col in h.memory_refs:
        c.execute(
            f"INSERT OR IGNORE INTO temp.erase_{h.name} SELECT id FROM {h.name} "
            f"WHERE {hsql} AND {col} IN (SELECT id FROM temp.erase_ids)",
            hparams,
        )
    xsql, xparams = tree(f"x.{h.scope}", scope, descendants)
    for col in h.proposal_refs:
        c.execute(
            f"INSERT OR IGNORE INTO temp.erase_{h.name} SELECT x.id FROM {h.name} x "
            f"WHERE {xsql} AND EXISTS (SELECT 1 FROM json_each(x.{col}) j "
            f"WHERE j.value IN (SELECT id FROM temp.erase_{_PROPOSALS}))",
            xparams,
        )
    for col in h.results:
        c.execute(
            f"INSERT OR IGNORE INTO temp.erase_ids SELECT {col} FROM {h.name} "
            f"WHERE id IN (SELECT id FROM temp.erase_{h.name}) AND {col} IS NOT NULL"
        )


def _tombstone(tx: Tx, where_sql: str, params: list[Any], receipt: str, reason: str) -> int:
    """Turn matching events into tombstones; receipts and old tombstones stay as they are."""
    return tx.conn.execute(
        "UPDATE events SET before = NULL, after = NULL, actor = memstack_pseudonym(actor), "
        "detail = memstack_tombstone(detail, ?, ?) "
        f"WHERE {where_sql} AND action NOT IN ({_PRIVACY}) "
        "AND json_extract(detail, '$.erased') IS NULL",
        [receipt, reason, *params],
    ).rowcount


def _drop_rows(tx: Tx, *, whole: bool) -> tuple[int, int, int, int, int]:
    """Delete the rows in ``temp.erase_rows`` with keyword rows and vectors.

    The triggers log each deleted row; with the batch's ``erase`` entry, every
    process's search cache drops the blocks that held them.

    Returns ``(records, versions, keyword_rows, keyword_contexts, vectors)``.
    """
    c = tx.conn
    doomed = "(SELECT rowid FROM temp.erase_rows)"
    records = c.execute(
        f"SELECT count(*) FROM memories m WHERE m.rowid IN {doomed} "
        "AND (m.superseded_by IS NULL "
        f"OR m.superseded_by NOT IN (SELECT d.id FROM memories d WHERE d.rowid IN {doomed}))"
    ).fetchone()[0]
    # Saved search blocks of these scopes hold the rows (and neighbours' contexts): gone too.
    scopes = [
        s for (s,) in c.execute(f"SELECT DISTINCT scope FROM memories WHERE rowid IN {doomed}")
    ]
    tx.erased_scopes.update(scopes)
    if tx.store.blockfiles is not None:
        tx.store.blockfiles.wipe(scopes)
    # A whole-tree erasure leaves no neighbour behind; a selective one must clean them.
    contexts = 0 if whole else _scrub_contexts(tx)
    stats.removing(tx, doomed)
    keyword_rows = c.execute(f"DELETE FROM memories_fts WHERE rowid IN {doomed}").rowcount
    vectors = c.execute(f"DELETE FROM vectors WHERE memory IN {doomed}").rowcount
    versions = c.execute(f"DELETE FROM memories WHERE rowid IN {doomed}").rowcount
    return records, versions, keyword_rows, contexts, vectors


def _scrub_contexts(tx: Tx) -> int:
    """Remove erased turns' terms from the keyword context of the turns that remain."""
    c = tx.conn
    erased: dict[str, list[str]] = defaultdict(list)
    for scope, terms in c.execute(
        "SELECT m.scope, f.terms FROM memories m JOIN memories_fts f ON f.rowid = m.rowid "
        "WHERE m.rowid IN (SELECT rowid FROM temp.erase_rows)"
    ):
        if terms:
            erased[scope].append(terms)
    cleaned = 0
    for scope, terms_list in erased.items():
        rows = c.execute(
            "SELECT rowid, context FROM memories_fts WHERE rowid IN ("
            "SELECT rowid FROM memories WHERE scope = ? "
            "AND rowid NOT IN (SELECT rowid FROM temp.erase_rows)) AND context != ''",
            (scope,),
        ).fetchall()
        for rowid, context in rows:
            new = scrub_context(context, terms_list)
            if new != context:
                c.execute("UPDATE memories_fts SET context = ? WHERE rowid = ?", (new, rowid))
                stats.adjust(tx, [(scope, 0, len(new.split()) - len(context.split()))])
                tx.changed(rowid, "update")
                cleaned += 1
    return cleaned
