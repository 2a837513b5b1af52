"""Chinese keyword recall: FTS5's trigram tokenizer versus memstack's bigram+unigram analysis.

Corpus: the Chinese benign statements of ``tests/screen/corpus/benign.jsonl``
(written by us). Queries: for every statement, each Chinese word of two and of
three characters taken from it (every bigram/trigram of Han characters that
occurs in exactly one statement, so the right answer is unambiguous). A query
succeeds when its statement is the top hit / in the top 5.

Both indexes run in SQLite FTS5 in the same process: (a) ``tokenize='trigram'``
over the raw text, queried with the raw word; (b) memstack's analysed terms
(:func:`memstack.index.keyword.analyze`) under ``unicode61``, queried with
:func:`memstack.index.keyword.query_terms` joined by OR.

Usage:
    python bench/cjk_keyword.py [--write]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402
from memstack.index.keyword import analyze, query_terms  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "screen" / "corpus" / "benign.jsonl"
HAN = re.compile(r"[\u4e00-\u9fff]+")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    docs = [
        json.loads(line)["text"]
        for line in CORPUS.read_text("utf-8").splitlines()
        if line.strip() and json.loads(line)["lang"] == "zh"
    ]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE tri USING fts5(t, tokenize='trigram')")
    con.execute("CREATE VIRTUAL TABLE ana USING fts5(t, tokenize='unicode61')")
    for i, d in enumerate(docs):
        con.execute("INSERT INTO tri(rowid, t) VALUES (?, ?)", (i, d))
        con.execute("INSERT INTO ana(rowid, t) VALUES (?, ?)", (i, analyze(d)))
    rows = []
    for n in (2, 3):
        grams: Counter[str] = Counter()
        owner: dict[str, int] = {}
        for i, d in enumerate(docs):
            seen = {run[j : j + n] for run in HAN.findall(d) for j in range(len(run) - n + 1)}
            for g in seen:
                grams[g] += 1
                owner[g] = i
        queries = [(g, owner[g]) for g, c in grams.items() if c == 1]
        for name in ("trigram", "memstack bigram+unigram"):
            top1 = top5 = 0
            for q, want in queries:
                if name == "trigram":
                    sql = "SELECT rowid FROM tri WHERE tri MATCH ? ORDER BY rank LIMIT 5"
                    arg = f'"{q}"'
                else:
                    arg = " OR ".join(f'"{t}"' for t in query_terms(q))
                    sql = "SELECT rowid FROM ana WHERE ana MATCH ? ORDER BY rank LIMIT 5"
                got = [r for (r,) in con.execute(sql, (arg,))]
                top1 += bool(got) and got[0] == want
                top5 += want in got
            n_q = len(queries)
            rows.append([f"{n}-character words", name, n_q, top1 / n_q, top5 / n_q])
    text = (
        f"{len(docs)} Chinese statements.\n\n"
        + table(["queries", "index", "count", "hit@1", "hit@5"], rows)
        + "\n\nFTS5's trigram tokenizer cannot match a query shorter than three characters, and "
        "most Chinese words have two, so memstack indexes Han runs as bigrams plus unigrams."
    )
    print(text)
    if args.write:
        write_section("cjk", "Chinese keyword recall: trigram vs bigram analysis", text)


if __name__ == "__main__":
    main()
