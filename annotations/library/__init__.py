"""The library: many article files listed at once, from a cheap scan and a persistent index."""
