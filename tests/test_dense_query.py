"""Words nearly every memory of a scope holds are left out of the dense query.

In a conversation the speakers' names are beside every turn, so BM25 gives them
no weight; a dense query vector still would, and would match the turns that
*address* the speaker ("Thanks, Caroline!") instead of what she said.
"""

from __future__ import annotations

from typing import Any

from memstack import Memory
from memstack.embed.fake import FakeEmbedder
from memstack.index.hybrid import FusionWeights
from memstack.index.keyword import drop_terms
from memstack.store.memory import InMemoryStore


def _thanks() -> list[dict[str, str]]:
    # "Caroline" is in 23 of 24 memories: it tells no memory from another.
    items = [
        {"scope": "u/chat", "text": f"Thanks Caroline, see you on day {i}."} for i in range(23)
    ]
    return [*items, {"scope": "u/chat", "text": "She painted a lake."}]


def _top_dense(mem: Memory, scope: str, query: str) -> str:
    return mem.search(scope, query, mode="dense", limit=1)[0].memory.text


def test_a_word_every_memory_holds_does_not_steer_the_dense_query(clock: Any) -> None:
    embedder = FakeEmbedder(dimensions=256)  # fewer hash collisions than the 64-d default
    mem = Memory(store=InMemoryStore(), embedder=embedder, clock=clock)
    mem.add_many(_thanks())
    assert _top_dense(mem, "u/chat", "What did Caroline paint?") == "She painted a lake."
    # The same search with the word kept (a share above 1 leaves nothing out).
    keep = Memory(store=InMemoryStore(), embedder=embedder, clock=clock)
    keep.planner.weights = FusionWeights(common_share=1.1)
    keep.add_many(_thanks())
    assert _top_dense(keep, "u/chat", "What did Caroline paint?").startswith("Thanks Caroline")
    # Hybrid search uses the same dense list.
    assert mem.search("u/chat", "What did Caroline paint?")[0].memory.text == "She painted a lake."


def test_a_name_only_some_memories_hold_stays_in_the_dense_query(embedder: Any, clock: Any) -> None:
    mem = Memory(store=InMemoryStore(), embedder=embedder, clock=clock)
    facts = [f"Project note {i}: the build takes {i} minutes." for i in range(24)]
    facts[7] = "Caroline drinks green tea."
    mem.add_many([{"scope": "u/notes", "text": t} for t in facts])
    assert _top_dense(mem, "u/notes", "What does Caroline drink?") == "Caroline drinks green tea."


def test_small_scopes_keep_every_word(embedder: Any, clock: Any) -> None:
    # Below common_rows memories a share says little: "Caroline" is in both, and kept.
    mem = Memory(store=InMemoryStore(), embedder=embedder, clock=clock)
    mem.add_many([{"scope": "u/s", "text": "Caroline drinks tea"},
                  {"scope": "u/s", "text": "Caroline rides a bike"}])  # fmt: skip
    embedder.seen = []
    real = embedder.embed_batch

    def record(texts: Any, *, input_type: Any = "document") -> Any:
        embedder.seen.extend(texts)
        return real(texts, input_type=input_type)

    embedder.embed_batch = record
    mem.search("u/s", "Caroline tea", mode="dense")
    assert embedder.seen == ["Caroline tea"]


def test_drop_terms_keeps_the_rest_of_the_question() -> None:
    assert drop_terms("When did Melanie's son start school?", {"melani"}) == (
        "When did son start school?"
    )
    assert drop_terms("Caroline?", {"carolin"}) == "Caroline?"  # nothing would be left
    assert drop_terms("我喜欢喝茶", {"喝茶"}) == "我喜欢喝茶"  # CJK runs are kept whole
