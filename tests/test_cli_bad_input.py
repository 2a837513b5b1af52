"""Text that is not UTF-8, lone surrogates and binary files: one clear line, never a traceback.

Every command that reads text (an argument, a file or stdin) is run with each
kind of bad input; each must exit non-zero with one ``Error:`` line (issue 10.9).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from memstack.cli import main

LATIN1 = "Café au lait, naïve résumé".encode("latin-1")  # not UTF-8
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"  # binary
SURROGATE = "caf\udce9"  # what a non-UTF-8 argv byte becomes (surrogateescape)


def _files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, data in {
        "latin1": LATIN1,
        "binary": PNG,
        # JSON may spell a lone surrogate as an escape: valid JSON, not valid text.
        "escaped": b'[{"role": "user", "content": "I like caf\\udce9"}]',
    }.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        out[name] = path
    return out


FILE_COMMANDS = [
    ("ingest", ["ingest", "-s", "acme/alice"]),
    ("remember", ["remember", "-s", "acme/alice"]),
    ("import", ["import", "-s", "acme/alice"]),
    ("apply", ["apply", "-s", "acme/alice", "--yes"]),
]
TEXT_COMMANDS = [
    ["add", "-s", "acme/alice", SURROGATE],
    ["search", "-s", "acme/alice", SURROGATE],
    ["propose", "-s", "acme/alice", "-k", "fact", SURROGATE],
    ["compile", "-s", "acme/alice", "-q", SURROGATE],
    ["forget", "-s", "acme/alice", "-m", SURROGATE, "--yes"],
    ["add", "-s", "acme/alice", "a\x00b"],
]


def _one_error_line(args: list[str], **kw: object) -> str:
    result = CliRunner().invoke(main, args, **kw)  # type: ignore[arg-type]
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    assert result.exit_code != 0, f"{args} succeeded: {result.output}"
    # A progress bar's label may come first; the error is one line, the last.
    lines = [ln for ln in result.stderr.strip().splitlines() if ln.startswith("Error: ")]
    assert len(lines) == 1 and result.stderr.strip().endswith(lines[0]), repr(result.stderr)
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("kind", ["latin1", "binary", "escaped"])
@pytest.mark.parametrize(("name", "args"), FILE_COMMANDS, ids=[n for n, _ in FILE_COMMANDS])
def test_files_that_are_not_text(tmp_path: Path, name: str, args: list[str], kind: str) -> None:
    path = _files(tmp_path)[kind]
    line = _one_error_line([*args, str(path)])
    if kind == "latin1":
        assert f"{path} is not UTF-8 text (byte 0xE9 at offset 3)" in line
    elif kind == "binary":
        assert f"{path} is a binary file (a NUL byte at offset 8)" in line


@pytest.mark.parametrize("kind", ["latin1", "binary"])
@pytest.mark.parametrize("name", ["import", "apply"])
def test_stdin_that_is_not_text(name: str, kind: str) -> None:
    data = LATIN1 if kind == "latin1" else PNG
    args = ["import", "-s", "acme/alice", "-"]
    if name == "apply":
        args = ["apply", "-s", "acme/alice", "--yes", "-"]
    line = _one_error_line(args, input=data)
    assert line.startswith("Error: stdin is")


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=[" ".join(a[:1]) for a in TEXT_COMMANDS])
def test_arguments_that_are_not_text(args: list[str]) -> None:
    CliRunner().invoke(main, ["migrate"])  # a command that reads needs a store to exist
    line = _one_error_line(args)
    assert "not valid Unicode" in line or "not valid UTF-8" in line, line
