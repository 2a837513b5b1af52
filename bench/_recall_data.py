"""Data sets and reference retrievers for ``bench/locomo_recall.py``.

Two conversational data sets in one shape (:class:`Conversation`):

* LoCoMo (read from ``../shared/data/locomo/locomo10.json``, never copied);
* ``bench/data/assist_dev.txt``: long user-assistant conversations (technical
  help, code, long assistant answers) written by the memstack developers, with
  questions and gold turn ids. Its format is described at the top of the file;
* ``bench/data/assist_dev2.txt`` (same format and authors): personal details and
  advice mentioned in passing in long chats, asked about later in other words;
  its questions are searched over the sessions of both files (one user).

Reference retrievers, independent of memstack's indexing: plain BM25 over each
turn's own text, and plain cosine over each turn's own vector. Hybrid recall is
meant to be at least as good as the better of the two on every data set.

A caching embedder keeps the vectors of texts already embedded in a file, so
re-runs of the bench measure retrieval changes in seconds instead of minutes.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from memstack.embed.base import EmbeddingModel, InputType, Matrix
from memstack.index.keyword import analyze, query_terms

HERE = Path(__file__).resolve().parent
LOCOMO = HERE.parents[1] / "shared" / "data" / "locomo" / "locomo10.json"
ASSIST = HERE / "data" / "assist_dev.txt"
ASSIST2 = HERE / "data" / "assist_dev2.txt"
LOCOMO_TUNE = ("conv-26", "conv-30", "conv-41", "conv-42", "conv-43", "conv-44")
LOCOMO_HELD_OUT = ("conv-47", "conv-48", "conv-49", "conv-50")


@dataclass
class Session:
    id: str
    time: datetime
    messages: list[dict[str, Any]]  # OpenAI-style, each with "id"


@dataclass
class Question:
    text: str
    gold: list[str]
    category: str
    split: str | None = None  # None: the conversation's split


@dataclass
class Conversation:
    id: str
    split: str  # "tune" or "held_out"
    sessions: list[Session] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


# -- LoCoMo ---------------------------------------------------------------------------

LOCOMO_CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop",
                     5: "adversarial"}  # fmt: skip


def _locomo_time(text: str) -> datetime:
    """LoCoMo's '1:56 pm on 8 May, 2023' as a UTC datetime."""
    return datetime.strptime(text.strip(), "%I:%M %p on %d %B, %Y").replace(tzinfo=UTC)


def load_locomo(limit: int | None = None) -> list[Conversation]:
    data = json.loads(LOCOMO.read_text("utf-8"))[:limit]
    out = []
    for sample in data:
        sid, conv = sample["sample_id"], sample["conversation"]
        c = Conversation(sid, "held_out" if sid in LOCOMO_HELD_OUT else "tune")
        for key in conv:
            m = re.fullmatch(r"session_(\d+)", key)
            if not m:
                continue
            n = int(m.group(1))
            messages = []
            for turn in conv[key]:
                text = turn["text"]
                if turn.get("blip_caption"):
                    text = f"{text} [shared a photo: {turn['blip_caption']}]"
                role = "user" if turn["speaker"] == conv["speaker_a"] else "assistant"
                messages.append({"role": role, "name": turn["speaker"], "id": turn["dia_id"],
                                 "content": text})  # fmt: skip
            c.sessions.append(Session(f"S{n}", _locomo_time(conv[f"session_{n}_date_time"]),
                                      messages))  # fmt: skip
        c.sessions.sort(key=lambda s: int(s.id[1:]))
        turns = {m["id"] for s in c.sessions for m in s.messages}
        for qa in sample["qa"]:
            gold: list[str] = []
            for item in qa.get("evidence", []):
                for part in re.split(r"[;,\s]+", str(item)):
                    if part.strip() in turns and part.strip() not in gold:
                        gold.append(part.strip())
            if gold:
                cat = qa["category"]
                c.questions.append(
                    Question(qa["question"], gold, f"{cat} {LOCOMO_CATEGORIES[cat]}")
                )
        out.append(c)
    return out


# -- the user-assistant development set -----------------------------------------------


def load_assist(path: Path = ASSIST) -> list[Conversation]:
    """Parse ``assist_dev.txt`` into one conversation holding every session.

    One user's assistant history lives in one scope, so all conversations go into
    one: session ids become ``CONV/SESSION`` and turn ids ``CONV/SESSION:N``.
    Questions of the 1st, 3rd, 5th... conversation form the tuning split, the
    others are held out.
    """
    convs: list[Conversation] = []
    role: str | None = None
    in_questions = False
    for raw in path.read_text("utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("# conv: "):
            split = "tune" if len(convs) % 2 == 0 else "held_out"
            convs.append(Conversation(line[8:].strip(), split))
            in_questions, role = False, None
        elif not convs or (line.startswith("#") and not line.startswith("##")):
            continue
        elif line.startswith("## session "):
            _, _, sid, when = line.split()
            when_dt = datetime.fromisoformat(when).replace(tzinfo=UTC)
            convs[-1].sessions.append(Session(f"{convs[-1].id}/{sid}", when_dt, []))
            in_questions, role = False, None
        elif line == "## questions":
            in_questions = True
        elif in_questions and line.startswith("Q: "):
            text, gold = line[3:].rsplit("|", 1)
            ids = [f"{convs[-1].id}/{g}" for g in gold.split()]
            convs[-1].questions.append(Question(text.strip(), ids, "assist", convs[-1].split))
        elif line[:3] in ("U: ", "A: ") and not in_questions:
            session = convs[-1].sessions[-1]
            role = "user" if line[0] == "U" else "assistant"
            tid = f"{session.id}:{len(session.messages)}"
            session.messages.append({"role": role, "name": role, "id": tid, "content": line[3:]})
        elif role is not None and not in_questions:
            msg = convs[-1].sessions[-1].messages[-1]
            msg["content"] += "\n" + line
    user = Conversation("assist-user", "tune")
    for c in convs:
        user.sessions += c.sessions
        user.questions += c.questions
    user.sessions.sort(key=lambda s: s.time)
    turns = {m["id"] for s in user.sessions for m in s.messages}
    for q in user.questions:
        unknown = [g for g in q.gold if g not in turns]
        if unknown:
            raise ValueError(f"question {q.text!r} names unknown turns {unknown}")
    for s in user.sessions:
        for m in s.messages:
            m["content"] = m["content"].strip()
    return [user]


def load_assist2() -> list[Conversation]:
    """``assist_dev2.txt``'s questions over one user's whole history (both files' sessions).

    The sessions of ``assist_dev.txt`` stay in the scope as further distractors: a
    user's assistant history mixes every topic they ever asked about.
    """
    [user] = load_assist(ASSIST2)
    [other] = load_assist(ASSIST)
    user.sessions = sorted(user.sessions + other.sessions, key=lambda s: s.time)
    return [user]


# -- reference retrievers -------------------------------------------------------------


class PlainBM25:
    """Plain BM25 over each doc's own text (memstack's analyser, no names or context)."""

    def __init__(self, docs: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        toks = [analyze(d).split() for d in docs]
        self.tf = [Counter(ts) for ts in toks]
        self.norm = [k1 * (1 - b + b * len(ts) / (sum(map(len, toks)) / max(len(toks), 1)))
                     for ts in toks]  # fmt: skip
        df: Counter[str] = Counter(t for ts in toks for t in set(ts))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1 = k1

    def rank(self, query: str) -> list[int]:
        """Indexes of the docs matching ``query``, best first."""
        terms = [t for t in query_terms(query) if t in self.idf]
        scores = []
        for i, tf in enumerate(self.tf):
            s = sum(
                self.idf[t] * tf[t] * (self.k1 + 1) / (tf[t] + self.norm[i]) for t in terms if tf[t]
            )
            if s > 0:
                scores.append((-s, i))
        return [i for _, i in sorted(scores)]


def plain_dense(doc_vecs: np.ndarray, query_vec: np.ndarray) -> list[int]:
    """Indexes by cosine of plain (unblended) turn vectors, best first."""
    return [int(i) for i in np.argsort(-(doc_vecs @ query_vec), kind="stable")]


# -- embedding cache ------------------------------------------------------------------


class CachingEmbedder(EmbeddingModel):
    """Wraps an embedder (same id) and remembers every vector it computed in a file.

    Vectors are keyed by the embedder's id, the input type and the text, so one
    cache file can serve several models and never hands one model's vector to another.
    """

    def __init__(self, real: EmbeddingModel, path: Path | None) -> None:
        self.id, self.dimensions, self.batch_size = real.id, real.dimensions, real.batch_size
        self.real, self.path = real, path
        self.cache: dict[str, np.ndarray] = {}
        if path is not None and path.exists():
            with np.load(path) as z:
                self.cache = {k: z[k] for k in z.files}
        self.dirty = False

    def _key(self, text: str, input_type: str) -> str:
        return hashlib.sha1(f"{self.id}\0{input_type}\0{text}".encode()).hexdigest()

    def embed_batch(self, texts: Sequence[str], *, input_type: InputType = "document") -> Matrix:
        keys = [self._key(t, input_type) for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in self.cache]
        if todo:
            vecs = self.real.embed_batch([texts[i] for i in todo], input_type=input_type)
            for i, v in zip(todo, vecs, strict=True):
                self.cache[keys[i]] = np.asarray(v, np.float32)
            self.dirty = True
        return np.stack([self.cache[k] for k in keys])

    def save(self) -> None:
        if self.path is not None and self.dirty:
            np.savez(self.path, **self.cache)  # type: ignore[arg-type]
            self.dirty = False
