"""Every ``memstack …`` line in the docs names a real command with options it really has.

The command lines in fenced blocks of README.md and docs/*.md (and ``memstack …`` in
inline code) are read like a shell would (quotes, ``\\`` continuations, ``#`` comments,
``&&`` and pipes; a synopsis's ``[…]`` and ``a|b`` alternatives too), and each one
is walked through the click tree of ``memstack``: every subcommand must exist, every
option must be one the command (or a group above it) declares, a value must follow an
option that takes one and be among its choices when it has a fixed set, and no more
positional arguments may be given than the command accepts. Files and ids in the
examples are placeholders, so nothing is run. A renamed option or command fails here
until the docs follow.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from memstack.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(\w*)")
_SHELL = {"", "bash", "sh", "shell", "console", "zsh"}
_CONTROL = {"&&", "||", "|", ";", "&"}
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*=")
_PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9_]*|<[^>]*>")  # FILE, N, <command>: stand for a value
_SPAN = re.compile(r"`(memstack [^`]+)`")


def _shell_lines(path: Path) -> list[tuple[int, str]]:
    """``(line number, logical line)`` for each line of a shell fenced block.

    A line ending in ``\\`` continues on the next; so does a synopsis line whose next
    line starts with ``[`` (``memstack compile --scope S`` then ``[--budget N] …``).
    """
    found: list[tuple[int, str]] = []
    fence: str | None = None
    shell = False
    pending, start = "", 0
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        m = _FENCE.match(line)
        if fence is None:
            if m:
                fence, shell = m.group(2), m.group(3).lower() in _SHELL
            continue
        if m and m.group(2).startswith(fence) and not m.group(3):
            fence = None
            continue
        text = line.strip()
        if not shell or not text:
            continue
        if text.startswith("[") and found and not pending:
            found[-1] = (found[-1][0], found[-1][1] + " " + text)
            continue
        if not pending:
            start = number
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        found.append((start, pending + text))
        pending = ""
    return found


def _invocations(line: str) -> list[list[str]]:
    """The argument lists of every ``memstack`` command on one line (brackets removed).

    Shell control operators split commands; inside ``[…]`` of a synopsis a lone ``|``
    separates alternatives instead.
    """
    if line.startswith("$ "):
        line = line[2:]
    try:
        tokens = shlex.split(line, comments=True)
    except ValueError:  # unbalanced quotes: not a command line
        return []
    commands: list[list[str]] = [[]]
    depth = 0
    for token in tokens:
        if token in _CONTROL and not (token == "|" and depth):
            commands.append([])
            continue
        opened, closed = len(token) - len(token.lstrip("[")), len(token) - len(token.rstrip("]"))
        depth += opened - closed
        word = token.strip("[]")
        if word and word != "|":
            commands[-1].append(word)
    out = []
    for words in commands:
        while words and _ENV.match(words[0]):
            words = words[1:]
        if words and words[0] == "memstack":
            out.append(words[1:])
    return out


def _inline(path: Path) -> list[tuple[int, str]]:
    """``memstack …`` in inline code spans (a ``\\|`` inside a table is a ``|``)."""
    return [
        (number, m.group(1).replace("\\|", "|"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        for m in _SPAN.finditer(line)
    ]


DOCUMENTED = [
    pytest.param(args, kind == " inline", id=f"{path.relative_to(ROOT)}:{number}{kind}")
    for path in DOCS
    for kind, lines in (("", _shell_lines(path)), (" inline", _inline(path)))
    for number, line in lines
    for args in _invocations(line)
]


def _option(command: click.Command, name: str) -> click.Option | None:
    for param in command.params:
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _check_choice(param: click.Parameter, value: str, path: list[str]) -> None:
    """A value of a fixed set is in it; a synopsis may list alternatives (``a|b``)."""
    if not isinstance(param.type, click.Choice):
        return
    choices = [str(c) for c in param.type.choices]
    for alternative in value.split("|"):
        if not _PLACEHOLDER.fullmatch(alternative):
            assert alternative in choices, (
                f"{param.name} of '{' '.join(path)}': {alternative!r} is not one of {choices}"
            )


def _check(args: list[str], mention: bool = False) -> None:
    """Walk ``args`` down the command tree; fail on anything the CLI would reject.

    A ``mention`` (inline code in prose: "set ``memstack migrate --store-url``") may
    end with an option whose value it leaves out.
    """
    command: click.Command = main
    path = ["memstack"]
    ctx = click.Context(main, info_name="memstack")
    positional = 0
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word in ("-h", "--help"):
            return  # help for what is named so far, which exists
        if word.startswith("-") and word != "-":
            name, _, inline = word.partition("=")
            option = _option(command, name)
            assert option is not None, f"'{' '.join(path)}' has no option {name}"
            if option.is_flag or option.count:
                assert not inline, f"{name} of '{' '.join(path)}' takes no value"
                continue
            for _ in range(option.nargs):
                if inline:
                    value, inline = inline, ""
                elif not rest and mention:
                    return
                else:
                    assert rest, f"{name} of '{' '.join(path)}' needs a value"
                    value = rest.pop(0)
                _check_choice(option, value, path)
            continue
        if word == "...":
            continue
        if isinstance(command, click.Group):
            if _PLACEHOLDER.fullmatch(word):
                return  # "memstack COMMAND --help": any command
            for name in word.split("|"):  # "scope off|on|status"
                assert command.get_command(ctx, name) is not None, (
                    f"'{' '.join(path)}' has no command {name!r}"
                )
            word = word.split("|")[0]
            sub = command.get_command(ctx, word)
            assert sub is not None
            command, path = sub, [*path, word]
            ctx = click.Context(command, parent=ctx, info_name=word)
            continue
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if positional < len(arguments):
            _check_choice(arguments[positional], word, path)
        positional += 1
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if not any(a.nargs == -1 for a in arguments):
        most = sum(a.nargs for a in arguments)
        assert positional <= most, f"'{' '.join(path)}' takes {most} arguments, given {positional}"


def test_the_docs_show_command_lines() -> None:
    files = {p.id.split(":")[0] for p in DOCUMENTED}  # type: ignore[union-attr]
    assert {"README.md", "docs/cli.md"} <= files
    assert len(DOCUMENTED) > 50


@pytest.mark.parametrize(("args", "mention"), DOCUMENTED)
def test_documented_command_line_matches_the_cli(args: list[str], mention: bool) -> None:
    _check(args, mention)


@pytest.mark.parametrize(
    "args",
    [
        ["serch", "--scope", "acme", "tea"],  # no such command
        ["search", "--scoop", "acme", "tea"],  # no such option
        ["search", "--scope"],  # a value is missing
        ["export", "--scope", "acme", "--format", "docx"],  # not a choice
        ["show", "ID", "ID2"],  # too many arguments
        ["policy", "sett", "acme", "auto"],  # no such subcommand
        ["policy", "set", "acme", "automatic"],  # an argument not among its choices
        ["review", "--severity", "low|urgent"],  # an alternative not among the choices
        ["scope", "off|of"],  # an alternative subcommand that does not exist
    ],
)
def test_drift_is_caught(args: list[str]) -> None:
    with pytest.raises(AssertionError):
        _check(args)
