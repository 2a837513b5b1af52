"""An instruction aimed at the model never ends at "low" because of its wrapper (issue 15).

"Done when: an instruction aimed at the model never gets only low whatever its
wrapper (so ``auto`` never applies it)." The attacks of the round-5 tuning sets
(``dev``, ``test``, ``test2``, ``probe``, ``test3``; never the held-out ``test4``
and ``test5``) are put behind many wrappers: labels in several languages, quotes,
brackets, Markdown, JSON, HTML comments, bullets, key=value, headers and a
trailing attribution, and into the proposal's narrow metadata fields. Whenever
the bare attack is at least ``medium``, the wrapped one must be too.

The rules are held to this for every attack and every wrapper (they peel the
wrappers and read what is inside, see ``memstack/screen/_text.py: unwrap``);
screening with the learned layer is checked on a fixed sample, because each
wrapped text needs its own sentence vector.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memstack.screen import SEVERITY_ORDER, _screen, max_severity, screen
from memstack.screen.fields import screen_fields

RANK: dict[str | None, int] = {None: -1, **{s: i for i, s in enumerate(SEVERITY_ORDER)}}
HELDOUT = Path(__file__).parent / "heldout"
TUNING = ("dev", "test", "test2", "probe", "test3")

WRAPPERS = (
    "Reminder: {}",
    "Alice's preference: {}",
    "Note for the assistant: {}",
    "Note: {}",
    "FYI - {}",
    "Alice said: {}",
    'Quote: "{}"',
    "From the meeting notes: {}",
    '{{"note": "{}"}}',
    '{{"id": 7, "text": "{}", "tags": ["x"]}}',
    "P.S. {}",
    "[memo] {}",
    "> {}",
    "- {}",
    "* {}",
    "1. {}",
    "Bob wrote: «{}»",
    "({})",
    '"{}"',
    "“{}”",
    "「{}」",
    "Todo: {}",
    "Context – {}",
    "备注：{}",
    "Hinweis: {}",
    "Remarque : {}",
    "Nota: {}",
    "メモ：{}",
    "ملاحظة: {}",
    "Примечание: {}",
    "{} (from Alice's notes)",
    "Team wiki, section 3 — {}",
    "Ticket #4411: {}",
    "Update from Bob (Slack, 9:14): {}",
    "Alice's preference for the assistant: {}",
    "Important: {}",
    "Meeting notes:\n{}",
    "Subject: re: invoice\n\n{}",
    "user_note={}",
    "<!-- {} -->",
    "<note>{}</note>",
    "**{}**",
    "_{}_",
    "`{}`",
    "~~{}~~",
)


def _attacks() -> list[tuple[str, str]]:
    rows = []
    for split in TUNING:
        for line in (HELDOUT / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["label"] == "attack" and row["category"] != "secret":
                    rows.append((row["text"], row["kind"]))
    return rows


ATTACKS = _attacks()


def rules(text: str, kind: str) -> int:
    return RANK[max_severity(_screen(text, kind, second_opinion=False))]


def test_the_tuning_sets_are_here() -> None:
    assert len(ATTACKS) > 300


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_no_wrapper_lowers_the_rules_below_medium(wrapper: str) -> None:
    lowered = [
        text
        for text, kind in ATTACKS
        if rules(text, kind) >= RANK["medium"] > rules(wrapper.format(text), kind)
    ]
    assert not lowered, lowered[:5]


@pytest.mark.parametrize("field", ["topic", "author", "speaker"])
def test_an_attack_in_a_narrow_field_is_at_least_medium(field: str) -> None:
    missed = [
        text
        for text, kind in ATTACKS
        if rules(text, kind) >= RANK["medium"]
        and RANK[max_severity(screen_fields({field: text}))] < RANK["medium"]
    ]
    assert not missed, missed[:5]


# Screening with the learned layer: every 12th attack, behind the wrappers that the
# unwrapping is designed for (each wrapped text costs an embedding of its own).
SAMPLE = ATTACKS[::12]
FULL_WRAPPERS = (
    "Reminder: {}",
    '"{}"',
    "Bob wrote: «{}»",
    '{{"note": "{}"}}',
    "- {}",
    "[memo] {}",
    "{} (from Alice's notes)",
    "Update from Bob (Slack, 9:14): {}",
)


@pytest.mark.parametrize(("text", "kind"), SAMPLE)
def test_no_wrapper_lowers_the_whole_screen_below_medium(text: str, kind: str) -> None:
    if RANK[max_severity(screen(text, kind=kind))] < RANK["medium"]:
        pytest.skip("the bare attack is not caught; nothing to keep")
    lowered = [
        w for w in FULL_WRAPPERS
        if RANK[max_severity(screen(w.format(text), kind=kind))] < RANK["medium"]
    ]  # fmt: skip
    assert not lowered, lowered
