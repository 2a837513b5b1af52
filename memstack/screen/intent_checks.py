"""The checks of :mod:`memstack.screen.intent`'s rows: whose instructions, whose approval, who acts.

A regex finds the move ("your earlier instructions are void", "skip approval",
"become X for good", "run the command in the log"); these checks ask what a
regex says badly: that the instructions are the model's, that the approval is
memstack's and not in code, that a role verb is an order to the model, that the
model is the one who acts.
"""

from __future__ import annotations

import re

from ._rules import clause_start
from .orders import about_memory

__all__ = ["AI_WORD", "model_acts", "models_own", "outside_code", "to_the_model"]

AI_WORD = r"(?:assistant|ai|model|language model|llm|bot|chatbot|agent|helper|gpt|claude|copilot)"
"""A word that names the model."""

_MODEL_WORDS = frozenset(
    "assistant ai model llm bot chatbot agent gpt claude copilot helper system developer "
    "operator you your yourself".split()
)
# Whose earlier instructions: "Tara's previous instructions", "the instructions to the contractor".
_OWNER = re.compile(r"([a-z]+)(?:'s|’s|s')\s+$")
_RECIPIENT = re.compile(
    r"\b(?:instructions?|directions?|directives?|rules?|guidelines?|guidance|orders|commands|"
    r"settings|constraints|restrictions|polic(?:y|ies))\s+(?:given\s+|sent\s+|issued\s+)?"
    r"(?:to|for)\s+(?:the|a|an|his|her|their|our|my|its)\s+([a-z]+)"
)


def models_own(text: str, m: re.Match[str]) -> bool:
    """The earlier instructions are the model's: not "Tara's" nor "to the contractor"."""
    words = set(re.findall(r"[a-z]+", m.group(0)))
    if words & {"you", "your"}:
        return True
    owner = _OWNER.search(text, max(0, m.start() - 30), m.start())
    if owner is not None and owner.group(1) not in _MODEL_WORDS:
        return False
    to = _RECIPIENT.search(m.group(0))
    return to is None or to.group(1) in _MODEL_WORDS


# Controls only memstack has; review and approval are everyday office words.
_OWN_CONTROL = re.compile(
    r"screening|scan|moderation|safety check|(?:review|approval) (?:policy|mode)"
)
_ASSIGNED = re.compile(r"\s*(?:[=!]=|:=|=(?!>)|\()")
_CODE_SPAN = re.compile(r"`([^`\n]{1,200})`")
_CODE_CHARS = re.compile(r"[=(){}\[\];]|\w\.\w|:\s*$|^\s*(?:if|def|let|const|var|return)\b")


def outside_code(text: str, m: re.Match[str]) -> bool:
    """Not inside inline code that reads as code (`if user.is_admin: skip_approval = True`)."""
    if _ASSIGNED.match(text, m.end()):
        return False  # a variable or a call: skip_approval = True, disable_review()
    if not _OWN_CONTROL.search(m.group(0)) and not about_memory(text, m):
        # "Marta's drafts count as approved", "disabling the approval workflow for the
        # maintenance window": an office's approvals, not memstack's
        return False
    for c in _CODE_SPAN.finditer(text, max(0, m.start() - 200), min(len(text), m.end() + 200)):
        if c.start() < m.start() and m.end() <= c.end() and _CODE_CHARS.search(c.group(1)):
            return False
    return True


_BECOME = re.compile(r"(?:become|turn into|play|act as|speak as|answer as|respond as|talk as)\b")
_ASKED_BEFORE = re.compile(
    r"\b(?:you(?:'ll| will| must| should| shall| can| could| would)?|please|(?:the |this )?"
    + AI_WORD + r"s? (?:will|must|should|shall|can))\s+(?:now\s+|just\s+)?$"
)


def to_the_model(text: str, m: re.Match[str]) -> bool:
    """A role verb here is an order to the model: at a clause start, after "you" or "please".

    "Anna will become my business partner for good" tells of Anna; "please become
    her for good" asks the model.
    """
    if _BECOME.match(text, m.start()) is None:
        return True
    return clause_start(text, m.start()) or (
        _ASKED_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
    )


_THIRD_PERSON = re.compile(r"(?:s|es)\b")
_MODEL_BEFORE = re.compile(r"\b" + AI_WORD + r"s?\s+(?:\w+ly\s+)?$")
_SOMEONE_BEFORE = re.compile(
    r"\b(?:i|we|they|he|she|people|users|staff|the team|everyone|somebody|someone)\s+"
    r"(?:\w+ly\s+|usually\s+|then\s+|just\s+)?$"
)


def model_acts(text: str, m: re.Match[str]) -> bool:
    """The model carries out what the content says, not Priya or the QA team.

    An order ("…, run it") or the model as the subject ("…, the assistant runs
    it"); a person who acts on a log is a description of their work.
    """
    start = m.start("act") if m.group("act") else -1
    if start < 0:
        return True
    before = text[max(0, start - 40) : start]
    if _THIRD_PERSON.match(text, m.end("act")):
        return _MODEL_BEFORE.search(before) is not None
    return _SOMEONE_BEFORE.search(before) is None
