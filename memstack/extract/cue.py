"""The offline extractor: explicit cues in what the user says, in English and Chinese.

It is the default when no LLM is configured, so it must be precise rather than
clever: it only fires on phrases a person uses when they *want* something
remembered or are stating a lasting fact about themselves, and only in user
turns (an assistant's suggestion is never the user's fact). Questions are
skipped ("do you remember that…?").

+---------------------------------------------+----------------------------------+-------+
| cue                                         | statement                        | kind  |
+=============================================+==================================+=======+
| remember that… / don't forget… / 记住…       | the clause, third person         | fact  |
| remember to… / 记住要…                       | the instruction                  | rule  |
| I prefer… / 我(很/最…)喜欢… / 我不喜欢…        | User prefers… / 用户喜欢…          | fact  |
| my X is Y / 我的X是Y                          | User's X is Y (slot X)           | fact  |
| my name is… / 我叫…                          | User's name is… (slot name)      | fact  |
| call me… / 叫我…                             | User wants to be called…         | fact  |
| I'm allergic to… / 我对…过敏                  | User is allergic to…             | fact  |
| I always… / I never…                        | User always…                     | fact  |
| always… / never… / 永远不要… / 总是…           | the instruction                  | rule  |
| from now on… / 以后… / 今后…                  | the instruction (or a fact)      | rule  |
+---------------------------------------------+----------------------------------+-------+

Statements are written in the third person, with "User" (English) or "用户"
(Chinese) as the subject, or the speaker's name when the message has a
``name``: "Alice prefers tea". A memory is read later, out of context, by a
model that is not the user; "I prefer tea" would then be ambiguous. Rules are
instructions to the assistant and keep the imperative: "Always answer in
English", "Never call the user before 9am".

Pure: text in, candidates out; dates are resolved later by the plan. Sentence
splitting, third-person rewriting and topic guessing are in
:mod:`memstack.extract.wording`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .base import Candidate, Conversation, Extractor, Meter, Step, Turn, _done
from .reconcile import CHANGE_MARKER
from .wording import (
    CJK,
    EN_FILLER,
    QUESTION,
    ZH_FILLER,
    cap,
    clean,
    guess_topic,
    rule_person,
    sentences,
    third_person,
    value_of,
    zh_person,
)

__all__ = ["CueExtractor", "find_candidates", "guess_topic"]


class CueExtractor(Extractor):
    """Explicit-cue extraction with no model: offline, free, deterministic.

    Example:
        >>> from datetime import datetime, timezone
        >>> from memstack.extract.base import Meter, parse_conversation
        >>> conv = parse_conversation(
        ...     [{"role": "user", "content": "I prefer green tea. Never use emojis."}],
        ...     session_time=datetime(2025, 3, 1, tzinfo=timezone.utc))
        >>> [(c.kind, c.text) for c in find_candidates(conv)]
        [('fact', 'User prefers green tea'), ('rule', 'Never use emojis')]
    """

    id = "cue"

    def extract(self, conversation: Conversation, meter: Meter) -> Step[list[Candidate]]:
        meter.model = self.id
        return _done(find_candidates(conversation))


# -- cues ----------------------------------------------------------------------------------

_ATTR_STOP = {
    "point", "question", "guess", "problem", "issue", "concern", "code", "answer", "idea", "bad",
    "pleasure", "turn", "understanding", "thought", "thoughts", "plan", "hope", "worry", "fault",
    "mistake", "request", "goal here", "test", "output", "error", "reply", "message", "last",
}  # fmt: skip

Found = tuple[str, str, "str | None", "str | None", str]  # text, kind, topic, slot, cue


def _en_clause(clause: str, s: str) -> Found | None:
    """A fact about the user in an English clause, if it has a fact shape."""
    m = re.match(
        r"^(?:my\s+name\s+is|my\s+name's|I'm\s+called|I\s+am\s+called)\s+(?P<v>.{1,60})$",
        clause,
        re.I,
    )
    if m:
        return f"{s}'s name is {clean(m['v'])}", "fact", "identity", "name", "my name is"
    m = re.search(
        r"\bI(?:'m|\s+am)\s+(?:(?:very|severely|highly|deathly|mildly|also|really|quite)\s+)*"
        r"allergic\s+to\s+(?P<v>.+)$",
        clause,
        re.I,
    )
    if m:
        return (
            f"{s} is allergic to {third_person(clean(m['v']), s)}",
            "fact",
            "health",
            None,
            "I'm allergic to",
        )
    m = re.search(r"\bI\s+have\s+(?:an?\s+)?(?P<v>[\w\s-]{1,40}?)\s+allergy\b", clause, re.I)
    if m:
        return f"{s} has a {m['v'].strip()} allergy", "fact", "health", None, "I have an allergy"
    m = re.search(r"\bI(?P<adv>(?:\s+(?:really|much|generally|usually|strongly|definitely|also|"
                  r"would|'d|do|still|always))*)\s+prefer\s+(?P<v>.+)$", clause)  # fmt: skip
    if m:
        text = f"{s} prefers {third_person(value_of(m['v']), s)}"
        return text, "fact", guess_topic(text, "preferences"), None, "I prefer"
    m = re.match(r"^my\s+(?P<a>[a-z][\w'’ -]{0,40}?)\s+(?P<verb>is|are)\s+(?P<v>.+)$", clause, re.I)
    if m and m["a"].lower().strip() not in _ATTR_STOP:
        attr = m["a"].strip()
        text = f"{s}'s {attr} {m['verb'].lower()} {third_person(value_of(m['v']), s)}"
        return text, "fact", guess_topic(attr, None) or guess_topic(text), attr.lower(), "my X is Y"
    m = re.match(r"^I\s+(?P<adv>always|never)\s+(?P<v>.+)$", clause)
    if m:
        text = third_person(clause, s)
        return text, "fact", guess_topic(text), None, f"I {m['adv']}"
    return None


def _en_rule(clause: str, s_rule: str, cue: str) -> Found:
    text = cap(rule_person(clean(clause), s_rule))
    text = re.sub(r"^(?:Don't|Do\s+not)\s+ever\b", "Never", text, flags=re.I)
    return text, "rule", guess_topic(text), None, cue


_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:always|never|don't|do\s+not|avoid|use|answer|reply|write|call)\b", re.I
)


def _english(sentence: str, s: str, s_rule: str) -> Found | None:
    clause = EN_FILLER.sub("", clean(sentence))
    if not clause:
        return None
    m = re.match(
        r"^(?:please\s+|can\s+you\s+|could\s+you\s+|would\s+you\s+)?(?P<cue>remember|don't\s+forget|"
        r"do\s+not\s+forget|keep\s+in\s+mind)(?:\s+that)?\s*[:,-]?\s+(?P<body>.+)$",
        clause,
        re.I,
    )
    if m:
        cue, body = m["cue"].lower(), m["body"].strip()
        if body.lower().startswith("to "):
            return _en_rule(body[3:], s_rule, f"{cue} to")
        if _IMPERATIVE.match(body):
            return _en_rule(body, s_rule, cue)
        found = _en_clause(body, s)
        text = found[0] if found else cap(third_person(clean(body), s))
        topic = found[2] if found else guess_topic(text)
        return text, "fact", topic, found[3] if found else None, f"{cue} that"
    m = re.match(
        r"^(?:from\s+now\s+on|going\s+forward|in\s+(?:the\s+)?future)\s*,?\s+(?P<body>.+)$",
        clause,
        re.I,
    )
    if m:
        body = m["body"].strip()
        if re.match(r"^(?:I|my)\b", body, re.I):
            found = _en_clause(body, s)
            text = found[0] if found else cap(third_person(clean(body), s))
            return text, "fact", guess_topic(text), found[3] if found else None, "from now on"
        return _en_rule(body, s_rule, "from now on")
    m = re.match(
        r"^(?:please\s+)?(?:you\s+(?:should|must)\s+)?"
        r"(?P<adv>always|never|don't\s+ever|do\s+not\s+ever)\s+\S",
        clause,
        re.I,
    )
    if m:
        body = re.sub(r"^(?:please\s+)?(?:you\s+(?:should|must)\s+)?", "", clause, flags=re.I)
        return _en_rule(body, s_rule, m["adv"].lower())
    m = re.match(
        r"^(?:please\s+)?call\s+me\s+(?P<v>[^,;]{1,40}?)(?:\s+from\s+now\s+on)?$",
        clean(clause),
        re.I,
    )
    if m:
        return (
            f"{s} wants to be called {m['v'].strip()}",
            "fact",
            "identity",
            "preferred name",
            "call me",
        )
    return _en_clause(clause, s)


_ZH_RULE_START = re.compile(r"^(?:请)?(?:以后|今后|永远|不要|别|总是|始终|一定要|每次|务必|要)")


def _zh_rule(body: str, s: str, cue: str) -> Found:
    text = re.sub(r"^(?:请|都|要|也)+", "", clean(body))
    text = zh_person(text, s)
    return text, "rule", guess_topic(text), None, cue


def _zh_clause(clause: str, s: str) -> Found | None:
    m = re.match(r"^(?:我叫|我的名字是|我的名字叫)(?P<v>[^，,。]{1,30})$", clause)
    if m:
        return f"{s}叫{m['v'].strip()}", "fact", "identity", "name", "我叫"
    m = re.match(r"^我对(?P<v>.+?)过敏", clause)
    if m:
        return f"{s}对{zh_person(m['v'], s)}过敏", "fact", "health", None, "我对…过敏"
    m = re.match(r"^我(?P<a>的[^，,。是]{1,12}?|最喜欢的[^，,。是]{1,10}?)是(?P<v>.+)$", clause)
    if m:
        text = f"{s}{m['a']}是{zh_person(m['v'], s)}"
        return (
            text,
            "fact",
            guess_topic(m["a"], None) or guess_topic(text),
            m["a"].lstrip("的"),
            "我的X是Y",
        )
    m = re.match(
        r"^我(?P<adv>(?:很|非常|最|比较|特别|也|还|一直|真的|更|超|不太|不)*)"
        r"(?P<verb>喜欢|偏好|讨厌|爱吃|爱喝|爱)(?P<v>.+)$",
        clause,
    )
    if m and m["v"].strip() not in ("你", "你们", "它", "这个", "那个", "这样"):
        text = f"{s}{m['adv']}{m['verb']}{zh_person(m['v'], s)}"
        return text, "fact", guess_topic(text, "preferences"), None, "我喜欢"
    return None


def _chinese(sentence: str, s: str) -> Found | None:
    clause = ZH_FILLER.sub("", clean(sentence))
    if not clause:
        return None
    m = re.match(
        r"^(?:请|你)?(?:要)?(?P<cue>记住|记得|别忘了|不要忘了)[：:，,]?\s*(?P<body>.+)$", clause
    )
    if m:
        body = m["body"].strip()
        if _ZH_RULE_START.match(body):
            return _zh_rule(re.sub(r"^(?:以后|今后)[，,]?", "", body), s, m["cue"])
        found = _zh_clause(body, s)
        text = found[0] if found else zh_person(clean(body), s)
        return (
            text,
            "fact",
            found[2] if found else guess_topic(text),
            found[3] if found else None,
            m["cue"],
        )
    m = re.match(r"^(?:以后|今后|从今以后|从现在起|从现在开始|往后)[，,]?\s*(?P<body>.+)$", clause)
    if m:
        body = m["body"].strip()
        if body.startswith("我") and not body.startswith("我们"):
            found = _zh_clause(body, s)
            text = found[0] if found else s + "以后" + zh_person(clean(body[1:]), s)
            return text, "fact", guess_topic(text), found[3] if found else None, "以后"
        return _zh_rule(body, s, "以后")
    m = re.match(r"^(?:请)?(?P<cue>永远不要|永远别|不要再|别再|总是|始终|一定要|务必)", clause)
    if m:
        return _zh_rule(clause, s, m["cue"])
    m = re.match(r"^(?:请|你可以|以后)?叫我(?P<v>[^，,。]{1,20})$", clause)
    if m:
        return f"{s}希望被称为{m['v'].strip()}", "fact", "identity", "preferred name", "叫我"
    return _zh_clause(clause, s)


# -- the extractor -------------------------------------------------------------------------

Subjects = Callable[[Turn], tuple[str, str, str]]


def _subjects(turn: Turn) -> tuple[str, str, str]:
    """Subject of facts (English, Chinese) and of rules, for this turn's speaker."""
    if turn.named:
        return turn.speaker, turn.speaker, turn.speaker
    return "User", "用户", "the user"


# A later sentence that changes what an earlier one said: "Actually it's green now."
_EN_CHANGE = re.compile(
    r"^(?:no[,!]?\s+|now\s+)?(?:it's|it\s+is|its|that's|it\s+has\s+become|it\s+became|"
    r"it(?:'s|\s+has)?\s+changed\s+to|it's\s+now|it\s+is\s+now)\s+(?:now\s+|actually\s+)?"
    r"(?P<v>.{1,60}?)(?:\s+(?:now|instead|these\s+days|nowadays|actually))*$",
    re.IGNORECASE,
)
_ZH_CHANGE = re.compile(
    r"^(?:我)?(?:现在)?(?:已经)?(?:是|变成了?|改成了?|换成了?)(?P<v>[^，,。！!？?]{1,20}?)了?$"
)
_CORRECTION = re.compile(
    r"^(?:(?:no|nope|wait|sorry|hmm+|oops|correction|scratch\s+that)\b[\s,!.:;-]*)+", re.I
)
# Values that answer "how is it" rather than name a new value ("Actually it's fine now").
_NOT_A_VALUE = re.compile(
    r"^(?:fine|ok|okay|good|great|alright|all\s+right|done|working|better|worse|true|false|"
    r"not\b.*|the\s+same|same|time\b.*|too\b.*|so\b.*|a\s+bit\b.*|no\s+problem|over|"
    r"gone|back|好了|没事|一样|对的)$",
    re.IGNORECASE,
)
# What a slot statement says before its value: "User's favourite colour is ", "用户的颜色是".
_SLOT_PREFIX = re.compile(r"^(?P<p>.+?(?:\s(?:is|are)\s|\swants\sto\sbe\scalled\s|是|叫))")


def _changed(sentence: str, last: tuple[str, str, str | None]) -> Found | None:
    """A sentence that gives a new value to the last slot the user stated, if it is one.

    Only with a change marker ("actually", "now", "instead", 现在, 改成…): "It's
    red." after "My car is a Honda" adds a detail, it does not replace the car.
    """
    if not CHANGE_MARKER.search(sentence):
        return None
    prefix, slot, topic = last
    if CJK.search(sentence):
        clause = re.sub(r"^(?:其实|不过|哦|嗯|对了|不对)[，,、\s]*", "", clean(sentence))
        m = _ZH_CHANGE.match(clause)
    else:
        clause = _CORRECTION.sub("", EN_FILLER.sub("", clean(sentence)))
        m = _EN_CHANGE.match(EN_FILLER.sub("", clause))
    if m is None:
        return None
    value = value_of(m["v"]).strip()
    if not value or _NOT_A_VALUE.match(value):
        return None
    return prefix + value, "fact", topic, slot, "a change of an earlier statement"


def find_candidates(conversation: Conversation) -> list[Candidate]:
    """Every explicit cue in the user turns, one candidate per sentence at most.

    A sentence with a change marker that gives a new value to the last slot the
    user stated ("My favourite colour is blue." … "Actually it's green now.")
    becomes a statement about that slot ("User's favourite colour is green");
    reconciliation then lets it replace the earlier one.

    Returns:
        Candidates in conversation order; exact repeats (same text and kind) once.
    """
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    last: dict[str, tuple[str, str, str | None]] = {}  # speaker -> the last slot they stated
    for turn in conversation.user_turns:
        en, zh, rule = _subjects(turn)
        for sentence in sentences(turn.text):
            if QUESTION.search(sentence):
                continue
            found = _chinese(sentence, zh) if CJK.search(sentence) else None
            found = found or _english(sentence, en, rule)
            if found is None and turn.speaker in last:
                found = _changed(sentence, last[turn.speaker])
            if found is None:
                continue
            text, kind, topic, slot, cue = found
            text = clean(text)
            if slot is not None and kind == "fact":
                m = _SLOT_PREFIX.match(text)
                if m:
                    last[turn.speaker] = (m["p"], slot, topic)
            if not text or (text.casefold(), kind) in seen:
                continue
            seen.add((text.casefold(), kind))
            out.append(
                Candidate(
                    text=text,
                    kind=kind,  # type: ignore[arg-type]
                    topic=topic,
                    excerpt=sentence,
                    turns=(turn.id,),
                    rationale=f"explicit cue {cue!r}",
                    slot=slot,
                )
            )
    return out
