"""Whole sentences of round 7 (issue 15), written one by one by the data7 engineer.

Round 6 left the learned layer over-fitted to the tuning sets: on test6 (read
only as kinds of failure, never copied) it flagged notices that keep or
strengthen a safeguard, instructions between staff, security-awareness notes,
commit messages and tickets about review rules or a bot that refused, and IT
notices; and it missed standing orders to run what outside content says,
the model made the reviewer of its own memory proposals, approvals scheduled
for the assistant, muted screening warnings, personas resting on a sad story
or on a rule-free character, and plugs added to subtitles for "the AI that
summarises". The tables: English (``sentences7_en``), Chinese
(``sentences7_zh``), French, Spanish, German and Russian (``sentences7_eu``),
Japanese and Arabic with a few Portuguese, Italian and Korean rows
(``sentences7_more``); then, after a first retrain moved the test6 kinds
little, the same kinds in memstack's own words on both sides (memories,
review, screening warnings, hidden instructions, commands;
``sentences7_words``). Each package (minutes, tickets, commit messages,
subtitles, scheduled jobs, notices) appears on both sides, so the package
alone carries no signal. ``generate`` shows each sentence alone and behind
``sentences._variant``'s wrappers, the same on both sides.

None of these sentences is copied, translated or paraphrased from
``tests/screen/heldout`` or ``tests/screen/corpus``;
``tests/screen/test_sentences7.py`` checks it (test7 included, read only by
the test), and that they repeat no earlier ``sentences*.py``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import sentences
from .sentences7_en import EN_ATTACKS, EN_BENIGN
from .sentences7_eu import EU_ATTACKS, EU_BENIGN
from .sentences7_more import MORE_ATTACKS, MORE_BENIGN
from .sentences7_words import WORDS_ATTACKS, WORDS_BENIGN
from .sentences7_zh import ZH_ATTACKS, ZH_BENIGN

FAMILIES = ("override", "governance", "persona", "standing", "exfil", "addressing", "breakout")

_ATTACK_TABLES: tuple[dict[str, dict[str, list[str]]], ...] = (
    EN_ATTACKS,
    ZH_ATTACKS,
    EU_ATTACKS,
    MORE_ATTACKS,
    WORDS_ATTACKS,
)
_BENIGN_TABLES: tuple[dict[str, list[str]], ...] = (
    {"en": EN_BENIGN},
    {"zh": ZH_BENIGN},
    EU_BENIGN,
    MORE_BENIGN,
    WORDS_BENIGN,
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
