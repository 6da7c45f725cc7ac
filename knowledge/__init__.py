"""Knowledge engine: parse articles, analyse German text, index with BM25, search."""
