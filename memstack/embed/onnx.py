"""The offline default embedder: a sentence-embedding model in ONNX, run by onnxruntime.

Why it looks like this:

* **Nothing to download, no torch.** all-MiniLM-L6-v2 (Apache-2.0, 384
  dimensions) ships inside the package as a 22.9 MB int8 ONNX file next to its
  ``tokenizer.json``; running it needs only onnxruntime, tokenizers and numpy.
  ``scripts/export_minilm.py`` produced it (reproducibly) and
  ``docs/embedders.md`` has the measured figures.
* **A vector never depends on its batch neighbours.** Duplicate detection
  compares vectors of the same text embedded at different times, in different
  batches. onnxruntime's *dynamic* int8 quantization scales activations per
  batch, which moves a vector by up to 0.03 in cosine depending on what was
  padded next to it. The shipped model is weight-only int8 instead: the
  weights are stored as int8 and become float32 when the model loads, so the
  arithmetic is float32 and the result is the same alone or in any batch.
* **Any ONNX sentence-embedding export plugs in.** Inputs are fed by name
  (``input_ids``, ``attention_mask``, ``token_type_ids``, ``position_ids``, as
  the graph asks), token states are pooled here (mean over the attention mask,
  or the first token), and a graph that already outputs
  ``sentence_embedding`` is used as is. A stronger model is a folder away.
* **Lazy and thread-safe.** Importing this module or constructing the embedder
  loads nothing; the first :meth:`OnnxEmbedder.embed` loads the session and the
  tokenizer under a lock. onnxruntime sessions and tokenizers are safe to share
  between threads afterwards.
* **No telemetry.** ``ORT_DISABLE_TELEMETRY=1`` is set (unless the user set it)
  before onnxruntime is imported, and onnxruntime is only imported here, lazily.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from ..errors import ProviderError, UsageError
from .base import EmbeddingModel, InputType, Matrix

if TYPE_CHECKING:
    from tokenizers import Encoding, Tokenizer

__all__ = ["SHIPPED_MODEL", "OnnxEmbedder", "Pooling"]

Pooling = Literal["mean", "cls"]

SHIPPED_MODEL = Path(__file__).resolve().parent / "models" / "all-MiniLM-L6-v2"
"""Folder of the model that ships with memstack (model.onnx, tokenizer.json, config.json)."""

_DEFAULT_MAX_LENGTH = 256
_POOLED_OUTPUTS = ("sentence_embedding", "sentence_embeddings", "embeddings")
_TOKEN_OUTPUTS = ("last_hidden_state", "token_embeddings")
_PAD_TOKENS = ("[PAD]", "<pad>", "<|padding|>", "<|endoftext|>")
_INT_TYPES: dict[str, type[np.integer[Any]]] = {
    "tensor(int64)": np.int64,
    "tensor(int32)": np.int32,
}
_MODEL_HINT = (
    "Pass a folder holding model.onnx and tokenizer.json, or an .onnx file together with "
    "tokenizer='path/to/tokenizer.json'."
)


@dataclass(frozen=True)
class _Runtime:
    """Everything the first embed loads, published at once so readers never see half of it."""

    session: Any  # onnxruntime.InferenceSession
    tokenizer: Tokenizer
    inputs: tuple[tuple[str, type[np.integer[Any]]], ...]
    output: str
    pooled: bool


class OnnxEmbedder(EmbeddingModel):
    """Embed texts locally with an ONNX sentence-embedding model.

    With no arguments it runs the shipped int8 all-MiniLM-L6-v2 (384 dimensions,
    mean pooling, 256 tokens). Give ``path`` to run another export.

    A folder may hold a ``config.json`` in memstack's small format
    (``{"id": ..., "dimensions": ..., "pooling": ..., "max_length": ...}``) to set
    defaults; other ``config.json`` files (e.g. a Hugging Face one, which has no
    ``"pooling"`` key) are ignored.

    Args:
        path: a folder with ``model.onnx`` (or ``onnx/model.onnx``) and
            ``tokenizer.json``, or an ``.onnx`` file. ``None`` is the shipped model.
        tokenizer: path of the ``tokenizer.json`` (Hugging Face *tokenizers*
            format) when it is not next to the model.
        id: the embedder id stored with every vector. Default:
            ``"onnx:all-MiniLM-L6-v2-int8"`` for the shipped model, the config's
            id for a folder with a memstack ``config.json``, otherwise the folder
            (or file) name and the first 12 hex digits of the model file's SHA-256.
            A non-default pooling or any prefix is appended, because each changes
            every vector.
        pooling: ``"mean"`` (average of token states over the attention mask) or
            ``"cls"`` (the first token's state). Default: the config's, else mean.
        max_length: longer texts are truncated to this many tokens (special
            tokens included). Default: the config's, else 256.
        batch_size: texts per onnxruntime call.
        threads: onnxruntime intra-op threads; ``None`` lets onnxruntime choose
            (one per physical core).
        spin: let onnxruntime's idle worker threads spin between calls. Off by
            default: spinning buys little latency on a quiet machine and, on a busy
            one (a server, other processes, the database beside it), burns the
            cores the other work needs (``bench/embed_spinning.py``).
        query_prefix: prepended to texts embedded with ``input_type="query"``
            (e.g. ``"query: "`` for E5 models).
        document_prefix: prepended to texts embedded as documents.

    Raises:
        UsageError: the model or tokenizer file is missing, or an option is invalid.

    Example:
        >>> embedder = OnnxEmbedder()
        >>> embedder.id, embedder.dimensions
        ('onnx:all-MiniLM-L6-v2-int8', 384)
        >>> embedder.embed(["Alice is vegetarian"]).shape
        (1, 384)
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        tokenizer: str | os.PathLike[str] | None = None,
        id: str | None = None,  # noqa: A002 - the attribute every embedder has
        pooling: Pooling | None = None,
        max_length: int | None = None,
        batch_size: int = 64,
        threads: int | None = None,
        spin: bool = False,
        query_prefix: str = "",
        document_prefix: str = "",
    ) -> None:
        self.model_path, self.tokenizer_path, config = _locate(path, tokenizer)
        self.shipped = path is None
        self.pooling: Pooling = _check_pooling(pooling or config.get("pooling", "mean"))
        if max_length is None:
            max_length = config.get("max_length", _DEFAULT_MAX_LENGTH)
        self.max_length = _positive("max_length", max_length)
        self.batch_size = _positive("batch_size", batch_size)
        if threads is not None:
            _positive("threads", threads)
        self.threads = threads
        self.spin = spin
        self.query_prefix = query_prefix
        self.document_prefix = document_prefix
        self._config = config
        self._id: str | None = id
        dims = config.get("dimensions")
        self._dimensions: int | None = int(dims) if dims else None
        self._runtime: _Runtime | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        where = "shipped" if self.shipped else str(self.model_path)
        return f"OnnxEmbedder({where!r}, pooling={self.pooling!r}, max_length={self.max_length})"

    # -- identity ------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The id stored next to every vector (computed once; hashes the model if needed)."""
        if self._id is None:
            base = self._config.get("id")
            if not base:
                name = self.model_path.stem
                if name == "model":  # folder/model.onnx or folder/onnx/model.onnx
                    parent = self.model_path.parent
                    name = parent.parent.name if parent.name == "onnx" else parent.name
                base = f"{name}-{_sha256(self.model_path)[:12]}"
            self._id = f"onnx:{base}" + self._variant()
        return self._id

    @id.setter
    def id(self, value: str) -> None:
        self._id = value

    def _variant(self) -> str:
        """Suffix for options that change every vector relative to the model's defaults."""
        suffix = ""
        if self.pooling != self._config.get("pooling", "mean"):
            suffix += f":{self.pooling}"
        if self.query_prefix or self.document_prefix:
            both = f"{self.query_prefix}\0{self.document_prefix}".encode()
            suffix += ":p" + hashlib.sha256(both).hexdigest()[:8]
        return suffix

    @property
    def dimensions(self) -> int:
        """The vector length: from ``config.json`` when present, else from the loaded model."""
        if self._dimensions is None:
            runtime = self._load()
            shape = runtime.session.get_outputs()[_output_index(runtime)].shape
            last = shape[-1] if shape else None
            if isinstance(last, int) and last > 0:
                self._dimensions = last
            else:  # a symbolic last axis: ask the model once
                self._dimensions = int(self._run(runtime, ["dimensions"]).shape[1])
        return self._dimensions

    @dimensions.setter
    def dimensions(self, value: int) -> None:
        self._dimensions = value

    # -- embedding -----------------------------------------------------------------------------

    def embed_batch(self, texts: Sequence[str], *, input_type: InputType = "document") -> Matrix:
        """Embed one batch of texts (prefixed per ``input_type``, truncated to ``max_length``).

        Args:
            texts: the texts.
            input_type: ``"query"`` or ``"document"``; selects the prefix.

        Returns:
            A ``(len(texts), dimensions)`` float32 array, not normalised.

        Raises:
            UsageError: the model or tokenizer cannot be loaded, or the graph needs
                inputs this embedder cannot provide.
            ProviderError: onnxruntime failed while running the model.
        """
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        runtime = self._load()
        prefix = self.query_prefix if input_type == "query" else self.document_prefix
        return self._run(runtime, [prefix + text for text in texts])

    def _run(self, runtime: _Runtime, texts: list[str]) -> Matrix:
        encodings = runtime.tokenizer.encode_batch(texts)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {name: _column(name, encodings, mask, dtype) for name, dtype in runtime.inputs}
        lengths = mask.sum(axis=1)
        right_padded = bool(np.all(mask == (np.arange(mask.shape[1]) < lengths[:, None])))
        groups = _length_groups(lengths) if right_padded else []
        if len(groups) <= 1:
            return self._forward(runtime, feed, mask)
        # Texts of very different lengths: run groups of similar length, each padded
        # only to its own longest (padding costs as much as text), and restore the
        # order. Vectors do not depend on their batch (module doc), so nothing changes.
        out: Matrix | None = None
        for rows in groups:
            width = int(mask[rows].sum(axis=1).max())
            part = {name: np.ascontiguousarray(v[rows, :width]) for name, v in feed.items()}
            vecs = self._forward(runtime, part, mask[rows, :width])
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), np.float32)
            out[rows] = vecs
        assert out is not None
        return out

    def _forward(
        self,
        runtime: _Runtime,
        feed: dict[str, npt.NDArray[Any]],
        mask: npt.NDArray[np.int64],
    ) -> Matrix:
        try:
            raw = runtime.session.run([runtime.output], feed)[0]
        except Exception as exc:  # onnxruntime raises its own, unexported exception types
            raise ProviderError(
                f"The ONNX model {self.model_path} failed: {exc}",
                hint="If it is a custom model, check max_length against the longest input "
                "the model accepts and that it is a sentence-embedding export.",
            ) from exc
        out: Matrix = np.asarray(raw, dtype=np.float32)
        if runtime.pooled:
            return out
        if self.pooling == "cls":
            return np.ascontiguousarray(out[:, 0, :])
        # Padded positions add exact zeros at the end of each sum, so the mean of a
        # text does not depend on how much padding its batch needed.
        weights = mask[:, :, None].astype(np.float32)
        summed: Matrix = (out * weights).sum(axis=1)
        mean: Matrix = summed / np.maximum(weights.sum(axis=1), np.float32(1e-9))
        return mean

    # -- loading -------------------------------------------------------------------------------

    def _load(self) -> _Runtime:
        runtime = self._runtime
        if runtime is not None:
            return runtime
        with self._lock:
            if self._runtime is None:
                self._runtime = self._build()
            return self._runtime

    def _build(self) -> _Runtime:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        if hasattr(ort, "disable_telemetry_events"):
            ort.disable_telemetry_events()
        options = ort.SessionOptions()
        options.log_severity_level = 3  # errors only: no optimizer chatter on stderr
        options.inter_op_num_threads = 1
        if self.threads is not None:
            options.intra_op_num_threads = self.threads
        spin = "1" if self.spin else "0"
        options.add_session_config_entry("session.intra_op.allow_spinning", spin)
        options.add_session_config_entry("session.inter_op.allow_spinning", spin)
        failure = ProviderError if self.shipped else UsageError
        try:
            session = ort.InferenceSession(
                str(self.model_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime's exception types are not part of its API
            raise failure(
                f"Could not load the ONNX model {self.model_path}: {exc}", hint=_MODEL_HINT
            ) from exc
        try:
            tok = Tokenizer.from_file(str(self.tokenizer_path))
        except Exception as exc:  # tokenizers raises a bare Exception on bad files
            raise failure(
                f"Could not load the tokenizer {self.tokenizer_path}: {exc}",
                hint="It must be a Hugging Face tokenizers 'tokenizer.json' file.",
            ) from exc
        tok.enable_truncation(self.max_length)
        tok.enable_padding(**_padding(tok))

        inputs: list[tuple[str, type[np.integer[Any]]]] = []
        for node in session.get_inputs():
            if node.name not in ("input_ids", "attention_mask", "token_type_ids", "position_ids"):
                raise UsageError(
                    f"The ONNX model {self.model_path} wants an input {node.name!r}; memstack "
                    "feeds input_ids, attention_mask, token_type_ids and position_ids.",
                    hint="Export the model with those input names (e.g. with optimum).",
                )
            inputs.append((node.name, _INT_TYPES.get(node.type, np.int64)))
        outputs = session.get_outputs()
        names = [o.name for o in outputs]
        pooled_name = next((n for n in _POOLED_OUTPUTS if n in names), None)
        token_name = next((n for n in _TOKEN_OUTPUTS if n in names), None)
        output = pooled_name or token_name or names[0]
        shape = outputs[names.index(output)].shape
        return _Runtime(session, tok, tuple(inputs), output, pooled=len(shape) == 2)


def _length_groups(lengths: npt.NDArray[np.int64]) -> list[npt.NDArray[np.intp]]:
    """Rows grouped by similar token length (shortest first); one group when padding is cheap.

    A group is cut where the next text is longer than 1.25 times the group's first
    text plus 8 tokens, but never below 4 texts (each model call has its own cost).
    """
    order = np.argsort(lengths, kind="stable")
    if int(lengths.max(initial=0)) * len(lengths) <= 1.25 * int(lengths.sum()) + 8:
        return [order]
    groups: list[npt.NDArray[np.intp]] = []
    start = 0
    for i in range(1, len(order) + 1):
        if i == len(order) or (
            i - start >= 4 and lengths[order[i]] > 1.25 * lengths[order[start]] + 8
        ):
            groups.append(order[start:i])
            start = i
    return groups


def _column(
    name: str, encodings: Sequence[Encoding], mask: npt.NDArray[np.int64], dtype: type[Any]
) -> npt.NDArray[Any]:
    """One model input, built from the tokenizer's encodings."""
    match name:
        case "input_ids":
            column = np.array([e.ids for e in encodings])
        case "token_type_ids":
            column = np.array([e.type_ids for e in encodings])
        case "position_ids":
            column = np.broadcast_to(np.arange(mask.shape[1]), mask.shape)
        case _:
            column = mask
    return column.astype(dtype)


def _output_index(runtime: _Runtime) -> int:
    names = [o.name for o in runtime.session.get_outputs()]
    return names.index(runtime.output)


def _padding(tok: Tokenizer) -> dict[str, Any]:
    """Pad to the longest text of each batch with the tokenizer's own pad token."""
    current = tok.padding
    if current:
        return {"pad_id": current["pad_id"], "pad_token": current["pad_token"]}
    for token in _PAD_TOKENS:
        token_id = tok.token_to_id(token)
        if token_id is not None:
            return {"pad_id": token_id, "pad_token": token}
    # Padded positions are masked out, so any id works for a tokenizer without a pad token.
    return {"pad_id": 0, "pad_token": "[PAD]"}


def _locate(
    path: str | os.PathLike[str] | None, tokenizer: str | os.PathLike[str] | None
) -> tuple[Path, Path, dict[str, Any]]:
    """Resolve the model file, the tokenizer file and the optional memstack config."""
    root = SHIPPED_MODEL if path is None else Path(path).expanduser()
    if root.is_dir():
        candidates = [root / "model.onnx", root / "onnx" / "model.onnx"]
        model = next((c for c in candidates if c.is_file()), None)
        if model is None:
            raise UsageError(f"No model.onnx in {root}.", hint=_MODEL_HINT)
        folder = root
    elif root.is_file():
        model, folder = root, root.parent
    else:
        raise UsageError(f"No ONNX model at {root}.", hint=_MODEL_HINT)

    if tokenizer is not None:
        tok = Path(tokenizer).expanduser()
        if not tok.is_file():
            raise UsageError(f"No tokenizer file at {tok}.", hint=_MODEL_HINT)
    else:
        found = (folder / "tokenizer.json", model.parent / "tokenizer.json")
        tok = next((p for p in found if p.is_file()), found[0])
        if not tok.is_file():
            raise UsageError(f"No tokenizer.json next to {model}.", hint=_MODEL_HINT)

    config: dict[str, Any] = {}
    config_file = folder / "config.json"
    if config_file.is_file():
        try:
            data = json.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"Cannot read {config_file}: {exc}") from exc
        if isinstance(data, dict) and "pooling" in data:  # memstack's format, not Hugging Face's
            config = data
    return model, tok, config


def _check_pooling(value: Any) -> Pooling:
    if value == "mean":
        return "mean"
    if value == "cls":
        return "cls"
    raise UsageError(f"Unknown pooling {value!r}.", hint="Use 'mean' or 'cls'.")


def _positive(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{name} must be a positive integer, not {value!r}.")
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
