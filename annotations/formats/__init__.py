"""Input formats: decoding, text hygiene, front matter and one parser per format, chosen by
one registry (:mod:`annotations.formats.registry`); :mod:`~annotations.formats.loader` turns
a file into an Article, :mod:`~annotations.formats.progressive` completes a big one."""
