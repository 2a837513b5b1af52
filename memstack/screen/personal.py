"""Personal data: allowed in memory, but flagged so a reviewer knows it is there.

A memory layer exists to remember things about people, so personal data is not
refused. It is flagged because it changes what erasure and export must cover,
and because some of it is regulated:

* e-mail addresses, phone numbers and IBANs are **low**: ordinary contact and
  invoicing details; ``auto`` review still applies;
* payment card numbers, US social security numbers and Chinese resident ID
  numbers are **medium**: storing them in plain text is rarely lawful (PCI DSS,
  identity fraud), so a human decides.

Numbers are validated, not just shaped: a card must pass the Luhn check and start
with a known issuer prefix, an IBAN must have its country's length and a valid
mod-97 checksum, a Chinese ID its ISO 7064 check character and a real birth
date. That keeps order numbers, timestamps and version strings out.
"""

from __future__ import annotations

import re

from ..models import Finding
from ._rules import Severity
from ._text import TextView

__all__ = ["IBAN_LENGTHS", "cn_id_valid", "iban_valid", "luhn_valid", "scan"]

# Registered IBAN lengths (SWIFT IBAN registry) for the countries seen most.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
    "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26,
    "UA": 29, "VG": 24, "XK": 20,
}  # fmt: skip

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}"
    r"[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}"
    r"|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}"
    r"|0\d{1,4}[ -]\d{3,4}[ -]?\d{3,4}|1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?![A-Za-z0-9_-])"
)
_CARD = re.compile(r"(?<!\d)(?<!\d[ .-])\d(?:[ -]?\d){12,18}(?!\d|[ .-]\d)")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}")
_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
_CN_ID = re.compile(
    r"(?<!\d)[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"\d{3}[\dXx](?!\d)"
)
# A URL cut off inside its authority part ("scheme://user:"), where "@" ends a credential.
_AUTHORITY = re.compile(r"://[^/?#=&]*$")
# Every number detector needs a run of digits like this one; most texts have none.
_DIGITS = re.compile(r"\d[\d ().-]{6,}\d")
# Issuer prefixes (IIN ranges) and the lengths each network issues.
_CARD_BRANDS: tuple[tuple[re.Pattern[str], frozenset[int]], ...] = (
    (re.compile(r"4"), frozenset((13, 16, 19))),  # Visa
    (re.compile(r"5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)"), frozenset((16,))),
    (re.compile(r"3[47]"), frozenset((15,))),  # American Express
    (re.compile(r"6(?:011|5|4[4-9])"), frozenset((16, 19))),  # Discover
    (re.compile(r"62|35"), frozenset((16, 17, 18, 19))),  # UnionPay, JCB
    (re.compile(r"3(?:0[0-5]|[689])"), frozenset(range(14, 20))),  # Diners Club
)
_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check used by payment card numbers.

    Args:
        number: digits; spaces and dashes are ignored.

    Returns:
        True if the check digit is right.

    Example:
        >>> luhn_valid("4111 1111 1111 1111"), luhn_valid("4111 1111 1111 1112")
        (True, False)
    """
    digits = [int(c) for c in number if c.isdigit()]
    if not digits:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_shaped(digits: str) -> bool:
    """A known issuer prefix with a length that issuer uses, and not one digit repeated."""
    if len(set(digits)) < 2:
        return False
    return any(rx.match(digits) and len(digits) in lengths for rx, lengths in _CARD_BRANDS)


def iban_valid(iban: str) -> bool:
    """ISO 13616 check: known country length (if listed) and mod 97 equal to 1.

    Args:
        iban: the IBAN, spaces allowed.

    Returns:
        True if it is a well-formed IBAN.

    Example:
        >>> iban_valid("DE89 3704 0044 0532 0130 00"), iban_valid("DE89 3704 0044 0532 0130 01")
        (True, False)
    """
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def cn_id_valid(number: str) -> bool:
    """ISO 7064 MOD 11-2 check character of an 18-digit Chinese resident ID.

    Example:
        >>> cn_id_valid("11010519491231002X")
        True
    """
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _CN_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def _iban_at(text: str, start: int, end: int) -> int | None:
    """End of the valid IBAN starting at ``start``, trying the registered length first."""
    chars = [i for i in range(start, end) if text[i] != " "]
    want = IBAN_LENGTHS.get(text[start : start + 2])
    lengths = [want] if want else range(len(chars), 14, -1)
    for n in lengths:
        if n <= len(chars) and iban_valid(text[start : chars[n - 1] + 1]):
            return chars[n - 1] + 1
    return None


def scan(view: TextView) -> list[Finding]:
    """Find e-mail addresses, phone numbers, IBANs, card and ID numbers.

    Args:
        view: the text and its folded copy.

    Returns:
        ``personal`` findings, low or medium.

    Example:
        >>> text = "Card 4111 1111 1111 1111, mail a@b.io"
        >>> [(f.severity, f.message) for f in scan(TextView(text, text))]
        [('medium', 'payment card number (Luhn-valid)'), ('low', 'e-mail address')]
    """
    text = view.folded
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(severity: Severity, message: str, start: int, end: int) -> None:
        taken.append((start, end))
        s, e = view.span(start, end)
        found.append(Finding("personal", severity, message, s, e))

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in taken)

    numbers = _DIGITS.search(text) is not None
    for m in _CN_ID.finditer(text) if numbers else ():
        if cn_id_valid(m.group()):
            add("medium", "Chinese resident ID number (checksum valid)", *m.span())
    for m in _CARD.finditer(text) if numbers else ():
        digits = re.sub(r"\D", "", m.group())
        if free(*m.span()) and _card_shaped(digits) and luhn_valid(digits):
            add("medium", "payment card number (Luhn-valid)", *m.span())
    for m in _IBAN.finditer(text) if numbers else ():
        end = _iban_at(text, m.start(), m.end())
        if end is not None:
            add("low", "IBAN (checksum valid)", m.start(), end)
    for m in _SSN.finditer(text) if numbers else ():
        if free(*m.span()):
            add("medium", "US social security number", *m.span())
    for m in _EMAIL.finditer(text) if "@" in text else ():
        token = text[text.rfind(" ", 0, m.start()) + 1 : m.start()]
        if not _AUTHORITY.search(token):  # user:password@host is a credential, not an address
            add("low", "e-mail address", *m.span())
    for m in _PHONE.finditer(text) if numbers else ():
        count = sum(c.isdigit() for c in m.group())
        if 8 <= count <= 15 and free(*m.span()):
            add("low", "phone number", *m.span())
    return found
