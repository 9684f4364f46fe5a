"""The annotation store: TinyDB files per article, the writer lock, the record schema and the per-article annotation model."""
