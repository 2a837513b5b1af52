"""Structure that could close the memory block or open a new section of the prompt.

Compiled memory sits inside a framed block (a tag, a fence, a quoted list). A
statement that contains ``</memory>``, a Markdown heading at the start of a
line, a code fence or an "END OF MEMORY" banner can end that frame early, and
whatever follows is read as prompt, not data. The compiler escapes stored text,
but screening reports these anyway: a reviewer should see the attempt, and not
every consumer of exported Markdown escapes.

Severity follows intent. Tags named after the frame (memory, data, context,
system, …), fake "end of block" banners and headings that announce
instructions are high. Any other heading, fence, horizontal rule and active HTML
(script, iframe) is medium. Ordinary tags such as ``<div>`` mentioned in a fact
about web development are low.
"""

from __future__ import annotations

import re

from ._rules import Pattern

__all__ = ["PATTERNS"]


_FRAME = (
    r"(?:memory|memories|memstack|stable|recall|data|context|system|system[-_ ]?prompt|"
    r"instructions?|user|assistant|human|developer|tool|tool_result|function_results?|"
    r"documents?|untrusted|untrusted[-_]\w+|quote|records?|notes?|messages?|prompt|input|"
    r"output|response|example|rules?|facts?|episodes?|history|conversation|im_start|im_end|"
    r"retrieved|search_results?|source|content|knowledge)"
)

# HTML elements whose names are also frame words (``<input>``, ``<output>``,
# ``<source>``, ``<data>``), written as HTML or JSX: with attributes or spread
# props and self-closing. A frame imitation is a bare tag (``</data>``, ``<input>``).
_HTML_ELEMENT = re.compile(
    r"<\s*(?:input|output|source|data)\s+(?:[a-z-]+=|\{)[^<>\n]*/>"
)

_END_KEYS = ("end", "close", "exit", "[/", "[memor", "[data", "[context", "[sys", "[quote",
             "[untrusted", "结束", "终止")  # fmt: skip

PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        re.compile(r"<\s*/?\s*" + _FRAME + r"\b[^<>\n]{0,100}>"),
        "breakout", "high", "tag that could close or open the memory block", keys=("<",),
        check=lambda text, m: _HTML_ELEMENT.match(m.group(0)) is None,
    ),
    Pattern(
        re.compile(r"<\s*/?\s*(?:script|iframe|object|embed|svg|style|form|meta|link|base)\b"
                   r"[^<>]{0,200}>?"),
        "breakout", "medium", "active HTML element", keys=("<",),
    ),
    Pattern(
        re.compile(r"<\s*/?\s*[a-z][\w:-]{0,30}(?:\s[^<>\n]{0,200})?/?>"),
        "breakout", "low", "HTML/XML tag", keys=("<",),
    ),
    Pattern(
        re.compile(
            r"(?:^|\n)[ \t]{0,3}(?P<hit>#{1,6}[ \t]+[^\n]{0,80}?(?:instruction|system|rule|prompt|"
            r"override|admin|important|directive|policy|update|task|note to|assistant|ai\b|"
            r"指令|系统|规则|提示|任务|重要|更新)[^\n]*)"
        ),
        "breakout", "high", "Markdown heading announcing instructions", keys=("#",),
    ),
    # A title on the first line is what the memory is about ("## Onboarding checklist");
    # a heading further down opens a new section after it.
    Pattern(
        re.compile(r"\A[ \t]{0,3}(?P<hit>#{1,6}(?:[ \t]+\S[^\n]{0,60}|[ \t]*$))", re.M),
        "breakout", "low", "Markdown heading (a title)", keys=("#",),
    ),
    Pattern(
        re.compile(r"\n[ \t]{0,3}(?P<hit>#{1,6}(?:[ \t]+\S[^\n]{0,60}|[ \t]*$))", re.M),
        "breakout", "medium", "Markdown heading", keys=("#",),
    ),
    Pattern(
        re.compile(r"`{3,}|~{3,}"),
        "breakout", "medium", "code fence", keys=("```", "~~~"),
        # A transcript quotes code as it was written; the frame quotes every line anyway.
        kinds={"episode": "low"},
    ),
    Pattern(
        re.compile(r"(?:^|\n)[ \t]{0,3}(?P<hit>(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|"
                   r"={3,})[ \t]*(?=\n|$)"),
        "breakout", "medium", "horizontal rule or heading underline",
        keys=("---", "***", "___", "===", "- -", "* *", "_ _"),
    ),
    Pattern(
        re.compile(
            r"(?:^|[\n\[(<{#=*~-])[ \t]*(?:end|close|exit) (?:of )?(?:the )?(?:stored |saved |"
            r"retrieved |user |memory )?(?:memory|memories|data|context|document|user input|"
            r"system prompt|instructions|block|quote|records?|facts|notes|entries)"
            r"\b[ \t]*[\]>)}#=*~-]"
            r"|\[/?(?:end|memory|memories|data|context|system|sys|quote|untrusted)\]"
            r"|(?:记忆|数据|上下文|文档|引用|用户输入)(?:块|部分)?(?:到此|在此)?(?:结束|终止)"
            r"|(?:以上|上面)(?:内容)?(?:均为|都是)?(?:记忆|数据)(?:结束)"
        ),
        "breakout", "high", "fake end-of-block marker", keys=_END_KEYS,
    ),
    Pattern(
        re.compile(
            r"\bEND (?:OF )?(?:THE )?(?:MEMORY|MEMORIES|DATA|CONTEXT|DOCUMENT|USER INPUT|INPUT|"
            r"SYSTEM PROMPT|INSTRUCTIONS|CONVERSATION|BLOCK|SECTION|QUOTE|RECORDS?|NOTES?)\b"
        ),
        "breakout", "high", "fake end-of-block banner", case=True, keys=("end",),
    ),
)  # fmt: skip
