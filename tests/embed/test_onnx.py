"""The shipped ONNX embedder: offline, 384 unit dimensions, batch-independent, pluggable."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from memstack import plugins
from memstack.embed.onnx import SHIPPED_MODEL, OnnxEmbedder
from memstack.errors import UsageError

PROBES = [
    "Alice is vegetarian",
    "What food does Alice eat?",
    "Caroline went to a LGBTQ support group on 7 May 2023.",
    "ok",
]
LONG = "Melanie painted a sunrise over the lake last weekend and felt proud. " * 4
NEIGHBOURS = [  # shorter, longer, and mixed neighbours: different padding for the probe
    ["hi"],
    [LONG],
    [f"memory {i}: Jon plays tennis on Sundays" for i in range(6)] + [LONG],
]


@pytest.fixture(scope="module")
def shipped() -> OnnxEmbedder:
    return OnnxEmbedder()


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_shipped_model_files_and_licence() -> None:
    names = {p.name for p in SHIPPED_MODEL.iterdir()}
    assert {"model.onnx", "tokenizer.json", "config.json", "LICENSE", "NOTICE"} <= names
    config = json.loads((SHIPPED_MODEL / "config.json").read_text())
    assert config["dimensions"] == 384 and config["pooling"] == "mean"
    assert config["license"] == "Apache-2.0"
    assert "Apache License" in (SHIPPED_MODEL / "LICENSE").read_text()
    assert "sentence-transformers/all-MiniLM-L6-v2" in (SHIPPED_MODEL / "NOTICE").read_text()
    assert (SHIPPED_MODEL / "model.onnx").stat().st_size < 30_000_000


def test_shipped_model_embeds_offline(shipped: OnnxEmbedder) -> None:
    # conftest blocks every non-loopback connection: a download attempt would fail here.
    vectors = shipped.embed(PROBES)

    assert shipped.id == "onnx:all-MiniLM-L6-v2-int8"
    assert shipped.dimensions == 384
    assert vectors.shape == (len(PROBES), 384)
    assert vectors.dtype == np.dtype("<f4")
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_semantic_sanity(shipped: OnnxEmbedder) -> None:
    fact = shipped.embed_one("Alice is vegetarian", input_type="document")
    question = shipped.embed_one("What food does Alice eat?")
    unrelated = shipped.embed_one("The server runs on port 8080")

    assert fact @ question > fact @ unrelated + 0.3


def test_vectors_do_not_depend_on_batch_neighbours(shipped: OnnxEmbedder) -> None:
    """Dedup compares vectors made in different batches: they must agree to ~1e-7."""
    worst = 1.0
    for probe in PROBES:
        alone = shipped.embed_batch([probe])[0]
        for group in NEIGHBOURS:
            for position in (0, len(group)):
                batch = group[:position] + [probe] + group[position:]
                worst = min(worst, cos(shipped.embed_batch(batch)[position], alone))
    assert worst >= 0.99999


def test_mixed_lengths_run_in_length_groups_in_order(shipped: OnnxEmbedder) -> None:
    """A batch of short and long texts is run in groups of similar length, order kept."""
    texts = [
        "tea",
        "We spent the whole of last summer walking the coast path from the harbour to the "
        "lighthouse, stopping at every cafe and bakery on the way, and it rained every day.",
        "Bob likes jazz",
        "ok",
        "The deploy failed because the database migration timed out after ninety seconds.",
        "yes",
        "Alice moved to Lisbon in 2019 and works as a nurse",
        "no",
    ] * 3
    calls: list[tuple[int, int]] = []
    runtime = shipped._load()
    real = runtime.session

    class Spy:
        def run(self, names: Any, feed: dict[str, Any]) -> Any:
            calls.append(feed["input_ids"].shape)
            return real.run(names, feed)

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    # The spy wraps onnxruntime's session (not our code) to see the shapes it is fed.
    shipped._runtime = dataclasses.replace(runtime, session=Spy())
    try:
        together = shipped.embed_batch(texts)
    finally:
        shipped._runtime = runtime
    assert len(calls) > 1  # grouped by length
    assert sum(rows for rows, _ in calls) == len(texts)
    longest = max(width for _, width in calls)
    assert sum(rows * width for rows, width in calls) < len(texts) * longest  # less padding
    for i, text in enumerate(texts):
        assert cos(together[i], shipped.embed_batch([text])[0]) >= 0.99999, text


def test_long_texts_are_truncated(shipped: OnnxEmbedder) -> None:
    long_text = "Alice likes long walks on the beach. " * 200  # ~1,800 tokens

    a, b = shipped.embed([long_text, long_text + " But the ending differs."])

    assert cos(a, b) > 0.99999  # everything past 256 tokens is cut
    assert OnnxEmbedder(max_length=16).embed_one(long_text) @ a < 0.9999


def test_custom_folder_without_config(shipped: OnnxEmbedder, tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    for name in ("model.onnx", "tokenizer.json"):
        shutil.copy(SHIPPED_MODEL / name, folder / name)

    custom = OnnxEmbedder(folder)

    assert custom.id.startswith("onnx:my-model-") and len(custom.id) == len("onnx:my-model-") + 12
    assert custom.dimensions == 384  # read from the graph's output shape
    np.testing.assert_allclose(custom.embed(PROBES), shipped.embed(PROBES), atol=1e-6)


def test_custom_file_with_tokenizer_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "weights").mkdir()
    (tmp_path / "tok").mkdir()
    model = shutil.copy(SHIPPED_MODEL / "model.onnx", tmp_path / "weights" / "minilm.onnx")
    tok = shutil.copy(SHIPPED_MODEL / "tokenizer.json", tmp_path / "tok" / "tokenizer.json")

    custom = OnnxEmbedder(model, tokenizer=tok, id="onnx:mine", pooling="cls", threads=1)

    assert custom.id == "onnx:mine"
    vectors = custom.embed(["hello world"])
    assert vectors.shape == (1, 384)
    assert cos(vectors[0], OnnxEmbedder().embed_one("hello world")) < 0.99  # cls != mean


def test_options_that_change_vectors_change_the_id() -> None:
    assert OnnxEmbedder(pooling="cls").id == "onnx:all-MiniLM-L6-v2-int8:cls"
    prefixed = OnnxEmbedder(query_prefix="query: ")
    assert prefixed.id.startswith("onnx:all-MiniLM-L6-v2-int8:p")
    assert OnnxEmbedder(max_length=128).id == "onnx:all-MiniLM-L6-v2-int8"


def test_prefixes_follow_the_input_type(shipped: OnnxEmbedder) -> None:
    prefixed = OnnxEmbedder(query_prefix="query: ", document_prefix="passage: ")

    query = prefixed.embed_one("Alice", input_type="query")
    document = prefixed.embed_one("Alice", input_type="document")

    assert cos(query, shipped.embed_one("query: Alice")) > 0.99999
    assert cos(document, shipped.embed_one("passage: Alice")) > 0.99999


def test_missing_files_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="No ONNX model at") as info:
        OnnxEmbedder(tmp_path / "nowhere")
    assert info.value.hint and "tokenizer.json" in info.value.hint
    with pytest.raises(UsageError, match="No model.onnx in"):
        OnnxEmbedder(tmp_path)
    shutil.copy(SHIPPED_MODEL / "model.onnx", tmp_path / "model.onnx")
    with pytest.raises(UsageError, match="No tokenizer.json next to"):
        OnnxEmbedder(tmp_path)
    with pytest.raises(UsageError, match="No tokenizer file at"):
        OnnxEmbedder(tmp_path / "model.onnx", tokenizer=tmp_path / "tokenizer.json")


def test_broken_model_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    shutil.copy(SHIPPED_MODEL / "tokenizer.json", tmp_path / "tokenizer.json")
    embedder = OnnxEmbedder(tmp_path, id="onnx:broken")  # constructing loads nothing

    with pytest.raises(UsageError, match="Could not load the ONNX model"):
        embedder.embed(["hello"])


@pytest.mark.parametrize(
    "options", [{"pooling": "max"}, {"max_length": 0}, {"batch_size": -1}, {"threads": 0}]
)
def test_bad_options_are_usage_errors(options: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        OnnxEmbedder(**options)  # type: ignore[arg-type]


def test_first_use_from_many_threads_loads_once() -> None:
    embedder = OnnxEmbedder(threads=1)
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(embedder.embed(["Alice is vegetarian"]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(results) == 4
    for r in results[1:]:
        np.testing.assert_array_equal(r, results[0])


def test_registered_as_the_onnx_plugin() -> None:
    embedder = plugins.make("embedders", "onnx")

    assert isinstance(embedder, OnnxEmbedder) and embedder.id == "onnx:all-MiniLM-L6-v2-int8"


def test_import_is_light_and_telemetry_off() -> None:
    """Importing loads neither onnxruntime nor torch; the first embed disables telemetry."""
    code = (
        "import os, sys; os.environ.pop('ORT_DISABLE_TELEMETRY', None)\n"
        "import memstack.embed.onnx as m\n"
        "heavy = ('torch', 'transformers', 'onnxruntime', 'onnx')\n"
        "assert not [k for k in sys.modules if k.split('.')[0] in heavy], 'heavy import'\n"
        "m.OnnxEmbedder().embed(['hi'])\n"
        "assert os.environ['ORT_DISABLE_TELEMETRY'] == '1'\n"
        "assert not [k for k in sys.modules if k.split('.')[0] in ('torch', 'transformers')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_idle_threads_do_not_spin_unless_asked() -> None:
    """Between searches the embedder's threads sleep: spinning ones would take the cores a
    server, its database or other agents on the machine need (bench/embed_spinning.py)."""
    for spin, expected in ((False, "0"), (True, "1")):
        embedder = OnnxEmbedder(spin=spin)
        embedder.embed(["warm"])
        runtime = embedder._runtime
        assert runtime is not None
        options = runtime.session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == expected
    assert OnnxEmbedder().spin is False
