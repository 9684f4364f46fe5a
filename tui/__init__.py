"""newsmark's terminal interface: the command line and the Textual reader.

Importing this package imports nothing heavy; the Textual app lives in ``tui.app``
and is only imported by the interactive command.
"""
