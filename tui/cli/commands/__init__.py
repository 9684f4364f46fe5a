"""One module per ``newsmark`` command, each with ``register(subparsers)`` and ``run(args)``
(listed in :mod:`tui.cli.registry`)."""
