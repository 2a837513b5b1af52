"""Query-focused excerpts of long memories, for the per-request recall block.

Why: an archived assistant answer with code runs to 150-300 tokens, so ten
recalled turns of a technical chat can cost 1,700 tokens where ten chat turns
cost 600. Most of a long answer is beside the point of any one question, and
cutting every memory to a fixed length drops the evidence whenever it sits in
the middle. So a long memory is sent as an *excerpt*: its head (what it is
about) and the sentences, list items and code lines that share the most terms
with the current query, in their original order, with ``…`` wherever text was
left out.

Why it is safe to depend on the query: excerpts appear only in the recall block,
which changes every request anyway and sits after the cache breakpoint; the
stable block never sees a query (see :mod:`memstack.compile.prompt`).

How, in short (pure and deterministic; no embedding call, no clock):

* **Units.** The text is split into sentences (``.``, ``!``, ``?`` followed by a
  space and not by a lower-case word, so ``e.g. this`` stays whole; ``。！？``
  without a space) inside each line. A fenced code block is one unit when it
  is small (at most half the excerpt's budget) and one unit per line
  otherwise: code is never cut inside a line. Fence lines themselves carry no
  terms and are not units.
* **Scores.** A unit scores the query terms it contains, analysed exactly as
  the keyword index analyses text (:func:`memstack.index.keyword.analyze`:
  NFKC, lower case, stemming, stop words), each weighted by how rare it is
  among the memory's own units (``log(1 + units / units with the term)``), so a
  word that runs through the whole answer does not pick one part of it.
* **Choice.** The first unit is always kept. Then units by score (ties: earlier
  first) while they fit the budget, each one that ends in ``:`` with the unit
  after it ("Use an autocommit block:" is answered by the code that follows);
  then the last unit (where an answer's advice or conclusion tends to go); then
  the unit after each match; then the text from the start onward, so a memory
  that matched the query by meaning rather than by words still shows as much
  of its beginning as fits.
* **Cuts.** Only between units. A first unit longer than the whole budget is
  cut at the last space that fits (for text without spaces, such as Chinese,
  at a character), never inside a character and never between a character and
  the combining marks, joiners or variation selectors that follow it.

The split, the token counts and the analysed terms of a long text depend on the
text alone, and the same long memory is recalled again and again (every turn of
a session on the same topic), so they are memoised for the most recent 512 long
texts; the cache is registered with :mod:`memstack.models.caches`, so an
erasure empties it like every other cache of stored text.

The result is raw text in pieces (:class:`Excerpt`); framing
(:func:`memstack.compile.frame.neutralize`) is applied to each piece on its own,
so every piece is treated as the start of a line, and nothing an excerpt keeps
can end the block it is in, whatever the cut.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from ..index.keyword import analyze
from ..models.caches import erasable
from .tokens import count_tokens

__all__ = ["GAP", "Excerpt", "excerpt"]

#: What marks left-out text between two pieces (and after the last one, if the end is cut).
GAP = " … "

_FENCE = re.compile(r"\s*(`{3,}|~{3,})")  # used with match(text, pos): anchored there
# A sentence ends at . ! ? (with closing quotes or brackets) before a space, or at a
# CJK full stop, question or exclamation mark, which need no space.
_END = re.compile(r"""[.!?…]["'”’)\]]*(?=\s)|[。！？]["'”’)\]]*""")
_LIST_MARK = re.compile(r"\s*(?:\d{1,3}|[A-Za-z])[.)]")
_GAP_TOKENS = 2  # " … " costs at most this many cl100k_base tokens at a join


@dataclass(frozen=True, slots=True)
class Excerpt:
    """An excerpt of a memory's text: the pieces kept, in order.

    Attributes:
        pieces: runs of adjacent text, each exactly as stored (inner line breaks
            kept); text was left out between each two pieces.
        cut_end: text was left out after the last piece too.
        total_tokens: ``cl100k_base`` tokens of the whole text.
    """

    pieces: tuple[str, ...]
    cut_end: bool
    total_tokens: int

    @property
    def text(self) -> str:
        """The pieces joined by :data:`GAP`, ending with ``" …"`` if the end was cut."""
        return GAP.join(self.pieces) + (GAP.rstrip() if self.cut_end else "")


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    code: bool = False


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of ``text[start:end]`` without its leading and trailing whitespace."""
    part = text[start:end]
    inner = part.strip()
    if not inner:
        return start, start
    lead = len(part) - len(part.lstrip())
    return start + lead, start + lead + len(inner)


def _sentences(text: str, start: int, end: int) -> list[_Unit]:
    """The sentences of one prose line."""
    units = []
    begin = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        rest = text[cut:end].lstrip()
        if not rest or rest[0].islower():
            continue  # "e.g. this", "3.5 s" or the end of the line: no sentence break here
        if _LIST_MARK.fullmatch(text, begin, cut):
            continue  # "1." of a numbered list belongs to its item
        s, e = _strip(text, begin, cut)
        if s < e:
            units.append(_Unit(s, e))
        begin = cut
    s, e = _strip(text, begin, end)
    if s < e:
        units.append(_Unit(s, e))
    return units


def _units(text: str, block_limit: int) -> list[_Unit]:
    """Sentences of prose lines; a code block whole if it is small, else its lines."""
    units: list[_Unit] = []
    block: list[tuple[int, int]] | None = None  # lines of an open fenced block
    fence = ""
    for start, end in _lines(text):
        m = _FENCE.match(text, start, end)
        if block is None:
            if m:
                block, fence = [], m.group(1)[0]
            elif start < end and not text[start:end].isspace():
                units.extend(_sentences(text, start, end))
            continue
        if m and m.group(1)[0] == fence:
            units.extend(_block(text, block, block_limit))
            block = None
            continue
        block.append((start, end))
    if block is not None:  # an unclosed fence runs to the end of the text
        units.extend(_block(text, block, block_limit))
    return units


def _block(text: str, lines: list[tuple[int, int]], limit: int) -> list[_Unit]:
    lines = [_strip(text, s, e) for s, e in lines]
    lines = [(s, e) for s, e in lines if s < e]
    if not lines:
        return []
    whole = _Unit(lines[0][0], lines[-1][1], code=True)
    if count_tokens(text[whole.start : whole.end]) <= limit:
        return [whole]
    return [_Unit(s, e, code=True) for s, e in lines]


def _continues(ch: str) -> bool:
    """A character that belongs to the one before it (a cut must not fall before it)."""
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch == "\u200d"
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\U000e0100" <= ch <= "\U000e01ef"
    )


def _safe_end(text: str, end: int, start: int) -> int:
    """Move ``end`` back until it does not split a character from what joins it."""
    while end > start and end < len(text) and (_continues(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    return end


def _cut_head(text: str, unit: _Unit, budget: int) -> int:
    """The end of the longest prefix of ``unit`` within ``budget`` tokens, at a space if any."""
    spaces = [i for i in range(unit.start + 1, unit.end) if text[i].isspace()]
    candidates = spaces or list(range(unit.start + 1, unit.end))
    best = unit.start
    lo, hi = 0, len(candidates) - 1
    while lo <= hi:  # token counts grow with the prefix, so bisect
        mid = (lo + hi) // 2
        end = _safe_end(text, candidates[mid], unit.start)
        if count_tokens(text[unit.start : end]) <= budget:
            best, lo = end, mid + 1
        else:
            hi = mid - 1
    s, e = _strip(text, unit.start, best)
    return e if s < e else unit.start


def excerpt(
    text: str, terms: Collection[str], *, over_tokens: int, max_tokens: int
) -> Excerpt | None:
    """The parts of a long ``text`` that matter for a query, or ``None`` to send it whole.

    Args:
        text: the memory's stored text.
        terms: the query's analysed terms (:func:`memstack.index.keyword.query_terms`).
        over_tokens: texts of at most this many ``cl100k_base`` tokens are sent whole.
        max_tokens: the most tokens the excerpt's pieces may hold together (the
            ``…`` between them included).

    Returns:
        The :class:`Excerpt`, or ``None`` when the text is short enough or the
        excerpt would keep all of it.

    Example:
        >>> long = ("The report got slow after a bulk load. " * 3
        ...         + "Run ANALYZE on the invoices table to refresh statistics. "
        ...         + "Autovacuum will catch up later. " * 6)
        >>> e = excerpt(long, ["analyz", "invoic"], over_tokens=40, max_tokens=30)
        >>> for piece in e.pieces:
        ...     print(piece)
        The report got slow after a bulk load.
        Run ANALYZE on the invoices table to refresh statistics.
        >>> e.cut_end, e.text.endswith("statistics. …")
        (True, True)
        >>> excerpt("Short.", ["short"], over_tokens=40, max_tokens=30) is None
        True
    """
    total = count_tokens(text)
    if total <= over_tokens:
        return None
    units, size, words = _analysed(text, max(max_tokens // 2, 1))
    if not units:
        return None
    chosen = _choose(text, units, size, [w & frozenset(terms) for w in words], max_tokens)
    if chosen is None:  # the first unit alone is over the budget: its head, cut at a space
        end = _cut_head(text, units[0], max_tokens - _GAP_TOKENS)
        if end <= units[0].start:
            return Excerpt((), True, total)
        return Excerpt((text[units[0].start : end],), True, total)
    if len(chosen) == len(units):
        return None
    return Excerpt(_pieces(text, units, chosen), chosen[-1] != len(units) - 1, total)


def _pieces(text: str, units: tuple[_Unit, ...], order: list[int]) -> tuple[str, ...]:
    """The text of each run of adjacent units in ``order`` (sorted indexes)."""
    pieces: list[str] = []
    run_start = prev = order[0]
    for i in [*order[1:], None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        pieces.append(text[units[run_start].start : units[prev].end])
        if i is not None:
            run_start = prev = i
    return tuple(pieces)


@erasable
@lru_cache(maxsize=512)
def _analysed(
    text: str, block_limit: int
) -> tuple[tuple[_Unit, ...], tuple[int, ...], tuple[frozenset[str], ...]]:
    """A long text's units, their token counts and their analysed terms (memoised)."""
    units = tuple(_units(text, block_limit))
    pieces = [text[u.start : u.end] for u in units]
    return (
        units,
        tuple(count_tokens(p) for p in pieces),
        tuple(frozenset(analyze(p).split()) for p in pieces),
    )


def _choose(
    text: str,
    units: tuple[_Unit, ...],
    size: tuple[int, ...],
    found: list[frozenset[str]],
    budget: int,
) -> list[int] | None:
    """Indexes of the units to keep, in order; ``None`` if the first unit alone is too long.

    ``found`` holds the query terms each unit contains.
    """
    if size[0] + _GAP_TOKENS > budget:
        return None
    df: dict[str, int] = {}
    for hits in found:
        for t in hits:
            df[t] = df.get(t, 0) + 1
    weight = {t: math.log(1 + len(units) / n) for t, n in df.items()}
    # fsum is exact, so the order of a set (string hashing: it differs between processes)
    # cannot tip a tie between two units whose terms are equally rare.
    score = [math.fsum(weight[t] for t in hits) for hits in found]

    picked = [0]  # in the order they were taken: the last ones go first if over budget
    used = size[0]

    def take(i: int) -> bool:
        nonlocal used
        if i in picked or used + size[i] + _GAP_TOKENS > budget:
            return False
        picked.append(i)
        used += size[i] + _GAP_TOKENS
        return True

    matched = sorted((i for i in range(1, len(units)) if score[i]), key=lambda i: (-score[i], i))
    for i in matched:
        # "Use an autocommit block:" is answered by the code after it: keep them together.
        if take(i) and i + 1 < len(units) and text[units[i].end - 1] == ":":
            take(i + 1)
    take(len(units) - 1)  # the last sentence: where an answer's advice or conclusion goes
    for i in [i for i in matched if i in picked]:
        if i + 1 < len(units):
            take(i + 1)
    for i in range(1, len(units)):  # then the beginning, as far as it goes on unbroken
        if i not in picked and not take(i):
            break
    # The sum above counts a gap at every unit; the text tokenises a little differently
    # at joins, so count the final pieces and give back the last-taken units if needed.
    while len(picked) > 1:
        order = sorted(picked)
        pieces = _pieces(text, units, order)
        tail = GAP.rstrip() if order[-1] != len(units) - 1 else ""
        if count_tokens(GAP.join(pieces) + tail) <= budget:
            return order
        picked.pop()
    return [0]
