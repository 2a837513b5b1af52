"""Secrets nobody listed: found by their shape and the words around them.

``secrets.py`` knows provider formats and explicit assignments. A new provider
ships a new prefix every month, and people write credentials the way they
talk ("login admin, pass N0tS3cure!", "ssh passphrase 'blue-Otter-42'"). So
three more kinds of evidence are used here, each with a guard against the
ordinary strings a memory is full of (ids, hashes, versions, URLs, code):

* **A prefixed random token**: a short prefix of letters (``HRKU-``,
  ``dp.st.``, ``gsk_``, ``r8_``) glued to a long body that has upper- and
  lower-case letters and digits and high character entropy. Ids with prefixes
  are shorter (Stripe's ``ch_…``, ``cus_…`` and OpenAI's ``file-…`` bodies are
  at most 24 characters), so the body must have 28 or more.
* **A password-like value near a password word**: ``password``,
  ``passphrase``, ``pass``, ``pw``, ``PIN``, ``creds``, ``login``, ``wifi``
  and the same in other languages, then within three words a value with a
  lower-case letter, a digit and an upper-case letter or a symbol
  (``Tr0ub4dor&3xQ!``, ``correct-horse-Battery-9``). Words, booking codes in
  capitals, versions, paths, e-mail addresses and code are not such values.
* **Any name ending in key, secret or token** assigned a random value
  (``AccountKey=…``, ``clientSecret: …``, ``webhookToken=…``).

Every match is critical (refused), its span the value, like the rest of the
secret findings; a value already masked (the output of ``redact``) is not
matched again.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from ..models import Finding
from ._rules import lower
from ._text import TextView

__all__ = ["scan"]

_PREFIXED = re.compile(
    r"(?<![\w./@:+=-])(?P<prefix>[A-Za-z][A-Za-z0-9]{0,9}(?:[._-][A-Za-z0-9]{1,10}){0,3}[._-])"
    r"(?P<body>[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9])){27,250})(?![\w./@-])"
)
# Matched on the lower-cased text: IGNORECASE makes this alternation three times slower.
_PASSWORD_WORD = (
    r"(?:\b(?:passwords?|passphrase|passcode|passwd|pass|pwd|pw|pin|creds|credentials|"
    r"login|wi-?fi|ssh|passwort|kennwort|mot de passe|contraseña|senha|parola|wachtwoord|"
    r"hasło|şifre|пароль|비밀번호)\b|密码|密碼|口令|パスワード|暗証番号|كلمة (?:ال)?(?:مرور|سر))"
)
_PASSWORD_NEAR = re.compile(_PASSWORD_WORD)
# The word spelled out or in digits ("p-a-s-s-w-o-r-d", "p.w", "pa$$w0rd"); the literal
# "p" first lets the engine skip to each "p" (the lower-cased text).
_SPELLED = re.compile(
    r"p(?<![\w]p)(?:([-._*·/ ])a\1s\1s\1w\1o\1r\1d\b|([-._*·/])w\b|[a@4][s$5]{2}w[o0]rd\b)"
)
# The few words after a password word, up to a sentence end: the value is one of them.
_TOKEN = re.compile(r"[^\s\"'“”‘’`«»,;()<>]{6,64}")
_WORDS_AFTER = 5
_COMPOUND = re.compile(
    r"(?i:\b[a-z]{0,24}(?:key|secret|token|password))\s*(?:=|:|=>)\s*[\"'“]?"
    r"(?P<hit>[A-Za-z0-9+/=_.~-]{16,200})"
)
# One-time recovery codes: the words that name them, then groups of letters and digits.
# Run on the lower-cased text, and only when one of _RECOVERY_KEYS is in it.
_RECOVERY_WORD = re.compile(
    r"\b(?:recovery|backup|rescue|emergency|scratch|one-time|2fa|mfa|two-factor)\s+codes?\b|"
    r"wiederherstellungscodes?|backup-codes?|\bcodes? de (?:récupération|secours|recuperação|"
    r"recuperación|respaldo)|\bcódigos? de (?:recuperación|respaldo|recuperação)|"
    r"\bcodici di (?:recupero|backup)|\bкоды? восстановления|\bрезервные коды|恢复码|备用码|"
    r"救援码|リカバリーコード|バックアップコード|復旧コード|복구 코드|백업 코드|"
    r"رموز (?:الاسترداد|الاحتياط)"
)
_RECOVERY_KEYS = ("коды", "码", "コード", "코드", "رموز")  # besides "cod" and "cód"
_CODE_GROUPS = re.compile(
    r"(?<![\w-])(?:[A-Za-z0-9]{3,6}(?:-[A-Za-z0-9]{3,6}){1,4}|\d{3,6}(?: \d{3,6}){1,3})(?![\w-])"
)
_VERSION = re.compile(r"(?i)v?\d+(?:[._-]\d+)+(?:[._-]?[a-z]+\.?\d*)*$")
# Not a password: links, paths, addresses, file names, and the query of a URL
# ("/login?next=%2Fhome…": percent-escaped; a credential in it is decoded by encoded.py).
_NOT_VALUE = re.compile(
    r"(?i)https?:|www\.|[@/\\]|^[.~$<{%*?#&]|\.(?:com|org|net|io|py|js|md)$"
    r"|%[0-9a-f]{2}.*%[0-9a-f]{2}"
    # Where passwords are kept, not one of them ("我用的密码管理器是1Password").
    r"|1password|bitwarden|lastpass|keepass|dashlane|keychain|nordpass|protonpass"
)
_CODE = re.compile(r"[\w.]*[(\[]|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")
_MASKED = re.compile(r"[*•●]{3,}|…")
_DIGEST_WORDS = re.compile(
    r"(?i)hash|\bsha(?:-?\d+)?\b|md5|checksum|digest|fingerprint|commit|\bids?\b|uuid|public|etag|version|"
    r"address|cid|url|link"
)
_ID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")


def _entropy(value: str) -> float:
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _mixed(value: str) -> bool:
    return (
        any(c.islower() for c in value)
        and any(c.isupper() for c in value)
        and any(c.isdigit() for c in value)
    )


def _mixed_group(group: str) -> bool:
    """Letters and digits in one group ("7LMZ"), not a ticket's "INC" and "4471"."""
    return any(c.isdigit() for c in group) and any(c.isalpha() for c in group)


# A number glued to a word is an English compound ("24-character", "6-digit").
_COMPOUND_WORD = re.compile(r"\d+(?:[.,]\d+)?(?:-[a-z]+)+")


def _password_like(value: str) -> bool:
    """A lower-case letter, a digit, and an upper-case letter or a symbol; not a version."""
    if _NOT_VALUE.search(value) or _CODE.match(value) or _VERSION.match(value):
        return False
    if _COMPOUND_WORD.fullmatch(value):
        return False
    lower = any(c.islower() for c in value)
    digit = any(c.isdigit() for c in value)
    other = any(c.isupper() or not c.isalnum() for c in value)
    return lower and digit and other


# The name of a keyword argument or setting before its value ("max_length=", "min_len:").
_ARGUMENT = re.compile(r"[a-z]+(?:_[a-z]+)+\s*[=:]|[a-z]{3,}[=:](?=\d+$)")
# Punctuation standing alone between a user name and a password ("admin / X", "root : X").
_SEPARATOR = re.compile(r"[/|:=,;-]{1,3}")
# A value right after "in", "with", "from"...: a place or a tool ("kept in 1Password").
_NAMED_PLACE = re.compile(r"(?i)\b(?:in|into|inside|with|from|using|via|under|on)\s+$")
# A name, not a random value: one word, capitalised or glued to a short number.
_NAME = re.compile(r"\d{0,2}[A-Z]?[a-z]+(?:[A-Z][a-z]+)*\d{0,2}")


def _overlaps(found: Iterable[Finding], s: int, e: int) -> bool:
    return any(f.start < e and s < f.end for f in found)


def scan(view: TextView, found: list[Finding]) -> list[Finding]:
    """Secrets of unknown shape; ``found`` holds the secret findings so far (not repeated).

    Args:
        view: the text and its folded copy.
        found: secret findings already made (spans in the original text).

    Returns:
        New critical findings, spans on the secret value.

    Example:
        >>> text = "login admin, pass N0tS3cure!"
        >>> [text[f.start:f.end] for f in scan(TextView(text, text), [])]  # sentence end left out
        ['N0tS3cure']
        >>> scan(TextView("build v2.14.0-rc3 passed", "build v2.14.0-rc3 passed"), [])
        []
    """
    text = view.folded
    out: list[Finding] = []

    def add(label: str, start: int, end: int) -> None:
        s, e = view.span(start, end)
        if not _overlaps(found, s, e) and not _overlaps(out, s, e):
            out.append(Finding("secret", "critical", f"{label} ({e - s} characters)", s, e))

    if "-" in text or "_" in text or "." in text:
        for m in _PREFIXED.finditer(text):
            body = re.sub(r"[._-]", "", m.group("body"))
            before = text[max(0, m.start() - 30) : m.start()]
            if (
                _mixed(body)
                and _entropy(body) >= 4.0
                and not _MASKED.search(m.group())
                and not _DIGEST_WORDS.search(before)
                and not _ID.fullmatch(body)
            ):
                add("key-shaped token", m.start("prefix"), m.end("body"))
    lowered = lower(text)
    for m in [*_PASSWORD_NEAR.finditer(lowered), *_SPELLED.finditer(lowered)]:
        # The value is one of the next few words ("pass: X", "pw for the router X",
        # "passphrase 'X'"); a sentence end stops the search, unless it is inside X.
        window = text[m.end() : m.end() + 64]
        if window[:1] in ("-", "_", "."):
            continue  # part of a longer name: ssh-ed25519, pass_through, pin.txt
        i = 0
        for t in re.finditer(r"\S+", window):
            if _SEPARATOR.fullmatch(t.group()):
                continue  # "admin / N0tS3cure!": a separator is not one of the words
            if i >= _WORDS_AFTER:
                break
            i += 1
            tok = _TOKEN.search(t.group())
            if tok is None:
                continue
            value = tok.group().rstrip(".!?:")
            start = m.end() + t.start() + tok.start()
            named = _ARGUMENT.match(value)
            if named:  # "max_length=128": an argument's name is not part of a value
                start += named.end()
                value = value[named.end() :]
            if _NAMED_PLACE.search(window, 0, t.start()) and _NAME.fullmatch(value):
                continue  # "passwords in 1Password": where they are kept, not one of them
            if _DIGEST_WORDS.search(text, max(0, m.start() - 30), start + 8):
                break  # "SSH key fingerprint is SHA256:…", "the PIN's hash"
            if len(value) >= 6 and _password_like(value) and not _MASKED.search(value):
                add("password-like value", start, start + len(value))
                break
            if t.group().endswith((".", "!", "?", ";", "。")) and not _password_like(t.group()):
                break
    recovery = "cod" in lowered or "cód" in lowered
    if not recovery and not lowered.isascii():
        recovery = any(k in lowered for k in _RECOVERY_KEYS)
    for m in _RECOVERY_WORD.finditer(lowered) if recovery else ():
        # "backup codes: 4XQ9-7LMZ-P2KW, …": the codes on the same line, digits and letters
        # or several of them (one group of digits alone may be a phone or an order number).
        line = text[m.end() : m.end() + 160].split("\n", 1)[0]
        codes = list(_CODE_GROUPS.finditer(line))
        mixed = [c for c in codes if any(_mixed_group(g) for g in re.split("[- ]", c.group()))]
        digits = [c for c in codes if c.group().replace("-", "").replace(" ", "").isdigit()]
        if mixed or len(digits) >= 2:
            first = (mixed or digits)[0]
            add("recovery code", m.end() + first.start(), m.end() + first.end())
    for m in _COMPOUND.finditer(text):
        value = m.group("hit").rstrip(".")
        if (
            _mixed(value.replace("-", "").replace("_", ""))
            and _entropy(value) >= 3.5
            and not _CODE.match(value)
            and not _MASKED.search(value)
        ):
            add("credential assignment", m.start("hit"), m.start("hit") + len(value))
    return out
