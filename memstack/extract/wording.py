"""The wording the cue extractor works with: sentences, third person, topics.

:mod:`memstack.extract.cue` decides *whether* a sentence is a memory; this
module holds the language that decision leans on: splitting a message into
sentences and trimming filler, rewriting what the user says about themselves in
the third person ("I prefer tea" -> "User prefers tea", 我 -> 用户), and a
heading from keywords. Pure string work, English and Chinese.
"""

from __future__ import annotations

import re

__all__ = [
    "CJK",
    "EN_FILLER",
    "QUESTION",
    "ZH_FILLER",
    "cap",
    "clean",
    "guess_topic",
    "rule_person",
    "sentences",
    "third_person",
    "value_of",
    "zh_person",
]

# -- sentences ---------------------------------------------------------------------------

_SPLIT = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；!?])|\n+")
EN_FILLER = re.compile(
    r"^(?:(?:oh|ok|okay|so|and|also|btw|by\s+the\s+way|hey|hi|well|actually|just|fyi|but|plus|"
    r"one\s+more\s+thing|anyway|anyways|alright|right)\b[\s,:;-]*)+",
    re.IGNORECASE,
)
ZH_FILLER = re.compile(
    r"^(?:对了|还有|另外|哦|嗯|那个|顺便说一下|顺便|其实|然后|而且|好的|好吧|好)[，,、\s]*"
)
_TRAILING = re.compile(
    r"(?:[\s,，]+(?:please|thanks|thank\s+you|ok|okay)\b)?[\s.!。！,，;；:：~]*$", re.IGNORECASE
)
QUESTION = re.compile(r"(?:[?？]|[吗呢][。.!！]?)\s*$")
CJK = re.compile(r"[\u3400-\u9fff]")


def sentences(text: str) -> list[str]:
    """Split a message into sentences (English and Chinese punctuation, line breaks)."""
    return [s.strip() for s in _SPLIT.split(text) if s and s.strip()]


def clean(text: str) -> str:
    """Strip trailing politeness and punctuation ("…, please!")."""
    return _TRAILING.sub("", text.strip()).strip()


_NOW = re.compile(r"(?:[\s,]+(?:now|again|instead|these\s+days|nowadays|from\s+now\s+on))+$", re.I)


def value_of(text: str) -> str:
    """A stated value without the words that only said it changed ("green now" -> "green")."""
    return _NOW.sub("", clean(text)) or clean(text)


def cap(text: str) -> str:
    """Capitalise the first character only."""
    return text[:1].upper() + text[1:] if text else text


# -- English person conversion -----------------------------------------------------------

_MODALS_AND_PAST = {
    "can", "can't", "cannot", "could", "couldn't", "will", "won't", "would", "wouldn't", "should",
    "shouldn't", "shall", "must", "might", "may", "did", "didn't", "was", "wasn't", "had", "hadn't",
    "used", "went", "got", "made", "took", "came", "saw", "bought", "left", "lost", "found", "met",
    "ate", "drank", "wrote", "began", "became", "felt", "kept", "knew", "thought", "told", "said",
    "gave", "ran", "sold", "spent", "sent", "built", "paid", "taught", "won", "broke", "chose",
    "drove", "flew", "forgot", "grew", "heard", "held", "hurt", "put", "quit", "rode", "sang",
    "sat", "slept", "spoke", "stood", "swam", "threw", "understood", "woke", "wore", "just",
}  # fmt: skip
_EED = {"need", "feed", "bleed", "breed", "seed", "proceed", "succeed", "exceed", "speed", "heed"}
_THIRD = {"have": "has", "do": "does", "don't": "doesn't", "am": "is", "haven't": "hasn't",
          "go": "goes", "be": "is", "'m": "is"}  # fmt: skip
_ADVERBS = (
    r"(?:really|also|usually|always|never|often|still|generally|mostly|actually|definitely|"
    r"absolutely|sometimes|rarely|normally|typically|only|strongly|much|totally|now)"
)
_I_VERB = re.compile(r"(?<![Aa]nd )\bI((?:\s+" + _ADVERBS + r")*)\s+([A-Za-z']+)")


def _conjugate(verb: str) -> str:
    low = verb.lower()
    if low in _THIRD:
        return _THIRD[low]
    if low in _MODALS_AND_PAST or (low.endswith("ed") and low not in _EED) or "'" in low:
        return verb
    if re.search(r"(?:s|sh|ch|x|z|o)$", low):
        return verb + "es"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    return verb + "s"


def third_person(text: str, subject: str) -> str:
    """Rewrite a first-person English clause about the user in the third person.

    Example:
        >>> third_person("I work at Acme and my boss calls me Bob", "User")
        "User works at Acme and User's boss calls User Bob"
        >>> third_person("I'm allergic to peanuts", "Alice")
        'Alice is allergic to peanuts'
    """
    out = re.sub(r"\bI'm\b|\bI\s+am\b", f"{subject} is", text)
    out = re.sub(r"\bI've\b", f"{subject} has", out)
    out = re.sub(r"\bI'd\b", f"{subject} would", out)
    out = re.sub(r"\bI'll\b", f"{subject} will", out)
    out = _I_VERB.sub(lambda m: f"{subject}{m.group(1)} {_conjugate(m.group(2))}", out)
    out = re.sub(r"\bI\b", subject, out)
    out = re.sub(r"\b(?:[Mm]y|[Mm]ine)\b", f"{subject}'s", out)
    out = re.sub(r"\b(?:[Mm]yself|[Mm]e)\b", subject, out)
    return out


def rule_person(text: str, subject: str) -> str:
    """Pronouns of the user in an instruction to the assistant ("call me" -> "call the user")."""
    out = re.sub(r"\bI'm\b|\bI\s+am\b", f"{subject} is", text)
    out = re.sub(r"\bI\b", subject, out)
    out = re.sub(r"\b(?:[Mm]y|[Mm]ine)\b", f"{subject}'s", out)
    return re.sub(r"\b(?:[Mm]yself|[Mm]e)\b", subject, out)


def zh_person(text: str, subject: str) -> str:
    """Replace 我 (but not 我们) with the subject."""
    return re.sub(r"我(?!们)", subject, text)


# -- topics ------------------------------------------------------------------------------

_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("identity", r"\bname\b|\bcalled\b|名字|叫我|^\S+叫|称为"),
        ("health", r"allerg|过敏|\bmedic|\bdoctor|\bdentist|\basthma|\bdiabet|药|医生"),
        (
            "diet",
            r"\bvegan|\bvegetarian|\bfood|\beat|\bdrink|\bcoffee|\btea\b|\bmeat|素食|吃|喝|茶|咖啡",
        ),
        ("contact", r"\bemail|\bphone|\baddress\b|邮箱|电话|地址"),
        (
            "family",
            r"\bwife|\bhusband|\bson\b|\bdaughter|\bsister|\bbrother|\bmother|\bfather|"
            r"\bmom\b|\bdad\b|\bkids?\b|\bchildren|\bpartner|妻子|丈夫|老婆|老公|儿子|女儿|妈妈|爸爸|姐|妹|哥|弟",
        ),
        ("work", r"\bjob\b|\bwork|\bcompany|\bboss\b|\bcolleague|\boffice|工作|公司|老板|同事"),
        (
            "language",
            r"\benglish\b|\bchinese\b|\bgerman\b|\bfrench\b|\bspanish\b|\blanguage|中文|英文|语言|汉语",
        ),
        (
            "formatting",
            r"\bmarkdown|\bbullet|\bformat|\btables?\b|\bemojis?\b|\bparagraphs?\b|\bprose\b|"
            r"\bconcise|\bverbose|格式|表格|表情|段落|列表",
        ),
        (
            "code",
            r"\bcode\b|\bpython|\btabs?\b|\bspaces\b|\bindent|\btests?\b|\btypescript|"
            r"\bjavascript|\bcommit|代码|缩进",
        ),
        ("home", r"\blive[sd]?\b|\bmoved\b|\bhome\b|\bcity\b|住|搬"),
        ("preferences", r"favou?rite|\bprefer|喜欢|偏好"),
    )
)


def guess_topic(text: str, default: str | None = None) -> str | None:
    """A heading for a statement from keywords, or ``default``.

    Example:
        >>> guess_topic("User is allergic to peanuts"), guess_topic("用户喜欢喝茶")
        ('health', 'diet')
    """
    for name, pattern in _TOPICS:
        if pattern.search(text):
            return name
    return default
