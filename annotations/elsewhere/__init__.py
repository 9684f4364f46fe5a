"""Elsewhere: the sentences of other articles that state what a sentence states, ranked,
each marked by whether its numbers and dates agree (``same``, ``differs``, ``none``)."""
