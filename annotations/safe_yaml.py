"""PyYAML with its C loader and dumper when present, safe loading only."""

from __future__ import annotations

import yaml

try:
    SafeLoader: type = yaml.CSafeLoader
    SafeDumper: type = yaml.CSafeDumper
    HAS_LIBYAML = True
except AttributeError:  # PyYAML built without libyaml
    SafeLoader = yaml.SafeLoader
    SafeDumper = yaml.SafeDumper
    HAS_LIBYAML = False
