"""Keyword analysis (the terms every backend indexes) and the BM25 reference scorer."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from memstack.index.keyword import BM25, analyze, query_terms, scope_query, scope_terms


def test_english_is_stemmed_and_stop_words_dropped() -> None:
    assert analyze("Alice is cooking vegan dinners") == "alic cook vegan dinner"
    assert analyze("The cooks cooked; the cook cooks.") == "cook cook cook cook"


def test_text_is_normalised_before_splitting() -> None:
    # Full-width letters (NFKC) and case fold to the same term as plain ASCII.
    assert analyze("ＧＲＥＥＮ Tea") == analyze("green tea") == "green tea"
    assert analyze("snake_case") == "snake case"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我喜欢喝绿茶", "我 喜 欢 喝 绿 茶 我喜 喜欢 欢喝 喝绿 绿茶"),
        ("猫", "猫"),
        ("緑茶が好き", "緑 茶 が 好 き 緑茶 茶が が好 好き"),
        ("녹차를 좋아해", "녹 차 를 녹차 차를 좋 아 해 좋아 아해"),
    ],
)
def test_cjk_runs_become_unigrams_and_bigrams(text: str, expected: str) -> None:
    assert analyze(text) == expected


def test_mixed_scripts_keep_both() -> None:
    assert analyze("Alice 喜欢 green tea") == "alic 喜 欢 喜欢 green tea"


def test_chinese_query_terms_match_the_document_terms() -> None:
    doc = set(analyze("我喜欢喝绿茶").split())
    assert set(query_terms("绿茶")) <= doc
    assert "绿茶" in query_terms("绿茶")


def test_query_terms_are_distinct_in_first_seen_order() -> None:
    assert query_terms("tea TEA Tea coffee tea") == ["tea", "coffe"]
    assert query_terms("What should I cook for Alice?") == ["cook", "alic"]


def test_a_query_of_only_stop_words_still_searches() -> None:
    assert query_terms("who am I") == ["who", "am", "i"]
    assert query_terms("?!") == []


def test_scope_terms_are_plain_alphanumeric_tokens() -> None:
    terms = scope_terms("a_b/c.d/e-f").split()
    assert terms[0].startswith("x") and all(t.startswith("p") for t in terms[1:3])
    assert all(t.isalnum() and t.isascii() for t in terms)


def test_scope_terms_have_the_same_length_at_every_depth() -> None:
    # BM25 counts them in a memory's length: depth must not penalise a memory.
    assert len(scope_terms("a").split()) == len(scope_terms("a/b/c/d/e/f/g/h").split())


def test_scope_query_matches_exact_scopes_and_strict_descendants_only() -> None:
    def matches(
        record_scope: str, scopes: tuple[str, ...] = (), prefixes: tuple[str, ...] = ()
    ) -> bool:
        return bool(set(scope_terms(record_scope).split()) & set(scope_query(scopes, prefixes)))

    assert matches("acme/alice", scopes=("acme/alice",))
    assert not matches("acme/alice/notes", scopes=("acme/alice",))
    assert matches("acme/alice/notes", prefixes=("acme/alice",))
    assert matches("acme/alice/notes/x", prefixes=("acme",))
    assert not matches("acme", prefixes=("acme",))  # the scope itself comes from ``scopes``
    assert not matches("acme2/alice", prefixes=("acme",))
    assert not matches("aXb/c", prefixes=("a_b",))
    assert not matches("acme2", scopes=("acme",))


# -- BM25 -----------------------------------------------------------------------------


def test_bm25_ranks_rarer_and_denser_matches_higher() -> None:
    bm = BM25()
    bm.add("a", analyze("green tea every morning"))
    bm.add("b", analyze("black coffee every morning"))
    bm.add("c", analyze("green green green walls"))
    bm.add("d", analyze("nothing relevant here"))
    ranked = bm.search(query_terms("green tea"))
    assert [k for k, _ in ranked] == ["a", "c"]
    assert all(score > 0 for _, score in ranked)
    assert [k for k, _ in bm.search(["green"], keys={"c", "d"})] == ["c"]


def test_bm25_remove_forgets_a_document() -> None:
    bm = BM25()
    bm.add("a", "tea")
    bm.add("b", "tea coffe")
    assert len(bm) == 2
    bm.remove("a")
    bm.remove("missing")
    assert len(bm) == 1
    assert [k for k, _ in bm.search(["tea"])] == ["b"]
    bm.remove("b")
    assert bm.search(["tea"]) == []


def test_bm25_ties_break_by_key() -> None:
    bm = BM25()
    for key in ("c", "a", "b"):
        bm.add(key, "same words")
    ranked = bm.search(["same"])
    assert [k for k, _ in ranked] == ["a", "b", "c"]
    assert len({s for _, s in ranked}) == 1


def test_bm25_common_terms_keep_a_tiny_positive_idf() -> None:
    bm = BM25()
    bm.add("a", "tea")
    bm.add("b", "tea")
    # log((2 - 2 + .5) / (2 + .5)) < 0: floored so a match still counts, as in FTS5.
    assert [k for k, _ in bm.search(["tea"])] == ["a", "b"]
    assert all(0 < s < 1e-5 for _, s in bm.search(["tea"]))


def _fts5_scores(
    docs: dict[int, tuple[str, str, str]], query: list[str], weight: float
) -> list[tuple[int, float]]:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5"
        "(terms, context, scopes, tokenize='unicode61 remove_diacritics 0')"
    )
    conn.executemany(
        "INSERT INTO t (rowid, terms, context, scopes) VALUES (?, ?, ?, ?)",
        [(k, *v) for k, v in docs.items()],
    )
    match = "{terms context} : (" + " OR ".join(f'"{q}"' for q in query) + ")"
    rows = conn.execute(
        "SELECT rowid, -bm25(t, 1.0, ?, 0.0) FROM t WHERE t MATCH ? "
        "ORDER BY bm25(t, 1.0, ?, 0.0), rowid",
        (weight, match, weight),
    ).fetchall()
    conn.close()
    return [(int(k), float(s)) for k, s in rows]


@pytest.mark.parametrize("weight", [0.3, 1.0])
def test_bm25_reproduces_sqlite_fts5(weight: float) -> None:
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(30)]
    scopes = ["acme", "acme/web", "acme/web/alice/notes"]
    docs: dict[int, tuple[str, str, str]] = {}
    for key in range(1, 200):
        own = " ".join(rng.choice(vocab, size=int(rng.integers(1, 12))))
        ctx = " ".join(rng.choice(vocab, size=int(rng.integers(0, 8))))
        docs[key] = (own, ctx, scope_terms(str(rng.choice(scopes))))
    bm = BM25()
    for key, (own, ctx, sc) in docs.items():
        bm.add(f"{key:05d}", own, ctx, len(sc.split()))
    for query in (["w1"], ["w2", "w7"], ["w3", "w4", "w5", "w29"]):
        expected = _fts5_scores(docs, query, weight)
        got = [(int(k), s) for k, s in bm.search(query, context_weight=weight)]
        assert [k for k, _ in got] == [k for k, _ in expected]
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)
