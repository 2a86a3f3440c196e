"""The help screen, generated from the bindings in force, so it can never drift from them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding active on ``screen``, keys merged per description.

    A binding with an id shows it, ``[next_section]``, since that is the name
    to remap it by in the config file's ``[keymap]``.
    """
    app = screen.app
    rows: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        keys = rows.setdefault(binding.description, [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
        if binding.id:
            ids.setdefault(binding.description, binding.id)
    return [(" ".join(keys), f"{description}  [{ids[description]}]" if description in ids else description)
            for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Every key of the screen beneath, with what it does."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; height: 80%; border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        for keys, description in self.rows:
            table.add_row(Text(keys, style="bold"), Text(description))
        with VerticalScroll():
            yield Static(Text(self.title_text, style="bold"))
            yield Static(table)
            yield Static(Text("Esc closes · keys can be remapped in config.toml [keymap]", style="dim"))
