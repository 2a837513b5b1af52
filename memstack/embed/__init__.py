"""Embedders: the shipped offline ONNX model, a deterministic fake, and HTTP providers."""

from .base import EmbeddingModel, InputType, normalize

__all__ = ["EmbeddingModel", "InputType", "normalize"]
