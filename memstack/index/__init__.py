"""Pure retrieval building blocks: keyword analysis and BM25, vectors, fusion."""
