"""bench/compare's pure parts: Mem0's bulk-fill rows, the environments, the README headline.

The side-by-side benchmark fills Mem0 in bulk with the rows its ``add(infer=False)``
writes; if that shape drifted from Mem0's, the benchmark would measure a store
Mem0 never makes. The builder is checked here against the source facts, and
against Mem0 itself when the benchmark's Mem0 environment exists (it is made by
``bench/compare/run.py``; nothing is downloaded by the tests).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest

COMPARE = Path(__file__).resolve().parents[1] / "bench" / "compare"
MEM0_PYTHON = COMPARE.parents[1] / ".bench-venvs" / "mem0" / "bin" / "python"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_compare_{name}", COMPARE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fill = load("mem0_fill")
envs = load("envs")


def test_payload_has_the_fields_add_writes_in_its_order() -> None:
    p = fill.payload("I moved to Lisbon.", user_id="conv-26", role="user", name="Caroline")
    assert list(p) == [
        "user_id",
        "role",
        "actor_id",
        "data",
        "hash",
        "created_at",
        "updated_at",
        "text_lemmatized",
    ]
    assert p["user_id"] == "conv-26" and p["role"] == "user" and p["actor_id"] == "Caroline"
    assert p["data"] == "I moved to Lisbon."
    assert p["hash"] == hashlib.md5(b"I moved to Lisbon.").hexdigest()
    assert datetime.fromisoformat(p["created_at"]).tzinfo is not None
    assert p["updated_at"] == p["created_at"]
    assert p["text_lemmatized"] == "I moved to Lisbon."  # Mem0 without spaCy keeps the text


def test_payload_without_a_name_has_no_actor_and_uses_the_lemmatizer() -> None:
    p = fill.payload("Dogs running", user_id="u", role="assistant", lemmatize=str.lower)
    assert "actor_id" not in p
    assert p["text_lemmatized"] == "dogs running"


def test_history_record_is_the_row_add_commits() -> None:
    p = fill.payload("hello", user_id="u", role="user", name="Ann", created_at="2026-01-01T00:00Z")
    assert fill.history("id-1", p) == {
        "memory_id": "id-1",
        "old_memory": None,
        "new_memory": "hello",
        "event": "ADD",
        "created_at": "2026-01-01T00:00Z",
        "updated_at": "2026-01-01T00:00Z",
        "actor_id": "Ann",
        "role": "user",
    }


def test_ids_are_distinct_uuid_strings() -> None:
    ids = {fill.new_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 36 and i.count("-") == 4 for i in ids)


def test_differences_ignores_only_the_time_of_writing() -> None:
    a = fill.payload("x", user_id="u", role="user")
    b = fill.payload("x", user_id="u", role="user", created_at="2020-05-01T10:00:00+00:00")
    assert fill.differences(a, b) == []
    assert fill.differences({**a, "extra": 1}, b) == ["extra: Mem0 only"]
    assert fill.differences(a, {**b, "role": "assistant"}) == [
        "role: Mem0 'user' != built 'assistant'"
    ]
    naive = {**b, "created_at": "2020-05-01T10:00:00", "updated_at": "2020-05-01T10:00:00"}
    assert any("not an ISO time with a zone" in d for d in fill.differences(a, naive))
    assert fill.differences(a, {**b, "updated_at": "2021-01-01T00:00:00+00:00"}) == [
        "built: updated_at differs from created_at"
    ]


MEM0_ADD = """
import json, os, sys
os.environ["MEM0_TELEMETRY"] = "False"
os.environ.setdefault("OPENAI_API_KEY", "unused-offline")
from mem0 import Memory

class Fixed:
    def embed(self, text, memory_action=None):
        return [1.0, 0.0, 0.0, 0.0]

folder = sys.argv[1]
m = Memory.from_config({
    "vector_store": {"provider": "qdrant", "config": {"path": folder + "/q", "on_disk": True,
                     "collection_name": "t", "embedding_model_dims": 4}},
    "history_db_path": folder + "/h.db"})
m.embedding_model = Fixed()
out = m.add([{"role": "user", "content": "I moved to Lisbon.", "name": "Caroline"},
             {"role": "assistant", "content": "Nice!"}], user_id="conv-26", infer=False)
print(json.dumps([m.vector_store.get(vector_id=r["id"]).payload for r in out["results"]]))
"""


@pytest.mark.skipif(
    not MEM0_PYTHON.exists(), reason="no .bench-venvs/mem0 (bench/compare/run.py makes it)"
)
def test_builder_matches_what_mem0_add_writes(tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(MEM0_PYTHON), "-c", MEM0_ADD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    written = json.loads(proc.stdout.strip().splitlines()[-1])
    built = [
        fill.payload("I moved to Lisbon.", user_id="conv-26", role="user", name="Caroline"),
        fill.payload("Nice!", user_id="conv-26", role="assistant"),
    ]
    assert [fill.differences(w, b) for w, b in zip(written, built, strict=True)] == [[], []]


def test_a_failed_install_is_a_clear_error_and_never_marked_ready(tmp_path: Path) -> None:
    # A venv without pip: the install step fails at once, offline.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "x")], check=True)
    with pytest.raises(envs.SetupError, match=r"pip could not install the x environment"):
        envs.ensure_venv("x", tmp_path, ["somepackage"], "fp1")
    assert not (tmp_path / "x" / ".bench-ready").exists()
    assert (tmp_path / "x.log").exists()


def test_a_ready_environment_is_reused_and_a_changed_one_is_not(tmp_path: Path) -> None:
    folder = tmp_path / "y"
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "python").write_text("")  # never run: the marker says it is ready
    (folder / ".bench-ready").write_text("fp1")
    assert envs.ensure_venv("y", tmp_path, ["pkg"], "fp1") == str(folder / "bin" / "python")
    # Other requirements: it is installed again (and this fake interpreter cannot, so it says so).
    with pytest.raises(envs.SetupError):
        envs.ensure_venv("y", tmp_path, ["pkg"], "fp2")


def test_this_interpreter_runs_memstacks_side() -> None:
    assert envs.memstack_missing() is None


def test_help_needs_nothing_but_the_standard_library() -> None:
    proc = subprocess.run(
        [sys.executable, "-I", "-S", str(COMPARE / "run.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "--scale" in proc.stdout and "--sample" in proc.stdout


tables = load("tables")

ROWS = [
    {"system": "memstack", "R@10": 0.81, "tokens": 400.0, "scale_p95": 9.4, "scale_ingest": 500.0},
    {"system": "mem0", "R@10": 0.33, "tokens": 280.0, "scale_p95": 7000.0, "scale_ingest": 25.0},
    {"system": "langgraph-memory", "tokens": 280.0, "scale_ingest": 14000.0},
]
META = {
    "commit": "abc1234",
    "load": (3.0, 4.0),
    "scale": 100_000,
    "sample": 2000,
    "mem0_fill_s": 120.0,
    "versions": {"mem0ai": "2.2.1", "langgraph": "1.2.24"},
}


def test_headline_marks_the_best_and_names_what_failed() -> None:
    text = tables.headline(ROWS, META)
    assert "commit abc1234" in text and "load average 3.0" in text
    lines = {line.split(" | ")[0].strip("| "): line for line in text.splitlines()}
    assert "**0.810**" in lines["memstack"] and "**9.4 ms**" in lines["memstack"]
    mem0 = lines["Mem0 OSS 2.2.1 (embedded Qdrant, `infer=False`)"]
    assert "0.330" in mem0 and "**" not in mem0 and "7,000 ms" in mem0 and "25/s" in mem0
    assert lines["LangGraph 1.2.24 `InMemoryStore`"].count("failed") == 2
    # Mem0's rate comes from the add() sample: the headline says so, with add's full time.
    assert "last 2,000 memories" in text and "about 67 minutes" in text


def test_headline_replaces_only_its_own_part_of_the_readme(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "intro\n<!-- bench:compare-headline -->\nold table\n<!-- /bench:compare-headline -->\nend\n"
    )
    tables.write_headline(ROWS, META, readme)
    text = readme.read_text()
    assert text.startswith("intro\n<!-- bench:compare-headline -->\nMeasured by")
    assert "old table" not in text and text.endswith("<!-- /bench:compare-headline -->\nend\n")
