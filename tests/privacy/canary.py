"""Canaries for the erasure auditor: distinctive strings, where they go, and a byte scanner.

Importable by a child process too (the crash test runs :func:`write_canaries`
in a subprocess it kills with SIGKILL), so it only depends on the package.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from memstack.index.keyword import analyze
from memstack.models import Extraction, ExtractionLogOp

CANARY = "CANARY-7f3a9c2e5b"
CANARY_ZH = "金丝雀七三九密语"
SCOPE = "acme/u-4f2c"
OTHER = "acme/u-9b1d"
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def needles() -> set[str]:
    """Every form the canary can take on disk: as written, lower-cased, and as analysed index terms.

    Index terms shorter than 6 bytes (single CJK characters) are left out: a
    3-byte sequence turns up by chance in a megabyte of float vectors.
    """
    found = {CANARY, CANARY_ZH, CANARY.lower()}
    for term in analyze(f"{CANARY} {CANARY_ZH}").split():
        if len(term.encode("utf-8")) >= 6:
            found.add(term)
    return found


def scan(folder: Path, words: set[str] | None = None) -> list[tuple[str, str, str]]:
    """``(file, needle, encoding)`` for every needle found in any file under ``folder``."""
    words = needles() if words is None else words
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # removed since listed (a closed session's temp table)
            continue
        for word in sorted(words):
            for enc in ENCODINGS:
                if word.encode(enc) in data:
                    hits.append((path.name, word, enc))
    return hits


def write_canaries(mem: Any, scope: str = SCOPE) -> dict[str, str]:
    """Write the canary into every place a scope's data can live; return some ids.

    Text, topic, metadata and source fields (author, conversation, session, speaker), an
    updated (superseded) version and an update reason, a deleted memory and its
    delete reason, conversation episodes (and so the keyword context of their
    neighbours), a descendant scope, pending / approved / rejected proposals
    (text, rationale, excerpt, reason), extraction logs, a queued extraction job
    and a review policy.
    """
    ids: dict[str, str] = {}
    rec = mem.add(
        scope, f"My code word is {CANARY} and {CANARY_ZH}.", topic=f"code {CANARY}",
        source={"author": CANARY, "conversation": f"conv-{CANARY}", "session": CANARY_ZH},
        metadata={"note": CANARY, CANARY_ZH: [{"deep": CANARY}]},
    )  # fmt: skip
    ids["plain"] = rec.id
    old = mem.add(scope, f"Old address note {CANARY}.")
    new = mem.update(old.id, "Moved to a new address.", reason=f"correcting {CANARY}")
    ids["old"], ids["new"] = old.id, new.id
    gone = mem.add(scope, f"Temporary {CANARY_ZH}")
    mem.delete(gone.id, reason=f"no longer true {CANARY}")
    ids["deleted"] = gone.id
    mem.ingest_conversation(
        scope,
        [
            {"role": "user", "name": CANARY, "content": "Hello there, how are you doing today?"},
            {"role": "assistant", "content": f"The password hint is {CANARY} {CANARY_ZH}."},
            {"role": "user", "content": "Thanks, talk to you tomorrow."},
        ],
        conversation=f"conv-{CANARY}",
        session=CANARY_ZH,
    )
    mem.add(f"{scope}/notes", f"Nested note {CANARY}", kind="episode")
    pending = mem.propose(scope, f"Proposal mentions {CANARY}", kind="fact", rationale=CANARY_ZH,
                          excerpt=f"user said {CANARY}", metadata={"from": CANARY})  # fmt: skip
    approved = mem.approve(mem.propose(scope, f"Approved {CANARY_ZH}", kind="fact").id)
    rejected = mem.propose(scope, f"Rejected {CANARY}", kind="fact")
    mem.reject(rejected.id, reason=f"duplicate of {CANARY}")
    ids["pending"], ids["approved"] = pending.id, approved.result_id or ""
    mem.store.batch(
        [
            ExtractionLogOp(
                Extraction(
                    id=f"x-{pending.id}",
                    scope=scope,
                    status="ok",
                    created_at=datetime.now(UTC),
                    raw=f'[{{"text": "Proposal mentions {CANARY}"}}]',
                    model="fake",
                    proposals=(pending.id,),
                )  # fmt: skip
            )
        ]
    )
    # The extraction path: proposals and an extraction log from the offline cue extractor,
    # and a conversation queued for a background worker (messages kept verbatim).
    said = [{"role": "user", "content": f"Remember that my locker code is {CANARY}."}]
    mem.remember(scope, said, conversation=f"conv-{CANARY}")
    queued = [{"role": "user", "name": CANARY, "content": f"Remember {CANARY_ZH}."}]
    job = mem.remember(scope, queued, background=True, conversation=f"conv-{CANARY}")
    ids["job"] = job.job.id
    mem.set_policy(scope, "fact", "human")
    return ids


def write_bystander(mem: Any, scope: str = OTHER) -> str:
    """Data in a sibling scope that no erasure of :data:`SCOPE` may touch."""
    return str(mem.add(scope, "Bob prefers green tea in the morning.").id)
