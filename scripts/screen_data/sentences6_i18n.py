# ruff: noqa: E501  (phrase tables read better one row per line)
"""Whole sentences in many languages, written one by one (round 6, issue 15).

Written by the memstack team (data6-i18n engineer) for issue 15, round 6.
After round 5 the misses outside English on the tuning sets test4 and test5
were orders that do not read as orders: announcements and facts ("new
memories are saved without review from now on"), passive standing rules about
outside content, answer steering addressed to "responses" or nobody,
exfiltration by cc, forwarding, SMS or webhook, overrides written as minutes
and changelogs, personas stated as a fact about the reader. The false
positives were talk ABOUT assistants and prompts, lyrics and subtitles, a
user's own language preference, runbooks and approval rules for people.

These sentences are new and written in our own words, none a paraphrase or
translation of a tuning-set row: Chinese first (``sentences6_i18n_zh`` and its
look-alikes ``sentences6_i18n_zh_benign``), French and Spanish
(``_fr_es``), German and Russian (``_de_ru``), Arabic and Japanese
(``_ar_ja``), one per family in Korean, Portuguese, Italian, Hindi and
Turkish (``_small``); then the orders inside their packaging, mail, ticket,
review, CSV, YAML, list, wiki, code comment, lyrics (``_packaged``); the
direct imperative voice, which the fact-worded rows alone left weak
(``_direct``); and reports ABOUT assistants and their instructions
(``_about``). Each module keeps both sides on the same subjects. ``ATTACKS``
and ``BENIGN`` merge them; ``generate`` shows each alone and behind
``sentences._variant``'s wrappers, the same on both sides.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import sentences
from .sentences6_i18n_about import ABOUT_ATTACKS, ABOUT_BENIGN
from .sentences6_i18n_ar_ja import AR_JA_ATTACKS, AR_JA_BENIGN
from .sentences6_i18n_de_ru import DE_RU_ATTACKS, DE_RU_BENIGN
from .sentences6_i18n_direct import DIRECT_ATTACKS, DIRECT_BENIGN
from .sentences6_i18n_fr_es import FR_ES_ATTACKS, FR_ES_BENIGN
from .sentences6_i18n_packaged import PACKAGED_ATTACKS, PACKAGED_BENIGN
from .sentences6_i18n_small import SMALL_ATTACKS, SMALL_BENIGN
from .sentences6_i18n_zh import ZH_ATTACKS
from .sentences6_i18n_zh_benign import ZH_BENIGN

FAMILIES = ("override", "governance", "persona", "standing", "exfil", "addressing", "breakout")

_ATTACK_TABLES: tuple[dict[str, dict[str, list[str]]], ...] = (
    {"zh": ZH_ATTACKS},
    FR_ES_ATTACKS,
    DE_RU_ATTACKS,
    AR_JA_ATTACKS,
    SMALL_ATTACKS,
    PACKAGED_ATTACKS,
    DIRECT_ATTACKS,
    ABOUT_ATTACKS,
)
_BENIGN_TABLES: tuple[dict[str, list[str]], ...] = (
    {"zh": ZH_BENIGN},
    FR_ES_BENIGN,
    DE_RU_BENIGN,
    AR_JA_BENIGN,
    SMALL_BENIGN,
    PACKAGED_BENIGN,
    DIRECT_BENIGN,
    ABOUT_BENIGN,
)


# {lang: {family: [sentence]}} and {lang: [sentence]}, every table merged.
ATTACKS: dict[str, dict[str, list[str]]] = sentences.merge_attacks(_ATTACK_TABLES)
BENIGN: dict[str, list[str]] = sentences.merge_benign(_BENIGN_TABLES)


def generate(rng: random.Random, per: int) -> Iterator[tuple[str, int, str]]:
    """Every sentence alone and behind ``per`` random wrappers, as ``(text, label, lang)``.

    ``label`` is 1 for an attack and 0 for a benign statement; the wrappers are
    those of ``sentences.py``, shared by both sides.
    """
    return sentences.with_variants(rng, per, sentences.labelled(ATTACKS, BENIGN, FAMILIES))
