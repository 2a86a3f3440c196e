"""The language picker: every Pygments language, filtered as you type."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from mdread.render.code.languages import PLAIN, catalogue

AS_WRITTEN = ""


def matches(query: str) -> list[tuple[str, str]]:
    """(alias, label) pairs for ``query``: exact alias matches first, then prefixes, then substrings."""
    q = query.strip().lower()
    ranked: list[tuple[int, str, str, str]] = []
    for info in catalogue():
        aliases = [a.lower() for a in info.aliases]
        label = f"{info.name}  ({', '.join(info.aliases[:4])})"
        if not q:
            rank = 3
        elif q in aliases:
            rank = 0
        elif info.name.lower().startswith(q) or any(a.startswith(q) for a in aliases):
            rank = 1
        elif q in label.lower():
            rank = 2
        else:
            continue
        ranked.append((rank, info.name.lower(), info.alias, label))
    ranked.sort()
    return [(alias, label) for _, _, alias, label in ranked]


class LanguagePicker(ModalScreen[str | None]):
    """Choose how one code block is highlighted; dismisses with an alias, ``""`` for as written, or None.

    A suggested dialect (``cpp`` → ``cuda``) is the first, highlighted option, so
    Enter alone accepts it.
    """

    DEFAULT_CSS = """
    LanguagePicker { align: center middle; }
    LanguagePicker > Vertical {
        width: 64; height: 24; border: round $accent; background: $surface; padding: 0 1;
    }
    LanguagePicker Input { margin-bottom: 1; }
    LanguagePicker OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, block: int, written: str | None, current: str | None, suggested: str | None = None) -> None:
        super().__init__()
        self.block = block
        self.written = written
        self.current = current
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            shown = self.current or self.written or "plain text"
            yield Label(Text(f"Highlight code block {self.block} as… (now: {shown})"))
            yield Input(placeholder="type to filter: cuda, ts, sh, c++ …")
            yield OptionList()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        head = [Option(Text(f"as written ({self.written or 'none'})"), id="=written"),
                Option(Text("plain text"), id=f"={PLAIN}")]
        if self.suggested:
            head.insert(0, Option(Text(f"{self.suggested} — suggested by the code (Enter accepts)"),
                                  id=f"={self.suggested}"))
        found = [Option(Text(label), id=alias) for alias, label in matches(query)]
        options.add_options(([] if query else head) + found)
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == "=written":
            self.dismiss(AS_WRITTEN)
        elif option_id:
            self.dismiss(option_id.lstrip("="))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))
