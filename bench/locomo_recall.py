"""Turn recall on conversational data sets, for memstack's retrievers and plain references.

Data sets (see ``bench/_recall_data.py``):

* ``locomo``: LoCoMo, read from ``../shared/data/locomo/locomo10.json`` (CC BY-NC
  4.0, never copied into the repository). conv-26 … conv-44 are the tuning
  split; conv-47 … conv-50 are held out and reported separately;
* ``assist``: ``bench/data/assist_dev.txt``, long user-assistant conversations
  (technical help, code, long assistant answers) written by the memstack
  developers; every other conversation is held out;
* ``assist2``: ``bench/data/assist_dev2.txt``, by the same authors: personal
  details and advice mentioned in passing, asked about later in other words,
  searched over the sessions of both files; every other conversation is held out.

Protocol: every turn is stored as an ``episode`` through the public API, one
scope per conversation, with its session's time: by ``Memory.ingest_conversation``
(``--door ingest``, default) or by ``Memory.add_many`` with session ids, speaker
and ``valid_from`` (``--door add_many``, as a user migrating from another tool
would). For every question we search that conversation's scope and measure
which gold turns come back: turn recall@k is the share of a question's gold
turns in the top k, averaged over questions.

Retrievers: memstack's ``keyword``, ``dense`` and ``hybrid`` search modes, and
two references computed here from each turn's own text: ``bm25`` (plain BM25,
no speaker names, no neighbour context) and ``cosine`` (the same embedder's
vector of the turn alone). memstack itself knows nothing of these files: this
script converts them to OpenAI-style messages and calls the public API.

Tokens: for every question, the tokens of the top 10 hybrid hits as a compile
frames them (cl100k_base, the framing prose left out), sent whole and as a
compile with the question sends them, long memories as query-focused excerpts
(``memstack/compile/excerpt.py``). Beside them: how many gold turns in the top
10 were excerpted, and, for the user-assistant sets, whether the words that
answer the question survive (``bench/data/assist_answers.txt`` holds, for every
question with a gold turn long enough to be excerpted, the answering words
copied from it; a question counts if every one of them is in the text sent for
its gold turns in the top 10).

Every question is asked as of its conversation's last session (``as_of``): the
reference time of a time expression in it ("last May", "in 2023"), which the
search uses as a soft prior (``memstack/index/temporal.py``; ``--time-prior 0``
turns it off, for the before/after figures of ``docs/benchmarks.md``).

Usage:
    python bench/locomo_recall.py [--data locomo,assist,assist2] [--door ingest|add_many]
        [--embedder onnx|fake] [--embedder-path DIR] [--cache FILE] [--time-prior S]
        [--dump FILE] [--write]

With ``--embedder-path``, ``--write`` writes a section of its own, named after the
embedder's id, beside the default figures (``bench/embed_q8.py`` compares models so).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._answers import load_answers, squash  # noqa: E402
from bench._recall_data import (  # noqa: E402
    LOCOMO,
    CachingEmbedder,
    Conversation,
    PlainBM25,
    load_assist,
    load_assist2,
    load_locomo,
    plain_dense,
)
from bench._report import table, write_section  # noqa: E402
from memstack import Memory  # noqa: E402
from memstack.compile.excerpt import excerpt  # noqa: E402
from memstack.compile.frame import frame_record  # noqa: E402
from memstack.compile.prompt import EXCERPT_OVER, EXCERPT_TOKENS, recall_line  # noqa: E402
from memstack.compile.tokens import count_tokens  # noqa: E402
from memstack.index import temporal  # noqa: E402
from memstack.index.keyword import query_terms  # noqa: E402
from memstack.models import Record  # noqa: E402
from memstack.plugins import make  # noqa: E402
from memstack.store.sqlite import SqliteStore  # noqa: E402

KS = (1, 5, 10, 25, 50)
MODES = ("bm25", "cosine", "keyword", "dense", "hybrid")
DRAGON = {5: 0.567, 10: 0.662, 25: 0.767, 50: 0.827}

Results = dict[str, dict[str, dict[str, list[list[float]]]]]  # mode -> split -> category -> rows


def store(mem: Memory, conv: Conversation, scope: str, door: str) -> None:
    if door == "ingest":
        for s in conv.sessions:
            mem.ingest_conversation(
                scope, s.messages, session_time=s.time, conversation=conv.id, session=s.id
            )
        return
    items = [
        {"scope": scope, "text": m["content"], "kind": "episode", "valid_from": s.time,
         "source": {"origin": "import", "conversation": conv.id, "session": s.id,
                    "speaker": m["name"], "turns": [m["id"]]}}
        for s in conv.sessions for m in s.messages
    ]  # fmt: skip
    mem.add_many(items)


CUT = {"excerpt_over": EXCERPT_OVER, "excerpt_tokens": EXCERPT_TOKENS}  # --excerpt-over/-tokens


def sent_text(record: Record, terms: list[str]) -> str:
    """The raw text a compile sends of ``record`` for a query: its excerpt, or all of it."""
    cut = excerpt(
        record.text, terms, over_tokens=CUT["excerpt_over"], max_tokens=CUT["excerpt_tokens"]
    )
    return record.text if cut is None else cut.text


def count_tokens_sent(hits: list[Any], q: Any, by_id: dict[str, str], answers: dict[str, list[str]],
                      t: dict[str, Any]) -> None:  # fmt: skip
    """Tokens of the top 10 hits, whole and excerpted; what the excerpts keep of the gold turns."""
    terms = query_terms(q.text)
    top = [h.memory for h in hits[:10]]
    t0 = time.perf_counter()
    whole = [frame_record(r) for r in top]
    t1 = time.perf_counter()
    cut = [recall_line(r, terms, **CUT) for r in top]
    t["frame_s"] += t1 - t0
    t["cut_s"] += time.perf_counter() - t1
    t["tokens"].append(count_tokens("\n".join(whole)))
    t["tokens_cut"].append(count_tokens("\n".join(cut)))
    gold = [r for r in top if by_id[r.id] in q.gold]
    t["gold_top10"] += len(gold)
    t["gold_cut"] += sum(sent_text(r, terms) != r.text for r in gold)
    evidence = answers.get(q.text)
    if evidence and gold:
        full = [squash(r.text) for r in gold]
        sent = [squash(sent_text(r, terms)) for r in gold]
        t["answer_whole"].append(all(any(squash(e) in w for w in full) for e in evidence))
        t["answer_cut"].append(all(any(squash(e) in x for x in sent) for e in evidence))
        t["answer_split"].append(q.split)


def open_store(url: str | None, folder: str) -> Any:
    """The store a ``--store-url`` names (an empty database), else a SQLite file in ``folder``."""
    if not url:
        return SqliteStore(Path(folder) / "m.db")
    scheme = url.split(":", 1)[0]
    store = make("stores", "postgres" if scheme.startswith("postgres") else scheme, url=url)
    store.setup()
    if store.scopes():
        sys.exit("The database of --store-url already holds memories: use an empty database.")
    return store


def run(
    convs: list[Conversation],
    embedder: Any,
    door: str,
    modes: tuple[str, ...],
    store_url: str | None = None,
    time_prior: float | None = None,
) -> dict[str, Any]:
    results: Results = {
        m: {"tune": defaultdict(list), "held_out": defaultdict(list)} for m in modes
    }
    timings: dict[str, Any] = {
        "ingest_s": 0.0,
        "turns": 0,
        "queries": 0,
        "search_s": defaultdict(float),
        "tokens": [],
        "dated": defaultdict(list),  # mode -> rows of the questions that name a time
        "rows": [],  # (mode, conversation, category, question, row) for --dump
        "evented": defaultdict(list),  # mode -> rows of the questions dated by an event
        "tokens_cut": [],  # the same, long memories excerpted for the question
        "gold_top10": 0,  # gold turns among the top 10 hybrid hits
        "gold_cut": 0,  # ... of which a compile sends an excerpt
        "answer_whole": [],  # per question with evidence and a gold turn in the top 10
        "answer_cut": [],
        "answer_split": [],
        "frame_s": 0.0,  # framing the top 10 whole, summed over questions
        "cut_s": 0.0,  # ... and with excerpts (what a compile with the query does)
    }
    answers = load_answers(convs) if any(c.id == "assist-user" for c in convs) else {}
    with tempfile.TemporaryDirectory(prefix="memstack-recall-") as tmp:
        mem = Memory(store=open_store(store_url, tmp), embedder=embedder)
        if time_prior is not None:
            mem.planner.time_prior = time_prior
        try:
            for conv in convs:
                scope = f"recall/{conv.id}"
                t0 = time.perf_counter()
                store(mem, conv, scope, door)
                timings["ingest_s"] += time.perf_counter() - t0
                turns = [m for s in conv.sessions for m in s.messages]
                timings["turns"] += len(turns)
                by_id = {r.id: r.source.turns[0] for r in mem.list(scope, kind="episode")}
                ids = [m["id"] for m in turns]
                texts = [m["content"] for m in turns]
                doc_vecs = embedder.embed(texts) if "cosine" in modes else None
                bm25 = PlainBM25(texts)
                asked = max(s.time for s in conv.sessions)  # the reference time of a question
                for q in conv.questions:
                    dated = temporal.parse(q.text, asked) is not None
                    # "before I moved": dated by an event the search looks up (plan/anchors.py)
                    evented = not dated and temporal.anchor(q.text) is not None
                    timings["queries"] += 1
                    for mode in modes:
                        t1 = time.perf_counter()
                        if mode == "bm25":
                            ranked = [ids[i] for i in bm25.rank(q.text)[: max(KS)]]
                        elif mode == "cosine":
                            qv = embedder.embed([q.text], input_type="query")[0]
                            ranked = [
                                ids[i] for i in plain_dense(np.asarray(doc_vecs), qv)[: max(KS)]
                            ]
                        else:
                            hits = mem.search(scope, q.text, limit=max(KS), mode=mode, as_of=asked)
                            ranked = [by_id[h.memory.id] for h in hits]
                            if mode == "hybrid":  # what a compile would send for 10 hits
                                count_tokens_sent(hits, q, by_id, answers, timings)
                        timings["search_s"][mode] += time.perf_counter() - t1
                        row = [sum(g in ranked[:k] for g in q.gold) / len(q.gold) for k in KS]
                        results[mode][q.split or conv.split][q.category].append(row)
                        if dated:
                            timings["dated"][mode].append(row)
                        if evented:
                            timings["evented"][mode].append(row)
                        timings["rows"].append((mode, conv.id, q.category, q.text, row))
                print(
                    f"{conv.id}: {len(turns)} turns, {len(conv.questions)} questions",
                    file=sys.stderr,
                )
        finally:
            mem.close()
    return {"results": results, "timings": timings}


def mean(rows: list[list[float]]) -> list[float]:
    return (
        [sum(r[i] for r in rows) / len(rows) for i in range(len(KS))] if rows else [0.0] * len(KS)
    )


def summarize(name: str, out: dict[str, Any], modes: tuple[str, ...], door: str) -> str:
    res: Results = out["results"]
    rows = []
    for split in ("tune", "held_out", "all"):
        for mode in modes:
            pool = [r for s in (("tune", "held_out") if split == "all" else (split,))
                    for cat in res[mode][s].values() for r in cat]  # fmt: skip
            rows.append([split, mode, len(pool), *[f"{v:.3f}" for v in mean(pool)]])
    if name == "locomo":
        rows.append(["", "DRAGON (paper)", "", "", *[DRAGON[k] for k in KS[1:]]])
    lines = [table(["split", "retriever", "questions", *[f"R@{k}" for k in KS]], rows), ""]
    cats = sorted({c for m in modes for s in res[m].values() for c in s})
    if len(cats) > 1:
        per_cat = []
        for mode in modes:
            for cat in cats:
                pool = res[mode]["tune"][cat] + res[mode]["held_out"][cat]
                per_cat.append([mode, cat, len(pool), *[f"{v:.3f}" for v in mean(pool)]])
        head = ["retriever", "category", "questions", *[f"R@{k}" for k in KS]]
        lines += ["Turn recall per category (all conversations):", "", table(head, per_cat), ""]
    t = out["timings"]
    if any(t["dated"].values()):
        dated = [[m, len(t["dated"][m]), *[f"{v:.3f}" for v in mean(t["dated"][m])]] for m in modes]
        lines += [
            "Questions that name a time (a time expression `memstack.index.temporal` parses):",
            "",
            table(["retriever", "questions", *[f"R@{k}" for k in KS]], dated),
            "",
        ]
    if any(t["evented"].values()):
        ev = [[m, len(t["evented"][m]), *[f"{v:.3f}" for v in mean(t["evented"][m])]]
              for m in modes]  # fmt: skip
        lines += [
            'Questions dated by an event ("after the road trip", `memstack.index.temporal.'
            "anchor`), naming no time:",
            "",
            table(["retriever", "questions", *[f"R@{k}" for k in KS]], ev),
            "",
        ]
    lines.append(
        f"Stored through `{door}`; {t['turns']} turns in {t['ingest_s']:.1f} s; {t['queries']} "
        "questions; mean search "
        + ", ".join(f"{m} {1000 * t['search_s'][m] / max(t['queries'], 1):.1f} ms" for m in modes)
        + "."
    )
    if t["tokens"]:
        rows = []
        for label, key in (("whole", "tokens"), ("excerpted for the question", "tokens_cut")):
            tok = np.array(t[key])
            rows.append([label, f"{tok.mean():.0f}", f"{np.median(tok):.0f}",
                         f"{np.percentile(tok, 95):.0f}", int(tok.max()),
                         f"{(tok <= 1500).mean():.1%}"])  # fmt: skip
        lines += [
            "",
            "Tokens a compile would send for the top 10 hybrid hits (framed, cl100k_base, "
            "framing prose left out), per question; excerpts of memories over "
            f"{CUT['excerpt_over']} tokens, at most {CUT['excerpt_tokens']} tokens each:",
            "",
            table(["long memories sent", "mean", "median", "p95", "max", "within 1,500"], rows),
            "",
            f"Gold turns in the top 10: {t['gold_top10']}, of which excerpted: {t['gold_cut']}. "
            f"Framing the top 10 per question (CPU, mean): whole "
            f"{1000 * t['frame_s'] / len(t['tokens']):.1f} ms, with excerpts "
            f"{1000 * t['cut_s'] / len(t['tokens']):.1f} ms.",
        ]
        if t["answer_cut"]:
            parts = []
            for split in ("tune", "held_out", None):
                picked = [i for i, s in enumerate(t["answer_split"]) if split in (None, s)]
                whole = sum(t["answer_whole"][i] for i in picked)
                cut = sum(t["answer_cut"][i] for i in picked)
                parts.append(f"{split or 'all'} {len(picked)}: whole {whole}, excerpted {cut}")
            lines.append(
                "Questions listed in `bench/data/assist_answers.txt` with a gold turn in the top "
                "10, and how many of them get every answering word sent: " + "; ".join(parts) + "."
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default="locomo,assist,assist2", help="comma-separated data sets")
    parser.add_argument("--door", default="ingest", choices=("ingest", "add_many"))
    parser.add_argument("--embedder", default="onnx", help="embedder plugin (default: onnx)")
    parser.add_argument(
        "--embedder-path", help="model folder for the onnx embedder (default: the shipped one)"
    )
    parser.add_argument(
        "--cache", type=Path, help="file (.npz) keeping computed vectors, keyed by embedder id"
    )
    parser.add_argument("--convs", type=int, help="only the first N LoCoMo conversations")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated retrievers")
    parser.add_argument(
        "--time-prior", type=float, help="strength of the time prior (0: off; default: memstack's)"
    )
    parser.add_argument(
        "--excerpt-over", type=int, default=EXCERPT_OVER, help="excerpt memories over N tokens"
    )
    parser.add_argument(
        "--excerpt-tokens", type=int, default=EXCERPT_TOKENS, help="at most N tokens an excerpt"
    )
    parser.add_argument(
        "--write", action="store_true", help="write the figures into docs/benchmarks.md"
    )
    parser.add_argument(
        "--dump", type=Path, help="write each question's recall row here (JSON lines)"
    )
    parser.add_argument(
        "--store-url", help="an empty database, e.g. postgresql://… (one data set; default SQLite)"
    )
    args = parser.parse_args()
    if args.store_url and "," in args.data:
        sys.exit("--store-url takes one data set per (empty) database, e.g. --data locomo.")
    modes = tuple(args.modes.split(","))
    CUT.update(excerpt_over=args.excerpt_over, excerpt_tokens=args.excerpt_tokens)
    options = {"path": args.embedder_path} if args.embedder_path else {}
    embedder = CachingEmbedder(make("embedders", args.embedder, **options), args.cache)
    sections = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name in args.data.split(","):
        if name == "locomo" and not LOCOMO.exists():
            sys.exit(
                f"LoCoMo data not found at {LOCOMO}; place the shared folder beside the repository."
            )
        loaders = {"locomo": lambda: load_locomo(args.convs), "assist": load_assist,
                   "assist2": load_assist2}  # fmt: skip
        if name not in loaders:
            sys.exit(f"Unknown data set {name!r}; use locomo, assist or assist2.")
        convs = loaders[name]()
        out = run(convs, embedder, args.door, modes, args.store_url, args.time_prior)
        embedder.save()
        if dump is not None:
            for mode, conv_id, cat, question, row in out["timings"]["rows"]:
                record = {"data": name, "mode": mode, "conv": conv_id, "category": cat,
                          "question": question, "row": row}  # fmt: skip
                dump.write(json.dumps(record) + "\n")
        title = {
            "locomo": "LoCoMo (conv-26 … conv-44 tuning, conv-47 … conv-50 held out)",
            "assist": "User-assistant development set (bench/data/assist_dev.txt)",
            "assist2": "User-assistant development set 2 (bench/data/assist_dev2.txt, "
            "searched over both files' sessions)",
        }[name]
        sections.append(f"### {title}\n\n" + summarize(name, out, modes, args.door))
        print(sections[-1], flush=True)
    text = f"Embedder `{embedder.id}`; turn recall@k.\n\n" + "\n\n".join(sections)
    if args.write:
        key = "locomo" if args.door == "ingest" else f"locomo_{args.door}"
        if args.time_prior is not None:  # a before/after pair, beside the default figures
            prior = "off" if args.time_prior == 0 else f"{args.time_prior:g}"
            key += f"-time-prior-{prior}"
        if args.embedder_path:  # another model: its own section, beside the default figures
            key += f"-{embedder.id}"
        if args.store_url:
            # The URL may hold a password: the command shown names the option only.
            command = f"python bench/locomo_recall.py --data {args.data} --store-url … --write"
            write_section(f"{key}-postgres", "Conversational recall on PostgreSQL", text, command)
        else:
            title = f"Conversational recall ({args.door})"
            if args.time_prior is not None:
                title += f", time prior {prior}"
            if args.embedder_path:
                title += f", embedder {embedder.id}"
            write_section(key, title, text)


if __name__ == "__main__":
    main()
