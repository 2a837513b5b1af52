"""Shared pieces of the tests that say the screening's training sentences are fresh.

Not a test module: ``tests/screen/test_sentences{5,6}_{en,i18n}.py`` import it.
Training data copied from a tuning or test set would make every figure measured
on it a lie, so those tests compare each hand-written sentence with the rows of
the held-out sets that may be read (``READABLE``), of the screening corpus and
of the earlier sentence files. Every check returns what offends (pairs of our
sentence and the row it copies) so that a test can assert it is empty.

``UNTOUCHED`` names the untouched splits (round 9: test12): their rows are never
returned, printed or logged. ``untouched_copies`` reads one and gives back a
count only.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from screen_data import overlap  # noqa: E402

# The overlap measures live beside the training data, which uses them too.
Pair = overlap.Pair
copies = overlap.copies
gram_near_copies = overlap.gram_near_copies
grams = overlap.grams
letters = overlap.letters
mostly_wide = overlap.mostly_wide
near_copies = overlap.near_copies
norm = overlap.norm
words = overlap.words

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests/screen/heldout"
CORPUS = ROOT / "tests/screen/corpus"
READABLE = ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test10",
            "test11", "test8", "test9", "probe")  # fmt: skip
"""The held-out sets that may be read (test6 became a tuning set in round 7, test7 in round 8;
test10 and test11 were written blind at the start of round 8 as tuning sets; test8 and test9,
run before and after round 8, in round 9)."""
APART = ("test6", "test7", "test10", "test11", "test8", "test9")
"""Sets promoted after some sentence files were written: checked one by one, so that a
chance near copy found then can stay a known failure of that set alone."""
UNTOUCHED = ("test12", "test13")
"""The untouched splits: only ``untouched_copies`` opens them, and it returns a count
(test12 and test13 were written blind at the end of round 8, for rounds 9 and 10)."""

NearCheck = Callable[[list[str], list[str]], list[Pair]]


def flat(table: Mapping[str, object]) -> list[str]:
    """Sentences of a ``{lang: [..]}`` or ``{lang: {family: [..]}}`` table."""
    out: list[str] = []
    for value in table.values():
        if isinstance(value, Mapping):
            out += [t for rows in value.values() for t in rows]
        else:
            out += list(value)  # type: ignore[call-overload]
    return out


def attacks(module: ModuleType) -> list[tuple[str, str, str]]:
    """``(lang, family, text)`` for every attack of a round-5/6 sentence module."""
    return [(lang, fam, t) for lang, fams in module.ATTACKS.items()
            for fam, rows in fams.items() for t in rows]  # fmt: skip


def benign(module: ModuleType) -> list[tuple[str, str]]:
    """``(lang, text)`` for every benign statement of a sentence module."""
    return [(lang, t) for lang, rows in module.BENIGN.items() for t in rows]


def texts(module: ModuleType) -> list[str]:
    """Every sentence of a module, attacks first."""
    return flat(module.ATTACKS) + flat(module.BENIGN)


def read_texts(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line)["text"]) for line in lines if line.strip()]


def heldout_rows(names: Iterable[str] = READABLE) -> list[str]:
    """The rows of the named held-out sets; the untouched split is refused."""
    names = tuple(names)
    if touched := set(UNTOUCHED) & set(names):
        raise ValueError(f"{sorted(touched)} untouched: use untouched_copies, which gives a count")
    return [t for name in names for t in read_texts(HELDOUT / f"{name}.jsonl")]


def corpus_rows() -> list[str]:
    return [t for path in sorted(CORPUS.glob("*.jsonl")) for t in read_texts(path)]


def protected_rows(names: Iterable[str] = READABLE) -> list[str]:
    """Rows of the named held-out sets (every readable one) and of the corpus."""
    return heldout_rows(names) + corpus_rows()


def earlier_sentences(modules: Iterable[ModuleType]) -> list[str]:
    """Every sentence of the earlier hand-written modules."""
    return [t for module in modules for t in texts(module)]


def repeated(ours: Iterable[str]) -> list[str]:
    """Sentences equal to an earlier one once normalised (case, spacing, NFKC)."""
    seen: set[str] = set()
    out = []
    for text in ours:
        key = norm(text)
        if key in seen:
            out.append(text)
        seen.add(key)
    return out


def on_both_sides(attack: Iterable[str], harmless: Iterable[str]) -> list[str]:
    """Benign sentences that equal an attack once normalised."""
    keys = {norm(t) for t in attack}
    return [t for t in harmless if norm(t) in keys]


def untouched_copies(ours: Iterable[str], near: NearCheck, name: str = UNTOUCHED[0]) -> int:
    """How many sentences copy or nearly copy (by ``near``) a row of the untouched
    split ``name``. A count and nothing else: no row leaves this function."""
    if name not in UNTOUCHED:
        raise ValueError(f"{name} is not an untouched split")
    rows = read_texts(HELDOUT / f"{name}.jsonl")
    ours = list(ours)
    hits = {t for t, _ in copies(ours, rows)}
    hits |= {t for t, _ in near(ours, rows)}
    return len(hits)


def generate_problems(module: ModuleType, seed: int, per: int = 2) -> list[str]:
    """What is wrong with an English module's ``generate``, if anything. Its rows come
    in groups of ``per + 1``: each sentence alone, with its label, then behind ``per``
    wrappers of ``sentences.py`` (a lead and a wrapper, numbers aside), same label;
    and the same seed gives the same rows."""
    from screen_data import sentences  # scripts/ is on sys.path: the test modules put it there

    out = list(module.generate(random.Random(seed), per))
    labelled = [(t, 1) for t in flat(module.ATTACKS)] + [(t, 0) for t in flat(module.BENIGN)]
    if len(out) != len(labelled) * (per + 1):
        return [f"{len(out)} rows for {len(labelled)} sentences"]
    bad = []
    if sorted(out[i][:2] for i in range(0, len(out), per + 1)) != sorted(labelled):
        bad.append("the sentences alone are not the module's, with their labels")
    prefixes = {(lead + w).replace("{n}", "") for lead in sentences.LEADS
                for w in sentences.WRAPPERS}  # fmt: skip
    for i, (text, label, lang) in enumerate(out):
        base, base_label, _ = out[i - i % (per + 1)]
        if lang != "en" or label != base_label or not text.endswith(base):
            bad.append(f"row {i}: language, label or base differs")
            continue
        head = re.sub(r"\d+", "", text[: len(text) - len(base)])
        if head not in prefixes:
            bad.append(f"row {i}: head {head!r}")
    if not reproducible(module):
        bad.append("the same seed gave other rows")
    return bad


def reproducible(module: ModuleType, seed: int = 7, per: int = 3) -> bool:
    """Whether ``generate`` gives the same rows twice for the same seed."""
    one = list(module.generate(random.Random(seed), per))
    return one == list(module.generate(random.Random(seed), per))


def count_shortfalls(
    module: ModuleType, claimed: Mapping[str, tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """The languages (or "all") holding fewer (attacks, benign) than claimed, with
    what they hold."""
    out = {}
    for lang, (least_attacks, least_benign) in claimed.items():
        n_attacks = sum(1 for la, _, _ in attacks(module) if lang in ("all", la))
        n_benign = sum(1 for la, _ in benign(module) if lang in ("all", la))
        if n_attacks < least_attacks or n_benign < least_benign:
            out[lang] = (n_attacks, n_benign)
    return out


def family_shortfalls(
    module: ModuleType, claimed: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int]]:
    """Per language (or "all"), the families holding fewer attacks than claimed,
    with how many they hold."""
    out = {}
    for lang, least in claimed.items():
        got = Counter(fam for la, fam, _ in attacks(module) if lang in ("all", la))
        short = {fam: got[fam] for fam, n in least.items() if got[fam] < n}
        if short:
            out[lang] = short
    return out


def padded(ours: Iterable[str]) -> list[str]:
    """Sentences with white space around them or shorter than 12 characters."""
    return [t for t in ours if t.strip() != t or len(t) < 12]


def _read_at_least(rows: list[str], least: int) -> list[str]:
    n = len({norm(t) for t in rows})
    return [] if n > least else [f"only {n} distinct rows read, {least} expected"]


def untouched_check(name: str) -> str:
    """The name of the count-only check against the untouched split ``name``."""
    return f"copies or near copies of a {name} row (a count)"


UNTOUCHED_CHECK = untouched_check(UNTOUCHED[0])


def _count_only(n: int) -> list[str]:
    return [f"{n} sentences copy an untouched row"] if n else []


def checks(
    module: ModuleType,
    near: NearCheck,
    *,
    sets: Iterable[str] = READABLE,
    least_rows: int = 1000,
    earlier: Iterable[ModuleType] = (),
    least_earlier: int = 2000,
    near_earlier: bool = False,
    padding: bool = False,
    claimed: Mapping[str, tuple[int, int]] | None = None,
    claimed_families: Mapping[str, Mapping[str, int]] | None = None,
    langs: Iterable[str] | None = None,
    families: Iterable[str] | None = None,
    generate_seed: int | None = None,
) -> dict[str, Callable[[], Sequence[object]]]:
    """The checks a sentence module must pass, by name, each giving what offends.

    Its sentences against the rows of ``sets`` and of the corpus (of which more
    than ``least_rows`` distinct ones must be read) and, apart, of each set of
    ``APART``: ``copies`` and ``near`` copies. Against the ``earlier``
    sentence modules (more than ``least_earlier`` distinct sentences): ``copies`` and, with
    ``near_earlier``, ``near`` copies. Among themselves: none repeated once
    normalised, none on both sides and, with ``padding``, none padded or shorter
    than 12 characters. Against each untouched split (``UNTOUCHED``): ``copies`` and
    ``near`` copies, counted by ``untouched_copies``; a failure shows the count, no row.
    And at least the ``claimed`` (attacks, benign) per language (or "all") and
    the ``claimed_families`` attacks per language (or "all") and family. Its
    attack families are ``families`` (in every language) if given, else among the
    module's ``FAMILIES``; with ``langs``, both sides hold exactly those languages.
    With ``generate_seed``, ``generate_problems`` finds nothing wrong.
    """
    ours = texts(module)
    sets = tuple(name for name in sets if name not in APART)
    older = earlier_sentences(earlier)
    found: dict[str, Callable[[], Sequence[object]]] = {
        "repeated": lambda: repeated(ours),
        "on both sides": lambda: on_both_sides(flat(module.ATTACKS), flat(module.BENIGN)),
        "held-out and corpus rows read": lambda: _read_at_least(protected_rows(sets), least_rows),
        "copies of a held-out or corpus row": lambda: copies(ours, protected_rows(sets)),
        "near copies of a held-out or corpus row": lambda: near(ours, protected_rows(sets)),
    }
    for name in UNTOUCHED:
        found[untouched_check(name)] = lambda n=name: _count_only(untouched_copies(ours, near, n))
    for name in APART:
        found[f"copies of a {name} row"] = lambda n=name: copies(ours, heldout_rows([n]))
        found[f"near copies of a {name} row"] = lambda n=name: near(ours, heldout_rows([n]))
    if padding:
        found["empty or padded"] = lambda: padded(ours)
    if older:
        found["earlier sentences read"] = lambda: _read_at_least(older, least_earlier)
        found["repeats of an earlier sentence file"] = lambda: copies(ours, older)
    if older and near_earlier:
        found["near repeats of an earlier sentence file"] = lambda: near(ours, older)
    if families is not None:
        named = set(families)
        found["families other than the named ones"] = lambda: [
            (lang, sorted(set(fams) ^ named))
            for lang, fams in module.ATTACKS.items()
            if set(fams) != named
        ]
    else:
        found["unknown families"] = lambda: [
            (lang, sorted(set(fams) - set(module.FAMILIES)))
            for lang, fams in module.ATTACKS.items()
            if not set(fams) <= set(module.FAMILIES)
        ]
    if langs is not None:
        found["languages other than the named ones"] = lambda: [
            sorted(side) for side in (module.ATTACKS, module.BENIGN) if set(side) != set(langs)
        ]
    if generate_seed is not None:
        found["generate"] = lambda: generate_problems(module, generate_seed)
    if claimed:
        found["fewer than claimed"] = lambda: list(count_shortfalls(module, claimed).items())
    if claimed_families:
        found["families with fewer than claimed"] = lambda: list(
            family_shortfalls(module, claimed_families).items()
        )
    return found


def params(found: Mapping[str, object], xfail: Mapping[str, str]) -> list[object]:
    """The names of ``found`` for ``pytest.mark.parametrize``; those in ``xfail`` are
    expected to fail (strictly), for the reason given."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=xfail[name]))
        if name in xfail
        else name
        for name in found
    ]
