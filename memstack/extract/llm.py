"""Extraction with a chat model: structured output, short integer ids, metered calls.

Two calls at most per conversation, both through
:meth:`~memstack.llm.ChatModel.complete_json` (structured output: OpenAI
``json_schema``, an Anthropic forced tool call; one repair retry on a malformed
reply, then :class:`~memstack.llm.InvalidOutput`):

1. **extract** (``prompts/extract.md``): the conversation, one JSON object per
   turn, with the session time, in; candidate statements out. The system prompt
   is fixed text so providers can cache it; everything that changes goes in the
   user message.
2. **reconcile** (``prompts/reconcile.md``): only for candidates that have
   similar memories in the scope. The memories are shown numbered 1, 2, 3…
   and the model answers with those numbers; they are mapped back to memory ids
   here. UUIDs never enter a prompt: a model copies a 26-character id badly,
   and a small integer is cheaper and cannot point at a memory it was not shown.
   The schema makes the point twice: ``target`` is an ``enum`` of the numbers
   shown, so a reply naming another one is malformed and gets repaired.

Secrets never leave the machine: every text put into a request (turns, speaker
names, candidates, existing memories) is screened first and each secret is
replaced by a marker, ``[secret removed: GitHub token]``
(:func:`memstack.screen.redaction.remove_secrets`), before the request is built.

Everything the model says is post-validated: turn numbers and excerpts are
checked against the conversation (an excerpt that is not in the turn is
replaced by the turn's text), a decision that names no target falls back to
``add``, and relative dates are resolved by the plan whatever the model wrote.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from ..errors import ProviderError
from ..llm.base import ChatModel, InvalidOutput, JsonResult
from ..models import Record
from ..plan import MAX_TEXT, Call
from .base import Candidate, Change, Conversation, Extractor, Meter, Related, Step

__all__ = [
    "LLMExtractor",
    "extract_schema",
    "prompt",
    "reconcile_schema",
    "render_conversation",
    "render_reconcile",
]

_KINDS = ["fact", "rule"]
_ACTIONS = ["add", "update", "supersede", "none"]
_MAX_EXCERPT = 500


@cache
def prompt(name: str) -> str:
    """The prompt template ``prompts/<name>.md`` (read once)."""
    return resources.files(__package__).joinpath("prompts", f"{name}.md").read_text("utf-8").strip()


def _when(at: datetime) -> str:
    offset = at.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{at.strftime('%Y-%m-%d %H:%M')} ({at.strftime('%A')}), time zone {zone}"


def _clean(text: str) -> str:
    """``text`` with every secret replaced by a marker: what a provider may see."""
    from ..screen.redaction import remove_secrets  # pure; imported on first use

    return remove_secrets(text).text


def _line(data: dict[str, Any]) -> str:
    """One JSON line of a request; every string in it is cleaned of secrets first."""
    return json.dumps(
        {k: _clean(v) if isinstance(v, str) else v for k, v in data.items()}, ensure_ascii=False
    )


def render_conversation(conversation: Conversation) -> str:
    """The user message of the extract call: session time, then one JSON object per turn.

    JSON lines rather than "user: …" prose, so a turn cannot pretend to be
    another turn or close the block it sits in.

    Example:
        >>> from datetime import datetime, timezone
        >>> from memstack.extract.base import parse_conversation
        >>> conv = parse_conversation([{"role": "user", "content": "hi"}],
        ...                           session_time=datetime(2025, 3, 1, 12, tzinfo=timezone.utc))
        >>> print(render_conversation(conv))
        Session time: 2025-03-01 12:00 (Saturday), time zone UTC+00:00
        <BLANKLINE>
        Conversation, one turn per line:
        {"turn": 1, "role": "user", "text": "hi"}
    """
    lines = [
        f"Session time: {_when(conversation.session_time)}",
        "",
        "Conversation, one turn per line:",
    ]
    for t in conversation.turns:
        row: dict[str, Any] = {"turn": t.number, "role": t.role}
        if t.named:
            row["speaker"] = t.speaker
        if t.at is not None:  # the message's own time, when it had one
            row["time"] = t.at.strftime("%Y-%m-%d %H:%M")
        row["text"] = t.text
        lines.append(_line(row))
    return "\n".join(lines)


def extract_schema(turns: Sequence[int]) -> dict[str, Any]:
    """The JSON Schema of the extract reply; ``turn`` must be one of ``turns``."""
    item = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "kind": {"type": "string", "enum": _KINDS},
            "topic": {"type": ["string", "null"]},
            "turn": {"type": "integer", "enum": list(turns)},
            "excerpt": {"type": "string"},
            "reason": {"type": "string"},
        },
        "required": ["text", "kind", "topic", "turn", "excerpt", "reason"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"memories": {"type": "array", "items": item}},
        "required": ["memories"],
        "additionalProperties": False,
    }


def reconcile_schema(candidates: int, memories: int) -> dict[str, Any]:
    """The JSON Schema of the reconcile reply: numbers are ``enum``\\s of those shown."""
    item = {
        "type": "object",
        "properties": {
            "candidate": {"type": "integer", "enum": list(range(1, candidates + 1))},
            "action": {"type": "string", "enum": _ACTIONS},
            "target": {
                "anyOf": [
                    {"type": "integer", "enum": list(range(1, memories + 1))},
                    {"type": "null"},
                ]
            },
            "text": {"type": "string"},
            "reason": {"type": "string"},
        },
        "required": ["candidate", "action", "target", "text", "reason"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"decisions": {"type": "array", "items": item}},
        "required": ["decisions"],
        "additionalProperties": False,
    }


def number_memories(items: Sequence[Related]) -> list[Record]:
    """Existing memories in order of first appearance; memory ``i`` is shown as ``i + 1``."""
    seen: dict[str, Record] = {}
    for item in items:
        for rec in item.memories:
            seen.setdefault(rec.id, rec)
    return list(seen.values())


def render_reconcile(
    conversation: Conversation, items: Sequence[Related], memories: Sequence[Record]
) -> str:
    """The user message of the reconcile call: numbered memories, then numbered candidates.

    Only short local numbers appear; the memory ids stay in ``memories``.
    """
    local = {rec.id: i for i, rec in enumerate(memories, 1)}
    lines = [f"Session time: {_when(conversation.session_time)}", "", "Existing memories:"]
    for i, rec in enumerate(memories, 1):
        row: dict[str, Any] = {"id": i, "kind": rec.kind, "text": rec.text}
        if rec.topic:
            row["topic"] = rec.topic
        row["since"] = rec.valid_from.date().isoformat()
        lines.append(_line(row))
    lines += ["", "New candidates:"]
    for n, item in enumerate(items, 1):
        c = item.candidate
        lines.append(
            _line(
                {
                    "candidate": n,
                    "kind": c.kind,
                    "text": c.text,
                    "similar": [local[r.id] for r in item.memories],
                }
            )
        )
    return "\n".join(lines)


def _ask(model: ChatModel, user: str, system: str, schema: dict[str, Any], name: str,
         meter: Meter, max_tokens: int) -> Step[JsonResult]:  # fmt: skip
    """One structured call as a plan step; its usage lands in ``meter`` even when it fails.

    Provider failures come back from the door as values and are raised here,
    inside the plan, so the plan can log them before they propagate.
    """

    def run() -> JsonResult | ProviderError:
        try:
            return model.complete_json(
                user, system=system, schema=schema, schema_name=name, max_tokens=max_tokens
            )
        except ProviderError as exc:
            return exc

    async def arun() -> JsonResult | ProviderError:
        try:
            return await model.acomplete_json(
                user, system=system, schema=schema, schema_name=name, max_tokens=max_tokens
            )
        except ProviderError as exc:
            return exc

    outcome = yield Call(run, arun)
    if isinstance(outcome, InvalidOutput):
        u = outcome.usage
        meter.add(input_tokens=u.input_tokens, output_tokens=u.output_tokens, cost=outcome.cost_usd,
                  calls=outcome.attempts, raw=outcome.raw)  # fmt: skip
        raise outcome
    if isinstance(outcome, BaseException):
        raise outcome
    result: JsonResult = outcome
    meter.add(input_tokens=result.usage.input_tokens, output_tokens=result.usage.output_tokens,
              cost=result.cost_usd, calls=result.attempts, raw=result.raw)  # fmt: skip
    return result


def _one_line(value: Any, limit: int = 60) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip().lower()
    return text[:limit] or None


def parse_candidates(data: dict[str, Any], conversation: Conversation) -> list[Candidate]:
    """Validated candidates from the extract reply (the schema was checked already)."""
    by_number = {t.number: t for t in conversation.turns}
    out: list[Candidate] = []
    for item in data.get("memories", []):
        text = " ".join(str(item.get("text", "")).split())
        if not text or len(text) > MAX_TEXT:
            continue
        turn = by_number.get(item.get("turn"))
        excerpt = str(item.get("excerpt") or "").strip()
        said = _clean(turn.text) if turn is not None else ""  # the turn as the model saw it
        if turn is not None and (not excerpt or excerpt not in said):
            excerpt = said  # the model paraphrased: keep what was really said
        out.append(
            Candidate(
                text=text,
                kind="rule" if item.get("kind") == "rule" else "fact",
                topic=_one_line(item.get("topic")),
                excerpt=excerpt[:_MAX_EXCERPT] or None,
                turns=(turn.id,) if turn is not None else (),
                rationale=str(item.get("reason") or "").strip() or None,
            )
        )
    return out


def parse_decisions(
    data: dict[str, Any], items: Sequence[Related], memories: Sequence[Record]
) -> list[Change]:
    """One change per item from the reconcile reply, with local numbers mapped back to records."""
    decided: dict[int, Change] = {}
    for d in data.get("decisions", []):
        n = d.get("candidate")
        if not isinstance(n, int) or not 1 <= n <= len(items) or n in decided:
            continue
        item = items[n - 1]
        cand = item.candidate
        action = d.get("action")
        number = d.get("target")
        target = (
            memories[number - 1]
            if isinstance(number, int) and 1 <= number <= len(memories)
            else None
        )
        text = " ".join(str(d.get("text") or "").split()) or cand.text
        reason = str(d.get("reason") or "").strip()
        if action in ("update", "supersede"):
            if target is None or target.kind != cand.kind:
                why = "named no memory" if target is None else f"named a {target.kind}"
                note = f"{reason} (the model chose {action} but {why}; proposed as new)"
                decided[n] = Change(cand, "add", cand.text, None, note.strip())
                continue
            if text == target.text:
                decided[n] = Change(
                    cand, "none", text, target, reason or "same as an existing memory"
                )
                continue
            decided[n] = Change(cand, action, text, target, reason)
        elif action == "none":
            decided[n] = Change(cand, "none", cand.text, target, reason or "already remembered")
        else:
            decided[n] = Change(cand, "add", text, None, reason)
    return [
        decided.get(n)
        or Change(
            item.candidate, "add", item.candidate.text, None, "the model returned no decision"
        )
        for n, item in enumerate(items, 1)
    ]


class LLMExtractor(Extractor):
    """Extraction and reconciliation by a chat model (any :class:`~memstack.llm.ChatModel`).

    Args:
        model: the chat model: ``OpenAIChat`` (OpenAI, Ollama, vLLM… via
            ``base_url``), ``AnthropicChat``, ``FakeChat`` or a plugin's.
        max_tokens: the most output tokens per call.

    Example:
        >>> from memstack.llm.fake import FakeChat
        >>> LLMExtractor(FakeChat(model="small")).id
        'fake:small'
    """

    def __init__(self, model: ChatModel, *, max_tokens: int = 2048) -> None:
        self.model = model
        self.id = model.id
        self.max_tokens = max_tokens

    def extract(self, conversation: Conversation, meter: Meter) -> Step[list[Candidate]]:
        meter.model = self.model.id
        if not conversation.user_turns:
            return []
        schema = extract_schema([t.number for t in conversation.turns])
        result = yield from _ask(
            self.model, render_conversation(conversation), prompt("extract"), schema, "memories",
            meter, self.max_tokens,
        )  # fmt: skip
        return parse_candidates(result.data, conversation)

    def reconcile(
        self, conversation: Conversation, items: Sequence[Related], meter: Meter
    ) -> Step[list[Change]]:
        memories = number_memories(items)
        if not memories:
            return [Change(i.candidate, "add", i.candidate.text, None, "new") for i in items]
        result = yield from _ask(
            self.model, render_reconcile(conversation, items, memories), prompt("reconcile"),
            reconcile_schema(len(items), len(memories)), "decisions", meter, self.max_tokens,
        )  # fmt: skip
        return parse_decisions(result.data, items, memories)

    def close(self) -> None:
        """Close the model's HTTP connections."""
        self.model.close()

    def __repr__(self) -> str:
        return f"<LLMExtractor {self.id}>"
