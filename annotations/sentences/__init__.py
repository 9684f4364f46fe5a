"""Sentence boundaries: the splitter (pysbd plus news corrections), its cache and the background splitter."""
