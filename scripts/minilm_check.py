"""The figures ``export_minilm.py --check`` prints: fidelity, batch independence, speed.

Kept apart from the export so the export reads as what it writes. The quantized
model (``int8`` or ``q8``) is compared with the float32 export it came from (cosine per text over
LoCoMo-style memories and dialogue turns) and the float32 export with PyTorch;
batch independence is the worst cosine between a text embedded alone and inside
batches of other texts (padding included); throughput is texts per second in
batches of 64. The texts are generated here with a seed, so the figures compare
across runs without shipping any data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from export_minilm import MAX_LENGTH, load_bert

__all__ = ["batch_independence", "check", "memories", "throughput", "turns"]


_NAMES = ["Caroline", "Melanie", "Jon", "Gina", "John", "Maria", "Joanna", "Nate", "Tim", "Audrey"]
_FACTS = [
    "is vegetarian",
    "has a dog named Max",
    "lives in Berlin",
    "works as a nurse",
    "likes jazz",
    "plays tennis on Sundays",
    "is allergic to peanuts",
    "prefers dark mode",
    "has two kids",
    "is learning Japanese",
    "went to a LGBTQ support group",
    "painted a sunrise over the lake",
]
_WHEN = ["yesterday", "last weekend", "two weeks ago", "on 8 May 2023", "last summer", ""]
_TAIL = [
    "It was amazing!",
    "I felt so proud of myself.",
    "Have you ever tried that?",
    "Honestly it was harder than I expected, but the people there were kind and supportive.",
    "Let's catch up soon.",
    "What do you think?",
]


def memories(n: int, seed: int = 0) -> list[str]:
    """Short LoCoMo-style memory statements ("Gina lives in Berlin since 2019")."""
    r = random.Random(seed)
    out = []
    for _ in range(n):
        since = f" since {r.randint(2010, 2024)}" if r.random() < 0.5 else ""
        out.append(f"{r.choice(_NAMES)} {r.choice(_FACTS)}{since}")
    return out


def turns(n: int, seed: int = 0) -> list[str]:
    """LoCoMo-style dialogue turns: one to three short sentences."""
    r = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [r.choice(["Hey!", "Oh,", "Wow,", "So", ""]), r.choice(_NAMES), r.choice(_FACTS)]
        parts += [
            r.choice(_WHEN) + ".",
            r.choice(_TAIL),
            r.choice(_TAIL) if r.random() < 0.3 else "",
        ]
        out.append(" ".join(" ".join(parts).split()))
    return out


class _Runner:
    """Minimal mean-pooling embedder over onnxruntime, mirroring memstack.embed.onnx."""

    def __init__(self, model: Path, tokenizer: Path, threads: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self.tok = Tokenizer.from_file(str(tokenizer))
        self.tok.enable_truncation(MAX_LENGTH)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        enc = self.tok.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, feed)[0]
        m = mask[..., None].astype(np.float32)
        vec = (states * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        return vec / np.linalg.norm(vec, axis=1, keepdims=True)

    def tokens(self, texts: Sequence[str]) -> float:
        return float(np.mean([sum(e.attention_mask) for e in self.tok.encode_batch(list(texts))]))


def batch_independence(run: _Runner) -> float:
    """Worst cosine between a text embedded alone and inside batches of other texts."""
    probes = ["Alice is vegetarian", "What food does Alice eat?", *memories(3, 11), *turns(3, 12)]
    long_text = " ".join(turns(60, 13))  # truncated at MAX_LENGTH: forces maximal padding
    neighbours = [[long_text], memories(63, 14), turns(31, 15) + [long_text], ["hi", "ok"]]
    worst = 1.0
    for probe in probes:
        alone = run([probe])[0]
        for group in neighbours:
            for pos in (0, len(group)):
                batch = group[:pos] + [probe] + group[pos:]
                worst = min(worst, float(run(batch)[pos] @ alone))
    return worst


def throughput(run: _Runner, texts: list[str], batch: int = 64, repeats: int = 3) -> float:
    """Texts per second (best of ``repeats``), batches of ``batch`` texts sorted by length."""
    ordered = sorted(texts, key=len)
    run(ordered[:batch])
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        for i in range(0, len(ordered), batch):
            run(ordered[i : i + batch])
        best = max(best, len(ordered) / (time.perf_counter() - start))
    return best


def check(out: Path, fp32: Path, src: Path, threads: int, quant: str = "int8") -> None:
    """Print fidelity vs float32, batch independence and throughput figures."""
    model = _Runner(out / "model.onnx", out / "tokenizer.json", threads)
    ref = _Runner(fp32, out / "tokenizer.json", threads)
    corpus = memories(512, 1) + turns(512, 2)
    a = np.concatenate([model(corpus[i : i + 64]) for i in range(0, len(corpus), 64)])
    b = np.concatenate([ref(corpus[i : i + 64]) for i in range(0, len(corpus), 64)])
    fidelity = (a * b).sum(axis=1)
    print(
        f"fidelity vs float32 ONNX ({len(corpus)} texts): mean {fidelity.mean():.5f}, "
        f"min {fidelity.min():.5f}"
    )
    torch_cos = _torch_agreement(src, ref, corpus[:64] + corpus[-64:])
    print(f"float32 ONNX vs PyTorch (128 texts): min cosine {torch_cos:.6f}")
    for name, run in ((quant, model), ("float32", ref)):
        print(
            f"{name}: batch independence, worst cosine alone vs in a batch: "
            f"{batch_independence(run):.7f}"
        )
    for label, texts in (("memories", memories(2048, 3)), ("dialogue turns", turns(1024, 4))):
        for name, run in ((quant, model), ("float32", ref)):
            print(
                f"{name}: {label} (avg {run.tokens(texts):.1f} tokens): "
                f"{throughput(run, texts):.0f} texts/s, batch 64, {threads} threads"
            )


def _torch_agreement(src: Path, ref: _Runner, texts: list[str]) -> float:
    import torch

    bert = load_bert(src)
    enc = ref.tok.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc])
    mask = torch.tensor([e.attention_mask for e in enc])
    with torch.no_grad():
        states = bert(input_ids=ids, attention_mask=mask).last_hidden_state
    m = mask[..., None].float()
    vec = ((states * m).sum(1) / m.sum(1).clamp(min=1e-9)).numpy()
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    return float(((vec * ref(texts)).sum(axis=1)).min())
