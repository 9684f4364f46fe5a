"""Input formats: decoding, text hygiene, front matter and one parser per format, chosen by one registry."""
