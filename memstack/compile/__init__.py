"""Pure compilation of memory: records to Markdown, to agent files, and to prompts.

Nothing in this package does I/O (beyond reading its own packaged templates and
the tokenizer vocabulary), reads the clock or draws random numbers: the same
records always give the same bytes. See ``docs/compile.md``.
"""

from __future__ import annotations

from .export import export_agents, export_claude, export_cursor, read_export
from .frame import frame_record, neutralize
from .markdown import ChangeSet, Edit, ParsedItem, diff, parse, render
from .payload import build_payload
from .prompt import Prompt, Provider, compile_prompt
from .tokens import count_tokens

__all__ = [
    "ChangeSet",
    "Edit",
    "ParsedItem",
    "Prompt",
    "Provider",
    "build_payload",
    "compile_prompt",
    "count_tokens",
    "diff",
    "export_agents",
    "export_claude",
    "export_cursor",
    "frame_record",
    "neutralize",
    "parse",
    "read_export",
    "render",
]
