"""Search blocks saved beside the SQLite file, so a new process need not rebuild them.

A scope's in-memory search blocks (:mod:`memstack.store.sqlite.search`) are
built from its rows: for a 100k-memory scope that means reading 100k keyword
rows and 100k vectors and building postings, seconds before the first result.
A block that large is also written to a file once, and a new process maps the
file instead (the 150 MB vector matrix of a 100k scope is not even copied).

**A file is a cache, never the truth.** Its header records the store it came
from (when the store's first migration ran), the scope, the embedder and the
change-log position (``seq``) its rows were read at. The loader
(:mod:`memstack.store.sqlite.scopeblocks`) checks all of it inside the read
transaction of the search and brings the block up to date from the change log,
exactly as a block kept in memory since ``seq`` would be; a file it cannot
prove current is ignored and the block is rebuilt from rows. A truncated or
damaged file fails its size or checksum test and is rebuilt too, never an error.

**Erasure removes them.** An erasure deletes the files of every scope it
touched, inside its transaction and again after the commit (so a file another
process was writing from an older snapshot at that moment is removed as well;
that process also looks for a newer erasure once its file is in place and
deletes it). A file is named by hashes of its scope and embedder, so no scope
name appears on disk; the folder is ``<database>-blocks`` (mode 0700), each
file 0600, like the database.

Format: ``MSBLOCK1``, the header's length and CRC-32 (little-endian u32), the
header (JSON), then each array at a 64-byte boundary; the header lists name,
dtype, shape, offset and a checksum (sum of the 64-bit words) of each array.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import secrets
import struct
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ...errors import StoreError

__all__ = ["BlockFiles", "Snapshot"]

MAGIC = b"MSBLOCK1"
FORMAT = 1
_ALIGN = 64
_DTYPES = frozenset({"<f4", "<f8", "<i4", "<i8", "<u8", "|i1", "|u1", "|b1"})


@dataclass(frozen=True)
class Snapshot:
    """A block read from a file: its header and its arrays (read-only views of the file)."""

    seq: int
    header: dict[str, Any]
    arrays: dict[str, npt.NDArray[Any]]


class BlockFiles:
    """The block files of one SQLite store (see module doc).

    Args:
        database: the store's file.
        min_rows: blocks with fewer rows are not saved (they load from rows quickly);
            ``None``: blocks are neither saved nor read, only deleted by erasure.
    """

    def __init__(self, database: str, *, min_rows: int | None) -> None:
        self.folder = Path(database + "-blocks")
        self.min_rows = min_rows

    def path(self, kind: str, scope: str, embedder: str = "") -> Path:
        """The file of one block: hashes of the scope and the embedder, never their names."""
        where = hashlib.sha256(scope.encode("utf-8")).hexdigest()[:24]
        which = hashlib.sha256(f"{kind}\0{embedder}".encode()).hexdigest()[:12]
        return self.folder / f"{where}-{which}.blk"

    def read(self, path: Path, expect: Mapping[str, Any]) -> Snapshot | None:
        """The snapshot in ``path`` if it is whole and its header has the ``expect`` values."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            size = os.fstat(fd).st_size
            if size < 16:
                return None
            if hasattr(mmap, "MAP_POPULATE"):  # read the file in one go, not page by page
                flags = mmap.MAP_SHARED | mmap.MAP_POPULATE
                mm = mmap.mmap(fd, size, flags=flags, prot=mmap.PROT_READ)
            else:  # pragma: no cover - not Linux
                mm = mmap.mmap(fd, size, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)
        try:
            return _parse(mm, size, expect)
        except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError, struct.error):
            return None

    def write(
        self, path: Path, header: Mapping[str, Any], arrays: Mapping[str, npt.NDArray[Any]]
    ) -> None:
        """Write a snapshot (to a private temporary file, then renamed into place).

        Raises:
            OSError: the folder or the file could not be written.
        """
        specs, parts, offset = [], [], 0
        for name, value in arrays.items():
            a = np.ascontiguousarray(value)
            if a.dtype.str not in _DTYPES:
                raise ValueError(f"cannot store dtype {a.dtype.str}")
            raw = a.reshape(-1).view(np.uint8)
            spec = {"name": name, "dtype": a.dtype.str, "shape": list(a.shape),
                    "offset": offset, "nbytes": len(raw), "sum": _checksum(raw)}  # fmt: skip
            specs.append(spec)
            parts.append(raw)
            offset += _padded(len(raw))
        head = json.dumps({**header, "format": FORMAT, "arrays": specs}).encode("utf-8")
        lead = MAGIC + struct.pack("<II", len(head), zlib.crc32(head)) + head
        self.folder.mkdir(mode=0o700, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(lead + bytes(_padded(len(lead)) - len(lead)))
                for raw in parts:
                    fh.write(raw.tobytes() if len(raw) < (1 << 20) else raw.data)
                    fh.write(bytes(_padded(len(raw)) - len(raw)))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def wipe(self, scopes: Iterable[str]) -> None:
        """Delete every block file of these scopes (any embedder, unfinished ones too).

        Raises:
            StoreError: a file could not be deleted (the erasure must not report success).
        """
        if not self.folder.is_dir():
            return
        for scope in scopes:
            where = self.path("", scope).name.split("-", 1)[0]
            for path in self.folder.glob(f"{where}-*"):
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise StoreError(
                        f"Cannot delete the saved search block {path}: {exc}.",
                        hint=f"Check the permissions of {self.folder}, then forget again.",
                    ) from exc

    def remove(self, path: Path) -> None:
        """Delete one block file (a damaged or outdated one)."""
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _padded(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN


def _checksum(raw: npt.NDArray[np.uint8] | memoryview) -> int:
    """Sum of the data as little-endian 64-bit words (the last one padded with zeros)."""
    data = np.frombuffer(raw, np.uint8)
    whole = len(data) // 8 * 8
    total = int(np.frombuffer(data[:whole], "<u8").sum(dtype=np.uint64))
    tail = bytes(data[whole:])
    return (total + int.from_bytes(tail.ljust(8, b"\0"), "little")) % (1 << 64)


def _parse(mm: mmap.mmap, size: int, expect: Mapping[str, Any]) -> Snapshot | None:
    if mm[:8] != MAGIC:
        return None
    length, crc = struct.unpack("<II", mm[8:16])
    if 16 + length > size:
        return None
    head = mm[16 : 16 + length]
    if zlib.crc32(head) != crc:
        return None
    header = json.loads(head.decode("utf-8"))
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    if any(header.get(k) != v for k, v in expect.items()):
        return None
    start = _padded(16 + length)
    arrays: dict[str, npt.NDArray[Any]] = {}
    for spec in header["arrays"]:
        dtype = np.dtype(str(spec["dtype"]))
        if dtype.str not in _DTYPES:
            return None
        shape = tuple(int(d) for d in spec["shape"])
        nbytes, offset = int(spec["nbytes"]), start + int(spec["offset"])
        if nbytes != int(np.prod(shape, dtype=np.int64)) * dtype.itemsize or nbytes < 0:
            return None
        if offset < start or offset + nbytes > size:
            return None
        raw = np.frombuffer(mm, np.uint8, nbytes, offset)
        if _checksum(raw) != int(spec["sum"]):
            return None
        arrays[str(spec["name"])] = raw.view(dtype).reshape(shape)
    return Snapshot(int(header["seq"]), header, arrays)
