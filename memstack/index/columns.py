"""Filter columns of an in-memory index block: which rows a query may see.

The dense and keyword indexes both keep one block per scope, and both must
apply a search filter (kind, topic, validity, expiry, supersession) without a
database query. :class:`Columns` holds those fields as NumPy arrays, one entry
per row, so a filter is a vectorised mask with the same meaning as
``models.Filter.matches``.

Rows are appended in order and never move until :meth:`Columns.take` compacts
them; a removed row is first only marked ``gone``, so deleting one memory from
a large block does not copy the block. Owners compact when enough rows are gone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

__all__ = ["KIND_CODES", "Columns", "Meta"]

KIND_CODES = {"rule": 0, "fact": 1, "episode": 2}
_INF = math.inf
Bools = npt.NDArray[np.bool_]
_FIELDS = ("keys", "kinds", "topics", "valid_from", "valid_to", "expires", "superseded", "gone")


class Meta(Protocol):
    """What a block needs to know about a row to filter it."""

    @property
    def key(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def topic(self) -> str | None: ...
    @property
    def valid_from(self) -> float: ...
    @property
    def valid_to(self) -> float | None: ...
    @property
    def expires_at(self) -> float | None: ...
    @property
    def superseded(self) -> bool: ...


class Columns:
    """Filter fields of a block's rows as arrays (see module doc)."""

    def __init__(self) -> None:
        self.keys = np.zeros(0, np.int64)
        self.kinds = np.zeros(0, np.int8)
        self.topics = np.zeros(0, np.int32)  # code into _topic_codes; -1 for none
        self.valid_from = np.zeros(0)
        self.valid_to = np.zeros(0)
        self.expires = np.zeros(0)
        self.superseded = np.zeros(0, bool)
        self.gone = np.zeros(0, bool)
        self.dead = 0
        self._topic_codes: dict[str, int] = {}
        self._topic_names: list[str] = []
        self._flags: tuple[bool, bool] | None = None
        self._buffers: dict[str, npt.NDArray[Any]] = {}
        self._capacity = 0

    def __len__(self) -> int:
        return len(self.keys)

    def extend(self, rows: Sequence[Meta]) -> None:
        """Append rows at the end, in order."""
        if not rows:
            return
        codes, names = self._topic_codes, self._topic_names

        def topic(t: str | None) -> int:
            if t is None:
                return -1
            if t not in codes:
                codes[t] = len(names)
                names.append(t)
            return codes[t]

        self._append(
            keys=np.fromiter((r.key for r in rows), np.int64, len(rows)),
            kinds=np.array([KIND_CODES[r.kind] for r in rows], np.int8),
            topics=np.array([topic(r.topic) for r in rows], np.int32),
            valid_from=np.array([r.valid_from for r in rows], float),
            valid_to=np.array([_INF if r.valid_to is None else r.valid_to for r in rows], float),
            expires=np.array([_INF if r.expires_at is None else r.expires_at for r in rows], float),
            superseded=np.array([r.superseded for r in rows], bool),
            gone=np.zeros(len(rows), bool),
        )
        if self._flags is not None:  # extend the summary by the new rows, not all rows
            self._flags = (
                self._flags[0] or any(r.expires_at is not None for r in rows),
                self._flags[1]
                or any(r.valid_to is not None or r.superseded for r in rows),
            )

    def _append(self, **new: npt.NDArray[Any]) -> None:
        # The columns are views of buffers with spare room that double when full, so
        # appending one row to a 100k-row block does not copy every column.
        n, k = len(self.keys), len(new["keys"])
        if n + k > self._capacity:
            self._capacity = max(n + k, 2 * self._capacity, 64)
            for name in _FIELDS:
                old = getattr(self, name)
                buf = np.empty(self._capacity, old.dtype)
                buf[:n] = old
                self._buffers[name] = buf
        for name in _FIELDS:
            buf = self._buffers[name]
            buf[n : n + k] = new[name]
            setattr(self, name, buf[: n + k])

    def state(self) -> tuple[dict[str, npt.NDArray[Any]], list[str]]:
        """The columns as arrays and the topic names, to persist a block (see :meth:`restore`)."""
        return {name: getattr(self, name) for name in _FIELDS}, list(self._topic_names)

    @classmethod
    def restore(cls, arrays: Mapping[str, npt.NDArray[Any]], topics: Sequence[str]) -> Columns:
        """Columns from :meth:`state`'s output; the arrays are copied (rows get closed in place).

        Raises:
            ValueError: the arrays do not have one length and the expected types.
        """
        cols = cls()
        n = len(arrays["keys"])
        for name in _FIELDS:
            old = getattr(cols, name)
            value = np.array(arrays[name], dtype=old.dtype)  # a writable copy
            if value.shape != (n,):
                raise ValueError(f"column {name} has shape {value.shape}, expected ({n},)")
            setattr(cols, name, value)
            cols._buffers[name] = value
        cols._capacity = n
        cols._topic_names = list(topics)
        cols._topic_codes = {t: i for i, t in enumerate(cols._topic_names)}
        if len(cols.topics) and int(cols.topics.max()) >= len(cols._topic_names):
            raise ValueError("a topic code has no name")
        cols.dead = int(cols.gone.sum())
        return cols

    def topic_name(self, code: int) -> str | None:
        """The topic a code in :attr:`topics` stands for."""
        return None if code < 0 else self._topic_names[code]

    def positions(self, keys: Iterable[int]) -> npt.NDArray[np.intp]:
        """Positions of the live rows with these keys."""
        wanted = np.fromiter(keys, np.int64)
        return np.nonzero(np.isin(self.keys, wanted) & ~self.gone)[0]

    def close(self, key: int, valid_to: float, superseded: bool) -> None:
        """End a row's validity (an update or supersession)."""
        idx = self.positions([key])
        self.valid_to[idx] = valid_to
        self.superseded[idx] |= superseded
        if self._flags is not None and len(idx):
            self._flags = (self._flags[0], True)

    def forget(self, keys: Iterable[int]) -> int:
        """Mark rows gone; returns how many were live."""
        idx = self.positions(keys)
        self.gone[idx] = True
        self.dead += len(idx)
        return len(idx)

    def take(self, keep: Bools) -> None:
        """Keep only the rows where ``keep`` is true (compaction)."""
        self.keys, self.kinds, self.topics = self.keys[keep], self.kinds[keep], self.topics[keep]
        self.valid_from, self.valid_to = self.valid_from[keep], self.valid_to[keep]
        self.expires, self.superseded = self.expires[keep], self.superseded[keep]
        self.gone = self.gone[keep]
        self._buffers = {name: getattr(self, name) for name in _FIELDS}
        self._capacity = len(self.keys)
        self.dead = int(self.gone.sum())
        self._flags = None

    def _summary(self) -> tuple[bool, bool]:
        """(any row expires, any row is closed or superseded): skip filters that cannot bite."""
        if self._flags is None:
            self._flags = (
                bool(np.isfinite(self.expires).any()),
                bool(np.isfinite(self.valid_to).any() or self.superseded.any()),
            )
        return self._flags

    def mask(
        self,
        *,
        now: float,
        kinds: Sequence[str],
        topic: str | None,
        as_of: float | None,
        include_superseded: bool,
    ) -> Bools:
        """Rows passing the filter (same semantics as ``models.Filter.matches``)."""
        expiring, closed = self._summary()
        m = self.expires > now if expiring else np.ones(len(self.keys), bool)
        if self.dead:
            m &= ~self.gone
        if kinds and len(set(kinds)) < len(KIND_CODES):
            m &= np.isin(self.kinds, [KIND_CODES[k] for k in kinds])
        if topic is not None:
            m &= self.topics == self._topic_codes.get(topic, -2)
        if as_of is not None:
            m &= self.valid_from <= as_of
            if closed:
                m &= self.valid_to > as_of
        elif not include_superseded and closed:
            m &= ~self.superseded & (self.valid_to > now)
        return m
