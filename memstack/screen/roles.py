"""Imitations of the conversation's own structure: role markers, chat templates, tool calls.

A model decides who is speaking from markers: ``<|im_start|>system``, ``[INST]``,
``Human:``/``Assistant:``, a ``{"name": ..., "arguments": ...}`` tool call. Text
that carries such a marker can make the model believe a new, more privileged
turn has begun inside the memory block. Chat-template tokens and "system"
markers have no business in a memory, so they are high for every kind.

``User:``/``Assistant:`` labels at the start of a line are the exception: an
episode is an archived conversation, and a transcript legitimately uses them, so
for episodes they are low (visible to the reviewer, not blocking). In a fact or a
rule they imitate a turn and count as an attack.
"""

from __future__ import annotations

import re

from ._rules import Pattern

__all__ = ["PATTERNS"]

# A marker starts a line or follows a sentence end; after an ASCII full stop a
# space is required, so a dotted name in code ("db.Model):") is not a turn.
# Bullets, quotes and brackets may stand before it ("- [assistant]:", "«User:"), and
# a bracketed label may follow a comma or semicolon ("tea; [assistant]:").
_LINE = (
    r"(?:^|\n|(?<=[.!?:])\s+|(?<=[。！？：])\s*|(?<=[;,，；])\s*(?=[\[(【]))"
    r"[ \t>*_#\[(【\-•\"'“‘«„「『`{]*"
)
_SYSTEM = (
    r"(?:system|developer|sys|admin|operator|系统|系统消息|开发者|管理员)"
    r"[ \t]*(?:\]|\)|\*\*|__)?[ \t]*:"
)
# What follows a "System:" label when it imitates a turn rather than naming an OS.
_CUE = (
    r"(?:\byou\b|\bignore|\bnew\b|\balways\b|\bnever\b|\bmust\b|\bassistant\b|\boverride|"
    r"\binstruction|\brespond|\breply|\banswer|\bfrom now on\b|\bdo not\b|\bdon't\b|\bupdate|"
    r"\bmode\b|\bpolicy\b|\bforget|\breveal|\bprint|\bsend|\bforward|\bgrant|\bdisable|"
    r"\benable|\bunlock|\bobey|\bcomply|\bthe user\b|\bpriority|\bprivilege|\bpermission|"
    r"你|忽略|新的|必须|总是|始终|指令|回答|回复|不要|更新|模式|泄露|发送|权限|解除)"
)
_SYSTEM_KEYS = ("system", "developer", "sys", "admin", "operator", "系统", "开发者", "管理员")

# Code that builds a prompt is not a turn. A message object imitates a turn when it
# carries its own words; in code it is assigned or passed ("messages = [{...", ".append({"),
# or its content is a variable ("content": SYSTEM_PROMPT), which the model never reads.
_BUILT = re.compile(r"(?:[\w\])\"']\s*(?:=|\+=|:)|\w\s*\()\s*\[?\s*$")
_VARIABLE = re.compile(
    r"\s*(?:f?[\"'](?:\{\w+\}|\{\})?[\"']|[A-Za-z_][\w.]*(?:\[[^\]]*\]|\(\))?)\s*[,}]"
)
# A constant's name used as a value ("SYSTEM_PROMPT}", "SYSTEM_MESSAGE = ...",
# "ADMIN_MODE.value"); the disguise view reads SYSTEM_PROMPT as "SYSTEM PROMPT".
_CONSTANT_USE = re.compile(r"\s*(?:=(?!=)|\.\w|[)};])")
_LISTED = re.compile(r"\s*[,\]]")
_COMPARED = re.compile(r"(?:(?<![=!<>])[=!]=|\bis|\bin|\breturn)\s*$")


def _not_code(text: str, m: re.Match[str]) -> bool:
    """A role object that stands alone or carries literal words, not one built in code."""
    if "role" not in m.group(0) and "author" not in m.group(0):
        return True
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    if _BUILT.search(line):
        return False
    return _VARIABLE.match(text, m.end()) is None


def _not_identifier(text: str, m: re.Match[str]) -> bool:
    """``SYSTEM NOTICE:`` announces; ``SYSTEM_PROMPT}`` is a constant's name in code."""
    before = text[max(0, m.start() - 2) : m.start()]
    if before[-1:] == "[" or (before[-1:] == "(" and not before[:1].isalnum()):
        return True  # "[SYSTEM_OVERRIDE]", "(SYSTEM NOTICE)": a bracketed label
    if _CONSTANT_USE.match(text, m.end()) or _COMPARED.search(text, 0, m.start()):
        return False
    return "_" not in m.group(0) or _LISTED.match(text, m.end()) is None


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        re.compile(
            r"<\|[a-z_]{2,30}\|>|\[/?inst\]|<</?sys>>|<(?:start|end)_of_turn>|</?s>(?=\s*\[inst)"
            r"|<\|?(?:begin|end)_of_text\|?>|###\s*(?:instruction|response|system|input)\s*:"
            r"|\n\n(?:human|assistant):"
        ),
        "injection", "high", "chat-template token",
        keys=("<|", "[inst", "[/inst", "<<sys", "<</sys", "_of_turn", "_of_text", "###",
              "\n\nhuman:", "\n\nassistant:"),
    ),
    Pattern(
        re.compile(_LINE + r"(?P<hit>" + _SYSTEM + r")"),
        "injection", "medium", "system role marker", keys=_SYSTEM_KEYS,
    ),
    Pattern(
        re.compile(_LINE + r"(?P<hit>" + _SYSTEM + r"[^\n]{0,40}?" + _CUE + r")"),
        "injection", "high", "system role marker followed by an instruction", keys=_SYSTEM_KEYS,
    ),
    Pattern(
        re.compile(
            _LINE + r"(?P<hit>(?:assistant|ai|bot|model|gpt|chatgpt|claude|助手|ai助手|机器人)"
            r"[ \t]*(?:\]|\)|\*\*|__|\((?:internal|hidden|system|private|thinking)\))?[ \t]*[:：])"
        ),
        "injection", "high", "assistant role marker", kinds={"episode": "low"},
        keys=("assistant", "ai", "bot", "model", "gpt", "claude", "助手", "机器人"),
    ),
    Pattern(
        re.compile(_LINE + r"(?P<hit>(?:user|human|用户|人类)[ \t]*(?:\]|\)|\*\*|__)?[ \t]*[:：])"),
        "injection", "medium", "user role marker", kinds={"episode": "low"},
        keys=("user", "human", "用户", "人类"),
    ),
    Pattern(
        re.compile(
            r"[\[【(（]\s*(?:system|sys|admin|developer|root|系统|管理员|开发者)(?:\s*(?:message|"
            r"prompt|note|notice|override|instruction|update)|提示词?|消息|指令|通知|设定|更新)?"
            r"\s*[\]】)）]"
            r"|\b(?:system|developer|admin) (?:override|instruction|directive)s?\b"
            r"|(?:^|(?<=[.!?\n]))\s*(?:override|admin override|priority override|new rule)\s*:"
            r"|\bsystem[ _-]prompt\s*:|\b(?:updated|new|revised|real) system prompt\b"
            r"|系统(?:提示词?|消息|指令|通知|设定)\s*:"
            r"|(?:新的?|更新后?的?|最新的?|真正的)系统(?:提示词?|指令|设定)"
            r"|(?:修改|覆盖|替换|重写|更新)(?:你的|您的)?系统(?:提示词?|指令|设定)"
        ),
        "injection", "high", "imitation of a system prompt",
        keys=_SYSTEM_KEYS + ("root", "override", "new rule"),
    ),
    Pattern(
        re.compile(
            r"\b(?:SYSTEM|ADMIN|DEVELOPER|ROOT|OPERATOR)[ _-](?:OVERRIDE|MESSAGE|PROMPT|NOTICE|"
            r"INSTRUCTIONS?|MODE|UPDATE|COMMAND|DIRECTIVE)\b"
        ),
        "injection", "high", "imitation of a system notice", case=True,
        keys=("system", "admin", "developer", "root", "operator"), check=_not_identifier,
    ),
    Pattern(
        re.compile(
            r"\{\s*\"(?:name|tool|tool_name|function|recipient_name|action)\"\s*:\s*\"[^\"]{1,80}\""
            r"\s*,\s*\"(?:arguments|parameters|args|input|params|action_input|kwargs)\"\s*:"
            r"|\"(?:function_call|tool_calls|tool_use|tool_call|functioncall)\"\s*:"
            r"|</?(?:tool_call|tool_use|function_calls?|invoke|tool_result|function_results?|"
            r"antml:[a-z_]+)\b[^>]{0,200}>"
            r"|<\|(?:tool_call|python_tag|channel|call)\|>|\bto=functions\.\w+"
            r"|\b(?:functions|tools)\.[a-z_]+\(\s*\{"
            r"|\{\s*[\"'](?:role|author)[\"']\s*:\s*[\"'](?:system|developer)[\"']\s*,\s*"
            r"[\"'](?:content|text|message)[\"']\s*:"
        ),
        "injection", "high", "imitation of a tool call",
        keys=("{", "<", "to=functions", "functions.", "tools."), check=_not_code,
    ),
)  # fmt: skip
