"""Secrets: credentials that must never be stored, so every match is critical (refused).

A memory is replayed into prompts, exported to Markdown, synced to teammates and
kept in audit events; a key that enters it leaks everywhere at once and cannot
be erased from the provider logs it passed through. So a secret is refused
outright, not queued for review, and the finding's span covers only the secret
value, so :func:`memstack.screen.redact` can show the rest of the statement.

Three kinds of evidence are used:

* **Provider formats** with fixed prefixes (``sk-proj-``, ``sk-ant-``, ``AKIA``,
  ``ghp_``, ``xoxb-``, ``AIza``, ``sk_live_``, JWTs, PEM private keys…). These
  are precise; their messages name the provider.
* **Assignments** (``password=…``, ``passwd:``, ``api_key: …``, "the wifi password
  is …", ``密码是…``, ``postgres://user:pw@host``). Values that are obviously not
  secrets (``$DB_PASSWORD``, ``<your key>``, ``****``, ``os.environ[...]``,
  ``None``) are skipped; prose values need a digit, a symbol or quotes, so
  "the password is stored in the vault" is not a finding.

* **Shape**, for providers nobody listed: a key-like prefix (``sk-live-``,
  ``tok_``, ``key-``, ``whsec_``, ``ak_``…) glued to a long random-looking body
  (letters and digits, 16+ characters, high character entropy), a random token
  of 20+ characters a few words after a key word ("my Datadog key is 8f14…",
  "token ghx_…", unless a hash, id or fingerprint word sits between), and HTTP
  Basic credentials (base64 that decodes to ``user:password``). "The password
  is …" is also read in French, Spanish, Portuguese, Italian, German, Russian,
  Japanese and Arabic.

Code is not a secret: an assignment whose value is an expression
(``password = db.Column(...)``, ``form.password.data``, ``request.form['pw']``)
is skipped, and so is a value already masked (``hu******``), so the output of
:func:`memstack.screen.redact` is not refused again.

Messages never quote the secret.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from typing import NamedTuple

from ..models import Finding
from . import secret_shapes
from ._rules import lower
from ._text import TextView

__all__ = ["PROVIDERS", "scan"]

_I = re.IGNORECASE

_B = r"(?<![A-Za-z0-9_])"  # ASCII boundaries: a key glued to Chinese text still counts
_E = r"(?![A-Za-z0-9_])"


class Format(NamedTuple):
    """A provider's credential format.

    Attributes:
        label: what the finding's message calls it.
        keys: lower-case substrings one of which must be present (a cheap gate).
        regex: the format; a ``hit`` group, if any, is the secret part.
    """

    label: str
    keys: tuple[str, ...]
    regex: re.Pattern[str]


PROVIDERS: tuple[Format, ...] = (
    Format("Anthropic API key", ("sk-ant-",),
           re.compile(_B + r"sk-ant-(?:api|admin|sid|oat)\d{2}-[A-Za-z0-9_-]{20,}")),
    Format("OpenAI project/service key", ("sk-",),
           re.compile(_B + r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}")),
    Format("OpenAI-style API key", ("sk-",), re.compile(_B + r"sk-[A-Za-z0-9]{20,}" + _E)),
    Format("AWS access key id", ("akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "anpa",
                                 "aipa"),
           re.compile(_B + r"(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|AIPA)[A-Z0-9]{16}" + _E)),
    Format("AWS secret access key", ("secret",),
           re.compile(r"(?i:aws_?secret(?:_access)?_?key|secret access key)\W{0,5}"
                      r"(?P<hit>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])")),
    Format("GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
           re.compile(_B + r"gh[pousr]_[A-Za-z0-9]{36,255}" + _E)),
    Format("GitHub fine-grained token", ("github_pat_",),
           re.compile(_B + r"github_pat_[A-Za-z0-9_]{22,255}" + _E)),
    Format("GitLab token", ("glpat-",), re.compile(_B + r"glpat-[A-Za-z0-9_-]{20,}")),
    Format("Slack token", ("xox",), re.compile(_B + r"xox[abposre]-(?:\d+-)*[A-Za-z0-9-]{10,}")),
    Format("Slack webhook", ("hooks.slack.com",),
           re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}")),
    Format("Google API key", ("aiza",), re.compile(_B + r"AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])")),
    Format("Google OAuth secret", ("gocspx-", "ya29."),
           re.compile(_B + r"(?:GOCSPX-[A-Za-z0-9_-]{20,}|ya29\.[0-9A-Za-z_-]{20,})")),
    Format("Stripe secret key", ("_live_", "_test_"),
           re.compile(_B + r"(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}" + _E)),
    Format("Stripe webhook secret", ("whsec_",), re.compile(_B + r"whsec_[A-Za-z0-9]{24,}" + _E)),
    Format("Hugging Face token", ("hf_",), re.compile(_B + r"hf_[A-Za-z0-9]{30,}" + _E)),
    Format("npm token", ("npm_",), re.compile(_B + r"npm_[A-Za-z0-9]{36}" + _E)),
    Format("PyPI token", ("pypi-",), re.compile(_B + r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}")),
    Format("SendGrid key", ("sg.",),
           re.compile(_B + r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}" + _E)),
    Format("Telegram bot token", (":aa",), re.compile(_B + r"\d{8,10}:AA[A-Za-z0-9_-]{33}" + _E)),
    Format("JSON Web Token", ("eyj",),
           re.compile(_B + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    Format("private key", ("private key",),
           re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*"
                      r"(?P<hit>[\s\S]{1,20000}?)"
                      r"(?:\s*-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\s*$)")),
    Format("bearer token", ("bearer", "authorization"),
           re.compile(r"(?i:\bbearer|\bauthorization:\s*(?:bearer|basic|token))\s+"
                      r"(?P<hit>[A-Za-z0-9._~+/=-]{16,})")),
)  # fmt: skip

# A key-like prefix (one of its segments names a credential) and a random body.
_SHAPED = re.compile(
    r"(?<![A-Za-z0-9_-])(?P<prefix>(?:[A-Za-z]{1,10}[_-]){1,3})(?P<hit>[A-Za-z0-9]{16,})"
    r"(?![A-Za-z0-9_-])"
)
_KEYLIKE = frozenset(
    "sk pk rk ak api apikey key keys tok token secret sec wsec whsec auth pat access priv "
    "private client sess session cred creds bearer oauth refresh signing sig hmac jwt".split()
)
_BASIC = re.compile(r"(?i:\bbasic)\s+(?P<hit>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")
# Values that are code, not a secret: a call, an index, a dotted name.
_CODE = re.compile(r"[\w.]*[(\[]|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")
_MASKED = re.compile(r"[*•●x#]{3,}|…")
_PLACEHOLDER = re.compile(
    r"(?:[$<{\[%*]|x{3,}|\.{3}|…|\(|redacted|null$|none$|nil$|undefined$|empty$|"
    r"your[_ -]|my[_-]?(?:password|key|token)|example|placeholder|dummy|secret$|passw(?:or)?d$|"
    r"change[_-]?(?:me|it)\b|replace[_-]?me\b|todo\b|fixme\b|"
    r"pwd$|pass$|pw$|token$|key$|env\b|os\.|getenv|process\.env|settings\.|config\.|vault\b|"
    r"keychain|1password|bitwarden|lastpass|required|optional|string|str$|true$|false$|"
    r"\*+$|-+$|_+$|await$|new$|function\b|lambda\b|yield$|async$|this\.|self\.)",
    _I,
)
_ASSIGNMENT = re.compile(
    r"(?i:\b(?:password|passwd|passphrase|passcode|pwd|pw|db_?pass(?:word)?|"
    r"[a-z]+_password|login_password|user_?password|root_?password|admin_?password))"
    r"\s*(?:[:=]|=>|:=)\s*[\"'“]?(?P<hit>[^\s\"'”,;]{4,})"
)
_KEYED = re.compile(
    r"(?i:(?:\b|(?<=_))(?:api[ _-]?key|apikey|access[ _-]?key(?:[ _-]?id)?|secret[ _-]?key|"
    r"secret|auth[ _-]?token|access[ _-]?token|refresh[ _-]?token|client[ _-]?secret|"
    r"private[ _-]?key|signing[ _-]?key|token)|密钥|秘钥|令牌)"
    r"(?:\s*(?:[:=]|=>|:=|：)\s*|[^\n]{0,12}?\b(?:is|was)\s+|\s*(?:是|为)\s*)[\"'“]?"
    r"(?P<hit>[A-Za-z0-9_\-+/=.]{12,})"
)
# A quoted value may hold any symbol: api_secret = 'Zx8#kLq2!vRt9@pWm4'.
_KEYED_QUOTED = re.compile(
    r"(?i:(?:\b|(?<=_))(?:api[ _-]?(?:key|secret)|secret(?:[ _-]?key)?|(?:auth|access|refresh)"
    r"[ _-]?token|client[ _-]?secret|private[ _-]?key|token|credentials?))"
    r"\s*(?:[:=]|=>|:=)\s*(?P<q>[\"'`])(?P<hit>[^\s\"'`]{8,})(?P=q)"
)
_PROSE = re.compile(
    r"(?i:\b(?:password|passwd|passphrase|passcode|pin(?: code)?|wi-?fi (?:password|key)|"
    r"pin number)\s+(?:is|was|=|:|is set to|was set to|is now|changed to)\s+)"
    r"(?P<q>[\"'“‘`]?)(?P<hit>[^\s\"'”’`,;]{4,})"
)
# "the password is …" in other languages (French, Spanish, Portuguese, Italian,
# German, Russian, Japanese, Arabic); the value is read like an English one.
_PROSE_I18N = re.compile(  # on the lower-cased text, like _NEAR
    r"(?:mot de passe|contraseña|clave|senha|passwort|kennwort|пароль|パスワード|暗証番号|"
    r"كلمة (?:ال)?(?:مرور|سر))"
    r"(?:[^\n:=：]{0,24}?\s(?:est|es|é|è|ist|lautet|это|هي)\s+|[^\n:=：.]{0,24}?\s*(?:[:=：]|は|—)\s*)"
    r"(?P<q>[\"'“‘`«]?)(?P<hit>[^\s\"'”’`»,;。、]{4,})"
)
# A key word and, a few words later, a long random token: "my Datadog key is
# 8f14…", "token ghx_9f8e…". Hash and id words near it make it a digest; longer
# blobs and encoded text are the encoded detector's.
# Matched on the lower-cased text (IGNORECASE makes it three times slower); the value is
# read back from the text as written.
_NEAR = re.compile(
    r"(?:(?:\b|(?<=_))(?:key|token|secret|credential|pat|clé|cle|jeton|schlüssel|ключ|токен|"
    r"секрет|clave|secreto|chiave|segreto|chave|segredo)s?\b|"
    r"密钥|秘钥|令牌|(?:キー|トークン|シークレット)(?![\u30a0-\u30ff])|鍵|(?:키|토큰)(?![가-힣])|"
    r"مفتاح|رمز|توكن)"
    r"(?P<gap>[^\n.!?。]{0,40}?)(?<![A-Za-z0-9_\-+/=.~])(?P<hit>[A-Za-z0-9_\-+/=.~]{20,128})"
    r"(?![A-Za-z0-9_\-+/=.~])"
)
# A keyword argument's or setting's name right before the value ("max_length=").
_ARGUMENT_BEFORE = re.compile(r"[A-Za-z]+(?:_[A-Za-z]+)+\s*[=:][\s\"'“‘`«]*$")
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
# Short words and numbers, each in one case, joined by hyphens or dots: a model
# name, a slug, a part number ("gpt-4o-mini-2024-07-18", "K380-MULTI-DEVICE"),
# not a random token.
_SLUG = re.compile(
    r"(?:[a-z0-9]{1,10}|[A-Z0-9]{1,10})(?:[-.](?:[a-z0-9]{1,10}|[A-Z0-9]{1,10})){2,}"
)
# memstack's own ids (26 Crockford base32 characters): "key:01J9…" names an API key.
_ID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")
_HOSTNAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,12}")
_DIGEST_WORDS = re.compile(
    r"(?i)hash|\bsha(?:-?\d+)?\b|md5|checksum|digest|fingerprint|commit|\bid\b|uuid|public|etag|version"
)
_ZH = re.compile(
    r"(?:密码|口令|密钥|PIN码?|支付密码|登录密码|(?i:wi-?fi)\s*密码|开机密码|银行卡密码)"
    r"\s*(?:是|为|:|=|：|改成了?|设为|设置为)\s*[\"'“]?(?P<hit>[^\s\"'”,，。;；、]{4,})"
)
_CONNECTION = re.compile(
    r"(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{1,20}://[^\s:/@]{0,64}:(?P<hit>[^\s@/]{3,128})@[\w.-]+", _I
)
_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)+/?")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")


def _path(value: str) -> bool:
    """A relative path (``uploads/2024/03/report.pdf``): short segments or a file name.

    Base64 also holds ``/``, but in long random runs and usually with ``+`` or ``=``.
    """
    if not _PATH.fullmatch(value):
        return False
    return _EXTENSION.search(value) is not None or max(map(len, value.split("/"))) < 16


def _covered(found: list[Finding], view: TextView, m: re.Match[str]) -> bool:
    s, e = view.span(m.start(), m.end())
    return any(f.start <= s and e <= f.end for f in found)


# A plain word in any script (letters only): "est affiché", "is stored", "是她生日".
_WORD_VALUE = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def _code(value: str) -> bool:
    """A call, an index or a dotted name (``form.password.data``), not a random dotted token."""
    if not _CODE.match(value):
        return False
    if "(" in value or "[" in value:
        return True
    return not any(len(p) >= 12 and _random(p) for p in value.split("."))


def _plausible(value: str, *, prose: bool, quoted: bool = False) -> bool:
    """Whether ``value`` could be a real secret rather than a placeholder, an id or a word."""
    if _PLACEHOLDER.match(value) or _code(value) or _MASKED.search(value):
        return False
    if _ID.fullmatch(re.sub(r"^[A-Za-z]{1,10}[_:-]", "", value.rstrip("."))):
        return False  # memstack's own ids (key_01J9…) name a key, they are not one
    if prose and not quoted and _WORD_VALUE.fullmatch(value):
        return False  # "the password is stored…", "密码是她生日"
    return True


def _strong(value: str) -> bool:
    """Token-like: a digit and at least two character classes (not an English word)."""
    classes = sum(bool(re.search(rx, value)) for rx in (r"[a-z]", r"[A-Z]", r"\d", r"[_\-+/=.]"))
    return _DIGIT.search(value) is not None and classes >= 2


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _random(body: str) -> bool:
    """A random-looking key body: letters and digits, many distinct characters.

    Hex keys of 32 characters have about 3.5 to 4 bits per character; words and
    repeated patterns stay well below 3.
    """
    return (
        _DIGIT.search(body) is not None
        and re.search(r"[A-Za-z]", body) is not None
        and _entropy(body) >= 3.0
    )


def _readable(value: str) -> bool:
    """Whether a token is hex or base64 of readable text (an encoded payload, not a key).

    The encoded detector decodes such runs and screens what they say; calling
    them a secret would hide that.
    """
    raw: bytes | None = None
    try:
        if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", value):
            raw = bytes.fromhex(value)
        else:
            raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        decoded = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return False
    return len(decoded) >= 8 and " " in decoded and decoded.isprintable()


def _basic_credentials(value: str) -> bool:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        text = decoded.decode("utf-8")
    except (binascii.Error, ValueError):
        return False
    user, sep, password = text.partition(":")
    return bool(sep and user and password and text.isprintable())


def scan(view: TextView) -> list[Finding]:
    """Find credentials; every finding is ``critical``.

    Args:
        view: the text and its folded copy.

    Returns:
        Findings whose span is the secret value itself.

    Example:
        >>> text = "db password=hunter2!"
        >>> [(f.severity, text[f.start:f.end]) for f in scan(TextView(text, text))]
        [('critical', 'hunter2!')]
    """
    text = view.folded
    found: list[Finding] = []

    def add(label: str, start: int, end: int) -> None:
        s, e = view.span(start, end)
        found.append(Finding("secret", "critical", f"{label} ({e - s} characters)", s, e))

    lowered = lower(text)

    def has(*keys: str) -> bool:
        for k in keys:  # a plain loop: twice as fast as any() over a generator
            if k in lowered:
                return True
        return False

    for fmt in PROVIDERS:
        if has(*fmt.keys):
            for m in fmt.regex.finditer(text):
                span = m.span("hit") if "hit" in fmt.regex.groupindex else m.span()
                if not _MASKED.search(text, *span):
                    add(fmt.label, *span)
    if has("pass", "pwd", "pw"):
        for m in _ASSIGNMENT.finditer(text):
            if _plausible(m.group("hit"), prose=False):
                add("password assignment", *m.span("hit"))
    if has("key", "secret", "token", "密钥", "秘钥", "令牌"):
        for m in _KEYED.finditer(text):
            value = m.group("hit")
            if _plausible(value, prose=False) and _strong(value):
                add("credential assignment", *m.span("hit"))
        for m in _KEYED_QUOTED.finditer(text):
            value = m.group("hit")
            if _plausible(value, prose=False) and _strong(value) and not _covered(found, view, m):
                add("credential assignment", *m.span("hit"))
    if has("pass", "pin", "wifi", "wi-fi"):
        for m in _PROSE.finditer(text):
            value = m.group("hit").rstrip(".!?")
            if _plausible(value, prose=True, quoted=bool(m.group("q"))):
                add("password in prose", m.start("hit"), m.start("hit") + len(value))
    for m in _PROSE_I18N.finditer(lowered):
        value = text[m.start("hit") : m.end("hit")].rstrip(".!?")
        if _ARGUMENT_BEFORE.search(text, m.start(), m.start("hit")):
            continue  # CharField("Passwort", max_length=256): the value of another argument
        if _plausible(value, prose=True, quoted=bool(m.group("q"))) and not _covered(
            found, view, m
        ):
            add("password in prose", m.start("hit"), m.start("hit") + len(value))
    if has("密码", "口令", "密钥", "pin"):
        for m in _ZH.finditer(text):
            if _plausible(m.group("hit"), prose=True):
                add("password (Chinese)", *m.span("hit"))
    if "-" in text or "_" in text:
        for m in _SHAPED.finditer(text):
            segments = {seg.lower() for seg in re.split(r"[_-]", m.group("prefix")) if seg}
            if (
                segments & _KEYLIKE
                and _random(m.group("hit"))
                and not _ID.fullmatch(m.group("hit"))
                and not _covered(found, view, m)
            ):
                add("key-shaped token", m.start("prefix"), m.end("hit"))
    for m in _NEAR.finditer(lowered):
        value = text[m.start("hit") : m.end("hit")].rstrip(".")
        if _HOSTNAME.fullmatch(value) or value.startswith(("/", ".")) or _path(value):
            continue  # a host name, a URL's path or a file path
        s, e = view.span(*m.span("hit"))
        if (
            _random(value.replace("-", "").replace("_", ""))
            and _plausible(value, prose=False)
            and not _DIGEST_WORDS.search(text, max(0, m.start() - 30), m.start("hit"))
            and not any(f.start < e and s < f.end for f in found)
            and not _readable(value)
            and not _ID.fullmatch(value)
            and not _UUID.fullmatch(value)
            and not _SLUG.fullmatch(value)
        ):
            add("token near a key word", m.start("hit"), m.start("hit") + len(value))
    if has("basic"):
        for m in _BASIC.finditer(text):
            if _basic_credentials(m.group("hit")):
                add("HTTP Basic credentials", *m.span("hit"))
    if "://" in text:
        for m in _CONNECTION.finditer(text):
            if _plausible(m.group("hit"), prose=False):
                add("password in a connection URL", *m.span("hit"))
    return found + secret_shapes.scan(view, found)


# Keys printed in documentation carry the word: AWS's AKIAIOSFODNN7EXAMPLE and
# wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, "sk_live_EXAMPLE…". A generated key
# never spells a seven-letter word. Such a key is still refused unless the
# statement also says what it is ("the docs' example key", "a placeholder"):
# people paste the documentation's keys into real configs as stand-ins, and a
# key copied without a word about it may be one of those or a real one.
_EXAMPLE = re.compile(r"example|placeholder|dummy", re.I)
_SAID = re.compile(
    r"example|placeholder|dummy|sample|\bdocs?\b|documentation|not a real|fake|示例|例子|占位|"
    r"exemple|ejemplo|beispiel|пример|例",
    re.I,
)


def documented(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings, with a documentation example key the statement calls one at ``low``.

    Applied to the whole statement's findings (a key found behind a label or
    inside quotes is judged by the words around it in the whole text).
    """
    return [_documented(text, f) if f.category == "secret" else f for f in findings]


def _documented(text: str, finding: Finding) -> Finding:
    if not _EXAMPLE.search(text, finding.start, finding.end) or not (
        _SAID.search(text[: finding.start]) or _SAID.search(text[finding.end :])
    ):
        return finding
    note = f"{finding.message}: a documentation example, not refused"
    return Finding(finding.category, "low", note, finding.start, finding.end)
