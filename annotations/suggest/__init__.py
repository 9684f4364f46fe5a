"""Suggestions: tags proposed for sentences, with the reason that triggered them.

Suggesters (:mod:`annotations.suggest.registry`) propose ``(tag, reason)`` per sentence;
:mod:`annotations.suggest.engine` combines them and drops what the analyst already
tagged, rejected, or taught a pattern not to propose (:mod:`annotations.suggest.decisions`).
"""
