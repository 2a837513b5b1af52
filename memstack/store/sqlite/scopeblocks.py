"""Loading a scope's search blocks: from its block file when that is current, else from rows.

Called by the search handler (:mod:`memstack.store.sqlite.search`) with the
search cache locked and synced, inside the search's read transaction, for a
scope whose block is not in memory.

1. **From the file** (:mod:`memstack.store.sqlite.blockfiles`), if there is one
   for this store, scope and embedder. Its rows are those of change-log
   position ``seq``; the changes logged since then are applied to it as they
   would have been to a block kept in memory since ``seq``: every changed row
   is removed and the current version of those still in the scope is added.
   The file is not used (the block is rebuilt) when the log no longer reaches
   back to ``seq``, when the file is newer than the transaction, when more than
   a quarter of its rows changed, or when an erasure since ``seq`` touched one
   of its rows (then the file, which still holds the erased rows, is deleted).
2. **From rows**, as before; a block of at least ``min_rows`` rows is then
   written to its file once the transaction has ended. After writing, the
   writer looks for an erasure logged after the rows were read and, finding
   one, deletes the file it wrote: the erasure may have missed it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from ...index.postings import TermBlock, TermRow
from ...index.vector import Row, ScopeBlock, VectorIndex, decode
from .blockfiles import BlockFiles
from .rows import chunks
from .tx import Tx

__all__ = ["load_keyword", "load_vectors", "term_rows", "vector_rows"]

#: A file whose scope saw more changes than this share of its rows is rebuilt instead.
_PATCH_SHARE = 4
_NO_VECTOR: npt.NDArray[np.float32] = np.zeros(0, np.float32)

B = TypeVar("B", TermBlock, ScopeBlock)


def term_rows(
    conn: sqlite3.Connection, cond: str, args: Sequence[Any], extra: Sequence[Any] = ()
) -> list[tuple[str, TermRow]]:
    """``(scope, row)`` of the keyword rows matching ``cond`` (``{}``: the ``args``)."""
    out: list[tuple[str, TermRow]] = []
    for chunk in chunks(list(args), 500):
        sql = (
            "SELECT m.rowid, m.kind, m.topic, m.valid_from, m.valid_to, m.expires_at, "
            "m.superseded_by IS NOT NULL, f.terms, f.context, m.scope FROM memories m "
            "JOIN memories_fts f ON f.rowid = m.rowid WHERE "
            + cond.format(",".join("?" * len(chunk)))
        )
        for r in conn.execute(sql, [*chunk, *extra]):
            row = TermRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7] or "", r[8] or "")
            out.append((r[9], row))
    return out


def _vector_sql(cond: str, n: int) -> str:
    return (
        "SELECT m.rowid, m.kind, m.topic, m.valid_from, m.valid_to, m.expires_at, "
        "m.superseded_by IS NOT NULL, v.vec, m.scope FROM memories m "
        # "+v.embedder": look vectors up by memory, never scan the embedder index
        # (which reads every vector of the store to load one small scope).
        "JOIN vectors v ON v.memory = m.rowid AND +v.embedder = ? WHERE "
        + cond.format(",".join("?" * n))
    )


def vector_rows(
    conn: sqlite3.Connection,
    embedder: str,
    cond: str,
    args: Sequence[Any],
    extra: Sequence[Any] = (),
) -> list[tuple[str, Row]]:
    """``(scope, row)`` of the vectors matching ``cond`` (as :func:`term_rows`)."""
    out: list[tuple[str, Row]] = []
    for chunk in chunks(list(args), 500):
        for r in conn.execute(_vector_sql(cond, len(chunk)), [embedder, *chunk, *extra]):
            out.append((r[8], Row(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), decode(r[7]))))
    return out


# -- the two block kinds --------------------------------------------------------------


def load_keyword(tx: Tx, scope: str) -> None:
    """Load the keyword block of ``scope`` into the store's search cache."""
    kindex = tx.store.cache.kindex
    files = _files(tx)
    if files is not None:
        path = files.path("keyword", scope)

        def patch(block: TermBlock, keys: list[int]) -> None:
            _patch_terms(tx.conn, scope, block, keys)

        block = _from_file(tx, files, path, "keyword", scope, "", TermBlock.restore, patch)
        if block is not None:
            kindex.install(scope, block)
            return
    rows = [r for _, r in term_rows(tx.conn, "m.scope IN ({})", [scope])]
    kindex.load(scope, rows)
    loaded = kindex.block(scope)
    if files is not None and loaded is not None and len(rows) >= (files.min_rows or 0):
        _save_later(tx, files, path, "keyword", scope, "", loaded.state(), {})


def load_vectors(tx: Tx, index: VectorIndex, embedder: str, scope: str) -> None:
    """Load the vector block of ``scope`` for ``embedder`` into ``index``."""
    files = _files(tx)
    dim = index.dim
    if files is not None:
        path = files.path("vectors", scope, embedder)

        def restore(arrays: Any, topics: Sequence[str]) -> ScopeBlock:
            return ScopeBlock.restore(dim, arrays, topics)

        def patch(block: ScopeBlock, keys: list[int]) -> None:
            _patch_vectors(tx.conn, embedder, scope, block, keys)

        found = _from_file(tx, files, path, "vectors", scope, embedder, restore, patch, dim=dim)
        if found is not None:
            index.install(scope, found)
            return
    block = _vector_block(tx.conn, embedder, scope, dim)
    index.install(scope, block)
    if files is not None and len(block) >= (files.min_rows or 0):
        _save_later(tx, files, path, "vectors", scope, embedder, block.state(), {"dim": dim})


def _vector_block(conn: sqlite3.Connection, embedder: str, scope: str, dim: int) -> ScopeBlock:
    """The vectors of a scope, read in one query and joined into one matrix."""
    rows = conn.execute(_vector_sql("m.scope IN ({})", 1), (embedder, scope)).fetchall()
    blobs = [r[7] for r in rows]
    if any(len(b) != 4 * dim for b in blobs):  # vectors of another size: the general path
        block = ScopeBlock(dim)
        block.pending = [
            Row(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), decode(r[7])) for r in rows
        ]
        block.flush()
        return block
    meta = [Row(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), _NO_VECTOR) for r in rows]
    matrix = np.frombuffer(b"".join(blobs), "<f4").reshape(len(rows), dim).astype(np.float32)
    return ScopeBlock.of(dim, meta, matrix)


def _patch_terms(conn: sqlite3.Connection, scope: str, block: TermBlock, keys: list[int]) -> None:
    block.remove(set(keys))
    for _, row in term_rows(conn, "m.rowid IN ({}) AND m.scope = ?", keys, [scope]):
        block.add(row)
    block.flush()


def _patch_vectors(
    conn: sqlite3.Connection, embedder: str, scope: str, block: ScopeBlock, keys: list[int]
) -> None:
    block.remove(set(keys))
    for _, row in vector_rows(conn, embedder, "m.rowid IN ({}) AND m.scope = ?", keys, [scope]):
        block.add(row)
    block.flush()


# -- files ----------------------------------------------------------------------------


def _files(tx: Tx) -> BlockFiles | None:
    files = tx.store.blockfiles
    return files if files is not None and files.min_rows is not None else None


def _store_id(tx: Tx) -> str:
    """What tells this store from another file at the same path: when it was created."""
    row = tx.conn.execute("SELECT applied_at FROM _migrations WHERE version = 1").fetchone()
    return repr(float(row[0])) if row else ""


def _from_file(
    tx: Tx,
    files: BlockFiles,
    path: Path,
    kind: str,
    scope: str,
    embedder: str,
    restore: Callable[[Any, Sequence[str]], B],
    patch: Callable[[B, list[int]], None],
    **expect: Any,
) -> B | None:
    """The block saved in ``path``, brought up to this transaction; ``None``: rebuild it."""
    want = {"kind": kind, "scope": scope, "embedder": embedder, "store": _store_id(tx), **expect}
    snap = files.read(path, want)
    if snap is None:
        return None
    top = tx.store.cache.seq or 0
    delta = _changes(tx.conn, snap.seq, top)
    if delta is None:
        return None
    changed, erased = delta
    try:
        block = restore(snap.arrays, snap.header["topics"])
    except (ValueError, KeyError, TypeError):
        return None
    if not changed:
        return block
    keys = sorted(changed)
    mine = int(np.isin(block.cols.keys, keys).sum())
    if erased and mine:
        files.remove(path)  # it holds rows an erasure removed (or their old context)
        return None
    if mine * _PATCH_SHARE > len(block.cols):
        return None
    patch(block, keys)
    return block


def _changes(conn: sqlite3.Connection, since: int, top: int) -> tuple[set[int], bool] | None:
    """Rows changed after ``since`` up to ``top``, and whether an erasure ran; ``None``: unknown."""
    if since == top:
        return set(), False
    if since > top:  # a file written from a newer snapshot than this transaction's
        return None
    oldest = conn.execute("SELECT min(seq) FROM changes").fetchone()[0]
    if oldest is None or oldest > since + 1:  # the log was pruned past the file
        return None
    changed: set[int] = set()
    erased = False
    for memory, what in conn.execute(
        "SELECT memory, what FROM changes WHERE seq > ? AND seq <= ?", (since, top)
    ):
        if what == "erase":
            erased = True
        elif memory is not None:
            changed.add(int(memory))
    return changed, erased


def _save_later(
    tx: Tx,
    files: BlockFiles,
    path: Path,
    kind: str,
    scope: str,
    embedder: str,
    state: tuple[dict[str, npt.NDArray[Any]], list[str]] | None,
    extra: dict[str, Any],
) -> None:
    """Write the block's file after the transaction (the search is not kept waiting on it)."""
    if state is None:
        return
    arrays, topics = state
    # Columns are copied now: until the file is written, a patch may close rows in place.
    arrays = {k: v.copy() if k.startswith("col.") else v for k, v in arrays.items()}
    seq = tx.store.cache.seq or 0
    header = {
        "kind": kind, "scope": scope, "embedder": embedder, "store": _store_id(tx),
        "seq": seq, "rows": len(arrays["col.keys"]), "topics": topics, **extra,
    }  # fmt: skip

    def save(conn: sqlite3.Connection) -> None:
        try:
            files.write(path, header, arrays)
        except (OSError, ValueError):
            return  # only a cache: the block is built from rows again next time
        try:
            conn.execute("BEGIN")
            try:
                oldest = conn.execute("SELECT min(seq) FROM changes").fetchone()[0]
                erased = conn.execute(
                    "SELECT 1 FROM changes WHERE what = 'erase' AND seq > ? LIMIT 1", (seq,)
                ).fetchone()
            finally:
                conn.execute("COMMIT")
        except sqlite3.Error:
            erased, oldest = True, None
        if erased or (oldest is not None and oldest > seq + 1):
            files.remove(path)

    tx.after.append(save)
