"""The README's Python examples run as written (with the fake embedder)."""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.S)
    assert len(blocks) >= 2
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], "README block 1", "exec"), namespace)
    namespace["messages"] = [{"role": "user", "content": "Remember that I prefer tea over coffee."}]
    exec(compile(blocks[1], "README block 2", "exec"), namespace)
    mem = namespace["mem"]
    # forget erased the scope; the ancestor "acme" keeps its rule
    assert [r.scope for r in mem.list("acme/alice")] == ["acme"]
    assert namespace["receipt"].counts.records > 0
    mem.close()
