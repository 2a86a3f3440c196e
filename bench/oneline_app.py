"""The smallest Textual app there is: one line of text. Its first paint is the floor for any Textual reader."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("one line of Textual")


if __name__ == "__main__":
    OneLine().run()
