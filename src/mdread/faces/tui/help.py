"""The help screen, generated from the screens' and widgets' own BINDINGS, so it can never drift from them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Rows = list[tuple[str, str]]
"""(keys, description) pairs, one per thing a key does."""


def keymap(app: App[object]) -> Mapping[str, str]:
    """Binding id → keys, as the user's config remapped them (Textual keeps this without a public reader)."""
    return getattr(app, "_keymap", {})


def binding_rows(bindings: Iterable[BindingType], app: App[object]) -> Rows:
    """(keys, description) for every described binding of ``bindings``, keys merged per description.

    Only the bindings a class declares itself are listed, never the generic
    ones it inherits (a table's "Cursor left"), so help says what mdread's keys
    do. A binding remapped in the config shows its new keys; one with an id
    shows it, ``[next_section]``, since that is the name to remap it by in the
    config file's ``[keymap]``.
    """
    remapped = keymap(app)
    rows: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        if not binding.description:
            continue
        keys = rows.setdefault(binding.description, [])
        chosen = remapped.get(binding.id, binding.key) if binding.id else binding.key
        for key in chosen.split(","):
            shown = app.get_key_display(Binding(key.strip(), ""))
            if shown not in keys:
                keys.append(shown)
        if binding.id:
            ids.setdefault(binding.description, binding.id)
    return [(" ".join(keys), f"{description}  [{ids[description]}]" if description in ids else description)
            for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Every key of the screen beneath, with what it does, in sections (the screen's, then its panels')."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: 80%; border: round $accent; background: $surface; padding: 0 1;
    }
    HelpScreen .section { margin-top: 1; text-style: bold; color: $accent; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, title: str, sections: Sequence[tuple[str, Rows]]) -> None:
        super().__init__()
        self.title_text = title
        self.sections = list(sections)

    @property
    def rows(self) -> Rows:
        """Every row of every section."""
        return [row for _, rows in self.sections for row in rows]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.title_text, style="bold"))
            for heading, rows in self.sections:
                if heading:
                    yield Static(Text(heading), classes="section")
                table = Table(box=None, show_header=False, expand=True, padding=(0, 2))
                table.add_column(no_wrap=True)
                table.add_column()
                for keys, description in rows:
                    table.add_row(Text(keys, style="bold"), Text(description))
                yield Static(table)
            yield Static(Text("Esc closes · keys can be remapped in config.toml [keymap]", style="dim"))
