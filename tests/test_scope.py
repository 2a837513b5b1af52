"""Scope validation and the visibility rule that every store relies on."""

from __future__ import annotations

import pytest

from memstack import InvalidScope, Memory, Scope, UsageError
from memstack.embed.fake import FakeEmbedder
from memstack.store.memory import InMemoryStore

ALLOWED = "segments may only use letters A-Z a-z, digits, '.', '_' and '-'."
EMPTY = "remove leading, trailing or doubled '/'."


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "A scope must not be empty; use a path like 'acme/alice'."),
        (
            "a//b",
            f"Scope 'a//b' has an empty segment at position 2; {EMPTY}",
        ),
        (
            "acme/",
            f"Scope 'acme/' has an empty segment at position 2; {EMPTY}",
        ),
        (
            "/acme",
            f"Scope '/acme' has an empty segment at position 1; {EMPTY}",
        ),
        ("acme/al ice", f"Scope 'acme/al ice': segment 'al ice' contains ' '; {ALLOWED}"),
        ("acme/a*b", f"Scope 'acme/a*b': segment 'a*b' contains '*'; {ALLOWED}"),
        ("acme/50%", f"Scope 'acme/50%': segment '50%' contains '%'; {ALLOWED}"),
        ("acme/josé", f"Scope 'acme/josé': segment 'josé' contains 'é'; {ALLOWED}"),
        ("acme/团队", f"Scope 'acme/团队': segment '团队' contains '团'; {ALLOWED}"),
        ("acme\n", f"Scope 'acme\\n': segment 'acme\\n' contains '\\n'; {ALLOWED}"),
        ("a/b/c/d/e/f/g/h/i", "Scope 'a/b/c/d/e/f/g/h/i' has 9 segments; at most 8 are allowed."),
        ("acme/..", "Scope 'acme/..': segment '..' may not consist only of dots."),
        ("./acme", "Scope './acme': segment '.' may not consist only of dots."),
        (
            "acme/" + "x" * 65,
            f"Scope 'acme/{'x' * 65}': segment 2 is 65 characters; at most 64 are allowed.",
        ),
    ],
)
def test_invalid_scopes_have_exact_messages(path: str, message: str) -> None:
    with pytest.raises(InvalidScope) as err:
        Scope.parse(path)
    assert str(err.value) == message


def test_non_string_scope() -> None:
    with pytest.raises(InvalidScope) as err:
        Scope(123)  # type: ignore[arg-type]
    assert str(err.value) == "A scope must be a string like 'acme/alice', got int."


def test_invalid_scope_is_a_usage_error_with_status_400() -> None:
    with pytest.raises(UsageError) as err:
        Scope.parse("a//b")
    assert err.value.status == 400


@pytest.mark.parametrize(
    "path",
    [
        "acme",
        "acme/web/alice",
        "a_b",
        "A-Z.09",
        "a/b/c/d/e/f/g/h",
        "acme/" + "x" * 64,
        "v1.2",
        "..a",
    ],
)
def test_valid_scopes(path: str) -> None:
    scope = Scope.parse(path)
    assert scope.path == str(scope) == path
    assert Scope.parse(scope) is scope
    assert scope == Scope(path) and hash(scope) == hash(Scope(path))


def test_segments_tenant_and_ancestors() -> None:
    scope = Scope.parse("acme/web/alice")
    assert scope.segments == ("acme", "web", "alice")
    assert scope.tenant == "acme"
    assert scope.ancestors() == ("acme", "acme/web", "acme/web/alice")
    assert Scope.parse("acme").ancestors() == ("acme",)


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("acme", "acme", True),
        ("acme", "acme/alice", True),
        ("acme", "acme/alice/notes", True),
        ("acme", "acme2", False),
        ("acme", "acme2/alice", False),
        ("acme/alice", "acme", False),
        ("acme/alice", "acme/bob", False),
        ("acme/alice", "acme/alice2", False),
        ("a_b", "aXb/c", False),
        ("a_b", "a_b/c", True),
        ("a.b", "aXb", False),
    ],
)
def test_contains_is_segment_wise(outer: str, inner: str, expected: bool) -> None:
    assert Scope.parse(outer).contains(inner) is expected
    assert Scope.parse(outer).contains(Scope.parse(inner)) is expected


@pytest.mark.parametrize("method", ["add", "list", "search", "count", "scopes"])
def test_every_facade_method_validates_the_scope(method: str) -> None:
    mem = Memory(store=InMemoryStore(), embedder=FakeEmbedder())
    args = {"add": ("acme//x", "text"), "search": ("acme//x", "query")}.get(method, ("acme//x",))
    with pytest.raises(InvalidScope, match=r"empty segment at position 2"):
        getattr(mem, method)(*args)
