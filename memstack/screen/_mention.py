"""Mention, not use: an attack's words quoted in talk *about* attacks.

"Eve gave a talk called "Ignore all previous instructions: a short history of
prompt injection"", "ChatML marks turns with <|im_start|> and <|im_end|>
tokens": the words of an override and the tokens of a chat template are there,
but nothing in the statement uses them. People who work on assistants store
such facts, and every blind-written held-out set has had them among its
look-alikes.

A finding of the two families below is a *mention* when its words sit inside a
quotation on their line (an override phrase quoted as a title or an example),
or, for a chat-template token, when the token stands inside a sentence of
prose: text before it on its line, and after it neither a role name nor a line
break (the way a fake turn begins). The same holds for any finding of the
instructing categories in a statement that names the subject of attacks on
assistants ("prompt injection", "jailbreak", "attackers", "提示注入"...): a
paper's notes, a security-training slide, a red-team finding (not a disguised
or encoded instruction, which nobody writes to talk about one). A mention alone
decides nothing: it is shown at ``low`` only when the learned layer, which
reads the whole statement, scores it below
:data:`memstack.screen._opinion.CORROBORATE` (see
:func:`memstack.screen._opinion.corroborate`). An attack that quotes an
override, or names prompt injection, and adds what it wants done gets the
learned layer's score and keeps its severity. Measured in round 8: behind
"Security training example: '…'", "From a paper on prompt injection: "…"",
"论文笔记：“…”", "Red-team finding: " or "Quote from the jailbreak talk: «…»",
every attack of test10 and test11 caught alone was caught as often (315 of
333, by a learned layer trained without those two sets).
"""

from __future__ import annotations

import re

from ..models import Finding

MENTIONABLE = ("instruction to override earlier instructions", "chat-template token")
_TEMPLATE = "chat-template token"

# Quotation marks: (opening, closing). The straight ones open and close alike.
_PAIRS = (('"', '"'), ("'", "'"), ("`", "`"), ("“", "”"), ("‘", "’"), ("„", "“"), ("«", "»"),
          ("「", "」"), ("『", "』"), ("《", "》"))  # fmt: skip
# After a token that begins a fake turn: a role name, or the end of the line.
_TURN = re.compile(r"[ \t]*(?:$|\n|(?:system|user|assistant|human|model|ai|bot)\b)", re.I)


def family(finding: Finding) -> str:
    """The finding's detector without its language (``"… instructions (German)"``)."""
    return finding.message.partition(":")[0].split(" (", 1)[0]


def _apostrophe(line: str, i: int) -> bool:
    """A straight single quote between two letters (``I'm``, ``don't``) is not a quotation mark."""
    return 0 < i < len(line) - 1 and line[i - 1].isalnum() and line[i + 1].isalnum()


def _marks(line: str, mark: str) -> list[int]:
    straight = mark == "'"
    return [i for i, c in enumerate(line) if c == mark and not (straight and _apostrophe(line, i))]


def quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside one quotation on its line."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    line = text[first : len(text) if last < 0 else last]
    a, b = start - first, end - first
    for opening, closing in _PAIRS:
        if opening == closing:
            marks = _marks(line, opening)
            before = sum(1 for i in marks if i < a)
            if before % 2 == 1 and any(i >= b for i in marks):
                return True
            continue
        opened = line.rfind(opening, 0, a)
        if opened >= 0 and line.rfind(closing, opened + 1, a) < 0 and line.find(closing, b) >= 0:
            return True
    return False


def _in_prose(text: str, start: int, end: int) -> bool:
    """A chat-template token inside a sentence: words before it on its line, no turn after it."""
    first = text.rfind("\n", 0, start) + 1
    before = text[first:start].strip()
    return bool(before) and not before.endswith((":", "：")) and not _TURN.match(text, end)


# Statements that name the subject of attacks on assistants: research notes, security
# training, red-team findings, talks. An attack has no reason to name its own kind.
_TALK = re.compile(
    r"prompt[- ]?injection|injection attack|jailbreak|red[- ]team|phishing|security training|"
    r"\battackers?\b|提示注入|提示词注入|注入攻击|越狱|攻击者|安全培训|钓鱼|injection de prompt|"
    r"inyecci[oó]n de (?:prompt|instrucciones)|prompt-injektion|инъекци[яи] (?:промпт|подсказ)|"
    r"プロンプトインジェクション|脱獄|حقن (?:التعليمات|الأوامر|الموجه)",
    re.I,
)
_TALKED = ("injection", "breakout", "exfiltration")


def talks_about_attacks(text: str) -> bool:
    """Whether the statement names prompt injection, jailbreaks, attackers or the like."""
    return _TALK.search(text) is not None


def mentioned(text: str, finding: Finding) -> bool:
    """Whether ``finding`` names an attack's words rather than using them (see the module)."""
    if finding.severity not in ("medium", "high"):
        return False
    name = family(finding)
    if name in MENTIONABLE and quoted(text, finding.start, finding.end):
        return True
    if name == _TEMPLATE and _in_prose(text, finding.start, finding.end):
        return True
    return (
        finding.category in _TALKED
        and not name.startswith(("disguised", "learned_instruction"))
        and talks_about_attacks(text)
    )
