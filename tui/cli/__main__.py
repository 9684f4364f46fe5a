"""``python -m tui.cli``: the ``newsmark`` command."""

from __future__ import annotations

import sys

from .entry import main

sys.exit(main())
