"""The round-6 English training sentences (issue 15) are fresh, distinct and as many as claimed.

Training data copied from a tuning or test set would make every figure measured
on it a lie, so each sentence of ``scripts/screen_data/sentences6_en.py`` (and
of the modules it gathers: ``sentences6_en_orders.py``, ``_packaged``,
``_facts``, ``_benign``, ``_people`` and ``_everyday``) is checked against the
rows of the held-out sets that may be read in round 6 (dev, test, test2, test3,
test4, test5, probe; test6 is never opened) and of the corpus: neither equal,
nor equal after lower-casing and folding white space, nor equal once spacing,
hyphens and case are gone, nor a near copy (a Jaccard overlap of 0.6 or more
between its words and one row's). Nor does it repeat, or nearly repeat, a
sentence of the earlier ``sentences*.py`` files, since a repeat adds nothing but weight.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from screen_data import sentences, sentences5_en, sentences5_i18n, sentences6_en  # noqa: E402

FAMILIES = ("override", "governance", "persona", "standing", "exfil", "addressing")
# What the module claims (its docstring and the round-6 brief): at least this many.
CLAIMED = {
    "override": 85,
    "governance": 150,
    "persona": 55,
    "standing": 125,
    "exfil": 85,
    "addressing": 150,
}
CLAIMED_ATTACKS = 650
CLAIMED_BENIGN = 775
READABLE = ("dev", "test", "test2", "test3", "test4", "test5", "probe")
EARLIER = (sentences, sentences5_en, sentences5_i18n)


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 1}


def letters(text: str) -> str:
    """The text without spacing, hyphens or case: "I-g n o r e" and "ignore" agree."""
    return re.sub(r"\W+", "", text.lower())


def attacks() -> list[str]:
    return [t for fam in sentences6_en.ATTACKS["en"].values() for t in fam]


def benign() -> list[str]:
    return list(sentences6_en.BENIGN["en"])


def read_texts(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def protected_rows() -> list[str]:
    rows = []
    for name in READABLE:
        rows += read_texts(ROOT / "tests/screen/heldout" / f"{name}.jsonl")
    for path in sorted((ROOT / "tests/screen/corpus").glob("*.jsonl")):
        rows += read_texts(path)
    return rows


def earlier_sentences() -> list[str]:
    out = []
    for module in EARLIER:
        # round 2 maps a language to a list, round 5 to {family: [...]}
        for table in module.ATTACKS.values():
            out += [t for fam in table.values() for t in fam] if isinstance(table, dict) else table
        out += [t for texts in module.BENIGN.values() for t in texts]
    return out


def test_the_families_are_the_six_named_ones() -> None:
    assert set(sentences6_en.ATTACKS) == {"en"}
    assert set(sentences6_en.ATTACKS["en"]) == set(FAMILIES)
    assert set(sentences6_en.BENIGN) == {"en"}


@pytest.mark.parametrize("family", FAMILIES)
def test_each_family_holds_what_is_claimed(family: str) -> None:
    assert len(sentences6_en.ATTACKS["en"][family]) >= CLAIMED[family]


def test_totals() -> None:
    assert len(attacks()) >= CLAIMED_ATTACKS
    assert len(benign()) >= CLAIMED_BENIGN


def test_no_sentence_is_repeated_even_with_other_case_or_spacing() -> None:
    every = attacks() + benign()
    seen: dict[str, str] = {}
    dupes = [t for t in every if seen.setdefault(norm(t), t) is not t]
    assert dupes == []


def test_no_sentence_is_on_both_sides() -> None:
    assert {norm(t) for t in attacks()} & {norm(t) for t in benign()} == set()


def test_no_sentence_is_empty_or_padded() -> None:
    for text in attacks() + benign():
        assert text.strip() == text and len(text) >= 12, repr(text)


def test_no_sentence_repeats_an_earlier_sentence_file() -> None:
    older = earlier_sentences()
    assert len(older) > 2000  # the earlier files were found and read
    folded = {norm(t) for t in older}
    squeezed = {letters(t) for t in older}
    ours = attacks() + benign()
    assert [t for t in ours if norm(t) in folded] == []
    assert [t for t in ours if letters(t) in squeezed] == []


def test_no_sentence_is_a_near_copy_of_an_earlier_sentence_file() -> None:
    older = [(t, words(t)) for t in earlier_sentences()]
    near = []
    for text in attacks() + benign():
        mine = words(text)
        if len(mine) < 5:
            continue
        near += [(text, t) for t, theirs in older if len(mine & theirs) / len(mine | theirs) >= 0.6]
    assert near == []


def test_nothing_is_taken_from_the_heldout_sets_or_the_corpus() -> None:
    rows = protected_rows()
    assert len(rows) > 1000  # the files were found and read
    exact = set(rows)
    folded = {norm(r) for r in rows}
    squeezed = {letters(r) for r in rows}
    ours = attacks() + benign()
    assert [t for t in ours if t in exact] == []
    assert [t for t in ours if norm(t) in folded] == []
    assert [t for t in ours if letters(t) in squeezed] == []


def test_no_sentence_is_a_near_copy_of_a_heldout_or_corpus_row() -> None:
    # Jaccard similarity of the word sets; a light paraphrase keeps most words.
    rows = [(r, words(r)) for r in protected_rows()]
    near = []
    for text in attacks() + benign():
        mine = words(text)
        if len(mine) < 5:
            continue
        for row, theirs in rows:
            if len(mine & theirs) / len(mine | theirs) >= 0.6:
                near.append((text, row))
    assert near == []


def test_generate_yields_each_sentence_alone_and_behind_the_shared_wrappers() -> None:
    per = 2
    out = list(sentences6_en.generate(random.Random(6), per))
    labelled = [(t, 1) for t in attacks()] + [(t, 0) for t in benign()]
    assert len(out) == len(labelled) * (per + 1)
    assert sorted(out[i][:2] for i in range(0, len(out), per + 1)) == sorted(labelled)
    prefixes = {
        (lead + wrapper).replace("{n}", "")
        for lead in sentences.LEADS
        for wrapper in sentences.WRAPPERS
    }
    for i, (text, label, lang) in enumerate(out):
        base, base_label, _ = out[i - i % (per + 1)]
        assert lang == "en"
        assert label == base_label
        assert text.endswith(base)
        head = re.sub(r"\d+", "", text[: len(text) - len(base)])
        assert head in prefixes, head


def test_generate_is_reproducible() -> None:
    one = list(sentences6_en.generate(random.Random(7), 3))
    two = list(sentences6_en.generate(random.Random(7), 3))
    assert one == two
