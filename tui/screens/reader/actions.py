"""The reader's keys, by concern: each mixin holds the ``action_*`` methods (and message
handlers) of one helper of the reader screen; :class:`ReaderActions` gathers them for
:class:`~tui.screens.reader.screen.ReaderScreen`."""

from __future__ import annotations

from .checking import CheckingActions
from .elsewhere import ElsewhereActions
from .learning import LearningActions
from .moving import MovingActions
from .search import SearchActions
from .side_panels import PanelActions
from .suggestion_keys import SuggestionActions
from .tasks import TaskActions
from .word_mode import WordActions


class ReaderActions(
    MovingActions,
    LearningActions,
    SuggestionActions,
    SearchActions,
    PanelActions,
    TaskActions,
    WordActions,
    CheckingActions,
    ElsewhereActions,
):
    """Every mixin of the reader's keys, in the order their methods are looked up."""
