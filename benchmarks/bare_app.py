"""The baseline: a bare Textual app (Header, Static, Footer) that paints one line."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Russian forces have begun firing artillery shells")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
