"""Answer evidence for the user-assistant sets (``bench/data/assist_answers.txt``).

``bench/locomo_recall.py`` sends long memories as query-focused excerpts and uses
this evidence to check that the part of a gold turn that answers the question
is still in what it sends. The file's header explains how the evidence was
chosen; here it is read and checked against the data, so an edit to a data
file cannot silently leave evidence pointing at nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from bench._recall_data import Conversation

ANSWERS = Path(__file__).resolve().parent / "data" / "assist_answers.txt"
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Runs of whitespace as one space (how evidence is compared with sent text)."""
    return _SPACE.sub(" ", text).strip()


def load_answers(convs: list[Conversation], path: Path = ANSWERS) -> dict[str, list[str]]:
    """Evidence strings by question text, for the questions of ``convs`` the file lists.

    Raises:
        ValueError: a listed question is unknown, or an evidence string is in none of
            its question's gold turns.
    """
    found: dict[str, list[str]] = {}
    question: str | None = None
    for raw in path.read_text("utf-8").splitlines():
        if raw.startswith("Q: "):
            question = raw[3:].strip()
            found[question] = []
        elif raw.startswith("E: "):
            if question is None:
                raise ValueError(f"{path.name}: evidence before any question: {raw!r}")
            found[question].append(raw[3:].strip())
    turns = {m["id"]: m["content"] for c in convs for s in c.sessions for m in s.messages}
    gold = {q.text: q.gold for c in convs for q in c.questions}
    out: dict[str, list[str]] = {}
    for text, evidence in found.items():
        if text not in gold:
            continue  # a question of the other assist file
        for e in evidence:
            if not any(squash(e) in squash(turns[g]) for g in gold[text]):
                raise ValueError(f"{path.name}: {e!r} is in no gold turn of {text!r}")
        out[text] = evidence
    return out
