"""Exchange with other tools: export (YAML, JSON), import, and the tag statistics."""
