"""Conversation turns as episode memories, indexed with their neighbours.

Why neighbours: a question about a conversation often names what the *other*
speaker said ("what did she answer when asked about X"). So each turn's keyword
row carries the terms of nearby turns in a low-weight context column, and its
stored vector blends in the vectors of the turns just before and after. Both
were measured on conversational recall (``bench/locomo_recall.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..index import keyword
from ..models import Filter, ListOp, Record, Scope, Source, TurnChange
from .requests import Batch, Embed, Plan
from .times import message_time
from .turns import clean_turn
from .validate import check_unicode

if TYPE_CHECKING:
    from .planner import Planner
    from .validate import NewMemory

__all__ = [
    "BLEND",
    "CONTEXT_WINDOW",
    "SHORT_TURN",
    "blend_vectors",
    "blend_weight",
    "conversation_items",
    "link_episodes",
    "reblend",
]

#: Neighbouring turns on each side whose terms index a conversation turn's context.
CONTEXT_WINDOW = 2
#: Weight of each neighbouring turn's vector blended into a turn's stored vector.
BLEND = 0.7


#: Words up to which a turn takes its neighbours' vectors at full weight (:data:`BLEND`).
SHORT_TURN = 50


def blend_weight(text: str) -> float:
    """Weight of each neighbour's vector in the stored vector of a turn with this text.

    A short turn ("Yes, on the twelfth") means little without its neighbours and
    takes them at :data:`BLEND`; a turn long enough to stand on its own (a long
    assistant answer with code) takes them less, in proportion to its length, so
    its own content is not diluted. Measured with ``bench/locomo_recall.py``: on
    the user-assistant development set hybrid R@1 rose from 0.483 to 0.529 and
    R@5 from 0.959 to 0.965; LoCoMo, whose turns are short, was unchanged (R@10
    0.781 → 0.782).
    """
    n = len(text.split())
    return BLEND if n <= SHORT_TURN else BLEND * SHORT_TURN / n


def blend_vectors(
    base: Sequence[Any], offsets: Sequence[tuple[int, ...]], weights: Sequence[float] | None = None
) -> list[Any]:
    """Each vector plus its weight times its neighbours' (by offset), re-normalised."""
    import numpy as np

    out = []
    for i, offs in enumerate(offsets):
        w = BLEND if weights is None else weights[i]
        if not offs or not w:
            out.append(base[i])
            continue
        v = np.asarray(base[i], np.float32).copy()
        for o in offs:
            v += w * np.asarray(base[i + o], np.float32)
        out.append(v / (np.linalg.norm(v) or 1.0))
    return out


def _check_speaker(i: int, speaker: str) -> None:
    """A speaker name is printed beside every quoted turn: it must be a plain name."""
    from ..screen.fields import check_shape  # pure; imported on first use

    problem = check_shape("speaker", speaker)
    if problem is not None:
        raise UsageError(
            f"Message {i} has speaker name {speaker[:80]!r}: {problem}.",
            hint="Pass the person's name in 'name' (or leave it out to use the role).",
        )


def conversation_items(
    planner: Planner,
    scope: Scope | str,
    messages: Iterable[Mapping[str, Any]],
    *,
    session_time: datetime | None,
    conversation: str | None,
    session: str | None,
    window: int = CONTEXT_WINDOW,
    changes: list[TurnChange] | None = None,
) -> list[NewMemory]:
    """Turn OpenAI-style messages into episode writes (validated, not yet stored).

    The stored text is the turn verbatim, except that a secret is replaced by a
    marker and an over-long turn is stored as several parts
    (:func:`~memstack.plan.turns.clean_turn`); each turn so changed is appended
    to ``changes``. Indexing adds two things, measured on
    conversational recall (``bench/locomo_recall.py``):

    * the speaker's name goes into the keyword terms, so "what did Caroline
      say" matches her turns; the dense vector is computed from the words alone,
      because a name at the start of every turn dominates a small sentence
      model's vector;
    * the terms of the ``window`` turns before and after go into a context
      column ranked with a lower weight: a question often names what the
      *other* speaker said ("what did she answer when asked about X");
    * for the same reason the stored vector blends in the vectors of the turns
      just before and after (weight :data:`BLEND`), which raised dense recall@10
      from 0.35 to 0.53 on the LoCoMo tuning split.

    Each episode is valid from its message's own ``timestamp``/``created_at`` when
    it has one (:func:`.times.message_time`), else from ``session_time``.
    """
    turns: list[tuple[str, str, str]] = []
    said: list[datetime | None] = []  # each turn's own time, if its message carries one
    for i, msg in enumerate(messages):
        if not isinstance(msg, Mapping):
            raise UsageError(f"Message {i} must be an object with 'role' and 'content'.")
        role, content = msg.get("role"), msg.get("content")
        if role not in ("user", "assistant", "system", "tool"):
            raise UsageError(f"Message {i} has role {role!r}; use user, assistant, system or tool.")
        if isinstance(content, list):  # OpenAI content parts: keep the text parts
            parts = [p["text"] for p in content if isinstance(p, Mapping) and p.get("text")]
            content = " ".join(str(t) for t in parts)  # image parts add no stray spaces
        if not isinstance(content, str) or not content.strip():
            raise UsageError(f"Message {i} has no text content.")
        check_unicode(content, f"Message {i}")
        speaker = str(msg.get("name") or role)
        _check_speaker(i, speaker)
        turn_id = str(msg.get("id") if msg.get("id") is not None else i)
        texts, change = clean_turn(i, turn_id, content)
        if change is not None and changes is not None:
            changes.append(change)
        turns.extend((speaker, text, turn_id) for text in texts)
        said.extend([message_time(msg, i)] * len(texts))  # a split turn's parts share its time
    terms = [keyword.analyze(f"{speaker} {content}") for speaker, content, _ in turns]
    items: list[NewMemory] = []
    for i, (speaker, content, turn_id) in enumerate(turns):
        lo, hi = max(0, i - window), min(len(turns), i + window + 1)
        around = [terms[j] for j in range(lo, hi) if j != i]
        source = Source(
            origin="conversation",
            author=speaker,
            conversation=conversation,
            session=session,
            speaker=speaker,
            turns=(turn_id,),
        )
        items.append(
            planner.new_memory(
                scope,
                content,
                kind="episode",
                source=source,
                valid_from=said[i] or session_time,
                keywords=terms[i],
                dense_text=content,
                context=" ".join(around),
                blend=tuple(o for o in (-1, 1) if 0 <= i + o < len(turns)),
            )
        )
    return items


def _thread(r: Record | NewMemory) -> tuple[str, str | None, str | None] | None:
    """The conversation thread an episode belongs to, or None for a loose memory."""
    src = r.source
    if r.kind != "episode" or (src.session is None and src.conversation is None):
        return None
    return (r.scope, src.conversation, src.session)


def link_episodes(items: Sequence[NewMemory], *, window: int = CONTEXT_WINDOW) -> list[NewMemory]:
    """Index episodes written through ``add_many`` as ``ingest_conversation`` indexes turns.

    Items of kind ``episode`` whose source names a ``session`` or a ``conversation``
    are grouped by (scope, conversation, session) and ordered by ``valid_from``
    (items without one, or with equal times, keep the order they were passed in).
    Each then gets what a conversation turn gets: its speaker (``source.speaker``)
    among its keyword terms, the terms of the ``window`` turns before and after in
    its context column, and its vector blended with its neighbours'. Neighbours are
    taken among the items of the same call; items that already carry their own
    keywords, context or blend (``ingest_conversation``) are left as they are.
    """
    threads: dict[tuple[str, str | None, str | None], list[int]] = {}
    for i, m in enumerate(items):
        key = _thread(m)
        if key is not None and m.keywords is None and m.context is None and not m.blend:
            threads.setdefault(key, []).append(i)
    if not threads:
        return list(items)
    out = list(items)
    for positions in threads.values():
        if all(items[i].valid_from is not None for i in positions):
            positions = sorted(positions, key=lambda i: items[i].valid_from)  # type: ignore[arg-type,return-value]
        terms = [
            keyword.analyze(f"{items[i].source.speaker or ''} {items[i].text}") for i in positions
        ]
        for n, i in enumerate(positions):
            lo, hi = max(0, n - window), min(len(positions), n + window + 1)
            around = [terms[j] for j in range(lo, hi) if j != n]
            out[i] = replace(
                items[i],
                keywords=terms[n],
                dense_text=items[i].dense_text or items[i].text,
                context=" ".join(around),
                blend=tuple(positions[n + o] - i for o in (-1, 1) if 0 <= n + o < len(positions)),
            )
    return out


def reblend(planner: Planner, records: Sequence[Record], vectors: list[Any]) -> Plan[list[Any]]:
    """Give re-embedded episodes the neighbour blend they got at ingest.

    Neighbours are the turns just before and after in the same conversation
    session (or conversation, when it has no session ids), ordered by
    ``valid_from`` and then ingest order, as :func:`link_episodes` orders them;
    episodes without a session or conversation id stay plain.
    """
    groups: dict[tuple[str, str | None, str | None], list[int]] = {}
    for i, r in enumerate(records):
        key = _thread(r)
        if key is not None:
            groups.setdefault(key, []).append(i)
    for (scope, conversation, session), positions in groups.items():
        flt = Filter(
            scopes=(scope,), now=planner.clock(), kinds=("episode",), include_superseded=True
        )
        turns = [
            r
            for r in (yield Batch([ListOp(flt)]))[0]
            if r.source.session == session and r.source.conversation == conversation
        ]
        turns.sort(key=lambda r: r.valid_from)  # stable: ingest order among equal times
        where = {r.id: n for n, r in enumerate(turns)}
        at = [where[records[i].id] for i in positions if records[i].id in where]
        wanted = {n + o for n in at for o in (-1, 1) if 0 <= n + o < len(turns)}
        texts = [turns[n].text for n in sorted(wanted)]
        plain = dict(zip(sorted(wanted), (yield Embed(texts, "document", None)), strict=True))
        for i in positions:
            n = where.get(records[i].id)
            if n is None:
                continue
            offsets = tuple(o for o in (-1, 1) if n + o in plain)
            base = [vectors[i]] + [plain[n + o] for o in offsets]
            weight = blend_weight(records[i].text)
            vectors[i] = blend_vectors(base, [tuple(range(1, len(base)))], [weight])[0]
    return vectors
