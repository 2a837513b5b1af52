"""How much the sign-bit pre-ranking changes dense results, on real vectors.

Above ``exact_limit`` vectors in a scope, search ranks by Hamming distance of
sign bits and rescores the best ``rescore`` rows exactly (see
``memstack/index/vector.py``). At 100k vectors the default keeps 2,000 rows, 2%.
This script embeds every LoCoMo turn and question with the shipped model and
measures, at several kept shares, the overlap of the top 10 with the exact top
10 (mean, and the share of queries whose top 10 is identical).

Usage:
    python bench/signbits.py [--write]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._report import table, write_section  # noqa: E402
from bench.latency import locomo_texts  # noqa: E402
from memstack.plugins import make  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    turns, questions = locomo_texts()
    embedder = make("embedders", "onnx")
    matrix = embedder.embed(list(dict.fromkeys(turns)))
    queries = embedder.embed(questions, input_type="query")
    bits = np.packbits(matrix > 0, axis=1).view(np.uint64)
    rows = []
    for share in (0.02, 0.04, 0.10):
        keep = int(len(matrix) * share)
        overlap = []
        for q in queries:
            exact = set(np.argsort(-(matrix @ q))[:10].tolist())
            dist = np.bitwise_count(bits ^ np.packbits(q > 0).view(np.uint64)).sum(axis=1)
            cand = np.argpartition(dist, keep)[:keep]
            approx = set(cand[np.argsort(-(matrix[cand] @ q))[:10]].tolist())
            overlap.append(len(exact & approx) / 10)
        arr = np.array(overlap)
        exact_share = float((arr == 1).mean())
        rows.append([len(matrix), f"{share:.0%}", keep, float(arr.mean()), exact_share])
    text = (
        f"{len(queries)} LoCoMo questions against {len(matrix)} turn vectors "
        f"(`{embedder.id}`).\n\n"
        + table(["vectors", "kept", "rows rescored", "top-10 overlap", "identical top 10"], rows)
        + "\n\nThe default (2,000 of 100,000 rows) keeps 2%."
    )
    print(text)
    if args.write:
        write_section("signbits", "Sign-bit pre-ranking versus exact dense search", text)


if __name__ == "__main__":
    main()
