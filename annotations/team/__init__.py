"""Team work on one corpus: split exports for git, agreement between annotators."""
