"""Sentence boundaries: the splitter (pysbd plus news corrections) and its cache."""
