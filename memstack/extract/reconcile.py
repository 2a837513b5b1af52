"""Deterministic reconciliation: is a candidate new, a duplicate, a refinement or a contradiction?

Used as is by the offline cue extractor, and as a pre-pass by every
extractor: an exact duplicate never costs a model call. The rules are
deliberately conservative, because the result is a proposal a person reviews,
and a wrong ``supersede`` is worse than a redundant ``add``:

1. **Duplicate** (``none``): the same text up to case, width, spacing and
   final punctuation, or the same analysed terms in the same order with the
   same polarity ("User likes coffee" / "user like coffee.").
2. **Same slot** (``update``/``supersede``): both statements say what one
   attribute of the same subject is ("User's favourite colour is blue" /
   "User's favourite colour is green", "用户叫小明" / "用户叫小王"). The same
   value is a duplicate; a value that keeps every word of the old one and adds
   some is an ``update`` (a refinement: "Berlin" → "Berlin, Mitte"); anything
   else contradicts it and ``supersede``\\s it.
3. **Flipped polarity** (``supersede``): the same terms, one negated ("User
   likes coffee" / "User doesn't like coffee", "用户喜欢喝茶" / "用户不喜欢喝茶").
4. **Changed preference** (``supersede``): both say what the same subject
   prefers, on the same topic (or one of them has none), and the new one was
   said as a change ("actually", "now", "instead", "no longer", 现在, 改成…):
   "User prefers bullet points" / "Actually I prefer full paragraphs now".
   Without a change marker two preferences stand side by side.
5. **Refinement** (``update``): the new statement holds every term of an old
   one and more ("allergic to peanuts" → "allergic to peanuts and
   shellfish"); the reverse is a duplicate (``none``: nothing new).
6. Otherwise ``add``.

The same rules reconcile the statements of **one conversation** with each
other (:func:`replaces`): when a later statement replaces an earlier one, only
the later one is proposed. If the earlier one was about a stored memory (it
would have superseded or updated it), the later one takes over that target;
if it was new, the later one is an ``add`` whose rationale quotes the earlier
statement, and its source lists the turns of both.

A contradiction always becomes a ``supersede`` proposal with the old memory as
its target: the old memory is closed (``valid_to``) only when a person
approves, and stays in the history; nothing is silently deleted.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import snowballstemmer

from ..models import Record
from .base import Candidate, Change

__all__ = ["Slot", "decide", "find_duplicate", "normalize", "preference_of", "replaces", "slot_of"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_TOKEN = re.compile(r"[\u3400-\u9fff]+|[^\W_\u3400-\u9fff]+")
_STEMMER = snowballstemmer.stemmer("english")
_FUNCTION_WORDS = frozenset("a an the is are am be was were to of and in on at for with s".split())
_NEGATION_RE = re.compile(r"\b(?:not|no|never)\b|n't\b|[不没别]", re.IGNORECASE)
# Analysed forms of negations and the auxiliaries left over from "doesn't" & co.
_NEGATION_TERMS = frozenset(
    {"not", "no", "never", "doesn", "don", "isn", "aren", "didn", "wasn", "weren", "won", "wouldn",
     "shouldn", "couldn", "hasn", "haven", "hadn", "t", "不", "没", "别"}
)  # fmt: skip


class Slot(NamedTuple):
    """A statement of the form "<subject>'s <attribute> is <value>"."""

    subject: str
    attribute: str
    value: str


_SLOT_PATTERNS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^(?P<s>\S+?) wants to be called (?P<v>.+)$", re.I), "preferred name"),
    (re.compile(r"^(?P<s>.+?)希望被称为(?P<v>.+)$"), "preferred name"),
    (re.compile(r"^(?P<s>[^'’\s]+)['’]s (?P<a>.+?) (?:is|are) (?P<v>.+)$", re.I), None),
    (
        re.compile(r"^(?P<s>[^的是]{1,12}?)(?P<a>的[^是]{1,12}?|最喜欢的[^是]{1,10}?)是(?P<v>.+)$"),
        None,
    ),
    (re.compile(r"^(?P<s>用户|[a-z][\w .-]{0,30}?)叫(?P<v>[^，,。]+)$"), "name"),
)


def normalize(text: str) -> str:
    """Text compared for exact duplicates: NFKC, case-folded, single spaces, no final punctuation.

    Example:
        >>> normalize("  User  prefers Tea. ") == normalize("user prefers tea")
        True
    """
    out = unicodedata.normalize("NFKC", text).casefold()
    out = re.sub(r"\s+", " ", out).strip()
    return re.sub(r"[\s.!。！;；,，]+$", "", out)


def slot_of(text: str) -> Slot | None:
    """The subject, attribute and value of a "<subject>'s <attribute> is <value>" statement.

    Example:
        >>> slot_of("User's favourite colour is blue")
        Slot(subject='user', attribute='favourite colour', value='blue')
        >>> slot_of("用户叫小明")
        Slot(subject='用户', attribute='name', value='小明')
        >>> slot_of("User prefers tea") is None
        True
    """
    clean = normalize(text)
    for pattern, attribute in _SLOT_PATTERNS:
        m = pattern.match(clean)
        if m:
            attr = attribute or m["a"].lstrip("的").strip()
            return Slot(m["s"].strip(), attr, m["v"].strip())
    return None


_PREFERENCE = (
    re.compile(r"^(?P<s>[^'’\s]+) (?:\w+ )?prefers (?P<v>.+)$", re.I),
    re.compile(r"^(?P<s>用户|[^\s我]{1,12}?)(?:更|最|比较)?(?:喜欢|偏好)(?P<v>.+)$"),
)
#: Words that say a statement changes an earlier one (kept in step with the cue extractor's).
CHANGE_MARKER = re.compile(
    r"\b(?:actually|now|instead|anymore|any\s+more|no\s+longer|changed\s+my\s+mind|"
    r"these\s+days|nowadays|from\s+now\s+on|switched|changed|rather)\b|其实|现在|改成|换成|变成|不再|以后",
    re.IGNORECASE,
)
_GENERIC_TOPICS = (None, "preferences")


def preference_of(text: str) -> tuple[str, str] | None:
    """The subject and what it prefers, for a "<subject> prefers <value>" statement.

    Example:
        >>> preference_of("User prefers full paragraphs")
        ('user', 'full paragraphs')
        >>> preference_of("User's name is Bob") is None
        True
    """
    clean = normalize(text)
    for pattern in _PREFERENCE:
        m = pattern.match(clean)
        if m and not _NEGATION_RE.search(m["v"]):
            return m["s"].strip(), m["v"].strip()
    return None


def _is_change(candidate: Candidate) -> bool:
    return bool(CHANGE_MARKER.search(candidate.excerpt or candidate.text))


def _preference_changed(candidate: Candidate, kind: str, text: str, topic: str | None) -> bool:
    """Rule 4: the candidate changes what the same subject prefers on this topic."""
    if kind != candidate.kind or not _is_change(candidate):
        return False
    mine, theirs = preference_of(candidate.text), preference_of(text)
    if mine is None or theirs is None or mine[0] != theirs[0] or mine[1] == theirs[1]:
        return False
    generic = topic in _GENERIC_TOPICS or candidate.topic in _GENERIC_TOPICS
    return generic or topic == candidate.topic


def _terms(text: str) -> list[str]:
    # Stemmed words without the few function words that never change a statement's
    # meaning (not the keyword index's stop list, which drops "like" and "not"); CJK as
    # single characters.
    out: list[str] = []
    for tok in _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()):
        if _CJK.match(tok):
            out.extend(tok)
        elif tok not in _FUNCTION_WORDS:
            out.append(str(_STEMMER.stemWord(tok)) if tok.isascii() and len(tok) > 2 else tok)
    return out


def _content(text: str) -> tuple[list[str], bool]:
    terms = _terms(text)
    negated = bool(_NEGATION_RE.search(text))
    return [t for t in terms if t not in _NEGATION_TERMS], negated


def _same_statement(a: str, b: str) -> bool:
    if normalize(a) == normalize(b):
        return True
    (ta, na), (tb, nb) = _content(a), _content(b)
    return bool(ta) and ta == tb and na == nb


def find_duplicate(candidate: Candidate, records: Sequence[Record]) -> Record | None:
    """The first record that says the same as ``candidate`` (rule 1), if any."""
    for rec in records:
        if _same_statement(candidate.text, rec.text):
            return rec
    return None


def _words(value: str) -> set[str]:
    return set(_terms(value))


def replaces(newer: Candidate, older: Candidate) -> str | None:
    """Why ``newer`` replaces ``older`` (both said in one conversation, in this order), or None.

    The rules of :func:`decide`: the same slot with another value, a flipped
    polarity, a changed preference. A refinement ("Berlin" → "Berlin, Mitte")
    replaces too: the later statement says all the earlier one did.

    Example:
        >>> blue = Candidate("User's favourite colour is blue", "fact")
        >>> replaces(Candidate("User's favourite colour is green", "fact"), blue)
        "the favourite colour changed: was 'blue', now 'green'"
        >>> replaces(Candidate("User prefers tea", "fact"), blue) is None
        True
    """
    if newer.kind != older.kind or _same_statement(newer.text, older.text):
        return None
    mine, theirs = slot_of(newer.text), slot_of(older.text)
    if mine is not None and theirs is not None:
        attribute = (newer.slot or mine.attribute).casefold()
        same = attribute == (older.slot or theirs.attribute).casefold()
        if theirs.subject == mine.subject and same:
            if normalize(theirs.value) == normalize(mine.value):
                return None
            return f"the {attribute} changed: was {theirs.value!r}, now {mine.value!r}"
    (new_terms, new_neg), (old_terms, old_neg) = _content(newer.text), _content(older.text)
    if old_terms and old_terms == new_terms and old_neg != new_neg:
        return "the user said the opposite later"
    if _preference_changed(newer, older.kind, older.text, older.topic):
        return "the user's preference changed"
    return None


def _by_slot(candidate: Candidate, records: Sequence[Record]) -> Change | None:
    mine = slot_of(candidate.text)
    if mine is None:
        return None
    attribute = candidate.slot or mine.attribute
    for rec in records:
        theirs = slot_of(rec.text)
        if theirs is None or rec.kind != candidate.kind:
            continue
        if theirs.subject != mine.subject or theirs.attribute != attribute.casefold():
            continue
        if normalize(theirs.value) == normalize(mine.value):
            return Change(
                candidate, "none", candidate.text, rec, f"same {attribute} as memory {rec.id}"
            )
        old, new = _words(theirs.value), _words(mine.value)
        if old and old < new:
            return Change(
                candidate, "update", candidate.text, rec, f"adds detail to the {attribute}"
            )
        return Change(
            candidate, "supersede", candidate.text, rec,
            f"the {attribute} changed: was {theirs.value!r}, now {mine.value!r}",
        )  # fmt: skip
    return None


def decide(candidate: Candidate, records: Sequence[Record]) -> Change:
    """Reconcile one candidate with the similar memories of its scope (rules in the module doc).

    Args:
        candidate: the new statement.
        records: current memories of the same scope, most similar first.

    Returns:
        The change; ``target`` is the memory it duplicates, updates or supersedes.

    Example:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
        >>> old = Record("01J", "acme/alice", "fact", "User's favourite colour is blue", t, t)
        >>> change = decide(Candidate("User's favourite colour is green", "fact"), [old])
        >>> change.action, change.target.id
        ('supersede', '01J')
    """
    dup = find_duplicate(candidate, records)
    if dup is not None:
        return Change(
            candidate, "none", candidate.text, dup, f"already remembered as memory {dup.id}"
        )
    by_slot = _by_slot(candidate, records)
    if by_slot is not None:
        return by_slot
    new_terms, new_neg = _content(candidate.text)
    new_set = set(new_terms)
    for rec in records:
        if rec.kind != candidate.kind:
            continue
        old_terms, old_neg = _content(rec.text)
        if old_terms and old_terms == new_terms and old_neg != new_neg:
            return Change(
                candidate, "supersede", candidate.text, rec, f"contradicts memory {rec.id}"
            )
        if _preference_changed(candidate, rec.kind, rec.text, rec.topic):
            return Change(
                candidate, "supersede", candidate.text, rec,
                f"the preference changed: memory {rec.id} said {rec.text!r}",
            )  # fmt: skip
        old_set = set(old_terms)
        if new_neg != old_neg or len(old_set) < 2:
            continue
        if old_set < new_set:
            return Change(
                candidate, "update", candidate.text, rec, f"adds detail to memory {rec.id}"
            )
        if new_set < old_set:
            return Change(
                candidate,
                "none",
                candidate.text,
                rec,
                f"memory {rec.id} already says this and more",
            )
    return Change(candidate, "add", candidate.text, None, "new")
