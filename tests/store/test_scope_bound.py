"""Id-based calls bound to a scope: outside the bound, an id is as missing as an unknown one.

A server binds every call to the key's tenant. Without a bound, ``get``,
``history``, ``update``, ``delete``, ``approve`` and ``reject`` act on any id
in the store, and an error must never name another scope either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from memstack import Memory, NotFound

UNKNOWN = "01HXNOTAREALIDNOTAREALID00"


def _message(call: Callable[[], Any]) -> str:
    with pytest.raises(NotFound) as info:
        call()
    return str(info.value)


def test_memory_calls_outside_the_bound_look_like_unknown_ids(mem: Memory) -> None:
    bob = mem.add("globex/bob", "Bob's salary is 100k")
    calls: dict[str, Callable[[str], Any]] = {
        "get": lambda i: mem.get(i, scope="acme"),
        "history": lambda i: mem.history(i, scope="acme"),
        "update": lambda i: mem.update(i, "changed", scope="acme"),
        "delete": lambda i: mem.delete(i, scope="acme"),
    }
    for name, call in calls.items():
        outside = _message(lambda c=call: c(bob.id))
        unknown = _message(lambda c=call: c(UNKNOWN))
        assert outside.replace(bob.id, UNKNOWN) == unknown, name
        assert "globex" not in outside, name
    # Nothing changed, and the bound still lets its own scope tree through.
    assert mem.get(bob.id).text == "Bob's salary is 100k"
    assert mem.get(bob.id, scope="globex").id == bob.id
    new = mem.update(bob.id, "Bob's salary is 110k", scope="globex")
    assert [e.action for e in mem.history(new.id, scope="globex/bob")] == ["add", "update"]
    mem.delete(new.id, scope="globex")
    assert "globex" not in _message(lambda: mem.history(bob.id, scope="acme"))


def test_a_bound_is_segment_wise(mem: Memory) -> None:
    other = mem.add("acme2/eve", "Eve's note")
    assert "acme2" not in _message(lambda: mem.get(other.id, scope="acme"))
    assert mem.get(other.id, scope="acme2").id == other.id


def test_review_calls_outside_the_bound_look_like_unknown_ids(mem: Memory) -> None:
    p = mem.propose("globex/bob", "Bob prefers tea", kind="fact")
    calls: dict[str, Callable[[str], Any]] = {
        "proposal": lambda i: mem.proposal(i, scope="acme"),
        "proposal_history": lambda i: mem.proposal_history(i, scope="acme"),
        "approve": lambda i: mem.approve(i, reviewer="r", scope="acme"),
        "reject": lambda i: mem.reject(i, reviewer="r", reason="no", scope="acme"),
    }
    for name, call in calls.items():
        outside = _message(lambda c=call: c(p.id))
        unknown = _message(lambda c=call: c(UNKNOWN))
        assert outside.replace(p.id, UNKNOWN) == unknown, name
        assert "globex" not in outside, name
    assert mem.proposal(p.id).state == "pending"
    done = mem.approve(p.id, reviewer="r", content_hash=p.content_hash, scope="globex")
    assert done.state == "approved"


def test_a_proposal_cannot_target_another_scopes_memory_nor_learn_where_it_is(
    mem: Memory,
) -> None:
    bob = mem.add("globex/bob", "Bob lives in Oslo")
    message = _message(
        lambda: mem.propose(
            "acme/alice", "Bob lives in Rome", kind="fact", op="update", target=bob.id
        )
    )
    assert "globex" not in message
    assert mem.get(bob.id).text == "Bob lives in Oslo"
