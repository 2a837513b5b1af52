"""A LangGraph agent whose long-term memory is memstack: runs offline, no API key.

    pip install 'memstack[langgraph]'
    python examples/langgraph_agent.py

The graph has two nodes. ``remember`` keeps what the user says about
themselves in the store (a real agent would ask a model what is worth
keeping); ``answer`` searches the user's memories with the question and
builds a reply from what it found (a real agent would put them in the
prompt). The store is ``MemstackStore``: the items are memstack memories, so
they also show up in ``memstack list``, keep their history, and ``memstack
forget`` erases them. The store lives in memory here; pass a home folder (or
``store_url``) to keep it, and the local embedding model runs on this machine.
"""

from __future__ import annotations

import hashlib
from typing import TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.store.base import BaseStore

from memstack import Memory
from memstack.adapters.langgraph import MemstackStore


class State(TypedDict, total=False):
    user: str
    message: str
    reply: str


def remember(state: State, *, store: BaseStore) -> State:
    text = state["message"]
    if text.lower().startswith(("i ", "my ")):  # a statement about the user: keep it
        key = "note-" + hashlib.sha256(text.encode()).hexdigest()[:8]
        store.put(("users", state["user"]), key, {"text": text, "said_by": state["user"]})
    return {}


def answer(state: State, *, store: BaseStore) -> State:
    hits = store.search(("users", state["user"]), query=state["message"], limit=2)
    known = "; ".join(h.value["text"] for h in hits) or "nothing yet"
    return {"reply": f"What I remember about you: {known}"}


def build(store: BaseStore):  # type: ignore[no-untyped-def]
    graph = StateGraph(State)
    graph.add_node("remember", remember)
    graph.add_node("answer", answer)
    graph.add_edge(START, "remember")
    graph.add_edge("remember", "answer")
    graph.add_edge("answer", END)
    return graph.compile(store=store)


def main() -> list[str]:
    mem = Memory(store_url="memory://")
    try:
        app = build(MemstackStore(mem, root="demo/agent"))
        replies = []
        for message in [
            "I am vegetarian and allergic to peanuts.",
            "My favourite city is Lisbon.",
            "What should I cook tonight? Something vegetarian?",
        ]:
            out = app.invoke({"user": "alice", "message": message})
            replies.append(out["reply"])
            print(f"> {message}\n  {out['reply']}")
        # The same items, seen as memstack memories:
        for rec in mem.list("demo/agent", include_descendants=True):
            print(f"  [{rec.scope}] {rec.metadata['text']}")
        return replies
    finally:
        mem.close()


if __name__ == "__main__":
    main()
