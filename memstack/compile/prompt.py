"""Compile memory into a prompt under a token budget, in a cache-friendly shape.

A prompt cache skips prefill for an identical prefix; any byte that changes
inside the cached prefix throws the cache away. So the compiled prompt has two
parts with different lifetimes:

* **stable**: approved rules, then pinned facts, then other facts by
  importance, chosen greedily until ``budget_tokens`` is reached. The chosen
  memories are then written in a fixed order (kind, topic, id) that does not
  depend on the order the caller passed them in or on their scores, and the
  block reads no clock. Its digest (SHA-256 of the text) therefore changes only
  when a memory in it changes, and the provider can keep it cached across
  requests, sessions and users of the same scope.
* **recall**: the search hits for this request (minus anything already in
  stable) within ``recall_tokens``. It changes every request, so it goes after
  the cache breakpoint (see :mod:`memstack.compile.payload`). Given the query,
  a long fact or episode in it is sent as a query-focused excerpt
  (:mod:`memstack.compile.excerpt`): its head and the parts that share the
  query's terms, marked as an excerpt with the id that reads it whole. Rules
  are never excerpted: a person approved each one as a whole instruction, and
  a cut could drop its "unless". Only recall depends on the query; the stable
  block is the same for every query.

Both blocks frame memory as data (:mod:`memstack.compile.frame`): episodes are
quoted as past conversation with their time and speaker, facts carry their date
and origin, and the block tells the model that only the ``<rules>`` section,
which a person approved, holds instructions. Token counts are real
``cl100k_base`` counts (:mod:`memstack.compile.tokens`), and the final text is
counted again, so a block never exceeds its budget.

The framing prose lives in ``templates/stable.md`` and ``templates/recall.md``
next to this module, so it can be reviewed like any other prompt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template
from typing import Any, Literal, get_args

from ..errors import UsageError
from ..index.keyword import query_terms
from ..models import Hit, Record, Scope
from .excerpt import Excerpt, excerpt
from .frame import frame_record
from .markdown import sort_key
from .payload import build_payload
from .tokens import count_tokens

__all__ = [
    "EXCERPT_OVER",
    "EXCERPT_TOKENS",
    "Prompt",
    "Provider",
    "compile_prompt",
    "recall_line",
]

Provider = Literal["anthropic", "openai", "text"]
_PROVIDERS: tuple[str, ...] = get_args(Provider)
_TAGS = {"rule": "rules", "fact": "facts", "episode": "conversation"}
_TAG_ORDER = ("rules", "facts", "conversation")

#: A fact or episode longer than this (``cl100k_base`` tokens of its text) is sent as an
#: excerpt in recall when the compile has a query.
EXCERPT_OVER = 150
#: The most tokens an excerpt's text may hold (the ``…`` marks included).
EXCERPT_TOKENS = 120


@dataclass(frozen=True, slots=True)
class Prompt:
    """A compiled prompt: the cacheable stable block, per-request recall, and token counts.

    Attributes:
        stable: rules and core facts; empty if nothing fits or nothing qualifies.
        recall: memories retrieved for this request; empty if none.
        stable_digest: SHA-256 hex of ``stable``; changes only when its memories do.
        stable_tokens: ``cl100k_base`` tokens in ``stable``.
        recall_tokens: ``cl100k_base`` tokens in ``recall``.
        history_tokens: tokens the full conversation history would have cost, if given.
        stable_ids: ids of the memories in ``stable``, in block order.
        recall_ids: ids of the memories in ``recall``, in block order.
        provider: the payload shape :meth:`payload` builds.
        memory_off: memory is switched off for reads in the scope (``memstack scope
            off --reads``): both blocks are empty on purpose, not for want of memories.
    """

    stable: str
    recall: str
    stable_digest: str
    stable_tokens: int
    recall_tokens: int
    history_tokens: int | None
    stable_ids: tuple[str, ...]
    recall_ids: tuple[str, ...]
    provider: Provider
    memory_off: bool = False

    def payload(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """Build the request body for :attr:`provider` around the caller's messages.

        Args:
            messages: the conversation as ``{"role": ..., "content": ...}`` dicts;
                not modified.

        Returns:
            See :func:`memstack.compile.payload.build_payload`.

        Raises:
            UsageError: as :func:`memstack.compile.payload.build_payload`.

        Example:
            >>> p = compile_prompt([], [], budget_tokens=100, recall_tokens=100,
            ...                    provider="openai", scope="acme")
            >>> p.payload([{"role": "user", "content": "hi"}])
            {'messages': [{'role': 'user', 'content': 'hi'}]}
        """
        return build_payload(self, messages)


@cache
def _template(name: str) -> Template:
    text = resources.files(__package__).joinpath("templates", name).read_text("utf-8")
    return Template(text.rstrip("\n"))


def _assemble(template: Template, records: Sequence[Record], lines: dict[str, str]) -> str:
    groups: dict[str, list[str]] = {tag: [] for tag in _TAG_ORDER}
    for r in records:
        groups[_TAGS[r.kind]].append(lines[r.id])
    body = "".join(
        f"<{tag}>\n" + "".join(line + "\n" for line in group) + f"</{tag}>\n"
        for tag, group in groups.items()
        if group
    )
    return template.substitute(sections=body)


def _fit(
    template: Template,
    priority: Sequence[Record],
    order: Callable[[Sequence[Record]], list[Record]],
    budget: int,
    lines: dict[str, str] | None = None,
    plain: Template | None = None,
    marked: frozenset[str] = frozenset(),
) -> tuple[str, list[Record], int]:
    """Greedy first-fit in priority order, then an exact recount of the final text.

    ``lines`` are the framed lines by id (default: each record whole). If the
    text of ``template`` is needed only when a record in ``marked`` is shown
    (the excerpt note), ``plain`` is the template used when none is.
    """
    if lines is None:
        lines = {r.id: frame_record(r) for r in priority}
    total = count_tokens(template.substitute(sections=""))
    used: set[str] = set()
    chosen: list[Record] = []
    for r in priority:
        tag = _TAGS[r.kind]
        cost = count_tokens(lines[r.id] + "\n")
        if tag not in used:
            cost += count_tokens(f"<{tag}>\n") + count_tokens(f"</{tag}>\n")
        if total + cost <= budget:
            chosen.append(r)
            used.add(tag)
            total += cost
    # Tokens are additive over lines that start with '-' or '<', but the final
    # count is what is promised, so re-count and shed the least important if needed.
    while chosen:
        shown = order(chosen)
        text = _assemble(template, shown, lines)
        if plain is not None and not any(r.id in marked for r in shown):
            text = _assemble(plain, shown, lines)
        tokens = count_tokens(text)
        if tokens <= budget:
            return text, shown, tokens
        chosen.pop()
    return "", [], 0


def recall_line(
    record: Record,
    terms: Sequence[str],
    *,
    excerpt_over: int = EXCERPT_OVER,
    excerpt_tokens: int = EXCERPT_TOKENS,
) -> str:
    """The recall line of a record for a query: whole, or a marked excerpt if it is long.

    Args:
        record: a recalled memory.
        terms: the query's analysed terms (:func:`memstack.index.keyword.query_terms`);
            none: the record is sent whole.
        excerpt_over: a fact or episode with more tokens than this is excerpted.
        excerpt_tokens: the most tokens the excerpt's text may hold.

    Returns:
        One framed line (:func:`memstack.compile.frame.frame_record`).

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> text = "Alice moved to Berlin. " + "She liked the old flat. " * 40 + "Her cat is Tom."
        >>> r = Record(id="F1", scope="acme", kind="fact", text=text,
        ...            recorded_at=at, valid_from=at)
        >>> recall_line(r, query_terms("What is the cat called?"), excerpt_tokens=16)
        '- [2024-05-01 · human · excerpt, id F1] Alice moved to Berlin. … Her cat is Tom.'
    """
    return frame_record(record, excerpt=_excerpt(record, terms, excerpt_over, excerpt_tokens))


def _excerpt(record: Record, terms: Sequence[str], over: int, size: int) -> Excerpt | None:
    if record.kind == "rule" or not terms:
        return None
    return excerpt(record.text, terms, over_tokens=over, max_tokens=size)


def _stable_priority(r: Record) -> tuple[int, float, str]:
    rank = 0 if r.kind == "rule" else 1 if r.pinned else 2
    return (rank, -r.importance, r.id)


def _recall_order(records: Sequence[Record], rank: dict[str, int]) -> list[Record]:
    def key(r: Record) -> tuple[int, Any, str]:
        tag = _TAG_ORDER.index(_TAGS[r.kind])
        # Conversation reads best in time order; rules and facts by relevance.
        return (tag, r.valid_from if r.kind == "episode" else rank[r.id], r.id)

    return sorted(records, key=key)


def _check(scope: str, records: Sequence[Record], what: str) -> None:
    visible = set(Scope.parse(scope).ancestors())
    seen: set[str] = set()
    for r in records:
        if r.scope not in visible:
            raise UsageError(
                f"{what} {r.id} belongs to scope {r.scope!r}, which a read of {scope!r} "
                "may not see; only a scope and its ancestors go into its prompt."
            )
        if r.id in seen:
            raise UsageError(f"{what} {r.id} is passed twice; pass each memory once.")
        seen.add(r.id)


def compile_prompt(
    stable_candidates: Sequence[Record],
    recall_hits: Sequence[Hit],
    *,
    budget_tokens: int,
    recall_tokens: int,
    provider: Provider,
    scope: str,
    history: Sequence[str] | None = None,
    query: str | None = None,
    excerpt_over: int = EXCERPT_OVER,
    excerpt_tokens: int = EXCERPT_TOKENS,
) -> Prompt:
    """Compile memory into a stable block and a recall block under token budgets.

    Stable: every rule, then pinned facts, then other facts by importance
    (descending; ties by id) are taken greedily while they fit in
    ``budget_tokens``; a memory that does not fit is skipped and smaller ones
    after it may still fit. Episodes never enter the stable block. The chosen
    memories are written in (kind, topic, id) order, so the text and its digest
    depend only on which memories were chosen.

    Recall: hits ordered by score (descending; ties by id), minus ids already in
    stable, are taken greedily while they fit in ``recall_tokens``, then written
    as rules and facts by relevance and episodes in time order. With a
    ``query``, a fact or episode whose text is longer than ``excerpt_over``
    tokens is sent as an excerpt of at most ``excerpt_tokens`` (its head and
    the parts richest in the query's terms; see :mod:`memstack.compile.excerpt`),
    marked with its id, and the block's preamble then says what an excerpt is.

    Args:
        stable_candidates: current rules and facts of the scope and its ancestors.
        recall_hits: search hits for this request.
        budget_tokens: the most tokens the stable block may use.
        recall_tokens: the most tokens the recall block may use.
        provider: ``"anthropic"``, ``"openai"`` or ``"text"``: the payload shape.
        scope: the scope the prompt is for; every memory must belong to it or an ancestor.
        history: the full conversation's turns, to report what replaying it would cost.
        query: the request's query; long recalled memories are excerpted around it.
            The stable block never depends on it.
        excerpt_over: tokens above which a recalled fact or episode is excerpted.
        excerpt_tokens: the most tokens an excerpt's text may hold.

    Returns:
        The :class:`Prompt`.

    Raises:
        UsageError: a negative budget or excerpt size, an unknown provider, a memory passed
            twice, or a memory from a scope ``scope`` may not see.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> rule = Record(id="r1", scope="acme", kind="rule", text="Be brief.",
        ...               recorded_at=at, valid_from=at)
        >>> p = compile_prompt([rule], [], budget_tokens=500, recall_tokens=0,
        ...                    provider="text", scope="acme/alice")
        >>> print(p.stable.splitlines()[-4:-1])
        ['<rules>', '- [2024-05-01 · human] Be brief.', '</rules>']
        >>> p.stable_ids, p.recall, p.stable_tokens <= 500
        (('r1',), '', True)
    """
    if provider not in _PROVIDERS:
        raise UsageError(f"Unknown provider {provider!r}; use one of {', '.join(_PROVIDERS)}.")
    for name, value in (
        ("budget_tokens", budget_tokens),
        ("recall_tokens", recall_tokens),
        ("excerpt_over", excerpt_over),
        ("excerpt_tokens", excerpt_tokens),
    ):
        if value < 0:
            raise UsageError(f"{name} must be 0 or more, got {value}.")
    _check(scope, stable_candidates, "Memory")
    _check(scope, [h.memory for h in recall_hits], "Hit")

    eligible = sorted((r for r in stable_candidates if r.kind != "episode"), key=_stable_priority)
    stable, in_stable, stable_count = _fit(
        _template("stable.md"), eligible, lambda rs: sorted(rs, key=sort_key), budget_tokens
    )
    taken = {r.id for r in in_stable}

    ranked = sorted(recall_hits, key=lambda h: (-h.score, h.memory.id))
    rank = {h.memory.id: i for i, h in enumerate(ranked)}
    fresh = [h.memory for h in ranked if h.memory.id not in taken]
    terms = query_terms(query) if query and query.strip() else []
    cuts = {r.id: _excerpt(r, terms, excerpt_over, excerpt_tokens) for r in fresh}
    lines = {r.id: frame_record(r, excerpt=cuts[r.id]) for r in fresh}
    marked = frozenset(i for i, cut in cuts.items() if cut is not None)
    # The preamble explains excerpts only when one is shown (``plain`` otherwise).
    preamble = _template("recall.md")
    plain = Template(preamble.safe_substitute(excerpts=""))
    noted = Template(preamble.safe_substitute(excerpts=" " + _template("excerpt.md").template))
    recall, in_recall, recall_count = _fit(
        noted if marked else plain,
        fresh,
        lambda rs: _recall_order(rs, rank),
        recall_tokens,
        lines,
        plain,
        marked,
    )

    return Prompt(
        stable=stable,
        recall=recall,
        stable_digest=hashlib.sha256(stable.encode("utf-8")).hexdigest(),
        stable_tokens=stable_count,
        recall_tokens=recall_count,
        history_tokens=None if history is None else sum(count_tokens(t) for t in history),
        stable_ids=tuple(r.id for r in in_stable),
        recall_ids=tuple(r.id for r in in_recall),
        provider=provider,
    )
